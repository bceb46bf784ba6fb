"use client";
import { Card } from "@myhibachi/ui";
import { dietParts } from "../dietary-fields";
import { MenuFields } from "../menu-fields";
import type { StepProps } from "../types";
import { StepHeading } from "./step-heading";

/**
 * Step 2: the party's allergies and diets (asked once, at the top), the package and proteins
 * (anything unsafe for the party marked, never preselected), "Popular with parties like yours".
 */
export function MenuStep(props: StepProps) {
  const diet = dietParts({ ...props, surface: "wizard-menu" });
  return (
    <Card>
      <StepHeading>Package and proteins</StepHeading>
      <div className="mt-3">
        <MenuFields {...props} top={diet.top} mark={diet.mark} afterProteins={diet.after} />
      </div>
    </Card>
  );
}
