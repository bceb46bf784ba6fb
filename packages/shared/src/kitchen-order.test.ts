import { describe, expect, it } from "vitest";
import { kitchenOrder, kitchenOrderText, proteinSummary } from "./kitchen-order";

const MENU = [
  { slug: "chicken", name: "Chicken", kind: "PROTEIN", pricing: "PER_PERSON" },
  { slug: "steak", name: "NY Strip Steak", kind: "PROTEIN", pricing: "PER_PERSON" },
  { slug: "filet", name: "Filet Mignon", kind: "UPGRADE", pricing: "PER_PERSON" },
  { slug: "gyoza", name: "Gyoza", kind: "APPETIZER", pricing: "PER_PERSON" },
  { slug: "sake", name: "Sake bar", kind: "ADDON", pricing: "FLAT" },
] as const;

describe("kitchenOrder", () => {
  it("names every protein with its portions, most first, and marks upgrades", () => {
    const o = kitchenOrder(
      {
        packageName: "Classic",
        selection: {
          adults: 15,
          children: 0,
          proteins: { steak: 14, chicken: 15, filet: 1, shrimp: 0 },
          extras: { gyoza: 10, sake: 1 },
        },
        allergies: "  one guest: peanuts ",
        notes: "",
      },
      MENU,
    );
    expect(o.proteins).toEqual([
      { slug: "chicken", name: "Chicken", count: 15, upgrade: false },
      { slug: "steak", name: "NY Strip Steak", count: 14, upgrade: false },
      { slug: "filet", name: "Filet Mignon", count: 1, upgrade: true },
    ]);
    expect(o.extras).toEqual([
      { slug: "gyoza", name: "Gyoza", count: 10, unit: "serving" },
      { slug: "sake", name: "Sake bar", count: 1, unit: "order" },
    ]);
    expect(o.allergies).toBe("one guest: peanuts");
    expect(o.notes).toBeNull();
    expect(o.dietaryNeeds).toBeNull();
    expect(proteinSummary(o)).toBe("15 Chicken, 14 NY Strip Steak, 1 Filet Mignon (upgrade)");
  });

  it("still lists a dish that has left the menu, by its slug", () => {
    const o = kitchenOrder(
      {
        packageName: "Classic",
        selection: { adults: 1, children: 0, proteins: { "wagyu-a5": 2 } },
      },
      MENU,
    );
    expect(o.proteins[0]).toMatchObject({ name: "wagyu a5", count: 2 });
  });

  it("writes a plain-text version for emails", () => {
    const o = kitchenOrder(
      {
        packageName: "Premium",
        selection: { adults: 8, children: 2, proteins: { chicken: 20 }, extras: { sake: 1 } },
      },
      MENU,
    );
    expect(kitchenOrderText(o)).toEqual([
      "Premium for 8 adults and 2 children",
      "Proteins: 20 Chicken",
      "Extras: 1 order of Sake bar",
      "Allergies and diets: none given",
    ]);
  });

  it("says no 'none given' above dietary needs the party ticked without typing allergies (L4)", () => {
    const o = kitchenOrder(
      {
        packageName: "Classic",
        selection: { adults: 10, children: 0, proteins: { chicken: 20 } },
        allergies: "  ",
        dietaryProfile: {
          avoid: [{ value: "shellfish", guests: 2 }],
          diets: [{ value: "vegan", guests: 1 }],
          likes: [],
        },
      },
      MENU,
    );
    expect(kitchenOrderText(o)).toEqual([
      "Classic for 10 adults",
      "Proteins: 20 Chicken",
      "Dietary needs: 2 guests avoid shellfish · 1 vegan",
    ]);
  });

  it("carries the party's dietary profile as one line staff read, next to the allergies", () => {
    const o = kitchenOrder(
      {
        packageName: "Classic",
        selection: { adults: 6, children: 0, proteins: { chicken: 12 } },
        allergies: "no nuts at all",
        dietaryProfile: {
          avoid: [{ value: "shellfish", guests: 2 }],
          diets: [{ value: "vegetarian", guests: 1 }],
          likes: ["spicy"],
        },
      },
      MENU,
    );
    expect(o.dietaryNeeds).toBe("2 guests avoid shellfish · 1 vegetarian · Likes spicy");
    expect(kitchenOrderText(o)).toEqual([
      "Classic for 6 adults",
      "Proteins: 12 Chicken",
      "Allergies and diets: no nuts at all",
      "Dietary needs: 2 guests avoid shellfish · 1 vegetarian · Likes spicy",
    ]);
    const empty = { avoid: [], diets: [], likes: [] };
    expect(
      kitchenOrder(
        {
          packageName: "Classic",
          selection: { adults: 1, children: 0, proteins: {} },
          dietaryProfile: empty,
        },
        MENU,
      ).dietaryNeeds,
    ).toBeNull();
  });
});
