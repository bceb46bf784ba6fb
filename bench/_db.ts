// Shared by benchmarks: a scratch database on the local server, migrated and (optionally) seeded.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = fileURLToPath(new URL("..", import.meta.url));

export function adminUrl(): string {
  return process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function urlFor(name: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Drops and recreates `name`, applies the migrations, returns its URL. */
export async function scratchDatabase(name: string): Promise<string> {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = urlFor(name);
  const r = spawnSync(process.execPath, ["packages/db/scripts/prisma.mjs", "migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`migrate deploy failed:\n${r.stdout}${r.stderr}`);
  return url;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summary(label: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(2).padStart(8);
  return `${label.padEnd(34)} n=${String(s.length).padStart(5)}  p50=${f(percentile(s, 50))} ms  p99=${f(percentile(s, 99))} ms  max=${f(s[s.length - 1] ?? NaN)} ms`;
}

/**
 * Adds `n` chefs to a seeded business, each with the working hours and service areas of one of
 * its chefs in turn (a business at scale, shaped like the demo one). Returns how many.
 */
export async function addBenchChefs(
  db: { $executeRawUnsafe(sql: string): Promise<number> },
  n: number,
): Promise<number> {
  if (n <= 0) return 0;
  await db.$executeRawUnsafe(`
    WITH model AS (SELECT "id", row_number() OVER (ORDER BY "name") - 1 AS n,
                          count(*) OVER () AS chefs FROM "Chef" WHERE "active"),
    added AS (
      INSERT INTO "Chef" ("id", "name", "email", "updatedAt")
      SELECT 'benchchef' || g, 'Bench Chef ' || g, 'benchchef' || g || '@example.com', now()
        FROM generate_series(1, ${Math.floor(n)}) g RETURNING "id"),
    copies AS (
      SELECT a."id", m."id" AS "modelId" FROM added a JOIN model m
          ON m.n = (substring(a."id" FROM 10)::int - 1) % m.chefs),
    hours AS (
      INSERT INTO "ChefWorkingHours" ("id", "chefId", "weekday", "startMinute", "endMinute")
      SELECT gen_random_uuid()::text, c."id", h."weekday", h."startMinute", h."endMinute"
        FROM copies c JOIN "ChefWorkingHours" h ON h."chefId" = c."modelId")
    INSERT INTO "ChefServiceZone" ("chefId", "zoneId")
    SELECT c."id", z."zoneId" FROM copies c JOIN "ChefServiceZone" z ON z."chefId" = c."modelId"`);
  return n;
}
