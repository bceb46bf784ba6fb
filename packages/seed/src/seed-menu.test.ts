// The demo menu's ingredients agree with its ticked allergens and diet tags (issue 16): an
// ingredient never implies an allergen the owner didn't tick, and never breaks a diet the item is
// tagged with outright, so the matrix a customer reads is the one the filter decides with.
import {
  INGREDIENTS,
  dietTagConflict,
  isDiet,
  isIngredient,
  itemSuitsDiet,
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
