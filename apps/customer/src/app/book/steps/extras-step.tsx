"use client";
import { Card } from "@myhibachi/ui";
import { unsafeMarker } from "../dietary-fields";
import { extraItems, ExtrasPicker } from "../extras-picker";
import type { StepProps } from "../types";
import { StepHeading } from "./step-heading";

/** Step 3: appetizers, sides and add-ons (optional). */
export function ExtrasStep({ draft, dispatch, catalog, menu, errors }: StepProps) {
  return (
    <Card>
      <StepHeading>Appetizers, sides and add-ons</StepHeading>
      <p className="text-sm text-muted">
        Optional. Per-person items: choose how many servings (“Everyone” is one each).
      </p>
      {errors.extras && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {errors.extras}
        </p>
      )}
      <div className="mt-3">
        <ExtrasPicker
          items={extraItems(catalog)}
          value={draft.extras}
          onChange={(slug, count) => dispatch({ type: "extra", slug, count, menu })}
          guests={draft.adults + draft.children}
          pkg={catalog.packages.find((p) => p.slug === draft.packageSlug)}
          mark={unsafeMarker(menu.items, draft.dietaryProfile)}
        />
      </div>
    </Card>
  );
}
