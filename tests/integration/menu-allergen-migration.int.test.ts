// The allergen-lists migration on menu items typed before the lists existed: words with a plain
// meaning become the list's words (so the customer menu's filter and the assistant find them),
// anything else is kept as it was (an allergen we can't read is still an allergen).
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { urlFor, withAdmin } from "@myhibachi/db/testing";

const root = fileURLToPath(new URL("../..", import.meta.url));
const MIGRATION = "20261129081648_menu_allergen_lists";
const dbName = `myhibachi_t_${process.env.MYHIBACHI_TEST_RUN ?? "norun"}_allerg_${randomBytes(4).toString("hex")}`;
let c: pg.Client;

const migrations = readdirSync(join(root, "prisma/migrations"))
  .filter((d) => /^\d{14}_/.test(d))
  .sort();
const sqlOf = (d: string) =>
  readFileSync(join(root, "prisma/migrations", d, "migration.sql"), "utf8");

beforeAll(async () => {
  await withAdmin((a) => a.query(`CREATE DATABASE "${dbName}"`));
  c = new pg.Client({ connectionString: urlFor(dbName) });
  await c.connect();
  for (const d of migrations.filter((m) => m < MIGRATION)) await c.query(sqlOf(d));
});
afterAll(async () => {
  await c?.end();
  await withAdmin((a) => a.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
});

it("rewrites typed allergens and diets to the fixed lists' words, keeping the unknown", async () => {
  const item = (id: string, allergens: string[], diets: string[]) =>
    c.query(
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

  await c.query(sqlOf(MIGRATION));

  const rows = (await c.query(`SELECT id, allergens, "dietaryTags" FROM "MenuItem" ORDER BY id`))
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
