// Stripe webhooks: `receiveStripeEvent` (the route) verifies the signature and stores the event
// once; `processStripeEvent` (the worker) applies it, at least once and idempotently. Every
// handler goes through the same idempotent functions as the success redirect and the hold
// sweep, so a duplicate, a reordered or a late event leaves the same end state.
import type Stripe from "stripe";
import { z } from "zod";
import { Prisma, type Db } from "@myhibachi/db";
import { AppError } from "../errors";
import type { PaymentsGateway } from "./config";
import { applyPaid } from "./apply";
import { settleRefund, lockPayment, type StripeRefundLike } from "./refunds";
import { afterCommit, paymentNow, type PaymentDeps } from "./deps";

/** Largest webhook body we read (Stripe's events are a few KB). */
export const STRIPE_WEBHOOK_MAX_BYTES = 512 * 1024;

export interface ReceivedEvent {
  eventId: string;
  type: string;
  /** False when this event id was already stored (a redelivery). */
  stored: boolean;
}

/**
 * What a stored event needs: Stripe's id, type and creation time, and the object it is about.
 * A correctly signed body that isn't such an event is refused (400), never stored: storing it
 * could only fail, and a 500 would make Stripe retry the poison event for days.
 */
const usableEvent = z.object({
  id: z
    .string({ error: "no event `id`" })
    .trim()
    .min(1, "no event `id`")
    .max(255, "event id too long"),
  type: z
    .string({ error: "no event `type`" })
    .trim()
    .min(1, "no event `type`")
    .max(255, "event type too long"),
  // Seconds since 1970, up to the year 9999.
  created: z
    .number({ error: "no `created` time" })
    .int("`created` isn't whole seconds")
    .min(0, "`created` is before 1970")
    .max(253_402_300_799, "`created` is too far ahead"),
  livemode: z.boolean().optional(),
  data: z.object(
    { object: z.record(z.string(), z.unknown(), { error: "no `data.object`" }) },
    { error: "no `data.object`" },
  ),
});

/**
 * Verifies a webhook (`stripe.webhooks.constructEvent`: signature and timestamp tolerance) and
 * stores it once. A bad signature is a 400 and nothing is written.
 */
export async function receiveStripeEvent(
  db: Db,
  gateway: PaymentsGateway,
  rawBody: string,
  signature: string | null,
): Promise<ReceivedEvent> {
  if (!signature)
    throw new AppError(
      "BAD_REQUEST",
      "Missing Stripe-Signature header: only Stripe may call this.",
    );
  let event: Stripe.Event;
  try {
    event = gateway.stripe.webhooks.constructEvent(rawBody, signature, gateway.webhookSecret);
  } catch {
    throw new AppError("BAD_REQUEST", "The Stripe signature doesn't match this request.");
  }
  const usable = usableEvent.safeParse(event);
  if (!usable.success)
    throw new AppError(
      "BAD_REQUEST",
      `That isn't a usable Stripe event (${usable.error.issues[0]?.message ?? "wrong shape"}); nothing was stored.`,
    );
  const payload = JSON.stringify(event);
  // Postgres text and jsonb can't hold a NUL character: say so instead of failing to store it.
  if (payload.includes("\\u0000"))
    throw new AppError(
      "BAD_REQUEST",
      "That isn't a usable Stripe event (it contains a NUL character); nothing was stored.",
    );
  const object = usable.data.data.object as { id?: unknown };
  const rows = await db.$executeRaw`
    INSERT INTO "StripeEvent" ("id", "type", "livemode", "stripeCreatedAt", "objectId", "payload")
    VALUES (${usable.data.id}, ${usable.data.type}, ${usable.data.livemode === true},
            ${new Date(usable.data.created * 1000)}, ${typeof object.id === "string" ? object.id : null},
            ${payload}::jsonb)
    ON CONFLICT ("id") DO NOTHING`;
  return { eventId: usable.data.id, type: usable.data.type, stored: rows > 0 };
}

type Obj = Record<string, unknown>;
const idOf = (x: unknown): string | null =>
  typeof x === "string"
    ? x
    : x && typeof x === "object" && typeof (x as Obj).id === "string"
      ? ((x as Obj).id as string)
      : null;
const meta = (o: Obj): Record<string, string> =>
  (o.metadata as Record<string, string> | undefined) ?? {};

