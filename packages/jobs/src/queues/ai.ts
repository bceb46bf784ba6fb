import { DAY, type QueueConfig } from "./config";

/** AI replies: slow, rate-limited upstreams; a few parallel calls, quick retries. */
export const aiQueue = {
  concurrency: 4,
  attempts: 3,
  backoffMs: 2_000,
  removeOnCompleteAgeSec: DAY,
  removeOnFailAgeSec: 7 * DAY,
} satisfies QueueConfig;
