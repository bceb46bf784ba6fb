// The demo menu's ingredients agree with its ticked allergens and diet tags (issue 16): an
// ingredient never implies an allergen the owner didn't tick, and never breaks a diet the item is
// tagged with outright, so the matrix a customer reads is the one the filter decides with.
import {
  INGREDIENTS,
  MAJOR_ALLERGENS,
  dietTagConflict,
  isDiet,
  isIngredient,
  itemSuitsDiet,
  safeForProfile,
} from "@myhibachi/shared";
import { describe, expect, it } from "vitest";
import { MENU, PACKAGES } from "./data";

describe("demo menu ingredients", () => {
  it("every item lists only known ingredients, each implying only ticked allergens", () => {
    for (const item of MENU) {
      for (const c of item.contains) {
        expect(isIngredient(c), `${item.slug}: ${c}`).toBe(true);
        if (!isIngredient(c)) continue;
        for (const a of INGREDIENTS[c].implies)
          expect(item.allergens, `${item.slug}: ${c} implies ${a}`).toContain(a);
      }
    }
  });

  it("every diet an item is tagged with outright still holds with its ingredients", () => {
    for (const item of MENU)
      for (const tag of item.dietaryTags.filter(isDiet))
        expect(itemSuitsDiet(item, tag), `${item.slug} ${tag}`).toBe(true);
  });

  it("the proteins carry what they are made of", () => {
    const bySlug = new Map(MENU.map((m) => [m.slug, m.contains]));
    expect(bySlug.get("chicken")).toEqual(["chicken", "teriyaki", "sesame-oil"]);
    expect(bySlug.get("shrimp")).toContain("shrimp");
    expect(bySlug.get("tofu")).toContain("soy-sauce");
  });

  it("the extra protein portion carries everything any standard protein has (finding L5)", () => {
    const extra = MENU.find((m) => m.slug === "extra-protein")!;
    const proteins = MENU.filter((m) => m.kind === "PROTEIN");
    const union = (pick: (m: (typeof MENU)[number]) => string[]) =>
      [...new Set(proteins.flatMap(pick))].sort();
    // In step with the proteins (and sorted, as the migration writes them for older menus).
    expect(extra.allergens).toEqual(union((m) => m.allergens));
    expect(extra.contains).toEqual(union((m) => m.contains));
    // So a party avoiding any allergen one of them has is never offered it...
    const profile = (value: string) => ({
      avoid: [{ value: value as "shellfish", guests: 1 }],
      diets: [],
      likes: [],
    });
    for (const a of MAJOR_ALLERGENS) {
      const inSome = proteins.some((p) => !safeForProfile(p, profile(a)));
      expect(safeForProfile(extra, profile(a)), a).toBe(!inSome);
    }
    // ...and nor is a party keeping a diet (it is untagged: it may be chicken or steak).
    expect(
      safeForProfile(extra, { avoid: [], diets: [{ value: "vegan", guests: 1 }], likes: [] }),
    ).toBe(false);
  });

  it("each package carries what its included dishes contain (finding R1-2)", () => {
    for (const pkg of PACKAGES)
      for (const c of pkg.contains) {
        expect(isIngredient(c), `${pkg.slug}: ${c}`).toBe(true);
        if (!isIngredient(c)) continue;
        for (const a of INGREDIENTS[c].implies)
          expect(pkg.allergens, `${pkg.slug}: ${c} implies ${a}`).toContain(a);
      }
    const bySlug = new Map(PACKAGES.map((p) => [p.slug, p]));
    // Garlic fried rice (egg, soy sauce, butter), yum yum sauce (egg), ginger dressing (soy).
    expect(bySlug.get("classic")?.contains).toEqual([
      "egg",
      "soy-sauce",
      "butter",
      "yum-yum-sauce",
    ]);
    // Premium adds the yakisoba noodles (wheat).
    expect(bySlug.get("premium")?.contains).toContain("noodles");
  });
});

describe("R1-3: the demo menu passes the owner editor's diet check", () => {
  it("no item carries a diet tag its ingredients or allergens contradict", () => {
    for (const item of MENU) expect(dietTagConflict(item), item.slug).toBeNull();
  });
});