/**
 * Processes one stored event (worker). Safe to run twice, concurrently, or after a later event
 * about the same object: each handler applies a state change once and never moves backwards.
 * Throws on a temporary failure (the job is retried); the error is kept on the row.
 */
export async function processStripeEvent(
  db: Db,
  eventId: string,
  deps: PaymentDeps = {},
): Promise<string> {
  const ev = await db.stripeEvent.findUnique({ where: { id: eventId } });
  if (!ev) return "no such event";
  if (ev.processedAt) return ev.outcome ?? "already processed";
  let outcome: string;
  try {
    outcome = await dispatch(db, ev.type, ev.payload as Obj, ev.stripeCreatedAt, deps);
  } catch (err) {
    await db.stripeEvent.update({
      where: { id: eventId },
      data: {
        attempts: { increment: 1 },
        lastError: (err instanceof Error ? err.message : String(err)).slice(0, 500),
      },
    });
    throw err;
  }
  await db.stripeEvent.updateMany({
    where: { id: eventId, processedAt: null },
    data: { processedAt: paymentNow(deps), outcome, attempts: { increment: 1 }, lastError: null },
  });
  return outcome;
}

async function dispatch(
  db: Db,
  type: string,
  event: Obj,
  createdAt: Date,
  deps: PaymentDeps,
): Promise<string> {
  const sent = ((event.data as Obj | undefined)?.object ?? {}) as Obj;
  // The event says which object changed; what it is now (paid? how much?) is read from Stripe
  // itself, so a payload that lies (a replay, a hand-made event) moves no money on its own.
  const o = (await fromStripe(deps, type, sent)) ?? null;
  if (!o) return "object Stripe doesn't know: ignored";
  switch (type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      if (o.payment_status !== "paid") return "checkout completed, not paid yet: waiting";
      return (await applyPaid(db, sessionFacts(o, createdAt), deps)).outcome;
    }
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired":
      return closeCheckout(
        db,
        o,
        type === "checkout.session.expired" ? "The payment page expired." : "The payment failed.",
      );
    case "payment_intent.succeeded":
      return (
        await applyPaid(
          db,
          {
            paymentId: meta(o).paymentId ?? null,
            paymentIntentId: idOf(o.id),
            amountTotal: Number(o.amount_received ?? o.amount ?? 0),
            paidAt: createdAt,
          },
          deps,
        )
      ).outcome;
    case "payment_intent.payment_failed":
      return recordDecline(db, o);
    case "charge.refunded": {
      const refunds =
        ((o.refunds as Obj | undefined)?.data as StripeRefundLike[] | undefined) ?? [];
      const outcomes: string[] = [];
      for (const listed of refunds) {
        const r = ((await fromStripe(deps, "refund.updated", listed as unknown as Obj)) ??
          null) as StripeRefundLike | null;
        if (!r) {
          outcomes.push("refund Stripe doesn't know: ignored");
          continue;
        }
        outcomes.push(
          await settleRefund(
            db,
            { ...r, payment_intent: r.payment_intent ?? idOf(o.payment_intent) },
            deps,
          ),
        );
      }
      return outcomes.length
        ? outcomes.join("; ")
        : "charge refunded (no refund list): waiting for refund events";
    }
    case "refund.created":
    case "refund.updated":
    case "refund.failed":
    case "charge.refund.updated":
      return settleRefund(db, o as unknown as StripeRefundLike, deps);
    case "charge.dispute.created":
    case "charge.dispute.updated":
    case "charge.dispute.closed":
    case "charge.dispute.funds_withdrawn":
    case "charge.dispute.funds_reinstated":
      return recordDispute(db, o, createdAt, deps);
    default:
      return `ignored: ${type}`;
  }
}

/**
 * The object an event is about, as Stripe has it now (sessions, payment intents, refunds), or
 * null when Stripe doesn't know it. Other objects (disputes) are used as sent, their amounts
 * capped where they are recorded. Without a Stripe client (tests of the engine alone) the
 * payload is used as sent.
 */
async function fromStripe(deps: PaymentDeps, type: string, sent: Obj): Promise<Obj | null> {
  const stripe = deps.payments?.stripe;
  const id = idOf(sent.id);
  if (!stripe || !id) return sent;
  try {
    if (type.startsWith("checkout.session."))
      return (await stripe.checkout.sessions.retrieve(id)) as unknown as Obj;
    if (type.startsWith("payment_intent."))
      return (await stripe.paymentIntents.retrieve(id)) as unknown as Obj;
    if (type.startsWith("refund.") || type === "charge.refund.updated")
      return (await stripe.refunds.retrieve(id)) as unknown as Obj;
    return sent;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err; // Stripe unreachable: the job is retried
  }
}

