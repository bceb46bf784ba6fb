"use client";
import { useMemo, useState } from "react";
import { Badge, Card } from "@myhibachi/ui";
import {
  allergensContained,
  dietaryMatch,
  extraLimitWords,
  formatCents,
  MAJOR_ALLERGENS,
} from "@myhibachi/shared";
import { MENU_DIETS } from "./menu-filters";

interface Item {
  id: string;
  slug: string;
  name: string;
  description: string;
  kind: string;
  pricing: string;
  priceCents: number;
  servesGuests: number | null;
  /** Every allergen it contains (ticked, then implied by an ingredient: getMenu). */
  allergens: string[];
  /** Ingredient slugs; the filter counts what they imply too (dietaryMatch). */
  contains?: string[];
  dietaryTags: string[];
  seasonalTags: string[];
}
interface Pkg {
  id: string;
  name: string;
  adultPriceCents: number;
  childPriceCents: number;
  proteinsPerGuest: number;
  includes?: string[];
  /** Every allergen its own included dishes contain (getMenu: ticked and implied). */
  allergens?: string[];
}

const SECTIONS: { kind: string; title: string; note: string }[] = [
  {
    kind: "PROTEIN",
    title: "Proteins",
    note: "Included in every package: each guest picks their proteins.",
  },
  {
    kind: "UPGRADE",
    title: "Premium upgrades",
    note: "Swap a protein for a premium cut, priced per portion.",
  },
  { kind: "APPETIZER", title: "Appetizers", note: "" },
  { kind: "SIDE", title: "Sides", note: "" },
  { kind: "ADDON", title: "Add-ons", note: "" },
];
export function MenuView({
  packages,
  items,
  initial = { diet: "", avoid: [] },
}: {
  packages: Pkg[];
  items: Item[];
  /** The filters the page was opened with (menuFiltersOf). */
  initial?: { diet: string; avoid: string[] };
}) {
  const [diet, setDiet] = useState<string>(initial.diet);
  const [avoid, setAvoid] = useState<string[]>(initial.avoid);
  const visible = useMemo(
    () =>
      items.filter(
        (i) => (!diet || dietaryMatch(i, diet)) && avoid.every((a) => dietaryMatch(i, a)),
      ),
    [items, diet, avoid],
  );
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-3xl font-extrabold">Menu</h1>
        <ul className="mt-2 flex flex-col gap-1 text-muted">
          {packages.map((p) => (
            <li key={p.id} data-testid="menu-package">
              {`${p.name}: ${formatCents(p.adultPriceCents)} per adult, ${formatCents(p.childPriceCents)} per child, ${p.proteinsPerGuest} proteins each`}
              {p.includes?.length ? (
                <span className="block text-sm">Includes {p.includes.join(", ")}.</span>
              ) : null}
              {p.allergens?.length ? (
                <span className="block text-sm font-medium text-stone-800">
                  Contains: {p.allergens.join(", ")}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
      <fieldset className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4">
        <legend className="px-1 font-semibold">Filter for your guests</legend>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="diet" className="text-sm">
            Diet
          </label>
          <select
            id="diet"
            value={diet}
            onChange={(e) => setDiet(e.target.value)}
            className="min-h-11 rounded-lg border border-stone-300 px-2"
          >
            <option value="">Any</option>
            {MENU_DIETS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-wrap gap-3 text-sm">
          <span>Avoid allergens:</span>
          {MAJOR_ALLERGENS.map((a) => (
            <label key={a} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={avoid.includes(a)}
                onChange={(e) =>
                  setAvoid(e.target.checked ? [...avoid, a] : avoid.filter((x) => x !== a))
                }
              />
              {a}
            </label>
          ))}
        </div>
      </fieldset>
      {SECTIONS.map((s) => {
        const list = visible.filter((i) => i.kind === s.kind);
        if (!list.length) return null;
        return (
          <section key={s.kind} aria-labelledby={`h-${s.kind}`}>
            <h2 id={`h-${s.kind}`} className="text-xl font-bold">
              {s.title}
            </h2>
            {s.note && <p className="text-sm text-muted">{s.note}</p>}
            <ul className="mt-3 grid gap-3 sm:grid-cols-2">
              {list.map((i) => (
                <li key={i.id}>
                  <Card className="h-full">
                    <div className="flex items-baseline justify-between gap-2">
                      <h3 className="font-semibold">{i.name}</h3>
                      <span className="whitespace-nowrap font-semibold text-brand-700">
                        {i.priceCents === 0
                          ? "Included"
                          : `+${formatCents(i.priceCents)}${i.pricing === "PER_PERSON" ? (i.kind === "UPGRADE" ? " / portion" : " / person") : ""}`}
                      </span>
                    </div>
                    <p className="mt-1 text-sm">{i.description}</p>
                    {i.pricing === "FLAT" && (
                      <p className="mt-1 text-xs text-muted">
                        {extraLimitWords({ pricing: "FLAT", servesGuests: i.servesGuests }, 0)}
                      </p>
                    )}
                    <div className="mt-2 flex flex-wrap gap-1">
                      {i.dietaryTags.map((t) => (
                        <Badge key={t} tone="green">
                          {t.replace(/-/g, " ")}
                        </Badge>
                      ))}
                      {i.seasonalTags.map((t) => (
                        <Badge key={t} tone="blue">
                          {t}
                        </Badge>
                      ))}
                    </div>
                    {allergensContained(i).length > 0 && (
                      <p className="mt-2 text-xs text-muted">
                        Contains: {allergensContained(i).join(", ")}
                      </p>
                    )}
                  </Card>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {visible.length === 0 && (
        <p role="status">
          Nothing on the menu matches these filters. Call us: we can often adapt dishes.
        </p>
      )}
    </div>
  );
}
