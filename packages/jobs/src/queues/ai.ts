import { DAY, type QueueConfig } from "./config";

/** AI replies: slow, rate-limited upstreams; a few parallel calls, quick retries. */
export const aiQueue = {
  concurrency: 4,
  attempts: 3,
  backoffMs: 2_000,
  removeOnCompleteAgeSec: DAY,
  removeOnFailAgeSec: 7 * DAY,
} satisfies QueueConfig;

/** Model calls started per minute by one worker process (0 = unlimited). */
export const aiRateLimit = { perMinute: 0 };

/**
 * Applies the worker's settings (AI_CONCURRENCY, AI_RATE_LIMIT_PER_MINUTE) before its workers
 * start: concurrency is read when the ai Worker is created, the rate limit by the ai processor.
 */
export function configureAiQueue(opts: { concurrency?: number; ratePerMinute?: number }): void {
  if (opts.concurrency && opts.concurrency > 0) aiQueue.concurrency = opts.concurrency;
  if (opts.ratePerMinute !== undefined && opts.ratePerMinute >= 0)
    aiRateLimit.perMinute = opts.ratePerMinute;
}
