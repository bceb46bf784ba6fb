// Refunds: decided in a transaction (a PENDING Refund row, under the payment's row lock so two
// decisions can never refund more than was paid), sent to Stripe by the worker with the row's
// idempotency key (no transaction open), settled from Stripe's answer or its webhook, whichever
// comes first: both go through `settleRefund`, which applies a refund once.
import { recomputeLoyaltyAfter } from "../loyalty/recompute";
import { randomUUID } from "node:crypto";
import {
  assertOutsideTransaction,
  type Db,
  type DbTx,
  type Payment,
  type Refund,
  type RefundReason,
} from "@myhibachi/db";
import Stripe from "stripe";
import { AppError } from "../errors";
import type { PaymentsGateway } from "./config";
import { afterCommit, paymentNow, queueRefunds, type PaymentDeps } from "./deps";
import { adminWrite, type AdminActor, type AdminDeps } from "../admin/audit";
import { formatCents } from "@myhibachi/shared";
import { freezeReceipt } from "./receipts";

/** Locks a payment row in the caller's transaction and returns it as it is now. */
export async function lockPayment(tx: DbTx, paymentId: string): Promise<Payment | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Payment" WHERE "id" = ${paymentId} FOR UPDATE`;
  if (!rows.length) return null;
  return tx.payment.findUnique({ where: { id: paymentId } });
}

/** What can still be refunded on a (locked) payment: paid, minus refunded and refunds on their way. */
export async function refundableCents(tx: DbTx, payment: Payment): Promise<number> {
  if (payment.status !== "SUCCEEDED" || payment.method !== "STRIPE") return 0;
  const pending = await tx.refund.aggregate({
    where: { paymentId: payment.id, status: "PENDING" },
    _sum: { amountCents: true },
  });
  return Math.max(
    0,
    payment.amountCents +
      payment.tipCents -
      payment.refundedCents -
      (pending._sum.amountCents ?? 0),
  );
}

/**
 * Decides a refund on a payment the caller has LOCKED (lockPayment), capped at what is still
 * refundable. Returns the PENDING row, or null when nothing is left to refund.
 */
export async function addRefund(
  tx: DbTx,
  payment: Payment,
  r: { amountCents: number; reason: RefundReason; requestedBy: string; note?: string | null },
): Promise<Refund | null> {
  const amount = Math.min(r.amountCents, await refundableCents(tx, payment));
  if (amount <= 0) return null;
  return tx.refund.create({
    data: {
      paymentId: payment.id,
      bookingId: payment.bookingId,
      amountCents: amount,
      reason: r.reason,
      note: r.note ?? null,
      requestedBy: r.requestedBy,
      idempotencyKey: `refund-${randomUUID()}`,
    },
  });
}

/** Stripe's view of a refund, as the API answer or a webhook carries it. */
export interface StripeRefundLike {
  id: string;
  amount: number;
  status: string | null;
  payment_intent: string | { id: string } | null;
  metadata?: Record<string, string> | null;
  failure_reason?: string | null;
  created?: number;
}

const idOf = (x: string | { id: string } | null | undefined) =>
  x == null ? null : typeof x === "string" ? x : x.id;

/**
 * Applies Stripe's word on a refund once: finds our row (by the refund id, else the refundId we
 * put in its metadata), or records a refund made outside the app (Stripe dashboard), and moves
 * it PENDING -> SUCCEEDED | FAILED, keeping Payment.refundedCents in step. Safe to run any number
 * of times, in any order with the others (a late "pending" never undoes "succeeded").
 */
