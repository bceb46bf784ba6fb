import { DAY, type QueueConfig } from "./config";

/** Transactional email: SMTP hiccups are common and short, so retry a few times, patiently. */
export const emailQueue = {
  concurrency: 5,
  attempts: 6,
  backoffMs: 10_000,
  removeOnCompleteAgeSec: 7 * DAY,
  removeOnFailAgeSec: 30 * DAY,
} satisfies QueueConfig;
