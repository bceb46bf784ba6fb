// Vitest global setup for the `security` project: starts the BUILT apps (customer, admin,
// worker) exactly as production runs them (`next start`, the worker's start script) on a
// database of their own (myhibachi_sec*, recreated, migrated and seeded on every run) and a
// Redis database of their own (6). Build first: `npm test` does, or
//   pnpm turbo run build --filter=@myhibachi/customer --filter=@myhibachi/admin
//
// Ports: SEC_PORT_BASE (default 3200) -> customer +0, admin +1, worker +2. The database is
// myhibachi_sec_<base>, so two runs with different bases never touch each other.
// Set SEC_REUSE=1 to keep using apps already running on those ports (a faster loop while
// writing tests; the database is then not recreated).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

const root = fileURLToPath(new URL("../..", import.meta.url));

export const SEC_AUTH_SECRET = "security-suite-only-insecure-secret-0123456789abcdef";

function config() {
  const base = Number(process.env.SEC_PORT_BASE ?? 3200);
  const admin = new URL(
    process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  const db = new URL(admin);
  db.pathname = `/myhibachi_sec_${base}`;
  const redis = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  redis.pathname = "/6";
  return {
    base,
    customer: `http://127.0.0.1:${base}`,
    admin: `http://127.0.0.1:${base + 1}`,
    worker: `http://127.0.0.1:${base + 2}`,
    databaseUrl: db.toString(),
    redisUrl: redis.toString(),
    // Queue and cache keys of their own, so two runs with different bases on one Redis never
    // take each other's jobs or serve each other's cached availability.
    prefix: `myhibachi-sec${base}`,
  };
}

/** Environment of the three servers: production mode, no SMTP (emails stay in Postgres). */
export function serverEnv(c = config()): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    DATABASE_URL: c.databaseUrl,
    // Never a replica of some other database (a developer's .env): the dashboards read DATABASE_URL.
    DATABASE_REPLICA_URL: "",
    REDIS_URL: c.redisUrl,
    AUTH_SECRET: SEC_AUTH_SECRET,
    CUSTOMER_URL: c.customer,
    ADMIN_URL: c.admin,
    WORKER_PORT: String(c.base + 2),
    QUEUE_PREFIX: c.prefix,
    CACHE_PREFIX: c.prefix,
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

/**
 * The pnpm arguments that run a built app as production does (`next start` on 127.0.0.1), or the
 * worker (its port comes from WORKER_PORT). Used here and by the harness's `startApp`.
 */
export function appCommand(app: "customer" | "admin" | "worker", port: number): string[] {
  if (app === "worker") return ["--filter", "@myhibachi/worker", "start"];
  return [
    "--filter",
    `@myhibachi/${app}`,
    "exec",
    "next",
    "start",
    "--hostname",
    "127.0.0.1",
    "--port",
    String(port),
  ];
}

async function waitFor(url: string, proc: ChildProcess | null, ms: number): Promise<void> {
  const until = Date.now() + ms;
  let last = "";
  while (Date.now() < until) {
    if (proc && proc.exitCode !== null) throw new Error(`${url}: server exited (${proc.exitCode})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${ms} ms (${last})`);
}

const children: ChildProcess[] = [];

function start(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn("pnpm", args, { cwd: root, env, detached: true, stdio: "pipe" });
  const tag = `[sec:${name}]`;
  const echo = process.env.SEC_VERBOSE === "1";
  let tail = "";
  const keep = (d: Buffer) => {
    tail = (tail + d.toString()).slice(-4000);
    if (echo) process.stderr.write(`${tag} ${d}`);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("exit", (code, signal) => {
    if (code && code !== 0 && signal == null) {
      process.stderr.write(`${tag} exited with ${code}; last output:\n${tail}\n`);
    }
  });
  children.push(child);
  return child;
}

export default async function setup(project: TestProject) {
  const c = config();
  project.provide("sec", {
    customer: c.customer,
    admin: c.admin,
    worker: c.worker,
    databaseUrl: c.databaseUrl,
    redisUrl: c.redisUrl,
    prefix: c.prefix,
    authSecret: SEC_AUTH_SECRET,
  });
  if (process.env.SEC_REUSE === "1") return;

  const env = serverEnv(c);
  const prep = spawnSync(process.execPath, ["tests/setup/e2e-db.mjs"], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  if (prep.status !== 0) throw new Error("security suite: could not prepare its database");

  const customer = start("customer", appCommand("customer", c.base), env);
  const admin = start("admin", appCommand("admin", c.base + 1), env);
  const worker = start("worker", appCommand("worker", c.base + 2), env);
  await Promise.all([
    waitFor(`${c.customer}/api/health`, customer, 120_000),
    waitFor(`${c.admin}/api/health`, admin, 120_000),
    waitFor(`${c.worker}/healthz`, worker, 120_000),
  ]);

  return async () => {
    for (const child of children) {
      try {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
    await new Promise((r) => setTimeout(r, 1000));
    for (const child of children) {
      try {
        if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    sec: {
      customer: string;
      admin: string;
      worker: string;
      databaseUrl: string;
      redisUrl: string;
      /** QUEUE_PREFIX and CACHE_PREFIX of the suite's apps. */
      prefix: string;
      authSecret: string;
    };
  }
}
