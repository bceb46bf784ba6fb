import { Redis, type RedisOptions } from "ioredis";
import { createOutageLog, type OutageLog } from "@myhibachi/shared";

/**
 * What a connection is for:
 * - "queue": BullMQ Workers and the worker's own Queues. `maxRetriesPerRequest: null` and an
 *   offline queue, as BullMQ requires: commands wait for Redis. Never use it on a request path.
 * - "producer": Queues that web requests add jobs to. Fails fast like "cache": while Redis is down
 *   `enqueue` rejects at once (the job's Postgres row stays for the worker's sweep).
 * - "cache": query/response caches, rate limits, pub/sub publish, health checks. Fails fast, so a
 *   Redis outage falls through to Postgres.
 */
export type RedisKind = "queue" | "producer" | "cache";

/** A request waits at most this long for one Redis command before going on without Redis. */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

const TIMED_OUT = "Command timed out";

/**
 * Opens the breaker: drops a connection whose Redis stopped answering. Destroy, not end(): a hung
 * peer never acknowledges a graceful close. The socket's "close" makes ioredis reconnect with its
 * retryStrategy; the status is "ready" again only once Redis answers the ready check.
 */
export function dropHungConnection(r: Redis): void {
  if (r.status === "ready") (r as unknown as { stream?: { destroy(): void } }).stream?.destroy();
}

/**
 * Fail-fast connection with a circuit breaker. A command that times out means Redis is up but not
 * answering (hung, overloaded, a dropped network path); the connection is then dropped and
 * reconnected, and until Redis answers again its status is not "ready", so every caller (they all
 * check `status === "ready"`, and with no offline queue a command is refused at once) skips Redis
 * immediately instead of paying the timeout on every request (a circuit breaker whose half-open
 * probe is ioredis's own reconnect and ready check).
 */
class FailFastRedis extends Redis {
  private readonly watched = new WeakSet<object>();
  /** Where a tripped breaker is logged (set by createRedis). */
  outage: OutageLog | null = null;
  override sendCommand(
    ...args: Parameters<Redis["sendCommand"]>
  ): ReturnType<Redis["sendCommand"]> {
    const p = super.sendCommand(...args);
    // Once per command: a command sent again after a reconnect must not trip the breaker again.
    if (this.watched.has(args[0])) return p;
    this.watched.add(args[0]);
    if (p && typeof (p as Promise<unknown>).catch === "function")
      (p as Promise<unknown>).catch((err: unknown) => {
        if (err instanceof Error && err.message === TIMED_OUT && this.status === "ready") {
          this.outage?.failed(new Error("a command timed out: dropping the connection"));
          dropHungConnection(this);
        }
      });
    return p;
  }
}

/** What callers do while a connection of this kind is down (for the outage log). */
const MEANWHILE: Record<RedisKind, string> = {
  queue: "queue commands wait for it",
  producer: "new jobs stay in Postgres for the worker's sweep",
  cache: "requests go on without it (caches bypassed, rate limits in memory, pub/sub skipped)",
};

/**
 * Logs each connection's outages once (and again every 10 minutes while one lasts), and when it is
 * back: an 'error' listener is needed anyway (an unhandled one would crash the process), and
 * callers fail open on their own.
 */
function watchOutages(r: Redis, kind: RedisKind): OutageLog {
  const outage = createOutageLog(`[redis ${kind}]`, MEANWHILE[kind]);
  r.on("error", (err: unknown) => outage.failed(err));
  r.on("ready", () => outage.recovered());
  return outage;
}

/**
 * One place that creates Redis connections. BullMQ needs `maxRetriesPerRequest: null` on its
 * blocking connections; everything a request touches fails fast instead (see RedisKind).
 */
export function createRedis(
  url: string,
  kind: RedisKind = "cache",
  extra: RedisOptions = {},
): Redis {
  if (kind === "queue") {
    const r = new Redis(url, {
      lazyConnect: false,
      maxRetriesPerRequest: null,
      enableReadyCheck: true,
      ...extra,
    });
    watchOutages(r, kind);
    return r;
  }
  const failFast: RedisOptions = {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 1000,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    // The caller already gave up on a command cut off by a reconnect: don't replay it later.
    autoResendUnfulfilledCommands: false,
  };
  const r = new FailFastRedis(url, { ...failFast, ...extra } as RedisOptions & {
    replyMapping?: "legacy";
  });
  r.outage = watchOutages(r, kind);
  return r;
}
export type { Redis };