export function sessionFacts(o: Obj, at: Date) {
  return {
    paymentId: meta(o).paymentId ?? null,
    checkoutSessionId: idOf(o.id),
    paymentIntentId: idOf(o.payment_intent),
    amountTotal: Number(o.amount_total ?? 0),
    paidAt: at,
  };
}

/** An unpaid Checkout session ended: its PENDING payment is CANCELED (never a paid one). */
async function closeCheckout(db: Db, o: Obj, why: string): Promise<string> {
  const sessionId = idOf(o.id);
  const paymentId = meta(o).paymentId;
  const where: Prisma.PaymentWhereInput = {
    status: "PENDING",
    OR: [
      ...(sessionId ? [{ stripeCheckoutSessionId: sessionId }] : []),
      ...(paymentId ? [{ id: paymentId }] : []),
    ],
  };
  if (!sessionId && !paymentId) return "session without ids: ignored";
  const { count } = await db.payment.updateMany({
    where,
    data: { status: "CANCELED", failureMessage: why },
  });
  return count ? "payment page closed unpaid" : "payment page closed: no change";
}

/** A declined attempt on an open Checkout page: noted, the payment stays PENDING (retryable). */
async function recordDecline(db: Db, o: Obj): Promise<string> {
  const paymentId = meta(o).paymentId;
  if (!paymentId) return "decline for a payment we don't know: ignored";
  const msg =
    ((o.last_payment_error as Obj | undefined)?.message as string | undefined) ??
    "The payment was declined.";
  const { count } = await db.payment.updateMany({
    where: { id: paymentId, status: "PENDING" },
    data: { failureMessage: msg.slice(0, 500) },
  });
  return count
    ? `payment attempt declined: ${msg}`
    : "decline after the payment settled: no change";
}

const CLOSED = new Set(["won", "lost", "warning_closed", "prevented"]);

/** Upserts a dispute; an event older than the one applied last never overwrites it. */
async function recordDispute(db: Db, o: Obj, at: Date, deps: PaymentDeps): Promise<string> {
  const id = idOf(o.id);
  const piId = idOf(o.payment_intent);
  if (!id || !piId) return "dispute without ids: ignored";
  let payment = await db.payment.findUnique({ where: { stripePaymentIntentId: piId } });
  if (!payment && deps.payments) {
    // The dispute came before the payment's own events were applied: ask Stripe whose it is.
    const pi = await deps.payments.stripe.paymentIntents.retrieve(piId);
    const ours = pi.metadata?.paymentId;
    if (ours) payment = await db.payment.findUnique({ where: { id: ours } });
  }
  if (!payment) return "dispute for a payment we don't know: ignored";
  const status = String(o.status ?? "needs_response");
  const changed = await db.$transaction(async (tx) => {
    await lockPayment(tx, payment.id);
    const cur = await tx.paymentDispute.findUnique({ where: { id } });
    if (cur && cur.lastEventAt > at) return false;
    if (
      cur &&
      cur.lastEventAt.getTime() === at.getTime() &&
      CLOSED.has(cur.status) &&
      !CLOSED.has(status)
    )
      return false; // same second: a closed dispute is the later state
    const data = {
      // Never more than the payment took (a dispute is about that payment).
      amountCents: Math.min(
        Math.max(0, Number(o.amount ?? 0)),
        payment.amountCents + payment.tipCents,
      ),
      reason: String(o.reason ?? "general"),
      status,
      lastEventAt: at,
      closedAt: CLOSED.has(status) ? at : null,
    };
    await tx.paymentDispute.upsert({
      where: { id },
      create: {
        id,
        paymentId: payment.id,
        bookingId: payment.bookingId,
        openedAt: typeof o.created === "number" ? new Date(o.created * 1000) : at,
        ...data,
      },
      update: data,
    });
    return true;
  });
  if (!changed) return "older dispute event: no change";
  await afterCommit("dispute notice", () =>
    deps.notifyPayment?.({ type: "dispute.updated", disputeId: id, bookingId: payment.bookingId }),
  );
  return `dispute ${status}`;
}
