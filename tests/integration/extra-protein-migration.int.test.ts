// Finding L5: the migration that gives "Extra protein portion" (one more portion of any standard
// protein) the allergens and ingredients of the standard proteins on a menu seeded before, where
// it listed none and the allergy filter took it as safe for every profile. It agrees with the
// seed's own (packages/seed/src/data.ts), leaves a list the owner set alone, and touches nothing
// else.
import { expect, it } from "vitest";
import { databaseBefore } from "./migration-db";
import { MENU } from "../../packages/seed/src/data";

const MIGRATION = "20261231140000_extra_protein_allergens";
const db = databaseBefore(MIGRATION, "xprot");

const insert = (m: (typeof MENU)[number], over: Partial<(typeof MENU)[number]> = {}) =>
  db.query(
    `INSERT INTO "MenuItem" ("id", "slug", "name", "description", "kind", "pricing", "priceCents",
       "allergens", "contains", "dietaryTags", "seasonalTags", "updatedAt")
     VALUES ($1, $1, $2, '', $3, $4, $5, $6, $7, $8, '{}', now())`,
    [
      m.slug,
      m.name,
      m.kind,
      m.pricing,
      m.priceCents,
      over.allergens ?? m.allergens,
      over.contains ?? m.contains,
      m.dietaryTags,
    ],
  );
const rows = async () =>
  (await db.query(`SELECT slug, allergens, contains FROM "MenuItem" ORDER BY slug`)).rows as {
    slug: string;
    allergens: string[];
    contains: string[];
  }[];

it("gives an extra protein portion that lists nothing what the standard proteins have, as the seed does", async () => {
  // The menu as seeded before: the extra protein listed nothing.
  for (const m of MENU)
    await insert(m, m.slug === "extra-protein" ? { allergens: [], contains: [] } : {});
  const before = await rows();
  await db.apply();
  const after = await rows();
  const seeded = MENU.find((m) => m.slug === "extra-protein")!;
  expect(after.find((r) => r.slug === "extra-protein")).toEqual({
    slug: "extra-protein",
    allergens: seeded.allergens,
    contains: seeded.contains,
  });
  expect(seeded.allergens).toEqual(expect.arrayContaining(["shellfish", "milk", "fish"]));
  // Nothing else changed.
  expect(after.filter((r) => r.slug !== "extra-protein")).toEqual(
    before.filter((r) => r.slug !== "extra-protein"),
  );

  // A list the owner set since is theirs: run again after they ticked their own, it stays.
  await db.query(
    `UPDATE "MenuItem" SET allergens = '{soy}', contains = '{}' WHERE slug = 'extra-protein'`,
  );
  await db.apply();
  expect((await rows()).find((r) => r.slug === "extra-protein")?.allergens).toEqual(["soy"]);
});
