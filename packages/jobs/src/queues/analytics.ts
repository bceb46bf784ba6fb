import { DAY, type QueueConfig } from "./config";

/** Nightly analytics: heavy queries, one at a time, retried with long pauses. */
export const analyticsQueue = {
  concurrency: 1,
  attempts: 3,
  backoffMs: 60_000,
  removeOnCompleteAgeSec: 7 * DAY,
  removeOnFailAgeSec: 30 * DAY,
} satisfies QueueConfig;
