"use client";
import { Card } from "@myhibachi/ui";
import { DietaryFields } from "../dietary-fields";
import { unsafeMarks } from "../diet-draft";
import { DraftSuggestions } from "../draft-suggestions";
import { MenuFields } from "../menu-fields";
import type { StepProps } from "../types";
import { StepHeading } from "./step-heading";

/**
 * Step 2: the party's allergies and diets (asked once, at the top), the package and proteins
 * (anything unsafe for the party marked, never preselected), "Popular with parties like yours".
 */
export function MenuStep(props: StepProps) {
  const { draft, dispatch, catalog, menu, errors } = props;
  return (
    <Card>
      <StepHeading>Package and proteins</StepHeading>
      <div className="mt-3 flex flex-col gap-5">
        <DietaryFields
          profile={draft.dietaryProfile}
          guests={draft.adults + draft.children}
          onChange={(profile) => dispatch({ type: "diet", profile, menu })}
          errors={errors}
        />
        <MenuFields
          {...props}
          unsafe={unsafeMarks(catalog.items, draft.dietaryProfile)}
          afterProteins={
            <DraftSuggestions draft={draft} dispatch={dispatch} menu={menu} surface="wizard-menu" />
          }
        />
      </div>
    </Card>
  );
}
