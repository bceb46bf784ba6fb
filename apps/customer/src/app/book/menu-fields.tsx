"use client";
// The menu choices (package, proteins, allergies), shared by the wizard's menu step and the
// finish-a-hold page.
import type { ReactNode } from "react";
import { cx } from "@myhibachi/ui";
import { formatCents } from "@myhibachi/shared";
import { AllergiesField } from "./address-contact-fields";
import { packageOf, portionsNeeded } from "./draft";
import { ProteinPicker } from "./protein-picker";
import type { StepProps } from "./types";

/** The package choice: one radio per package, with its prices and proteins per guest. */
export function PackageChoice({
  packages,
  value,
  onChange,
  name = "package",
  id,
  showLegend = false,
  mark,
}: {
  packages: StepProps["catalog"]["packages"];
  /** What a package's card says for the party's dietary profile ("package:<slug>"). */
  mark?: ((slug: string) => ReactNode) | undefined;
  value: string;
  onChange: (slug: string) => void;
  /** The radios' name (one group per page). */
  name?: string;
  /** The fieldset's id: the wizard's errors point at "package". */
  id?: string;
  /** The "Package" legend on screen (else for screen readers only). */
  showLegend?: boolean;
}) {
  return (
    <fieldset className="grid gap-3 sm:grid-cols-2" id={id}>
      <legend className={showLegend ? "mb-1 text-sm font-medium" : "sr-only"}>Package</legend>
      {packages.map((p) => {
        const on = value === p.slug;
        return (
          <label
            key={p.slug}
            className={cx(
              "flex cursor-pointer flex-col rounded-xl border p-3",
              on ? "border-brand-700 bg-brand-50" : "border-stone-300",
            )}
          >
            <span className="flex items-center gap-2 font-semibold">
              <input
                type="radio"
                name={name}
                value={p.slug}
                checked={on}
                onChange={() => onChange(p.slug)}
                className="h-4 w-4 accent-brand-700"
              />
              {p.name}
            </span>
            <span className="text-sm">
              {formatCents(p.adultPriceCents)} / adult · {formatCents(p.childPriceCents)} / child ·{" "}
              {p.proteinsPerGuest} proteins each
            </span>
            {p.allergens?.length ? (
              <span className="text-xs text-muted" data-testid="package-contains">
                Contains: {p.allergens.join(", ")}
              </span>
            ) : null}
            {mark?.(`package:${p.slug}`)}
          </label>
        );
      })}
    </fieldset>
  );
}

/**
 * The package, the proteins (compact, rebalanced) and allergies: shared with finish-a-hold.
 * `sayProteinCount`: the protein count's message is said under the counter (finish-a-hold), not
 * in a bar under the step (the wizard; messages.ts).
 */
export function MenuFields({
  draft,
  dispatch,
  catalog,
  menu,
  errors,
  sayProteinCount = false,
  top,
  mark,
  afterProteins,
}: StepProps & {
  sayProteinCount?: boolean;
  /** Shown first (the party's allergies and diets: dietary-fields.tsx). */
  top?: ReactNode;
  /** What a protein's row says for the party's dietary profile (protein-picker.tsx). */
  mark?: ((slug: string) => ReactNode) | undefined;
  /** Shown under the proteins (the menu suggestions). */
  afterProteins?: ReactNode;
}) {
  const pkg = packageOf(draft, menu);
  const guests = draft.adults + draft.children;
  const proteinItems = catalog.items.filter((i) => i.kind === "PROTEIN" || i.kind === "UPGRADE");
  return (
    <div className="flex flex-col gap-5">
      {top}
      <PackageChoice
        id="package"
        packages={catalog.packages}
        value={draft.packageSlug}
        onChange={(slug) => dispatch({ type: "package", slug, menu })}
        mark={mark}
      />
      <div>
        <h3 className="mb-2 text-lg font-semibold">
          Proteins for {guests} {guests === 1 ? "guest" : "guests"}
        </h3>
        <ProteinPicker
          items={proteinItems}
          value={draft.proteins}
          onChange={(slug, count) => dispatch({ type: "protein", slug, count, menu })}
          portionsNeeded={portionsNeeded(draft, menu)}
          perGuest={pkg?.proteinsPerGuest ?? 0}
          error={errors.proteins ?? null}
          sayError={sayProteinCount}
          mark={mark}
        />
      </div>
      {afterProteins}
      <AllergiesField
        value={draft.allergies}
        onChange={(value) => dispatch({ type: "allergies", value })}
        error={errors.allergies ?? null}
      />
    </div>
  );
}
