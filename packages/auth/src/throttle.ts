// Rate limits for accounts and sign-in, on `rate-limiter-flexible`: counted in Redis so every app
// process shares them, with an in-memory limiter taking over when Redis is down or slower than
// `timeoutMs` (fail open to the local count, never to "unlimited", never to a hang).
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import type { Redis } from "ioredis";

export interface Limit {
  /** Allowed events per window. */
  max: number;
  /** Window in seconds (fixed, starting at the first counted event). */
  window: number;
}

export type Limiter = RateLimiterAbstract;

/** Time a Redis round trip may take before the in-memory limiter answers instead. */
export const REDIS_LIMIT_TIMEOUT_MS = 250;

export function createLimiter(
  redis: Redis | null,
  keyPrefix: string,
  limit: Limit,
  timeoutMs = REDIS_LIMIT_TIMEOUT_MS,
): Limiter {
  const memory = new RateLimiterMemory({ keyPrefix, points: limit.max, duration: limit.window });
  if (!redis) return memory;
  return new RLWrapperTimeouts({
    limiter: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix,
      points: limit.max,
      duration: limit.window,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    }),
    timeoutMs,
  }) as unknown as Limiter;
}

export interface Consumed {
  allowed: boolean;
  /** Seconds until the window resets (when refused). */
  retryAfter: number | null;
}

/** Counts one event; refused once `max` are used up in the window. */
export async function consume(limiter: Limiter, key: string): Promise<Consumed> {
  try {
    await limiter.consume(key, 1);
    return { allowed: true, retryAfter: null };
  } catch (res) {
    if (res instanceof RateLimiterRes)
      return { allowed: false, retryAfter: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
    // Both Redis and the memory limiter failed: let the request through rather than lock out.
    console.error("[auth] rate limiter failed; allowing the request", res);
    return { allowed: true, retryAfter: null };
  }
}

/** "2 minutes", "1 minute", "45 seconds": when to try again, for people. */
export function retryIn(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const m = Math.ceil(seconds / 60);
  return `${m} minute${m === 1 ? "" : "s"}`;
}

/**
 * Storage for better-auth's own per-IP, per-path request limits (`rateLimit.customStorage`), on the
 * same Redis-with-memory-fallback limiters (one per distinct rule).
 */
export function rateLimitStorage(redis: Redis | null, prefix: string) {
  const limiters = new Map<string, Limiter>();
  return {
    async consume(key: string, rule: Limit) {
      const id = `${rule.window}:${rule.max}`;
      let l = limiters.get(id);
      if (!l) limiters.set(id, (l = createLimiter(redis, `${prefix}:rl:${id}`, rule)));
      return consume(l, key);
    },
  };
}

export interface SignInLimits {
  /** Failed sign-ins per (address, account): the usual lockout of a guesser. Default 5 / 15 min. */
  perAddressAndAccount?: Limit;
  /** Failed sign-ins per account from any address: a guesser rotating addresses. 10 / 15 min. */
  perAccount?: Limit;
  /** Failed sign-ins per address for any account: one address spraying many accounts. 50 / hour. */
  perAddress?: Limit;
}

/** How long an address this account signed in from stays exempt from the per-account lockout. */
export const KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600;

export class SignInRefused extends Error {
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super(message);
  }
}

/**
 * Lockout after FAILED password sign-ins. Each attempt reserves one failure on every counter
 * before the password is checked (so parallel guesses can't slip past the limit); a correct
 * password gives the reservation back and clears the account's failures. Successful sign-ins
 * therefore never count.
 */
export function createSignInThrottle(redis: Redis | null, prefix: string, o: SignInLimits = {}) {
  const perAddress = createLimiter(
    redis,
    `${prefix}:fail:addr`,
    o.perAddress ?? { max: 50, window: 3600 },
  );
  const perPair = createLimiter(
    redis,
    `${prefix}:fail:addr-acct`,
    o.perAddressAndAccount ?? { max: 5, window: 15 * 60 },
  );
  const perAccount = createLimiter(
    redis,
    `${prefix}:fail:acct`,
    o.perAccount ?? { max: 10, window: 15 * 60 },
  );
  // Addresses this account signed in from (kept 30 days): failures from elsewhere never lock the
  // account for them, so a guesser spread over many addresses can't lock the real user out at
  // home or at the office (they still face the per-address and per-pair limits).
  const knownFor = createLimiter(redis, `${prefix}:known`, {
    max: 1,
    window: KNOWN_ADDRESS_SECONDS,
  });
  const isKnown = async (pair: string) => {
    try {
      return ((await knownFor.get(pair))?.consumedPoints ?? 0) > 0;
    } catch {
      return false;
    }
  };
  const keys = (address: string, email: string) => ({
    address,
    pair: `${address}|${email}`,
    account: email,
  });
  return {
    /** Before checking the password; throws SignInRefused while locked out. */
    async begin(address: string, email: string): Promise<void> {
      const k = keys(address, email);
      const checks: [Limiter, string, string][] = [
        [perAddress, k.address, "from your network"],
        [perPair, k.pair, "for this account"],
      ];
      if (!(await isKnown(k.pair))) checks.push([perAccount, k.account, "for this account"]);
      for (const [limiter, key, scope] of checks) {
        const r = await consume(limiter, key);
        if (!r.allowed)
          throw new SignInRefused(
            `Too many failed sign-in attempts ${scope}. Try again in ${retryIn(r.retryAfter!)}.`,
            r.retryAfter!,
          );
      }
    },
    /** The password was right: undo this attempt's reservation, forget the account's failures. */
    async succeeded(address: string, email: string): Promise<void> {
      const k = keys(address, email);
      await Promise.all([
        perAddress.reward(k.address, 1),
        perPair.delete(k.pair),
        perAccount.delete(k.account),
        knownFor.set(k.pair, 1, KNOWN_ADDRESS_SECONDS),
      ]).catch((err: unknown) => console.error("[auth] could not reset sign-in failures", err));
    },
  };
}
