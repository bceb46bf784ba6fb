// Test isolation: each test file gets its own database, cloned from a migrated template
// (CREATE DATABASE ... TEMPLATE is a fast file copy). No mocks: the real Postgres.
import pg from "pg";
import { randomBytes } from "node:crypto";
import { createDb, type Db } from "../index";

/** Set by the integration global setup (tests/setup/integration-global.ts). */
export function templateDb(): string {
  return process.env.MYHIBACHI_TEST_TEMPLATE ?? "myhibachi_test_template";
}

export function adminUrl(): string {
  return process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function urlFor(dbName: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${dbName}`;
  return u.toString();
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** Creates a fresh database from the migrated template (see scripts/test.mjs / global setup). */
export async function createTestDatabase(prefix = "t"): Promise<TestDatabase> {
  const run = process.env.MYHIBACHI_TEST_RUN ?? "norun";
  const name = `myhibachi_${prefix}_${run}_${randomBytes(5).toString("hex")}`.toLowerCase();
  await withAdmin(async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDb()}"`);
        return;
      } catch (err) {
        // "source database is being accessed by other users": another worker is cloning too.
        if ((err as { code?: string }).code === "55006" && attempt < 50) {
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
          continue;
        }
        throw err;
      }
    }
  });
  const url = urlFor(name);
  const db = createDb({ url, max: 20 });
  return {
    name,
    url,
    db,
    async drop() {
      await db.$disconnect();
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export { withAdmin };
