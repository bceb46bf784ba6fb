import type { Db } from "@myhibachi/db";
import type { Redis } from "ioredis";

/**
 * The liveness answer (GET /api/live on the apps, /livez on the worker): the process is up and
 * serving. It touches no dependency, so a Postgres or Redis outage never gets a healthy process
 * restarted; readiness (/api/health, /healthz: 503 when they are down) takes it out of service.
 */
export const LIVE_REPORT = { status: "ok" } as const;

export type CheckResult = "ok" | `error: ${string}`;
export interface HealthReport {
  status: "ok" | "degraded";
  checks: Record<string, CheckResult>;
}

async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, rej) => {
    t = setTimeout(() => rej(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(t);
  }
}

function describe(err: unknown): `error: ${string}` {
  const msg = err instanceof Error ? err.message : String(err);
  return `error: ${msg.split("\n")[0]?.slice(0, 200) ?? "unknown"}`;
}

/** Waits until a Redis client created with enableOfflineQueue=false has connected. */
async function redisPing(redis: Redis): Promise<string> {
  if (redis.status !== "ready" && redis.status !== "end") {
    await new Promise<void>((resolve) => {
      const done = () => {
        redis.off("ready", done);
        resolve();
      };
      redis.once("ready", done);
      setTimeout(done, 1500).unref?.();
    });
  }
  return redis.ping();
}

/** Checks Postgres and Redis; `status` is "ok" only when every check passes (HTTP 200, else 503). */
export async function checkHealth(
  deps: { db: Db; redis: Redis },
  timeoutMs = 2000,
): Promise<HealthReport> {
  const [db, redis] = await Promise.all([
    within(timeoutMs, deps.db.$queryRaw`SELECT 1`).then(
      (): CheckResult => "ok",
      (e: unknown) => describe(e),
    ),
    within(timeoutMs, redisPing(deps.redis)).then(
      (r): CheckResult => (r === "PONG" ? "ok" : `error: unexpected reply ${r}`),
      (e: unknown) => describe(e),
    ),
  ]);
  const checks = { db, redis };
  return { status: db === "ok" && redis === "ok" ? "ok" : "degraded", checks };
}
