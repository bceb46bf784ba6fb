// What a spoken request does on the page, from phrases written by hand as customers say them.
import { describe, expect, it } from "vitest";
import { menuFiltersOf } from "../menu/menu-filters";
import { pageActionFor } from "./voice-commands";

const filtersOf = (href: string) => {
  const q = new URL(href, "http://x").searchParams;
  return menuFiltersOf({ diet: q.getAll("diet"), avoid: q.getAll("avoid") });
};

describe("voice commands on the page", () => {
  it.each([
    ["show me vegetarian options", { diet: "vegetarian", avoid: [] }],
    ["Show me the vegan dishes", { diet: "vegan", avoid: [] }],
    ["what are your gluten free options", { diet: "gluten-free", avoid: [] }],
    ["do you have dairy free food", { diet: "dairy-free", avoid: [] }],
    ["show me the nut free menu", { diet: "", avoid: ["peanuts", "tree nuts"] }],
    ["which dishes are shellfish free", { diet: "", avoid: ["shellfish"] }],
    ["show me vegetarian options without sesame", { diet: "vegetarian", avoid: ["sesame"] }],
  ])("%j opens the menu filtered", (said, filters) => {
    const a = pageActionFor(said);
    expect(a?.href).toMatch(/^\/menu\?/);
    expect(filtersOf(a!.href)).toEqual(filters);
    expect(a!.says).toMatch(/^Showing the .+ dishes on our menu\.$/);
  });

  it.each([
    "what's available next saturday for twelve people",
    "book a table for eight on saturday",
    "how much is the premium package",
    "my son has a peanut allergy",
    "we are vegetarian, is saturday free",
    "",
  ])("%j leaves the page as it is (the chat answers it)", (said) => {
    expect(pageActionFor(said)).toBeNull();
  });
});

describe("the menu's filters from a link", () => {
  it("keeps only diets and allergens from the lists", () => {
    expect(menuFiltersOf({ diet: "vegan", avoid: ["peanuts", "peanuts", "kiwi"] })).toEqual({
      diet: "vegan",
      avoid: ["peanuts"],
    });
    expect(menuFiltersOf({ diet: "<script>", avoid: "sesame" })).toEqual({
      diet: "",
      avoid: ["sesame"],
    });
    expect(menuFiltersOf({})).toEqual({ diet: "", avoid: [] });
  });
});
