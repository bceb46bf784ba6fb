import { setTimeout as sleep } from "node:timers/promises";
import { QueryCache, paymentsMode, stripeConfigFrom } from "@myhibachi/core";
import { createOutageLog } from "@myhibachi/shared";
import { createAssistant, type Assistant } from "@myhibachi/ai";
import { aiRateLimit, createRedis, type JobProcessor, type Redis } from "@myhibachi/jobs";
import type { ProcessorContext, WorkerDeps } from "../context";

export interface AiRuntime {
  assistant: Assistant;
  /** For the per-minute rate limit shared by this worker's ai jobs; null = no limit. */
  redis: Redis | null;
  ratePerMinute: number;
}

const rateOutage = createOutageLog(
  "[ai.reply] per-minute rate limit in Redis",
  "replies are not rate limited meanwhile",
);

/** Waits for a slot in the per-minute budget (fixed window in Redis, shared across processes). */
async function takeRateSlot(rt: AiRuntime, signal: AbortSignal): Promise<void> {
  if (!rt.ratePerMinute || !rt.redis || rt.redis.status !== "ready") return;
  for (;;) {
    const window = Math.floor(Date.now() / 60_000);
    const key = `myhibachi:ai:rate:${window}`;
    let n: number;
    try {
      n = await rt.redis.incr(key);
      if (n === 1) await rt.redis.expire(key, 120);
      rateOutage.recovered();
    } catch (err) {
      rateOutage.failed(err);
      return;
    }
    if (n <= rt.ratePerMinute) return;
    await sleep(60_000 - (Date.now() % 60_000) + 10, undefined, { signal });
  }
}

/** The ai.reply processor over a runtime (tests build their own; production's comes from env). */
export function makeAiReply(
  getRuntime: (deps: WorkerDeps) => Promise<AiRuntime>,
): JobProcessor<"ai.reply", ProcessorContext> {
  return async (p, { job, signal, deps }) => {
    const rt = await getRuntime(deps);
    try {
      await takeRateSlot(rt, signal);
      const reply = await rt.assistant.respond(p.messageId);
      return { replyId: reply.id, cacheStatus: reply.cacheStatus, tier: reply.tier };
    } catch (err) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final && !signal.aborted) {
        deps.log.error(`[ai.reply] giving up on message ${p.messageId}`, err);
        const reply = await rt.assistant.fail(
          p.messageId,
          err instanceof Error ? err.message : String(err),
        );
        return { replyId: reply.id, status: "error" };
      }
      throw err;
    }
  };
}

let runtime: Promise<AiRuntime> | undefined;

/** Production runtime, built on first use from the worker's env (read lazily: tests never do). */
async function envRuntime(deps: WorkerDeps): Promise<AiRuntime> {
  runtime ??= (async () => {
    const { env } = await import("../env");
    const redis = createRedis(env.REDIS_URL, "cache");
    const cache = new QueryCache(redis, env.CACHE_PREFIX ?? "myhibachi:qc");
    return {
      assistant: createAssistant({
        db: deps.db,
        redis,
        cache,
        ...(env.CACHE_PREFIX ? { cachePrefix: env.CACHE_PREFIX } : {}),
        env,
        now: deps.now,
        // Stripe configured: deposits are paid online (the web fast path reads the same env).
        payOnline: paymentsMode(stripeConfigFrom(env)) === "stripe",
        // The chat's suggestion arm, drawn as the site draws it (the web fast path's secret).
        armSecret: env.AUTH_SECRET ?? null,
      }),
      redis,
      ratePerMinute: aiRateLimit.perMinute,
    };
  })();
  return runtime;
}

export const aiReply = makeAiReply(envRuntime);
