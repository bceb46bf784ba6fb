// One rate-limiter factory for the whole platform (bookings, holds; sign-in and chat may use it
// too). Counters live in Redis so every app process shares them; when Redis is down, not ready, or
// slower than `timeoutMs`, the check fails OPEN to a per-process in-memory counter with the same
// rule, so a Redis outage never blocks or slows a request (it only makes limits per process).
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Redis } from "ioredis";
import type { QueryCache } from "./cache";
import { createOutageLog } from "@myhibachi/shared";

export interface RateRule {
  /** Names the counter family (e.g. "booking:ip"); part of the Redis key. */
  name: string;
  /** Allowed events per window. */
  points: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the next event would be allowed (0 when allowed). */
  retryAfterSeconds: number;
  /** Where the decision was made: "redis", or "memory" (no Redis, or it failed/timed out). */
  store: "redis" | "memory";
}

export interface RateLimiter {
  /** Counts one event for `key` under `rule` (or `cost` points: seconds of audio, say). */
  consume(rule: RateRule, key: string, cost?: number): Promise<RateDecision>;
  /**
   * Gives back one event `consume` counted (an attempt that turned out not to count), in the store
   * that counted it (`decision.store`). Never fails: a point that can't be given back stays spent.
   */
  reward(rule: RateRule, key: string, store: RateDecision["store"]): Promise<void>;
}

export interface RateLimiterOptions {
  redis: Redis | null;
  /** Key prefix in Redis (e.g. the cache prefix). */
  prefix: string;
  /** Give up on Redis after this long and decide in memory. Default 250 ms. */
  timeoutMs?: number;
}

const isRes = (v: unknown): v is RateLimiterRes => v instanceof RateLimiterRes;

export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  const timeoutMs = opts.timeoutMs ?? 250;
  const outage = createOutageLog(
    "[rate-limit] Redis",
    "limits are counted in this process's memory meanwhile",
  );
  const limiters = new Map<string, { redis: RateLimiterRedis | null; memory: RateLimiterMemory }>();
  const limitersFor = (rule: RateRule) => {
    const id = `${rule.name}:${rule.points}:${rule.windowSeconds}`;
    let l = limiters.get(id);
    if (!l) {
      const keyPrefix = `${opts.prefix}:rl:${rule.name}`;
      const memory = new RateLimiterMemory({
        keyPrefix,
        points: rule.points,
        duration: rule.windowSeconds,
      });
      const redis = opts.redis
        ? new RateLimiterRedis({
            storeClient: opts.redis,
            keyPrefix,
            points: rule.points,
            duration: rule.windowSeconds,
            rejectIfRedisNotReady: true,
            insuranceLimiter: memory,
          })
        : null;
      l = { redis, memory };
      limiters.set(id, l);
    }
    return l;
  };
  const decide = (r: unknown, store: RateDecision["store"]): RateDecision => {
    if (isRes(r)) return { allowed: true, retryAfterSeconds: 0, store };
    throw r;
  };
  const refused = (r: RateLimiterRes, store: RateDecision["store"]): RateDecision => ({
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil(r.msBeforeNext / 1000)),
    store,
  });
  const inMemory = async (
    memory: RateLimiterMemory,
    key: string,
    cost: number,
  ): Promise<RateDecision> => {
    try {
      return decide(await memory.consume(key, cost), "memory");
    } catch (r) {
      if (isRes(r)) return refused(r, "memory");
      throw r;
    }
  };

  return {
    async consume(rule, key, cost = 1) {
      const { redis, memory } = limitersFor(rule);
      if (!redis || opts.redis?.status !== "ready") return inMemory(memory, key, cost);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), timeoutMs);
      });
      try {
        const r = await Promise.race([redis.consume(key, cost), timedOut]);
        if (r === "timeout") {
          outage.failed(new Error(`no answer within ${timeoutMs} ms`));
          return inMemory(memory, key, cost);
        }
        outage.recovered();
        return decide(r, "redis");
      } catch (r) {
        if (isRes(r)) {
          outage.recovered();
          return refused(r, "redis");
        }
        // Anything else is a store failure the insurance limiter did not absorb: fail open.
        outage.failed(r);
        return inMemory(memory, key, cost);
      } finally {
        clearTimeout(timer);
      }
    },

    async reward(rule, key, store) {
      const { redis, memory } = limitersFor(rule);
      if (store === "memory" || !redis) {
        await memory.reward(key).catch(() => {});
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      try {
        // Counted in Redis: given back there (its insurance limiter answers while Redis is down).
        await Promise.race([redis.reward(key), timedOut]);
      } catch (err) {
        outage.failed(err);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** "about 4 minutes" / "about 30 seconds", for a 429 message a person can act on. */
export function retryAfterText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const m = Math.ceil(seconds / 60);
  return `${m} minute${m === 1 ? "" : "s"}`;
}

const byCache = new WeakMap<QueryCache, RateLimiter>();

/**
 * The process's limiter for a cache: its Redis client and key prefix, created once and shared by
 * every caller (bookings, holds, chat), so counters of one process live in one place.
 */
export function rateLimiterFor(cache: QueryCache): RateLimiter {
  let l = byCache.get(cache);
  if (!l) {
    l = createRateLimiter({ redis: cache.client, prefix: cache.prefix });
    byCache.set(cache, l);
  }
  return l;
}
