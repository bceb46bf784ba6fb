"use client";
import { Card } from "@myhibachi/ui";
import { MenuFields } from "../menu-fields";
import type { StepProps } from "../types";
import { StepHeading } from "./step-heading";

/** Step 2: package and proteins. */
export function MenuStep(props: StepProps) {
  return (
    <Card>
      <StepHeading>Package and proteins</StepHeading>
      <div className="mt-3">
        <MenuFields {...props} />
      </div>
    </Card>
  );
}
