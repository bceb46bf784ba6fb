// A scratch database migrated up to (not including) one migration, for the tests of that
// migration: made before the file's tests, dropped after. `apply()` runs the migration itself.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { urlFor, withAdmin } from "@myhibachi/db/testing";

const root = fileURLToPath(new URL("../..", import.meta.url));
const sqlOf = (d: string) =>
  readFileSync(join(root, "prisma/migrations", d, "migration.sql"), "utf8");

export function databaseBefore(migration: string, tag: string) {
  const dbName = `myhibachi_t_${process.env.MYHIBACHI_TEST_RUN ?? "norun"}_${tag}_${randomBytes(4).toString("hex")}`;
  let c: pg.Client;
  beforeAll(async () => {
    await withAdmin((a) => a.query(`CREATE DATABASE "${dbName}"`));
    c = new pg.Client({ connectionString: urlFor(dbName) });
    await c.connect();
    const earlier = readdirSync(join(root, "prisma/migrations"))
      .filter((d) => /^\d{14}_/.test(d) && d < migration)
      .sort();
    for (const d of earlier) await c.query(sqlOf(d));
  });
  afterAll(async () => {
    await c?.end();
    await withAdmin((a) => a.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
  });
  return {
    query: ((...args: Parameters<pg.Client["query"]>) =>
      (c.query as (...a: unknown[]) => unknown)(...args)) as pg.Client["query"],
    /** Runs the migration under test. */
    apply: () => c.query(sqlOf(migration)),
  };
}
