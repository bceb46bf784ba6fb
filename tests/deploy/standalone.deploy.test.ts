// What each image runs, run from an empty folder: the files its Dockerfile's final stage copies
// (laid out by reading those COPY lines), started with its CMD and ENV and nothing else from
// this machine, against a real Postgres and Redis. A file a server needs but its image would not
// have (a package the standalone trace missed, a static file, a symlink into the checkout) fails
// here; so does a server that writes inside its own folder (the images run read-only; only
// Next's .next/cache is a writable mount).
//   myhibachi/migrate   `pnpm deploy` of @myhibachi/db + prisma/: migrate deploy, twice
//   myhibachi/customer  .next/standalone + static + public: /api/live, /api/health, /, the menu API
//   myhibachi/admin     .next/standalone + static: /api/live, /api/health, sign-in page, OpenAPI
//   myhibachi/worker    the esbuild bundle alone: /livez, /healthz, and a job run to its end
// Needs the apps built (`npm test` builds them first, or
//   pnpm turbo run build --filter=@myhibachi/customer --filter=@myhibachi/admin).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@myhibachi/db";
import { closeQueues, createQueues, createRedis, enqueue } from "@myhibachi/jobs";
import { createFixtureBusiness } from "@myhibachi/seed/fixtures";
import {
  changes,
  escapingSymlinks,
  freePort,
  layOut,
  parseDockerfile,
  root,
  runCommand,
  runToEnd,
  sizeMb,
  snapshot,
  stageCmd,
  containerEnv,
  stageCopies,
  waitFor200,
  type Running,
} from "./support";

const RUN = randomBytes(4).toString("hex");
const DB_NAME = `myhibachi_deploy_${RUN}`;
const ADMIN_DB_URL =
  process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DATABASE_URL = Object.assign(new URL(ADMIN_DB_URL), { pathname: `/${DB_NAME}` }).toString();
// Redis database 7 (integration 4, e2e 5, security 6), and keys of this run's own prefix.
const REDIS_URL = Object.assign(new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379"), {
  pathname: "/7",
}).toString();
const PREFIX = `myhibachi-deploy-${RUN}`;
const AUTH_SECRET = "deploy-suite-only-insecure-secret-0123456789abcdef";

const tmp = mkdtempSync(join(tmpdir(), "myhibachi-deploy-"));
const running: Running[] = [];
let db: Db | undefined;
const sizes: Record<string, number> = {};

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: ADMIN_DB_URL, connectionTimeoutMillis: 5_000 });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** An empty folder of its own, standing for an image's WORKDIR. */
function emptyDir(name: string): string {
  return mkdtempSync(join(tmp, `${name}-`));
}

beforeAll(async () => {
  await admin(`CREATE DATABASE "${DB_NAME}"`);
});

afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
  await db?.$disconnect();
  await admin(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  const redis = createRedis(REDIS_URL, "queue"); // waits for the connection
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${PREFIX}*`, "COUNT", 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  rmSync(tmp, { recursive: true, force: true });
  if (Object.keys(sizes).length) console.log("[deploy] image folders (MB):", sizes);
});

describe("myhibachi/migrate (packages/db/Dockerfile)", () => {
  it("migrates an empty database from its folder, writes nothing there, and a second run has nothing to do", async () => {
    const df = parseDockerfile("packages/db/Dockerfile");
    // The final stage takes the build stage's /out as it is; build it the way that stage does.
    expect(stageCopies(df.final)).toEqual([
      { from: "build", chown: null, sources: ["/out"], dest: "./" },
    ]);
    const dir = emptyDir("migrate");
    const deploy = spawnSync(
      "pnpm",
      [
        "--config.inject-workspace-packages=true",
        "--filter",
        "@myhibachi/db",
        "deploy",
        "--offline",
        join(dir, "packages/db"),
      ],
      { cwd: root, encoding: "utf8" },
    );
    expect(deploy.status, `${deploy.stdout}\n${deploy.stderr}`).toBe(0);
    cpSync(join(root, "prisma"), join(dir, "prisma"), { recursive: true });
    expect(escapingSymlinks(dir)).toEqual([]);
    sizes.migrate = sizeMb(dir);

    const env = { ...containerEnv(df.final, emptyDir("migrate-tmp")), DATABASE_URL };
    const before = snapshot(dir);
    const first = await runToEnd(stageCmd(df.final), dir, env);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/All migrations have been successfully applied/);
    expect(changes(before, snapshot(dir))).toEqual([]);

    const again = await runToEnd(stageCmd(df.final), dir, env);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/No pending migrations to apply/);

    db = createDb({ url: DATABASE_URL });
    const applied = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    const migrations = readdirSync(join(root, "prisma/migrations"), { withFileTypes: true });
    expect(Number(applied[0]!.n)).toBe(migrations.filter((e) => e.isDirectory()).length);
    // The apps below need a business to show: the test fixture (settings, menu, one chef).
    await createFixtureBusiness(db);
  });
});

const ports = { customer: 0, admin: 0 };
beforeAll(async () => {
  ports.customer = await freePort();
  ports.admin = await freePort();
});

function appEnv(): Record<string, string> {
  return {
    DATABASE_URL,
    REDIS_URL,
    AUTH_SECRET,
    CUSTOMER_URL: `http://127.0.0.1:${ports.customer}`,
    ADMIN_URL: `http://127.0.0.1:${ports.admin}`,
    QUEUE_PREFIX: PREFIX,
    CACHE_PREFIX: PREFIX,
  };
}

