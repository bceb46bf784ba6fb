import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { checkHealth, LIVE_REPORT, type HealthReport } from "@myhibachi/core";
import { createOutageLog } from "@myhibachi/shared";
import type { Db } from "@myhibachi/db";
import type { Queues, Redis } from "@myhibachi/jobs";

export interface HealthDeps {
  db: Db;
  /** Use a fail-fast connection (`createRedis(url, "cache")`): a queue connection waits forever. */
  redis: Redis;
  queues?: Queues;
}

export type QueueCounts = Record<string, Record<string, number>>;

export interface HealthBody extends HealthReport {
  /** Names of the failing checks, e.g. ["redis"]. */
  failing: string[];
  queues: QueueCounts | null;
}

/** Queue counts in /healthz are extras: a failure leaves them out, logged once per outage. */
const queueCountsOutage = createOutageLog("[health] queue counts", "/healthz answers without them");

async function within<T>(ms: number, p: Promise<T>): Promise<T | undefined> {
  let t: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<undefined>((r) => (t = setTimeout(() => r(undefined), ms))),
    ]);
  } finally {
    clearTimeout(t);
  }
}

/** A fail-fast connection rejects commands until connected: give a (re)connecting one a moment. */
async function settle(redis: Redis, ms: number): Promise<void> {
  if (redis.status !== "connecting" && redis.status !== "connect" && redis.status !== "wait")
    return;
  await within(ms, new Promise<void>((resolve) => redis.once("ready", () => resolve())));
}

/**
 * 200 when Postgres and Redis answer, else 503; with `includeQueues`, job counts per queue when
 * Redis is up.
 */
export async function healthReport(
  deps: HealthDeps,
  opts: { includeQueues?: boolean } = { includeQueues: true },
): Promise<{ code: 200 | 503; body: HealthBody }> {
  await settle(deps.redis, 1_000);
  const report = await checkHealth({ db: deps.db, redis: deps.redis });
  const failing = Object.entries(report.checks)
    .filter(([, v]) => v !== "ok")
    .map(([k]) => k);
  let queues: QueueCounts | null = null;
  if (opts.includeQueues && deps.queues && report.checks.redis === "ok") {
    const entries = await within(
      1_500,
      Promise.all(
        Object.entries(deps.queues).map(
          async ([name, q]) =>
            [
              name,
              await q.getJobCounts("waiting", "active", "delayed", "failed", "completed"),
            ] as const,
        ),
      ),
    ).then(
      (v) => {
        if (v) queueCountsOutage.recovered();
        else queueCountsOutage.failed(new Error("no answer within 1.5 s"));
        return v;
      },
      (err: unknown) => {
        queueCountsOutage.failed(err);
        return undefined;
      },
    );
    queues = entries ? Object.fromEntries(entries) : null;
  }
  return { code: report.status === "ok" ? 200 : 503, body: { ...report, failing, queues } };
}

export interface HealthServer {
  server: Server;
  port: number;
  host: string;
  close(): Promise<void>;
}

export interface HealthServerOptions {
  /**
   * Interface to listen on (WORKER_HEALTH_HOST). Default 127.0.0.1: a probe on the same host (or
   * pod) reaches it, nobody else does. "0.0.0.0" for all interfaces.
   */
  host?: string;
  /**
   * WORKER_HEALTH_TOKEN: queue counts are shown only to a request with
   * `Authorization: Bearer <token>`; without a token configured, never (the admin app has them).
   */
  token?: string;
}

/** True when the request carries the configured bearer token (compared in constant time). */
function hasToken(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith("Bearer ")) return false;
  const given = createHash("sha256").update(header.slice(7)).digest();
  return timingSafeEqual(given, createHash("sha256").update(token).digest());
}

/**
 * On `port` (0 = any free port): GET /healthz (readiness: 200 when Postgres and Redis answer, else
 * 503) and GET /livez (liveness: 200 while the process serves; touches no dependency).
 */
export async function startHealthServer(
  deps: HealthDeps,
  port: number,
  opts: HealthServerOptions = {},
): Promise<HealthServer> {
  const host = opts.host ?? "127.0.0.1";
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/livez") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(LIVE_REPORT));
      return;
    }
    if (req.method !== "GET" || path !== "/healthz") {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ error: "not found" }));
      return;
    }
    healthReport(deps, { includeQueues: hasToken(req.headers.authorization, opts.token) }).then(
      ({ code, body }) =>
        res.writeHead(code, { "content-type": "application/json" }).end(JSON.stringify(body)),
      (err: unknown) =>
        res.writeHead(503, { "content-type": "application/json" }).end(
          JSON.stringify({
            status: "degraded",
            error: err instanceof Error ? err.message : String(err),
          }),
        ),
    );
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
