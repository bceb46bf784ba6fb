import { DAY, HOUR, type QueueConfig } from "./config";

/**
 * Stripe webhook events and refunds. Stripe hiccups are short: retry quickly at first, then back
 * off (2 s, 4 s, 8 s ... about 17 minutes in all); the payments sweep re-queues anything whose
 * job was lost, and a refund that still fails after the last try is marked FAILED for the owner.
 */
export const paymentsQueue = {
  concurrency: 8,
  attempts: 10,
  backoffMs: 2_000,
  removeOnCompleteAgeSec: HOUR,
  removeOnFailAgeSec: 7 * DAY,
} satisfies QueueConfig;
