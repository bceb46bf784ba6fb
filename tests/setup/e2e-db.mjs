// Prepares the e2e database before the e2e servers start (called by the first `webServer`
// command in playwright.config.ts: Playwright starts webServers BEFORE globalSetup, so a
// globalSetup would be too late). Reads the env playwright.config.ts gives the servers:
//   DATABASE_URL = postgresql://.../myhibachi_e2e, REDIS_URL = redis://.../5
// Steps: drop + recreate the database, `prisma migrate deploy`, `pnpm db:seed`, FLUSHDB on the
// e2e Redis database (leftover queues and caches from an earlier run).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { Redis } from "ioredis";

const root = fileURLToPath(new URL("../..", import.meta.url));
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (!databaseUrl || !redisUrl) {
  console.error("e2e-db: DATABASE_URL and REDIS_URL must be set (playwright.config.ts does it)");
  process.exit(1);
}

const dbName = new URL(databaseUrl).pathname.slice(1);
if (!/^myhibachi_(e2e|sec)\w*$/.test(dbName)) {
  // This script drops the database: never let it touch anything but an e2e or security-suite
  // database (myhibachi_e2e*, myhibachi_sec*).
  console.error(
    `e2e-db: refusing to recreate "${dbName}" (expected myhibachi_e2e or myhibachi_sec)`,
  );
  process.exit(1);
}
const admin = new URL(databaseUrl);
admin.pathname = "/postgres";

function step(label, cmd, args) {
  console.log(`e2e-db: ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    console.error(`e2e-db: ${label} failed (exit ${r.status ?? r.error?.message})`);
    process.exit(1);
  }
}

console.log(`e2e-db: recreating database ${dbName}`);
const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
await client.connect();
await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
await client.query(`CREATE DATABASE "${dbName}"`);
await client.end();

step("prisma migrate deploy", process.execPath, [
  "packages/db/scripts/prisma.mjs",
  "migrate",
  "deploy",
]);
step("seed", "pnpm", ["db:seed"]);

console.log(`e2e-db: flushing ${redisUrl}`);
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
await redis.connect();
await redis.flushdb();
redis.disconnect();
console.log("e2e-db: ready");
