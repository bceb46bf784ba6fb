// The ONE state change "Stripe says this payment is paid", whoever learns it first: the webhook
// (checkout.session.completed, payment_intent.succeeded), the success redirect (which retrieves
// the session), or the hold sweep finding a session paid as it closes it. It locks the booking,
// then the payment, and applies the payment once: a duplicate, a reordered or a concurrent call
// changes nothing. A deposit that arrives after the hold ended re-holds the time if it is still
// free (and confirms the booking), else it is refunded in full automatically.
import { tellStaffAboutBooking } from "../booking/staff-notice";
import type { Booking, Db, DbTx, Payment } from "@myhibachi/db";
import { PG_EXCLUSION_VIOLATION, pgErrorCode } from "@myhibachi/db";
import { zonedParts } from "@myhibachi/shared";
import { eventTiming } from "../availability/slots";
import { loadCatalogFromDb, resolveLocation, type Catalog } from "../catalog/catalog";
import type { BookingNotification } from "../booking/shared";
import { freeChefsFor, inBookingTx, lockBooking, placeBooking } from "../booking/shared";
import { addRefund, lockPayment } from "./refunds";
import { paidTowardTotalOf } from "./ledger";
import { freezeReceipt } from "./receipts";
import { afterCommit, paymentNow, queueRefunds, type PaymentDeps } from "./deps";

/** What Stripe told us about a paid payment (from a Checkout session or a payment intent). */
export interface PaidFacts {
  /** Our Payment id (metadata.paymentId), when Stripe carried it. */
  paymentId?: string | null;
  checkoutSessionId?: string | null;
  paymentIntentId?: string | null;
  /** What the customer was charged, tip included. */
  amountTotal: number;
  paidAt: Date;
}

export interface ApplyResult {
  outcome: string;
  changed: boolean;
  bookingId: string | null;
}

async function findPayment(db: Db | DbTx, f: PaidFacts): Promise<Payment | null> {
  if (f.paymentId) {
    const p = await db.payment.findUnique({ where: { id: f.paymentId } });
    if (p) return p;
  }
  if (f.checkoutSessionId) {
    const p = await db.payment.findUnique({
      where: { stripeCheckoutSessionId: f.checkoutSessionId },
    });
    if (p) return p;
  }
  if (f.paymentIntentId)
    return db.payment.findUnique({ where: { stripePaymentIntentId: f.paymentIntentId } });
  return null;
}

type Decision =
  | { kind: "none"; outcome: string }
  | {
      kind: "applied";
      outcome: string;
      bookingChanged: boolean;
      notify: BookingNotification | null;
      refundIds: string[];
      paymentId: string;
    };

/**
 * Applies "paid" to our Payment row (and its booking) once. Returns what it did, in words: the
 * StripeEvent row keeps it as the event's outcome.
 */
export async function applyPaid(
  db: Db,
  facts: PaidFacts,
  deps: PaymentDeps = {},
): Promise<ApplyResult> {
  const now = paymentNow(deps);
  const found = await findPayment(db, facts);
  if (!found) return { outcome: "payment we don't know: ignored", changed: false, bookingId: null };
  const catalog = await loadCatalogFromDb(db);
  // Applied, the payment's receipt is frozen in the same transaction, after everything it did
  // (the booking confirmed, an overpayment's refund decided): what was true when it was paid.
  const decideAndFreeze = async (tx: DbTx, opts: { noRehold?: boolean } = {}) => {
    const d = await decide(tx, found.id, found.bookingId, facts, catalog, now, opts);
    if (d.kind === "applied") await freezeReceipt(tx, "payment", d.paymentId, found.bookingId);
    return d;
  };
  let decision: Decision;
  try {
    decision = await inBookingTx(db, (tx) => decideAndFreeze(tx));
  } catch (err) {
    // The time was taken between our check and the insert: refund instead of re-holding.
    if (pgErrorCode(err) !== PG_EXCLUSION_VIOLATION) throw err;
    decision = await inBookingTx(db, (tx) => decideAndFreeze(tx, { noRehold: true }));
  }
  if (decision.kind === "none")
    return { outcome: decision.outcome, changed: false, bookingId: found.bookingId };
  const d = decision;
  if (d.bookingChanged)
    await afterCommit("calendar invalidation", () => deps.cache?.invalidate("calendar"));
  if (d.notify) await afterCommit("booking email", () => deps.notify?.(d.notify!));
  await afterCommit("payment notice", () =>
    deps.notifyPayment?.({
      type: "payment.succeeded",
      paymentId: d.paymentId,
      bookingId: found.bookingId,
    }),
  );
  await queueRefunds(deps, d.refundIds, found.bookingId);
  return { outcome: d.outcome, changed: true, bookingId: found.bookingId };
}

