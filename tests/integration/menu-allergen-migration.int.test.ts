// The allergen-lists migration on menu items typed before the lists existed: words with a plain
// meaning become the list's words (so the customer menu's filter and the assistant find them),
// anything else is kept as it was (an allergen we can't read is still an allergen).
import { expect, it } from "vitest";
import { databaseBefore } from "./migration-db";

const MIGRATION = "20261129081648_menu_allergen_lists";
const db = databaseBefore(MIGRATION, "allerg");

it("rewrites typed allergens and diets to the fixed lists' words, keeping the unknown", async () => {
  const item = (id: string, allergens: string[], diets: string[]) =>
    db.query(
      `INSERT INTO "MenuItem" ("id", "slug", "name", "description", "kind", "pricing", "priceCents",
         "allergens", "dietaryTags", "seasonalTags", "updatedAt")
       VALUES ($1, $1, $1, '', 'APPETIZER', 'FLAT', 0, $2, $3, '{}', now())`,
      [id, allergens, diets],
    );
  await item(
    "satay",
    [" Peanut", "Soy", "dairy", "nuts", "Sesame Seeds", "lupin", "", "tree-nut"],
    ["Gluten Free", "halal-on-request", "gluten free on request", "veggie", "Vegan"],
  );
  await item("rice", ["soy", "wheat", "egg"], ["vegetarian"]);
  await item("tea", [], []);

  await db.apply();

  const rows = (await db.query(`SELECT id, allergens, "dietaryTags" FROM "MenuItem" ORDER BY id`))
    .rows as { id: string; allergens: string[]; dietaryTags: string[] }[];
  expect(rows).toEqual([
    { id: "rice", allergens: ["soy", "wheat", "egg"], dietaryTags: ["vegetarian"] },
    {
      id: "satay",
      allergens: ["peanuts", "soy", "milk", "tree nuts", "sesame", "lupin"],
      dietaryTags: [
        "gluten-free",
        "halal-on-request",
        "gluten-free-on-request",
        "vegetarian",
        "vegan",
      ],
    },
    { id: "tea", allergens: [], dietaryTags: [] },
  ]);
});