describe.each(["customer", "admin"] as const)("myhibachi/%s (Next standalone)", (app) => {
  it("serves from a copy of its image's files in an empty folder, writing only to .next/cache", async () => {
    const server = join(root, "apps", app, ".next/standalone/apps", app, "server.js");
    if (!existsSync(server))
      throw new Error(
        `${server} is missing: build first (pnpm turbo run build --filter=@myhibachi/${app})`,
      );
    const df = parseDockerfile(`apps/${app}/Dockerfile`);
    const dir = emptyDir(app);
    layOut(df, dir, { "/repo": root });
    expect(escapingSymlinks(dir)).toEqual([]);
    sizes[app] = sizeMb(dir);
    const cache = `apps/${app}/.next/cache`;
    const before = snapshot(dir, [cache]);

    const port = ports[app];
    const base = `http://127.0.0.1:${port}`;
    const proc = runCommand(stageCmd(df.final), dir, {
      ...containerEnv(df.final, emptyDir(`${app}-tmp`)),
      ...appEnv(),
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
    });
    running.push(proc);
    try {
      await waitFor200(`${base}/api/live`, proc);
      const live = await fetch(`${base}/api/live`);
      expect(await live.json()).toEqual({ status: "ok" });
      const health = await fetch(`${base}/api/health`);
      const body = (await health.json()) as { status: string; checks: Record<string, string> };
      expect(health.status, JSON.stringify(body)).toBe(200);
      expect(body.checks).toEqual({ db: "ok", redis: "ok" });

      // The home page (admin: its sign-in page), with the scripts it names served from the
      // copied .next/static.
      const page = await fetch(`${base}/`);
      expect(page.status, proc.output()).toBe(200);
      const html = await page.text();
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
      expect(page.headers.get("content-security-policy")).toMatch(/'nonce-/);
      const scripts = [...html.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1]!);
      expect(scripts.length).toBeGreaterThan(0);
      for (const src of scripts.slice(0, 3)) {
        const res = await fetch(`${base}${src}`);
        expect(res.status, src).toBe(200);
        await res.body?.cancel();
      }

      if (app === "customer") {
        expect(html).toMatch(/hibachi/i);
        // An API route reading Postgres through the traced Prisma client and pg adapter.
        const menu = await fetch(`${base}/api/v1/menu`);
        const text = await menu.text();
        expect(menu.status, text).toBe(200);
        expect(text).toMatch(/"packages"/);
        // A file of public/.
        const icon = await fetch(`${base}/icons/icon-192.png`);
        expect(icon.status).toBe(200);
        expect(icon.headers.get("content-type")).toBe("image/png");
        await icon.body?.cancel();
      } else {
        expect(html).toMatch(/sign in/i);
        const openapi = await fetch(`${base}/api/openapi.json`);
        expect(openapi.status).toBe(200);
        expect(((await openapi.json()) as { openapi: string }).openapi).toMatch(/^3\./);
      }
    } finally {
      await proc.stop();
    }
    expect(changes(before, snapshot(dir, [cache]))).toEqual([]);
  });
});

describe("myhibachi/worker (esbuild bundle)", () => {
  it("runs from its one file in an empty folder: /livez, /healthz, a job done, a clean stop", async () => {
    const df = parseDockerfile("apps/worker/Dockerfile");
    // The image's build stage runs the worker's build script; bundle the same way, to a folder
    // of this run's own (the checkout's apps/worker/dist is left alone).
    const dist = emptyDir("worker-dist");
    const bundle = spawnSync(
      process.execPath,
      ["apps/worker/scripts/bundle.mjs", "--outfile", join(dist, "main.mjs")],
      { cwd: root, encoding: "utf8" },
    );
    expect(bundle.status, `${bundle.stdout}\n${bundle.stderr}`).toBe(0);
    const dir = emptyDir("worker");
    layOut(df, dir, { "/repo": root, "/repo/apps/worker/dist": dist });
    expect(readdirSync(dir)).toEqual(["main.mjs"]);
    sizes.worker = sizeMb(dir);
    const before = snapshot(dir);

    const port = await freePort();
    const proc = runCommand(stageCmd(df.final), dir, {
      ...containerEnv(df.final, emptyDir("worker-tmp")),
      ...appEnv(),
      WORKER_PORT: String(port),
      WORKER_HEALTH_HOST: "127.0.0.1",
      WORKER_SHUTDOWN_TIMEOUT_MS: "2000",
    });
    running.push(proc);
    const connection = createRedis(REDIS_URL, "queue");
    const queues = createQueues(connection, { prefix: PREFIX });
    try {
      await waitFor200(`http://127.0.0.1:${port}/livez`, proc);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      const body = (await health.json()) as { status: string; checks: Record<string, string> };
      expect(health.status, JSON.stringify(body)).toBe(200);
      expect(body.checks).toEqual({ db: "ok", redis: "ok" });

      // A job through Redis (BullMQ) that writes to Postgres (Prisma), both inside the bundle.
      const marker = `deploy-${RUN}`;
      await enqueue(queues, "system.ping", { marker });
      await expect
        .poll(() => db!.jobReceipt.findUnique({ where: { key: `ping:${marker}` } }), {
          timeout: 60_000,
          interval: 300,
        })
        .toMatchObject({ queue: "system" });
    } finally {
      await closeQueues(queues);
      connection.disconnect();
      await proc.stop();
    }
    expect(proc.child.exitCode, proc.output()).toBe(0);
    expect(changes(before, snapshot(dir))).toEqual([]);
  });
});
