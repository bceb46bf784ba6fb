import { Redis, type RedisOptions } from "ioredis";

/**
 * One place that creates Redis connections. BullMQ needs `maxRetriesPerRequest: null` on its
 * connections; cache connections fail fast instead so a Redis outage falls through to Postgres.
 */
export function createRedis(
  url: string,
  kind: "queue" | "cache" = "cache",
  extra: RedisOptions = {},
): Redis {
  const base: RedisOptions =
    kind === "queue"
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 1000,
          commandTimeout: 500,
          retryStrategy: (times) => Math.min(times * 200, 2000),
        };
  const r = new Redis(url, { lazyConnect: false, ...base, ...extra });
  // Errors surface through commands; an unhandled 'error' event would crash the process.
  r.on("error", () => {});
  return r;
}
export type { Redis };
