import { DAY, HOUR, type QueueConfig } from "./config";

/** Booking housekeeping (expiring holds): scheduled every minute, so a failed run is soon redone. */
export const bookingsQueue = {
  concurrency: 2,
  attempts: 3,
  backoffMs: 5_000,
  removeOnCompleteAgeSec: HOUR,
  removeOnFailAgeSec: 7 * DAY,
} satisfies QueueConfig;