export async function settleRefund(
  db: Db,
  re: StripeRefundLike,
  deps: PaymentDeps = {},
): Promise<string> {
  const now = paymentNow(deps);
  const piId = idOf(re.payment_intent);
  const result = await db.$transaction(async (tx) => {
    let row =
      (await tx.refund.findUnique({ where: { stripeRefundId: re.id } })) ??
      (re.metadata?.refundId
        ? await tx.refund.findUnique({ where: { id: re.metadata.refundId } })
        : null);
    const paymentId =
      row?.paymentId ??
      (piId
        ? (
            await tx.payment.findUnique({
              where: { stripePaymentIntentId: piId },
              select: { id: true },
            })
          )?.id
        : null);
    if (!paymentId) return { outcome: "refund for a payment we don't know: ignored" };
    const payment = await lockPayment(tx, paymentId);
    if (!payment) return { outcome: "refund for a payment we don't know: ignored" };
    // Re-read under the payment's lock: a concurrent settle of the same refund has committed.
    row = row
      ? await tx.refund.findUnique({ where: { id: row.id } })
      : await tx.refund.findUnique({ where: { stripeRefundId: re.id } });
    if (!row) {
      // A refund made outside the app: never more than is left of the payment.
      const left = payment.amountCents + payment.tipCents - payment.refundedCents;
      const amountCents = Math.min(Math.max(0, Number(re.amount) || 0), left);
      if (amountCents <= 0) return { outcome: "refund beyond what the payment took: ignored" };
      row = await tx.refund.create({
        data: {
          paymentId,
          bookingId: payment.bookingId,
          amountCents,
          reason: "EXTERNAL",
          note: "Refunded outside the app (Stripe dashboard).",
          requestedBy: "stripe",
          stripeRefundId: re.id,
          idempotencyKey: `stripe-${re.id}`,
        },
      });
    }
    if (row.status !== "PENDING")
      return { outcome: `refund already ${row.status.toLowerCase()}: no change` };
    if (re.status === "succeeded") {
      await tx.refund.update({
        where: { id: row.id },
        data: { status: "SUCCEEDED", stripeRefundId: re.id, succeededAt: now, lastError: null },
      });
      await tx.payment.update({
        where: { id: payment.id },
        data: {
          refundedCents: Math.min(
            payment.amountCents + payment.tipCents,
            payment.refundedCents + row.amountCents,
          ),
        },
      });
      // Its receipt says what was true now, whatever the booking becomes later.
      await freezeReceipt(tx, "refund", row.id, row.bookingId);
      return { outcome: "refund succeeded", event: "refund.succeeded" as const, row };
    }
    if (re.status === "failed" || re.status === "canceled") {
      await tx.refund.update({
        where: { id: row.id },
        data: {
          status: "FAILED",
          stripeRefundId: re.id,
          failedAt: now,
          lastError: re.failure_reason ?? `Stripe: ${re.status}`,
        },
      });
      return { outcome: `refund ${re.status}`, event: "refund.failed" as const, row };
    }
    // pending / requires_action: Stripe is on it; its webhook settles it.
    await tx.refund.update({ where: { id: row.id }, data: { stripeRefundId: re.id } });
    return { outcome: "refund pending at Stripe" };
  });
  if ("event" in result && result.event && result.row) {
    const { row, event } = result;
    // A refund that went through takes its points back (the tier may drop); never fails this.
    if (event === "refund.succeeded") await recomputeLoyaltyAfter(db, row.bookingId, now);
    await afterCommit("refund notice", () =>
      deps.notifyPayment?.({ type: event, refundId: row.id, bookingId: row.bookingId }),
    );
  }
  return result.outcome;
}

/** Stripe said no for good (bad request): retrying can't help. */
function isPermanent(err: unknown): boolean {
  return (
    err instanceof Stripe.errors.StripeInvalidRequestError ||
    err instanceof Stripe.errors.StripeCardError ||
    err instanceof Stripe.errors.StripePermissionError
  );
}

export type SendRefundResult =
  | { status: "done"; outcome: string }
  /** Nothing to do (already settled, or not ours to send). */
  | { status: "skipped"; outcome: string };

/**
 * Sends a PENDING refund to Stripe (worker). The attempt is recorded first (committed), the call
 * is made with no transaction open and the row's idempotency key (a retry after a lost answer
 * gets the same refund back), then the answer is settled. A temporary Stripe error throws (the
 * job is retried with backoff; the booking stays cancelled meanwhile); a permanent one marks the
 * refund FAILED for the owner to see.
 */