async function decide(
  tx: DbTx,
  paymentId: string,
  bookingId: string,
  facts: PaidFacts,
  catalog: Catalog,
  now: Date,
  opts: { noRehold?: boolean } = {},
): Promise<Decision> {
  const b = await lockBooking(tx, bookingId);
  const p = await lockPayment(tx, paymentId);
  if (!b || !p) return { kind: "none", outcome: "payment we don't know: ignored" };
  if (p.status === "SUCCEEDED") return { kind: "none", outcome: "already applied: no change" };
  // Less than the page asked for is not this payment (Checkout charges what we set).
  if (facts.amountTotal < p.amountCents)
    return {
      kind: "none",
      outcome: `paid ${facts.amountTotal} cents, ${p.amountCents} asked: not applied (check Stripe)`,
    };

  const tipCents = Math.max(0, facts.amountTotal - p.amountCents);
  await tx.payment.update({
    where: { id: p.id },
    data: {
      status: "SUCCEEDED",
      paidAt: facts.paidAt,
      tipCents: p.kind === "BALANCE" ? tipCents : p.tipCents,
      failureMessage: null,
      ...(facts.paymentIntentId ? { stripePaymentIntentId: facts.paymentIntentId } : {}),
      ...(facts.checkoutSessionId && !p.stripeCheckoutSessionId
        ? { stripeCheckoutSessionId: facts.checkoutSessionId }
        : {}),
    },
  });
  const paid = {
    ...p,
    status: "SUCCEEDED" as const,
    tipCents: p.kind === "BALANCE" ? tipCents : p.tipCents,
  };
  const event = (type: string, data: Record<string, unknown> = {}) =>
    tx.bookingEvent.create({
      data: {
        bookingId: b.id,
        type,
        actor: "stripe",
        data: { paymentId: p.id, amountCents: facts.amountTotal, ...data },
      },
    });
  const refundAll = async (reason: "SLOT_UNAVAILABLE" | "DUPLICATE_PAYMENT", note: string) => {
    const r = await addRefund(tx, paid, {
      amountCents: facts.amountTotal,
      reason,
      requestedBy: "system",
      note,
    });
    await event(
      reason === "DUPLICATE_PAYMENT" ? "payment-duplicate-refunded" : "deposit-late-refunded",
      { note },
    );
    return r ? [r.id] : [];
  };
  const applied = (
    outcome: string,
    extra: Partial<
      Omit<Extract<Decision, { kind: "applied" }>, "kind" | "outcome" | "paymentId">
    > = {},
  ): Decision => ({
    kind: "applied",
    outcome,
    bookingChanged: false,
    notify: null,
    refundIds: [],
    paymentId: p.id,
    ...extra,
  });

  // Paid more than the booking costs (a Checkout page paid after cash was recorded, or after
  // the balance covered the deposit too): the difference goes back, from this payment.
  const refundOverpaid = async (): Promise<string[]> => {
    // Money already given back (a change's refund, a duplicate's) is not counted twice.
    const excess = (await paidTowardTotalOf(tx, b.id)) - b.totalCents;
    if (excess <= 0) return [];
    const r = await addRefund(tx, paid, {
      amountCents: Math.min(excess, paid.amountCents),
      reason: "DUPLICATE_PAYMENT",
      requestedBy: "system",
      note: "Paid more than the booking costs (another payment had covered it): the difference is refunded.",
    });
    await event("payment-overpaid-refunded", { excessCents: excess });
    return r ? [r.id] : [];
  };

  if (p.kind === "BALANCE") {
    await event("balance-paid", { tipCents: paid.tipCents });
    const refundIds = await refundOverpaid();
    return applied(refundIds.length ? "balance paid; overpayment refunded" : "balance paid", {
      refundIds,
    });
  }

  const other = await tx.payment.findFirst({
    where: { bookingId: b.id, kind: "DEPOSIT", status: "SUCCEEDED", id: { not: p.id } },
    select: { id: true },
  });
  if (other)
    return applied("second deposit payment: refunded in full", {
      refundIds: await refundAll(
        "DUPLICATE_PAYMENT",
        "The deposit was paid twice; this second payment is refunded.",
      ),
    });

  const settings = catalog.settings;
  const target = settings.requireApprovalAfterDeposit
    ? ("PENDING" as const)
    : ("CONFIRMED" as const);
  const confirm = async (outcome: string, moved?: Booking) => {
    await tx.booking.update({
      where: { id: b.id },
      data: {
        status: target,
        holdExpiresAt: null,
        ...(target === "CONFIRMED" ? { confirmedAt: now } : {}),
      },
    });
    const paidEvent = await event(moved ? "deposit-paid-late-reheld" : "deposit-paid", {
      status: target,
    });
    // The owner asked to approve bookings after their deposit: this one now waits for staff.
    if (target === "PENDING")
      await tellStaffAboutBooking(tx, {
        bookingId: b.id,
        eventId: paidEvent.id,
        kind: "waiting",
        actor: paidEvent.actor,
        now,
      });
    return applied(outcome, {
      bookingChanged: true,
      notify: {
        type: target === "CONFIRMED" ? "booking.confirmed" : "booking.created",
        bookingId: b.id,
      },
    });
  };

  switch (b.status) {
    case "HELD":
      // Even past holdExpiresAt: until the sweep marks it EXPIRED its chefs are still held.
      return confirm(`deposit paid: booking ${target.toLowerCase()}`);
    case "PENDING":
    case "CONFIRMED":
    case "COMPLETED": {
      await event("deposit-paid");
      const refundIds = await refundOverpaid();
      return applied(
        refundIds.length
          ? "deposit paid after the booking was paid for: refunded"
          : "deposit paid (booking already accepted)",
        { refundIds },
      );
    }
    case "EXPIRED": {
      if (!opts.noRehold && b.startsAt > now && b.customerId) {
        const placed = await rehold(tx, b, catalog, now);
        if (placed)
          return confirm(
            `deposit paid after the hold ended: time still free, booking ${target.toLowerCase()}`,
            placed,
          );
      }
      return applied("deposit paid after the hold ended and the time was taken: refunded in full", {
        refundIds: await refundAll(
          "SLOT_UNAVAILABLE",
          "The deposit arrived after the hold ended and the time was no longer free.",
        ),
        notify: null,
      });
    }
    case "CANCELLED":
      return applied("deposit paid for a cancelled booking: refunded in full", {
        refundIds: await refundAll(
          "SLOT_UNAVAILABLE",
          "The deposit was paid after the booking was cancelled.",
        ),
      });
  }
}

/** Re-places an expired booking at its own time if its chefs (or others) are free now. */
async function rehold(tx: DbTx, b: Booking, catalog: Catalog, now: Date): Promise<Booking | null> {
  const { date, minutes } = zonedParts(b.startsAt, b.timeZone);
  if (!catalog.settings.slotStartMinutes.includes(minutes)) return null;
  const location = await resolveLocation(tx, catalog, b.postalCode).catch(() => null);
  if (!location) return null;
  const guests = b.adults + b.children;
  const slot = await freeChefsFor(tx, catalog, {
    date,
    startMinute: minutes,
    guests,
    zoneId: location.zone.id,
    now,
    excludeBookingId: b.id,
  });
  if (!slot) return null;
  const timing = eventTiming(catalog.settings, date, minutes, guests);
  return placeBooking(tx, b.id, slot.chefIds.slice(0, slot.chefsNeeded), timing);
}
