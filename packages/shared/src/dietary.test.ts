import { describe, expect, it } from "vitest";
import { allergensContained, dietaryMatch, dietOnRequest, dietTag } from "./dietary";

const edamame = { allergens: ["soy"], dietaryTags: ["vegetarian", "vegan", "gluten-free"] };
const tofu = { allergens: ["soy"], dietaryTags: ["vegan"] };
const salmon = { allergens: ["fish"], dietaryTags: ["pescatarian", "gluten-free-on-request"] };
const chicken = { allergens: [], dietaryTags: ["halal-on-request"] };
const cake = { allergens: ["Peanut", "milk"], dietaryTags: [] };

describe("dietary matching (menu filter and assistant alike)", () => {
  it("matches a diet by its tag, on request included; vegan counts as vegetarian", () => {
    expect(dietaryMatch(edamame, "vegetarian")).toBe(true);
    expect(dietaryMatch(tofu, "vegetarian")).toBe(true);
    expect(dietaryMatch(salmon, "vegetarian")).toBe(false);
    expect(dietaryMatch(salmon, "gluten-free")).toBe(true);
    expect(dietaryMatch(salmon, "Gluten")).toBe(true);
    expect(dietaryMatch(chicken, "halal")).toBe(true);
    expect(dietaryMatch(chicken, "dairy-free")).toBe(false);
  });

  it("reads anything else as an allergen to avoid, nuts as the whole group", () => {
    expect(dietaryMatch(cake, "nuts")).toBe(false);
    expect(dietaryMatch(cake, "milk")).toBe(false);
    expect(dietaryMatch(cake, "shellfish")).toBe(true);
    expect(dietaryMatch(edamame, "soy")).toBe(false);
  });

  it("counts an allergen implied by an ingredient as contained (issue 16)", () => {
    const glazed = { allergens: [], contains: ["teriyaki", "butter"], dietaryTags: [] };
    expect(dietaryMatch(glazed, "wheat")).toBe(false);
    expect(dietaryMatch(glazed, "soy")).toBe(false);
    expect(dietaryMatch(glazed, "milk")).toBe(false);
    expect(dietaryMatch(glazed, "dairy")).toBe(false);
    expect(dietaryMatch(glazed, "sesame")).toBe(true);
    const satay = { allergens: [], contains: ["peanut-oil"], dietaryTags: [] };
    expect(dietaryMatch(satay, "nuts")).toBe(false);
    expect(dietaryMatch(satay, "peanut")).toBe(false);
    expect(dietaryMatch(satay, "tree nuts")).toBe(true);
  });

  it("lists the ticked allergens, then the ones only an ingredient implies", () => {
    const item = {
      allergens: ["soy", "Peanut"],
      contains: ["teriyaki", "peanut-oil"],
      dietaryTags: [],
    };
    expect(allergensContained(item)).toEqual(["soy", "Peanut", "wheat"]);
    expect(allergensContained({ allergens: [], dietaryTags: [] })).toEqual([]);
  });

  it("doesn't believe an outright diet tag its ingredients contradict", () => {
    const butteryVegan = { allergens: [], contains: ["butter"], dietaryTags: ["vegan"] };
    expect(dietaryMatch(butteryVegan, "vegan")).toBe(false);
    expect(dietaryMatch(butteryVegan, "vegetarian")).toBe(true);
    const onRequest = { allergens: ["wheat"], dietaryTags: ["gluten-free-on-request"] };
    expect(dietaryMatch(onRequest, "gluten-free")).toBe(true);
  });

  it("tells a diet made on request from one the dish already is", () => {
    expect(dietOnRequest(salmon, "gluten")).toBe(true);
    expect(dietOnRequest(edamame, "gluten")).toBe(false);
    expect(dietOnRequest(cake, "milk")).toBe(false);
    expect(dietTag("gluten")).toBe("gluten-free");
    expect(dietTag("shellfish")).toBeNull();
  });
});