export async function sendRefund(
  db: Db,
  gateway: PaymentsGateway,
  refundId: string,
  deps: PaymentDeps & { lastAttempt?: boolean } = {},
): Promise<SendRefundResult> {
  const now = paymentNow(deps);
  const claimed = await db.refund.updateManyAndReturn({
    where: { id: refundId, status: "PENDING" },
    data: { attempts: { increment: 1 }, lastAttemptAt: now },
  });
  const refund = claimed[0];
  if (!refund) return { status: "skipped", outcome: "refund is not pending" };
  const payment = await db.payment.findUniqueOrThrow({ where: { id: refund.paymentId } });
  if (!payment.stripePaymentIntentId) {
    await db.refund.update({
      where: { id: refund.id },
      data: {
        status: "FAILED",
        failedAt: now,
        lastError: "This payment wasn't taken on Stripe: refund it in person.",
      },
    });
    return { status: "done", outcome: "not a Stripe payment: marked failed" };
  }
  assertOutsideTransaction("Stripe refund");
  let answer: Stripe.Refund;
  try {
    answer = await gateway.stripe.refunds.create(
      {
        payment_intent: payment.stripePaymentIntentId,
        amount: refund.amountCents,
        ...(refund.reason === "DUPLICATE_PAYMENT" ? { reason: "duplicate" as const } : {}),
        ...(refund.reason === "CANCELLATION_POLICY"
          ? { reason: "requested_by_customer" as const }
          : {}),
        metadata: { refundId: refund.id, bookingId: refund.bookingId, paymentId: payment.id },
      },
      { idempotencyKey: refund.idempotencyKey },
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (isPermanent(err) || deps.lastAttempt) {
      await db.refund.updateMany({
        where: { id: refund.id, status: "PENDING" },
        data: { status: "FAILED", failedAt: now, lastError: message.slice(0, 500) },
      });
      await afterCommit("refund failure notice", () =>
        deps.notifyPayment?.({
          type: "refund.failed",
          refundId: refund.id,
          bookingId: refund.bookingId,
        }),
      );
      return { status: "done", outcome: `refund failed: ${message}` };
    }
    await db.refund.update({
      where: { id: refund.id },
      data: { lastError: message.slice(0, 500) },
    });
    throw err;
  }
  return { status: "done", outcome: await settleRefund(db, answer, deps) };
}

/**
 * Owner: refund part or all of a Stripe payment from the booking page, with an audit row in the
 * same transaction as the decision. Capped at what is still refundable (a refund on its way
 * counts); the worker sends it to Stripe after commit.
 */
export async function refundPaymentByOwner(
  db: Db,
  input: {
    actor: AdminActor;
    bookingId: string;
    paymentId: string;
    amountCents: number;
    note: string | null;
  },
  deps: PaymentDeps & AdminDeps,
): Promise<Refund> {
  const refund = await adminWrite(
    db,
    deps,
    { actor: input.actor, scopes: [] },
    async (tx, audit) => {
      const payment = await lockPayment(tx, input.paymentId);
      if (!payment || payment.bookingId !== input.bookingId)
        throw new AppError("NOT_FOUND", "That payment isn't on this booking. Reload the page.");
      if (payment.method !== "STRIPE")
        throw new AppError(
          "PRECONDITION_FAILED",
          "This payment was taken in person: give the money back the same way (nothing is refunded online).",
        );
      if (payment.status !== "SUCCEEDED")
        throw new AppError(
          "PRECONDITION_FAILED",
          "Only a payment that went through can be refunded.",
        );
      const left = await refundableCents(tx, payment);
      if (left <= 0)
        throw new AppError(
          "PRECONDITION_FAILED",
          "This payment has already been refunded in full.",
        );
      if (input.amountCents > left)
        throw new AppError(
          "BAD_REQUEST",
          `At most ${formatCents(left)} of this payment can still be refunded.`,
          { field: "amountCents" },
        );
      const r = (await addRefund(tx, payment, {
        amountCents: input.amountCents,
        reason: "OWNER",
        requestedBy: `staff:${input.actor.userId}`,
        note: input.note,
      }))!;
      await tx.bookingEvent.create({
        data: {
          bookingId: input.bookingId,
          type: "refund-issued",
          actor: `staff:${input.actor.userId}`,
          data: {
            refundId: r.id,
            paymentId: payment.id,
            amountCents: r.amountCents,
            note: input.note,
          },
        },
      });
      audit({
        action: "payment.refund",
        entity: "booking",
        entityId: input.bookingId,
        before: { paymentId: payment.id, refundedCents: payment.refundedCents },
        after: { refundId: r.id, amountCents: r.amountCents, note: input.note },
      });
      return r;
    },
  );
  await queueRefunds(deps, [refund.id], refund.bookingId);
  return refund;
}
