"use client";
import type { ReactNode } from "react";
import { Stepper, cx } from "@myhibachi/ui";
import { formatCents, isIncludedProtein } from "@myhibachi/shared";

export interface ProteinOption {
  slug: string;
  name: string;
  kind: string;
  priceCents: number;
  allergens: string[];
  dietaryTags: string[];
}

/**
 * Portions per protein in two compact groups (included in the package, upgrades with their
 * surcharge), with a counter that stays in view while the list scrolls. Changing a count goes
 * through the draft reducer, which keeps the total right (an upgrade takes its portion from the
 * included protein with the most). Shared by the booking wizard and finish-a-hold.
 */
export function ProteinPicker({
  items,
  value,
  onChange,
  portionsNeeded,
  perGuest,
  error,
  sayError = false,
  mark,
}: {
  items: ProteinOption[];
  value: Record<string, number>;
  onChange: (slug: string, count: number) => void;
  portionsNeeded: number;
  perGuest: number;
  /**
   * Why Continue was refused: the counter turns red until a count changes. The wizard says the
   * sentence in the bar under the step (messages.ts); with `sayError` it is said here, under
   * the counter (finish-a-hold, which has no bar).
   */
  error?: string | null;
  sayError?: boolean;
  /** What a row says for the party's dietary profile ("Contains shellfish": dietary-fields.tsx). */
  mark?: ((slug: string) => ReactNode) | undefined;
}) {
  const portions = Object.values(value).reduce((s, n) => s + n, 0);
  const included = items.filter(isIncludedProtein);
  const upgrades = items.filter((i) => !isIncludedProtein(i));
  const left = portionsNeeded - portions;
  const row = (i: ProteinOption) => (
    <li key={i.slug} className="flex items-center justify-between gap-2 py-1.5">
      <div className="min-w-0">
        <p className="font-medium leading-tight">
          {i.name}
          {i.dietaryTags.includes("vegan") && (
            <span className="ml-1 text-xs font-normal text-green-800">vegan</span>
          )}
        </p>
        {mark?.(i.slug)}
        <p className="text-xs text-muted">
          {i.priceCents > 0 && (
            <span className="font-semibold text-amber-900">+{formatCents(i.priceCents)} · </span>
          )}
          Contains: {i.allergens.join(", ") || "none listed"}
        </p>
      </div>
      <Stepper
        id={`protein-${i.slug}`}
        label={`${i.name} portions`}
        value={value[i.slug] ?? 0}
        max={portionsNeeded}
        atMost={`At most ${portionsNeeded} ${i.name} portions: that is every portion for your party.`}
        onChange={(n) => onChange(i.slug, n)}
      />
    </li>
  );
  return (
    <div
      className="flex flex-col gap-2"
      id="proteins"
      tabIndex={-1}
      aria-describedby={sayError && error ? "proteins-error" : undefined}
    >
      <div
        className={cx(
          "sticky top-0 z-10 -mx-1 rounded-lg border px-3 py-2 text-sm shadow-sm",
          left === 0
            ? "border-green-300 bg-green-50 text-green-900"
            : error
              ? "border-red-400 bg-red-50 text-red-900"
              : "border-amber-300 bg-amber-50 text-amber-950",
        )}
        data-testid="portions-counter"
      >
        <p role="status" className="font-semibold">
          {portions} of {portionsNeeded} portions chosen
          <span className="font-normal">
            {" "}
            ({perGuest} per guest)
            {left > 0 ? `: ${left} more to choose` : left < 0 ? `: ${-left} too many` : ""}
          </span>
        </p>
      </div>
      {sayError && error && (
        <p id="proteins-error" role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
      <div className="flex flex-col gap-3">
        <section aria-labelledby="included-heading">
          <h3 id="included-heading" className="font-semibold">
            Included in the package
          </h3>
          <ul className="divide-y divide-stone-100">{included.map(row)}</ul>
        </section>
        {upgrades.length > 0 && (
          <section aria-labelledby="upgrades-heading">
            <h3 id="upgrades-heading" className="font-semibold">
              Upgrades <span className="font-normal text-muted">(per portion)</span>
            </h3>
            <p className="text-xs text-muted">
              Each upgrade replaces one portion of the included protein you have the most of.
            </p>
            <ul className="divide-y divide-stone-100">{upgrades.map(row)}</ul>
          </section>
        )}
      </div>
    </div>
  );
}
