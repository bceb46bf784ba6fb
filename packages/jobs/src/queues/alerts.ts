import { DAY, type QueueConfig } from "./config";

/** Owner alerts (cost runaway etc.). */
export const alertsQueue = {
  concurrency: 2,
  attempts: 5,
  backoffMs: 10_000,
  removeOnCompleteAgeSec: DAY,
  removeOnFailAgeSec: 30 * DAY,
} satisfies QueueConfig;
