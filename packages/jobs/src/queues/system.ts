import { HOUR, type QueueConfig } from "./config";

/** Operational jobs (system.ping: end-to-end probe used by tests and smoke checks). */
export const systemQueue = {
  concurrency: 5,
  attempts: 3,
  backoffMs: 1_000,
  removeOnCompleteAgeSec: HOUR,
  removeOnFailAgeSec: HOUR,
} satisfies QueueConfig;
