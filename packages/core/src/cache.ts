// Read-through query cache in Redis with generation-based invalidation.
//
// Every cached value lives under `<prefix>:<scope>:g<generation>:<key>`. A write that changes a
// scope INCRs its generation after commit, so every later read misses and recomputes from
// Postgres; an entry computed concurrently with the write is stored under the old generation and
// never read again. Redis is never the only copy: if it is down, reads go to Postgres and writes
// still succeed (failed invalidations are retried as soon as Redis answers again).
import type { Redis } from "ioredis";
import { createOutageLog } from "@myhibachi/shared";

export type CacheScope = "catalog" | "chefs" | "calendar";

/** Seconds. Menu/settings 10 min, chef schedules 5 min, booking calendar 1 min. */
export const CACHE_TTL: Record<CacheScope, number> = { catalog: 600, chefs: 300, calendar: 60 };

export type CacheOutcome = "hit" | "miss" | "bypass";

export interface CacheStats {
  hit: number;
  miss: number;
  bypass: number;
}

function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw instanceof Date) return { $date: raw.toISOString() };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === "object" && "$date" in value && Object.keys(value).length === 1) {
    return new Date((value as { $date: string }).$date);
  }
  return value;
}

export const serialize = (v: unknown): string => JSON.stringify(v, replacer);
export const deserialize = <T>(s: string): T => JSON.parse(s, reviver) as T;

export class QueryCache {
  readonly stats: CacheStats = { hit: 0, miss: 0, bypass: 0 };
  private readonly inflight = new Map<string, Promise<unknown>>();
  /** readMemo's process-local copies: (scope, key) -> the value read under a generation. */
  private readonly memo = new Map<string, { gen: string; at: number; value: unknown }>();
  private readonly pending = new Set<CacheScope>();
  /** Failed Redis commands while the connection looked ready (outages of the connection itself
   * are logged where it is made, packages/jobs createRedis). */
  private readonly outage = createOutageLog(
    "[cache] Redis command",
    "reads go to Postgres and invalidations are retried when it answers",
  );

  constructor(
    private readonly redis: Redis | null,
    /** Every key this cache writes starts with it; related caches (AI replies) nest under it. */
    readonly prefix = "myhibachi:qc",
  ) {
    redis?.on("ready", () => void this.flushPending());
  }

  /** The Redis connection (or null), for other fail-open users such as rate limits. */
  get client(): Redis | null {
    return this.redis;
  }

  /** Returns the cached value for (scope, key) or computes it with `load` and stores it. */
  async read<T>(scope: CacheScope, key: string, load: () => Promise<T>): Promise<T> {
    const r = this.redis;
    if (!r || r.status !== "ready") return this.bypass(load);
    if (this.pending.size) await this.flushPending();
    let gen: string;
    let cached: string | null;
    try {
      gen = (await r.get(this.genKey(scope))) ?? "0";
      cached = await r.get(this.valueKey(scope, gen, key));
      this.outage.recovered();
    } catch (err) {
      this.outage.failed(err);
      return this.bypass(load);
    }
    if (cached !== null) {
      this.stats.hit++;
      return deserialize<T>(cached);
    }
    // Single flight per key within this process.
    const fullKey = this.valueKey(scope, gen, key);
    const running = this.inflight.get(fullKey);
    if (running) {
      this.stats.hit++;
      return running as Promise<T>;
    }
    this.stats.miss++;
    const p = (async () => {
      const value = await load();
      try {
        await r.set(fullKey, serialize(value), "EX", CACHE_TTL[scope]);
      } catch (err) {
        this.outage.failed(err); // harmless: the next read misses again
      }
      return value;
    })();
    this.inflight.set(fullKey, p);
    try {
      return await p;
    } finally {
      this.inflight.delete(fullKey);
    }
  }

  /**
   * Like `read`, for a value read on every request (the assistant's menu index): a copy is kept
   * in this process while the scope's generation is unchanged (one small Redis GET instead of
   * fetching and parsing the value), for at most `maxAgeMs` (so a Redis that lost its keys and
   * counted back to the same generation cannot keep an old copy alive for long).
   */
  async readMemo<T>(
    scope: CacheScope,
    key: string,
    load: () => Promise<T>,
    maxAgeMs = 60_000,
    /** The scope's generation as `generationsEach` just read it (saves a round trip). */
    current?: string | null,
  ): Promise<T> {
    const gen = current === undefined ? await this.generations([scope]) : current;
    if (gen === null) return this.read(scope, key, load);
    const id = `${scope}:${key}`;
    const kept = this.memo.get(id);
    if (kept && kept.gen === gen && Date.now() - kept.at < maxAgeMs) return kept.value as T;
    const value = await this.read(scope, key, load);
    // Kept only if no write bumped the generation while it was read.
    if ((await this.generations([scope])) === gen)
      this.memo.set(id, { gen, at: Date.now(), value });
    return value;
  }

