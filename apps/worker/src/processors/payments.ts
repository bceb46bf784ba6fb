import {
  closeEndedCheckouts,
  processStripeEvent,
  sendRefund,
  stalledRefunds,
  unprocessedStripeEvents,
} from "@myhibachi/core";
import { enqueue, type JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";
import { workerPaymentDeps } from "../payments";

/** Applies one stored Stripe webhook event (idempotent: a redelivery or a retry changes nothing). */
export const paymentsStripeEvent: JobProcessor<"payments.stripe-event", ProcessorContext> = async (
  p,
  { deps },
) => ({ outcome: await processStripeEvent(deps.db, p.eventId, workerPaymentDeps(deps)) });

/**
 * Sends a decided refund to Stripe. A temporary Stripe error throws: BullMQ retries with backoff
 * (the booking stays cancelled meanwhile); on the last attempt the refund is marked FAILED.
 */
export const paymentsRefund: JobProcessor<"payments.refund", ProcessorContext> = async (
  p,
  { deps, job },
) => {
  if (!deps.payments) return { outcome: "no Stripe configured: nothing to send" };
  const attempts = job.opts.attempts ?? 1;
  return sendRefund(deps.db, deps.payments, p.refundId, {
    ...workerPaymentDeps(deps),
    lastAttempt: job.attemptsMade + 1 >= attempts,
  });
};

/**
 * Every minute: closes the Checkout sessions of ended holds (applying any found paid), and
 * re-queues stored webhook events and refunds whose job was lost.
 */
export const paymentsSweep: JobProcessor<"payments.sweep", ProcessorContext> = async (
  _p,
  { deps },
) => {
  if (!deps.payments) return { skipped: "pay at the event" };
  const now = deps.now();
  const closed = await closeEndedCheckouts(deps.db, deps.payments, workerPaymentDeps(deps));
  let events = 0;
  let refunds = 0;
  if (deps.queues) {
    for (const eventId of await unprocessedStripeEvents(deps.db, now, 60_000)) {
      const n = (await deps.db.stripeEvent.findUnique({ where: { id: eventId } }))?.attempts ?? 0;
      await enqueue(
        deps.queues,
        "payments.stripe-event",
        { eventId },
        { jobId: `payments.stripe-event--sweep-${eventId}-${n}` },
      );
      events++;
    }
    for (const refundId of await stalledRefunds(deps.db, now, 5 * 60_000)) {
      const n = (await deps.db.refund.findUnique({ where: { id: refundId } }))?.attempts ?? 0;
      await enqueue(
        deps.queues,
        "payments.refund",
        { refundId },
        { jobId: `payments.refund--sweep-${refundId}-${n}` },
      );
      refunds++;
    }
  }
  return { ...closed, requeuedEvents: events, requeuedRefunds: refunds };
};
