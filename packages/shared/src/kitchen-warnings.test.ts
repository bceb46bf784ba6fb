// Finding R1-10: a booking whose menu contradicts its own dietary profile is accepted (not every
// guest eats every dish), but the kitchen order says so, one line per dish.
import { describe, expect, it } from "vitest";
import { kitchenOrder, kitchenOrderText } from "./kitchen-order";
import { kitchenWarnings, type KitchenWarningItem } from "./kitchen-warnings";
import type { DietaryProfile } from "./diet-profile";

const MENU: (KitchenWarningItem & { kind: "PROTEIN" | "UPGRADE" | "APPETIZER" })[] = [
  {
    slug: "chicken",
    name: "Hibachi chicken",
    kind: "PROTEIN",
    pricing: "PER_PERSON",
    allergens: ["soy", "wheat", "sesame"],
    contains: ["chicken", "teriyaki", "sesame-oil"],
    dietaryTags: ["halal-on-request"],
  },
  {
    slug: "jumbo-shrimp",
    name: "Jumbo tiger shrimp",
    kind: "UPGRADE",
    pricing: "PER_PERSON",
    allergens: ["shellfish", "milk", "soy"],
    contains: ["shrimp", "butter"],
    dietaryTags: ["pescatarian", "gluten-free"],
  },
  {
    slug: "tofu",
    name: "Crispy tofu",
    kind: "PROTEIN",
    pricing: "PER_PERSON",
    allergens: ["soy"],
    contains: [],
    dietaryTags: ["vegetarian", "vegan"],
  },
  {
    slug: "gyoza",
    name: "Pork gyoza",
    kind: "APPETIZER",
    pricing: "PER_PERSON",
    allergens: ["wheat", "soy"],
    contains: ["pork", "noodles", "soy-sauce"],
    dietaryTags: [],
  },
];

const profile = (p: Partial<DietaryProfile>): DietaryProfile => ({
  avoid: [],
  diets: [],
  likes: [],
  ...p,
});
const party = {
  adults: 12,
  children: 0,
  proteins: { "jumbo-shrimp": 12, chicken: 12 },
  extras: { gyoza: 12 },
};

describe("kitchenWarnings (finding R1-10)", () => {
  it("names each ordered dish the profile rules out, with who avoids what", () => {
    const w = kitchenWarnings(
      {
        selection: party,
        profile: profile({
          avoid: [{ value: "shellfish", guests: 12 }],
          diets: [{ value: "vegetarian", guests: 2 }],
        }),
      },
      MENU,
    );
    expect(w).toEqual([
      "⚠ Jumbo tiger shrimp (12) contains shellfish: 12 guests avoid shellfish; is not vegetarian: 2 guests are vegetarian",
      "⚠ Hibachi chicken (12) is not vegetarian: 2 guests are vegetarian",
      "⚠ Pork gyoza (12 servings) is not vegetarian: 2 guests are vegetarian",
    ]);
  });

  it("says one guest and unknown counts in plain words", () => {
    const w = kitchenWarnings(
      {
        selection: { adults: 4, children: 0, proteins: { "jumbo-shrimp": 8 } },
        profile: profile({
          avoid: [
            { value: "shellfish", guests: 1 },
            { value: "milk", guests: null },
          ],
          diets: [{ value: "halal", guests: 1 }],
        }),
      },
      MENU,
    );
    expect(w).toEqual([
      "⚠ Jumbo tiger shrimp (8) contains shellfish: 1 guest avoids shellfish; contains milk: some guests avoid milk; is not halal: 1 guest eats halal",
    ]);
  });

  it("is empty when everything ordered is safe, with no profile, or for a dish off the menu", () => {
    const tofuOnly = { adults: 4, children: 0, proteins: { tofu: 8, "wagyu-a5": 2 } };
    const vegan = profile({ diets: [{ value: "vegan", guests: 4 }] });
    expect(kitchenWarnings({ selection: tofuOnly, profile: vegan }, MENU)).toEqual([]);
    expect(kitchenWarnings({ selection: party, profile: null }, MENU)).toEqual([]);
    expect(
      kitchenWarnings({ selection: party, profile: profile({ likes: ["spicy"] }) }, MENU),
    ).toEqual([]);
  });

  it("warns about the package's own dishes too (R1-2), as what they contain", () => {
    const classic = {
      name: "Classic Hibachi",
      allergens: [],
      contains: ["egg", "soy-sauce", "butter", "yum-yum-sauce"],
    };
    const tofuOnly = { adults: 4, children: 0, proteins: { tofu: 8 } };
    expect(
      kitchenWarnings(
        {
          selection: tofuOnly,
          profile: profile({
            avoid: [{ value: "egg", guests: 2 }],
            diets: [{ value: "vegetarian", guests: 4 }],
          }),
          package: classic,
        },
        MENU,
      ),
    ).toEqual(["⚠ Classic Hibachi's included dishes contain egg: 2 guests avoid egg"]);
    expect(
      kitchenWarnings(
        {
          selection: tofuOnly,
          profile: profile({ diets: [{ value: "vegan", guests: 1 }] }),
          package: classic,
        },
        MENU,
      ),
    ).toEqual(["⚠ Classic Hibachi's included dishes are not vegan: 1 guest is vegan"]);
    // A package with no facts (a row from before them) is not guessed about.
    expect(
      kitchenWarnings(
        {
          selection: tofuOnly,
          profile: profile({ avoid: [{ value: "egg", guests: 2 }] }),
          package: { name: "Old package" },
        },
        MENU,
      ),
    ).toEqual([]);
  });

  it("travels in the kitchen order and its text, and the order stays as ordered", () => {
    const p = profile({ avoid: [{ value: "shellfish", guests: 12 }] });
    const order = kitchenOrder(
      {
        packageName: "Classic Hibachi",
        selection: party,
        dietaryProfile: p,
        warnings: kitchenWarnings({ selection: party, profile: p }, MENU),
      },
      MENU,
    );
    expect(order.proteins.map((x) => x.count)).toEqual([12, 12]);
    expect(order.dietaryNeeds).toBe("12 guests avoid shellfish");
    expect(order.warnings).toEqual([
      "⚠ Jumbo tiger shrimp (12) contains shellfish: 12 guests avoid shellfish",
    ]);
    expect(kitchenOrderText(order)).toContain(
      "⚠ Jumbo tiger shrimp (12) contains shellfish: 12 guests avoid shellfish",
    );
    // Not given: none (the wizard's draft order before it knows).
    expect(kitchenOrder({ packageName: "x", selection: party }, MENU).warnings).toEqual([]);
  });
});
