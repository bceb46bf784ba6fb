// Issue 18 (booking write path): the migration that numbers the versions of the catalog and of
// the chef roster, so a booking keeps them in memory and re-reads them only when they changed
// (packages/core/src/catalog/versioned.ts). Every write to their tables, by any means, moves the
// right number, in the writer's transaction (rolled back: not moved), and nothing else does.
import { expect, it } from "vitest";
import { databaseBefore } from "./migration-db";

const MIGRATION = "20270101090000_data_versions";
const db = databaseBefore(MIGRATION, "dver");

const versions = async () =>
  Object.fromEntries(
    (
      (await db.query(`SELECT "name", "version"::int AS v FROM "DataVersion" ORDER BY 1`)).rows as {
        name: string;
        v: number;
      }[]
    ).map((r) => [r.name, r.v]),
  );

const CATALOG = ["BusinessSettings", "Package", "MenuItem", "TravelZone", "ServicePostalCode"];
const ROSTER = ["Chef", "ChefWorkingHours", "ChefTimeOff", "ChefServiceZone"];

it("numbers the catalog and the roster, and moves the right number on every write to their tables", async () => {
  await db.apply();
  expect(await versions()).toEqual({ catalog: 1, roster: 1 });

  let expected = { catalog: 1, roster: 1 };
  for (const [tables, name] of [
    [CATALOG, "catalog"],
    [ROSTER, "roster"],
  ] as const)
    for (const t of tables) {
      // A statement that changes no row still counts (statement triggers): never missed.
      await db.query(`DELETE FROM "${t}" WHERE false`);
      expected = { ...expected, [name]: expected[name] + 1 };
      expect(await versions(), t).toEqual(expected);
    }

  await db.query(`UPDATE "MenuItem" SET "name" = "name"`);
  await db.query(`TRUNCATE "ChefTimeOff"`);
  expected = { catalog: expected.catalog + 1, roster: expected.roster + 1 };
  expect(await versions()).toEqual(expected);

  // Rolled back: the number stays (a reader never sees a version without its data).
  await db.query("BEGIN");
  await db.query(`DELETE FROM "Package" WHERE false`);
  await db.query("ROLLBACK");
  expect(await versions()).toEqual(expected);

  // Other tables don't move it.
  await db.query(`DELETE FROM "Booking" WHERE false`);
  await db.query(`DELETE FROM "BookingChef" WHERE false`);
  expect(await versions()).toEqual(expected);
});
