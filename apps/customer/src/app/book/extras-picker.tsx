"use client";
import type { ReactNode } from "react";
import { Button, Stepper } from "@myhibachi/ui";
import {
  extraLimitWords,
  formatCents,
  includedInPackage,
  maxExtraUnits,
  tooManyExtraMessage,
} from "@myhibachi/shared";

export interface ExtraOption {
  slug: string;
  name: string;
  description: string;
  kind: string;
  pricing: "PER_PERSON" | "FLAT";
  priceCents: number;
  servesGuests: number | null;
}

const GROUPS = [
  { kind: "APPETIZER", title: "Appetizers" },
  { kind: "SIDE", title: "Sides" },
  { kind: "ADDON", title: "Add-ons" },
] as const;

/**
 * Appetizers, sides and add-ons, grouped, each with its price and a quantity ("Everyone" sets
 * one serving per guest for per-person items), up to the quote engine's limit (`maxExtraUnits`:
 * one serving per guest; enough orders of a flat item to cover the party, which a flat item
 * says under its description). What the chosen package already includes (Premium's edamame) is
 * said to be included and not sold again. Shared by the wizard and finish-a-hold.
 */
export function ExtrasPicker({
  items,
  value,
  onChange,
  guests,
  pkg,
  mark,
}: {
  items: ExtraOption[];
  value: Record<string, number>;
  onChange: (slug: string, count: number) => void;
  guests: number;
  /** The chosen package: the items it includes are not sold again. */
  pkg?: { name: string; includes: string[] } | undefined;
  /** What a row says for the party's dietary profile ("Contains shellfish": dietary-fields.tsx). */
  mark?: ((slug: string) => ReactNode) | undefined;
}) {
  return (
    <div className="flex flex-col gap-4" id="extras" tabIndex={-1}>
      {GROUPS.map((g) => {
        const list = items.filter((i) => i.kind === g.kind);
        if (list.length === 0) return null;
        return (
          <section key={g.kind} aria-labelledby={`extras-${g.kind}`}>
            <h3 id={`extras-${g.kind}`} className="font-semibold">
              {g.title}
            </h3>
            <ul className="divide-y divide-stone-100">
              {list.map((i) =>
                includedInPackage(pkg, i) ? (
                  <li
                    key={i.slug}
                    className="flex flex-wrap items-center justify-between gap-2 py-2"
                    data-testid={`extra-${i.slug}-included`}
                  >
                    <div className="min-w-0 flex-1 basis-48">
                      <p className="font-medium leading-tight">{i.name}</p>
                      <p className="text-xs text-muted">{i.description}</p>
                    </div>
                    <p className="text-sm font-semibold text-green-800">Included in {pkg!.name}</p>
                  </li>
                ) : (
                  <li
                    key={i.slug}
                    className="flex flex-wrap items-center justify-between gap-2 py-2"
                  >
                    <div className="min-w-0 flex-1 basis-48">
                      <p className="font-medium leading-tight">
                        {i.name}{" "}
                        <span className="text-sm font-normal text-amber-900">
                          {formatCents(i.priceCents)}
                          {i.pricing === "PER_PERSON" ? " / serving" : ""}
                        </span>
                      </p>
                      <p className="text-xs text-muted">{i.description}</p>
                      {mark?.(i.slug)}
                      {i.pricing === "FLAT" && (
                        <p className="text-xs text-muted" id={`extra-${i.slug}-limit`}>
                          {extraLimitWords(i, guests)}
                        </p>
                      )}
                    </div>
                    <div className="flex items-center gap-1">
                      {i.pricing === "PER_PERSON" && (
                        <Button
                          variant="ghost"
                          className="px-2"
                          type="button"
                          aria-label={`${i.name} for everyone (${guests})`}
                          onClick={() => onChange(i.slug, guests)}
                        >
                          Everyone
                        </Button>
                      )}
                      <Stepper
                        id={`extra-${i.slug}`}
                        label={`${i.name} quantity`}
                        value={value[i.slug] ?? 0}
                        max={maxExtraUnits(i, guests)}
                        atMost={tooManyExtraMessage(i, guests)}
                        onChange={(n) => onChange(i.slug, n)}
                      />
                    </div>
                  </li>
                ),
              )}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/** The menu's appetizers, sides and add-ons: what the extras picker offers. */
export function extraItems<T extends { kind: string }>(catalog: { items: T[] }): T[] {
  return catalog.items.filter(
    (i) => i.kind === "APPETIZER" || i.kind === "SIDE" || i.kind === "ADDON",
  );
}
