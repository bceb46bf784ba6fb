import { describe, expect, it } from "vitest";
import { dietTagConflict } from "./menu-diet";

const tofu = {
  allergens: ["soy", "wheat"],
  contains: ["soy-sauce", "sesame-oil"],
  dietaryTags: ["vegetarian", "vegan", "dairy-free"],
};

describe("R1-3: diet tags the dish's contents contradict", () => {
  it("refuses vegan with butter in words the owner can act on", () => {
    expect(dietTagConflict({ ...tofu, contains: [...tofu.contains, "butter"] })).toBe(
      "A vegan dish can't contain butter (milk). Untick Vegan or the ingredient.",
    );
    // Dairy-free alone with butter is refused too.
    expect(dietTagConflict({ ...tofu, dietaryTags: ["dairy-free"], contains: ["butter"] })).toMatch(
      /^A dairy-free dish can't contain butter \(milk\)/,
    );
  });

  it("refuses each diet's own contradictions, by ingredient or by ticked allergen", () => {
    const cases: [string, { allergens?: string[]; contains?: string[] }, RegExp][] = [
      ["vegan", { contains: ["honey"] }, /vegan dish can't contain honey/],
      ["vegan", { contains: ["fish-sauce"] }, /vegan dish can't contain fish sauce \(fish\)/],
      [
        "vegan",
        { allergens: ["egg"] },
        /vegan dish can't contain egg\. Untick Vegan or the allergen/,
      ],
      ["vegan", { allergens: ["shellfish"] }, /vegan dish can't contain shellfish/],
      ["vegetarian", { contains: ["pork"] }, /vegetarian dish can't contain pork/],
      ["vegetarian", { allergens: ["fish"] }, /vegetarian dish can't contain fish/],
      [
        "gluten-free",
        { contains: ["soy-sauce"] },
        /gluten-free dish can't contain soy sauce \(soy, wheat\)/,
      ],
      ["gluten-free", { allergens: ["Wheat"] }, /gluten-free dish can't contain wheat/],
      ["dairy-free", { allergens: ["milk"] }, /dairy-free dish can't contain milk/],
      ["halal", { contains: ["pork"] }, /halal dish can't contain pork\. Untick Halal/],
      ["halal", { contains: ["alcohol"] }, /halal dish can't contain sake or mirin/],
      ["pescatarian", { contains: ["beef"] }, /pescatarian dish can't contain beef/],
      ["pescatarian", { contains: ["chicken"] }, /pescatarian dish can't contain chicken/],
    ];
    for (const [tag, facts, words] of cases)
      expect(
        dietTagConflict({ allergens: [], contains: [], ...facts, dietaryTags: [tag] }),
        `${tag} ${JSON.stringify(facts)}`,
      ).toMatch(words);
  });

  it("lets a consistent dish and an 'on request' tag through", () => {
    expect(dietTagConflict(tofu)).toBeNull();
    expect(
      dietTagConflict({
        allergens: ["milk", "wheat", "soy"],
        contains: ["butter", "soy-sauce"],
        dietaryTags: ["vegetarian", "gluten-free-on-request", "dairy-free-on-request"],
      }),
    ).toBeNull();
    expect(
      dietTagConflict({ allergens: ["fish"], contains: ["fish"], dietaryTags: ["pescatarian"] }),
    ).toBeNull();
  });
});