  /**
   * Like `read`, for a value derived from several scopes: its key carries every scope's
   * generation, so a write to any of them makes it miss. TTL is the shortest of the scopes'.
   */
  async readDerived<T>(scopes: CacheScope[], key: string, load: () => Promise<T>): Promise<T> {
    const r = this.redis;
    const stamp = await this.generations(scopes);
    if (!r || stamp === null) return this.bypass(load);
    let fullKey: string;
    let cached: string | null;
    try {
      fullKey = `${this.prefix}:derived:${stamp}:${key}`;
      cached = await r.get(fullKey);
      this.outage.recovered();
    } catch (err) {
      this.outage.failed(err);
      return this.bypass(load);
    }
    if (cached !== null) {
      this.stats.hit++;
      return deserialize<T>(cached);
    }
    this.stats.miss++;
    const value = await load();
    try {
      await r.set(fullKey, serialize(value), "EX", Math.min(...scopes.map((s) => CACHE_TTL[s])));
    } catch (err) {
      this.outage.failed(err); // harmless: the next read misses again
    }
    return value;
  }

  /**
   * The current generations of `scopes` ("catalog3.calendar17"): anything cached under this stamp
   * is stale once a write bumps one of them. Null when Redis can't say (down, or an invalidation
   * still pending): then nothing derived from these scopes may be served from a cache.
   */
  async generations(scopes: CacheScope[]): Promise<string | null> {
    const r = this.redis;
    if (!r || r.status !== "ready") return null;
    if (this.pending.size) await this.flushPending();
    if (scopes.some((s) => this.pending.has(s))) return null;
    try {
      const gens = await r.mget(...scopes.map((s) => this.genKey(s)));
      this.outage.recovered();
      return scopes.map((s, i) => `${s}${gens[i] ?? "0"}`).join(".");
    } catch (err) {
      this.outage.failed(err);
      return null;
    }
  }

  /**
   * Each scope's generation as `generations([scope])` says it ("catalog3"; null for a scope whose
   * invalidation is still pending), all in one round trip; null when Redis can't say.
   * `generations(scopes)` is `scopes.map((s) => each[s]).join(".")` when none is null.
   */
  async generationsEach<S extends CacheScope>(
    scopes: S[],
  ): Promise<Record<S, string | null> | null> {
    const r = this.redis;
    if (!r || r.status !== "ready") return null;
    if (this.pending.size) await this.flushPending();
    try {
      const gens = await r.mget(...scopes.map((s) => this.genKey(s)));
      this.outage.recovered();
      const out = {} as Record<S, string | null>;
      scopes.forEach((s, i) => (out[s] = this.pending.has(s) ? null : `${s}${gens[i] ?? "0"}`));
      return out;
    } catch (err) {
      this.outage.failed(err);
      return null;
    }
  }

  /**
   * `generationsEach` in the same round trip as one GET of `key` (any key of this connection):
   * null when Redis can't say or an invalidation is pending (then ask `generationsEach`).
   */
  async generationsEachAndGet<S extends CacheScope>(
    scopes: S[],
    key: string | null,
  ): Promise<{ gens: Record<S, string>; value: string | null } | null> {
    const r = this.redis;
    if (!r || r.status !== "ready" || this.pending.size) return null;
    try {
      const p = r.pipeline().mget(...scopes.map((s) => this.genKey(s)));
      if (key !== null) p.get(key);
      const replies = (await p.exec()) ?? [];
      const failed = replies.find(([err]) => err)?.[0];
      if (failed || replies.length !== (key === null ? 1 : 2))
        throw failed ?? new Error("pipeline");
      this.outage.recovered();
      const gens = replies[0]![1] as (string | null)[];
      const out = {} as Record<S, string>;
      scopes.forEach((s, i) => (out[s] = `${s}${gens[i] ?? "0"}`));
      return { gens: out, value: key === null ? null : (replies[1]![1] as string | null) };
    } catch (err) {
      this.outage.failed(err);
      return null;
    }
  }

  /** readMemo's kept copy of (scope, key) when it is current for `gen`, without reading Redis. */
  keptMemo<T>(scope: CacheScope, key: string, gen: string, maxAgeMs = 60_000): T | undefined {
    const kept = this.memo.get(`${scope}:${key}`);
    return kept && kept.gen === gen && Date.now() - kept.at < maxAgeMs
      ? (kept.value as T)
      : undefined;
  }

  /** Call after a write commits. Never throws: a failed bump is retried when Redis is back. */
  async invalidate(...scopes: CacheScope[]): Promise<void> {
    for (const s of scopes) this.pending.add(s);
    await this.flushPending();
  }

  private async flushPending(): Promise<void> {
    const r = this.redis;
    if (!r || !this.pending.size) return;
    for (const scope of [...this.pending]) {
      try {
        await r.incr(this.genKey(scope));
        this.pending.delete(scope);
      } catch (err) {
        this.outage.failed(err); // still pending: retried on the next read or reconnect
        return;
      }
    }
  }

  private async bypass<T>(load: () => Promise<T>): Promise<T> {
    this.stats.bypass++;
    return load();
  }

  private genKey(scope: CacheScope): string {
    return `${this.prefix}:gen:${scope}`;
  }

  private valueKey(scope: CacheScope, gen: string, key: string): string {
    return `${this.prefix}:${scope}:g${gen}:${key}`;
  }
}
