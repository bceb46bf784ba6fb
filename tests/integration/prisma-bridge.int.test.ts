// The offline Prisma CLI (packages/db/scripts/prisma.mjs -> the wasm schema-engine bridge) against
// the real Postgres: migrations apply, status is clean, and the schema has no drift from them.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { urlFor, withAdmin } from "@myhibachi/db/testing";

const root = fileURLToPath(new URL("../..", import.meta.url));
const name = `myhibachi_t_bridge_${randomBytes(4).toString("hex")}`;
const shadow = `${name}_shadow`;

function prisma(...args: string[]) {
  const r = spawnSync(process.execPath, ["packages/db/scripts/prisma.mjs", ...args], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: urlFor(name),
      SHADOW_DATABASE_URL: urlFor(shadow),
      PRISMA_SCHEMA_ENGINE_BINARY: "",
    },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  await withAdmin(async (c) => {
    await c.query(`CREATE DATABASE "${name}"`);
    await c.query(`CREATE DATABASE "${shadow}"`);
  });
});

afterAll(async () => {
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`DROP DATABASE IF EXISTS "${shadow}" WITH (FORCE)`);
  });
});

describe("offline Prisma migrations", () => {
  it("deploys every migration to an empty database and reports it up to date", () => {
    const deploy = prisma("migrate", "deploy");
    expect(deploy.out).toMatch(/successfully applied|No pending migrations/);
    expect(deploy.code).toBe(0);
    const status = prisma("migrate", "status");
    expect(status.out).toMatch(/Database schema is up to date/);
    expect(status.code).toBe(0);
  }, 180_000);

  it("schema.prisma matches the migrations (no change without a migration)", () => {
    const diff = prisma(
      "migrate",
      "diff",
      "--from-migrations",
      "../../prisma/migrations",
      "--to-schema",
      "../../prisma/schema.prisma",
      "--exit-code",
    );
    // --exit-code: 0 = no difference, 2 = the schema changed without a migration.
    expect(diff.out).not.toMatch(/CREATE TABLE|ALTER TABLE|DROP /);
    expect(diff.code).toBe(0);
  }, 180_000);
});
