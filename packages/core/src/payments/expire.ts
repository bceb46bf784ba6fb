// The hold sweep's payment side (worker, every minute): a hold that ended also closes its open
// Checkout session at Stripe, so it can't be paid any more. If Stripe says the session was paid
// meanwhile, the payment is applied like a webhook would (the late-payment rule in apply.ts).
// Also re-queues what never reached the queue: stored webhook events and decided refunds.
import { assertOutsideTransaction, type Db } from "@myhibachi/db";
import type { PaymentsGateway } from "./config";
import { applyPaid } from "./apply";
import { paymentNow, type PaymentDeps } from "./deps";
import { sessionFacts } from "./webhook";

/** Closes the open Checkout sessions of holds that ended (expired or cancelled). */
export async function closeEndedCheckouts(
  db: Db,
  gateway: PaymentsGateway,
  deps: PaymentDeps = {},
  limit = 50,
): Promise<{ closed: number; paid: number }> {
  const now = paymentNow(deps);
  const open = await db.payment.findMany({
    where: {
      status: "PENDING",
      method: "STRIPE",
      stripeCheckoutSessionId: { not: null },
      OR: [
        { booking: { status: { in: ["EXPIRED", "CANCELLED"] } } },
        { checkoutExpiresAt: { lt: now } },
      ],
    },
    take: limit,
    orderBy: { createdAt: "asc" },
  });
  let closed = 0;
  let paid = 0;
  assertOutsideTransaction("Stripe Checkout expiry");
  for (const p of open) {
    const sessionId = p.stripeCheckoutSessionId!;
    let session = await gateway.stripe.checkout.sessions.retrieve(sessionId);
    if (session.status === "open") {
      try {
        session = await gateway.stripe.checkout.sessions.expire(
          sessionId,
          {},
          { idempotencyKey: `expire-${p.id}` },
        );
      } catch {
        // Paid (or expired) in the meantime: read it again and act on what it is now.
        session = await gateway.stripe.checkout.sessions.retrieve(sessionId);
      }
    }
    if (session.payment_status === "paid") {
      await applyPaid(db, sessionFacts(session as unknown as Record<string, unknown>, now), deps);
      paid++;
    } else if (session.status !== "open") {
      const { count } = await db.payment.updateMany({
        where: { id: p.id, status: "PENDING" },
        data: {
          status: "CANCELED",
          failureMessage:
            p.kind === "DEPOSIT"
              ? "The hold ended before the deposit was paid."
              : "The payment page expired before it was paid.",
        },
      });
      closed += count;
    }
  }
  return { closed, paid };
}

/** Webhook events stored but not processed after `olderThanMs` (their job was lost). */
export async function unprocessedStripeEvents(db: Db, now: Date, olderThanMs: number, limit = 200) {
  const rows = await db.stripeEvent.findMany({
    where: { processedAt: null, receivedAt: { lt: new Date(now.getTime() - olderThanMs) } },
    select: { id: true },
    orderBy: { receivedAt: "asc" },
    take: limit,
  });
  return rows.map((r) => r.id);
}

/** PENDING refunds whose last attempt (or decision) is older than `olderThanMs`. */
export async function stalledRefunds(db: Db, now: Date, olderThanMs: number, limit = 100) {
  const before = new Date(now.getTime() - olderThanMs);
  const rows = await db.refund.findMany({
    where: {
      status: "PENDING",
      OR: [{ lastAttemptAt: null, createdAt: { lt: before } }, { lastAttemptAt: { lt: before } }],
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  return rows.map((r) => r.id);
}
