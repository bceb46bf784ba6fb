// The response cache: answers in Redis under a hash of canonical JSON of everything that shapes
// them. Single flight per key (in-process map + a Redis lock across processes). Redis is never
// required: when it is down every turn is a bypass and the assistant still answers.
import type { Redis } from "ioredis";
import { createOutageLog } from "@myhibachi/shared";
import type { ToolExtras } from "./tools";
import { canonicalJson, sha256 } from "./text";

export type CacheStatus = "hit" | "miss" | "bypass";

export interface CacheKeyParts {
  tier: string;
  promptVersion: string;
  toolsVersion: string;
  kbVersion: string;
  /** Canonical question: `intent|slots` when recognised with confidence, else the normalised text. */
  question: string;
  /** Hash of the conversation context that shapes the answer. */
  context: string;
}

export interface CachedAnswer {
  content: string;
  extras: ToolExtras;
  intent: string;
  tier: string;
  provider: string;
  model: string;
  /** What computing the answer cost: a hit saves this much. */
  costMicros: number;
  /** The canonical question the answer was produced for. */
  question: string;
  /** The normalised text that produced it (to audit wrong hits). */
  source: string;
  createdAt: string;
}

export interface ComputeOutcome {
  value: CachedAnswer;
  /** False when the turn turned out personal, wrote something, failed or fell back. */
  cacheable: boolean;
}

export class ResponseCache {
  private readonly inflight = new Map<string, Promise<ComputeOutcome>>();
  private readonly outage = createOutageLog(
    "[ai cache] Redis",
    "the assistant answers without its response cache",
  );

  constructor(
    private readonly redis: Redis | null,
    readonly prefix = "myhibachi:ai:rc",
    private readonly opts: { lockMs?: number; waitMs?: number } = {},
  ) {}

  keyFor(parts: CacheKeyParts): string {
    return `${this.prefix}:${sha256(canonicalJson({ v: 1, ...parts }))}`;
  }

  private ready(): Redis | null {
    return this.redis && this.redis.status === "ready" ? this.redis : null;
  }

  /** Whether this cache's answers live on `redis` (one round trip may read them with others). */
  uses(redis: Redis | null): boolean {
    return !!redis && this.redis === redis;
  }

  /** An answer as stored under a key (read by `get`, or with other commands in one trip). */
  decode(raw: string): CachedAnswer | null {
    try {
      return JSON.parse(raw) as CachedAnswer;
    } catch (err) {
      this.outage.failed(err);
      return null;
    }
  }

  async get(key: string): Promise<CachedAnswer | null> {
    const r = this.ready();
    if (!r) return null;
    try {
      const raw = await r.get(key);
      this.outage.recovered();
      return raw ? this.decode(raw) : null;
    } catch (err) {
      this.outage.failed(err);
      return null;
    }
  }

  async set(key: string, value: CachedAnswer, ttlSec: number): Promise<void> {
    const r = this.ready();
    if (!r) return;
    try {
      await r.set(key, JSON.stringify(value), "EX", ttlSec);
    } catch (err) {
      this.outage.failed(err); // a failed cache write only costs a later miss
    }
  }

  /**
   * The cached answer, or compute it once: concurrent callers in this process share one
   * computation, other processes wait on the Redis lock and then read the stored answer.
   */
  async getOrCompute(
    key: string,
    ttlSec: number,
    compute: () => Promise<ComputeOutcome>,
  ): Promise<{ status: CacheStatus; value: CachedAnswer; cacheable: boolean }> {
    const r = this.ready();
    if (!r) {
      const out = await compute();
      return { status: "bypass", ...out };
    }
    const cached = await this.get(key);
    if (cached) return { status: "hit", value: cached, cacheable: true };
    const running = this.inflight.get(key);
    if (running) {
      const out = await running;
      return out.cacheable ? { status: "hit", ...out } : { status: "miss", ...(await compute()) };
    }
    const p = (async (): Promise<ComputeOutcome> => {
      const lockKey = `${key}:lock`;
      let locked = false;
      try {
        locked = (await r.set(lockKey, "1", "PX", this.opts.lockMs ?? 20_000, "NX")) === "OK";
      } catch (err) {
        this.outage.failed(err);
        locked = true; // can't coordinate: just compute
      }
      if (!locked) {
        const until = Date.now() + (this.opts.waitMs ?? 15_000);
        while (Date.now() < until) {
          await new Promise((res) => setTimeout(res, 25));
          const v = await this.get(key);
          if (v) return { value: v, cacheable: true, fromPeer: true } as ComputeOutcome;
          const still = await r.exists(lockKey).catch(() => 0);
          if (!still) break;
        }
      }
      try {
        const out = await compute();
        if (out.cacheable) await this.set(key, out.value, ttlSec);
        return out;
      } finally {
        if (locked) await r.del(lockKey).catch(() => 0);
      }
    })();
    this.inflight.set(key, p);
    try {
      const out = await p;
      const fromPeer = (out as ComputeOutcome & { fromPeer?: boolean }).fromPeer === true;
      return { status: fromPeer ? "hit" : "miss", value: out.value, cacheable: out.cacheable };
    } finally {
      this.inflight.delete(key);
    }
  }
}
