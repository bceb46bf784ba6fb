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
});
