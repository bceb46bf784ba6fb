import { z } from "zod";
import { defineJob } from "./define";

/** A stored Stripe webhook event (StripeEvent row) to apply; one job per event id. */
export const paymentsStripeEventPayload = z
  .object({ eventId: z.string().min(1).max(255) })
  .strict();
export const paymentsStripeEvent = defineJob({
  queue: "payments",
  schema: paymentsStripeEventPayload,
  idempotencyKey: (p) => `stripe-event-${p.eventId}`,
});

/** A decided refund (Refund row, PENDING) to send to Stripe. */
export const paymentsRefundPayload = z.object({ refundId: z.string().min(1).max(100) }).strict();
export const paymentsRefund = defineJob({
  queue: "payments",
  schema: paymentsRefundPayload,
  idempotencyKey: (p) => `refund-${p.refundId}`,
});

/**
 * Scheduler job (every minute): closes the Checkout sessions of ended holds, and re-queues
 * webhook events and refunds whose job never reached the queue (or was lost).
 */
export const paymentsSweepPayload = z.object({}).strict();
export const paymentsSweep = defineJob({ queue: "payments", schema: paymentsSweepPayload });
