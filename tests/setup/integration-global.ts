// Vitest global setup for the `integration` project (runs once, in the main process).
// (Re)creates the migrated template database that createTestDatabase() (@myhibachi/db/testing)
// clones for each test file, and drops leftover per-test databases at the end.
// The server is TEST_ADMIN_DATABASE_URL (an admin connection to its `postgres` database),
// default postgresql://postgres@127.0.0.1:5432/postgres; scripts/test.mjs sets it.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The template is named after a hash of the migrations, so concurrent runs share one template
 * per schema version and a run never drops a template another run is cloning from. Each run
 * names its databases myhibachi_t_<run>_*, and drops only its own at the end.
 */
function migrationsHash(): string {
  const dir = join(root, "prisma/migrations");
  const h = createHash("sha256");
  for (const name of readdirSync(dir).sort()) {
    h.update(name);
    try {
      h.update(readFileSync(join(dir, name, "migration.sql")));
    } catch {
      /* migration_lock.toml */
    }
  }
  return h.digest("hex").slice(0, 12);
}
const TEMPLATE_DB = `myhibachi_tpl_${migrationsHash()}`;
const RUN_ID = randomBytes(3).toString("hex");
const TEST_DB_PATTERN = `myhibachi\\_t\\_${RUN_ID}\\_%`;
process.env.MYHIBACHI_TEST_TEMPLATE = TEMPLATE_DB;
process.env.MYHIBACHI_TEST_RUN = RUN_ID;

function adminUrl(): string {
  return process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

function urlFor(dbName: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${dbName}`;
  return u.toString();
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function banner(lines: string[]): void {
  console.error(["", "=".repeat(78), ...lines, "=".repeat(78), ""].join("\n"));
}

/**
 * Drops leftover per-test databases. Without FORCE on purpose: a database somebody is still
 * connected to (e.g. a concurrent test run on the same server) fails to drop and is kept.
 */
async function dropTestDatabases(): Promise<void> {
  await withAdmin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [TEST_DB_PATTERN],
    );
    for (const { datname } of rows) {
      await c.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => {
        // In use by another run: leave it.
      });
    }
  });
}

/** A template another run used this recently is never dropped (runs take minutes, not hours). */
const TEMPLATE_KEEP_MS = 3 * 3600_000;

/** Records on the template that a run is using it now (read back by the clean-up above). */
async function markUsed(c: pg.Client): Promise<void> {
  await c.query(`COMMENT ON DATABASE "${TEMPLATE_DB}" IS '${Date.now()}'`);
}

export async function setup(): Promise<void> {
  try {
    await withAdmin(async (c) => {
      // One builder at a time per server; others wait, then find the template ready.
      await c.query("SELECT pg_advisory_lock(74657301)");
      try {
        const exists = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [TEMPLATE_DB]);
        if (exists.rowCount) {
          await markUsed(c);
          return;
        }
        const building = `${TEMPLATE_DB}_building`;
        await c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
        await c.query(`CREATE DATABASE "${building}"`);
        const migrate = spawnSync(
          process.execPath,
          ["packages/db/scripts/prisma.mjs", "migrate", "deploy"],
          {
            cwd: root,
            env: { ...process.env, DATABASE_URL: urlFor(building) },
            encoding: "utf8",
          },
        );
        if (migrate.status !== 0) {
          banner([
            `integration setup: \`prisma migrate deploy\` failed (exit ${migrate.status}); database tests will fail. Output:`,
            (migrate.stdout + migrate.stderr).trim() || String(migrate.error ?? "(none)"),
          ]);
          return;
        }
        // Publish atomically: a template is visible only once fully migrated.
        await c.query(`ALTER DATABASE "${building}" RENAME TO "${TEMPLATE_DB}"`);
        await markUsed(c);
        // Old schema versions nobody has used for a while (a concurrent run on another checkout
        // may still be cloning a template of its own: it marked it when it started).
        const old = await c.query<{ datname: string; used: string | null }>(
          "SELECT datname, shobj_description(oid, 'pg_database') AS used FROM pg_database WHERE datname LIKE 'myhibachi\\_tpl\\_%' AND datname <> $1 AND datname NOT LIKE '%\\_building'",
          [TEMPLATE_DB],
        );
        for (const { datname, used } of old.rows) {
          if (Number(used) > Date.now() - TEMPLATE_KEEP_MS) continue;
          await c.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => {});
        }
      } finally {
        await c.query("SELECT pg_advisory_unlock(74657301)");
      }
    });
  } catch (err) {
    // Tests that need no database (e.g. tests/hooks) still run; database tests fail on their own.
    banner([
      `integration setup: cannot reach Postgres at ${redact(adminUrl())}:`,
      `  ${(err as Error).message}`,
      "Database tests will fail. Start Postgres or set TEST_ADMIN_DATABASE_URL (`npm test` does it).",
    ]);
  }
}

export async function teardown(): Promise<void> {
  try {
    await dropTestDatabases();
  } catch {
    // Postgres was not reachable in setup either; nothing to clean up.
  }
}
