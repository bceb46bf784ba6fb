// The money lines every booking shows (customer page, emails, admin booking), computed from the
// booking and its Payment / Refund rows only: what was really paid, refunded or is still due.
// Pure (no database): the pages, emails and reports all read the same sentences from here.
import { formatCents, formatInstant, zonedParts } from "@myhibachi/shared";

export type MoneyBookingStatus =
  "HELD" | "PENDING" | "CONFIRMED" | "COMPLETED" | "CANCELLED" | "EXPIRED";

export interface MoneyBooking {
  status: MoneyBookingStatus;
  paymentMode: "STRIPE" | "PAY_AT_EVENT";
  totalCents: number;
  depositCents: number;
  balanceCents: number;
  /** The event's IANA zone: dates are printed on its calendar. */
  timeZone: string;
  /**
   * When the event starts: a payment taken in person on another day (paid ahead) is not said to
   * be "at the event". Without it, in-person payments read as at the event.
   */
  startsAt?: Date;
}

export interface MoneyPayment {
  id: string;
  kind: "DEPOSIT" | "BALANCE";
  method: "STRIPE" | "CASH" | "CARD_IN_PERSON";
  status: "PENDING" | "SUCCEEDED" | "FAILED" | "CANCELED";
  amountCents: number;
  tipCents: number;
  refundedCents: number;
  paidAt: Date | null;
  createdAt: Date;
}

export interface MoneyRefund {
  id: string;
  paymentId: string;
  amountCents: number;
  status: "PENDING" | "SUCCEEDED" | "FAILED";
  reason: string;
  createdAt: Date;
  succeededAt: Date | null;
}

export interface MoneyDispute {
  status: string;
  amountCents: number;
  openedAt: Date;
}

export type MoneyLineKind =
  /** No payment is taken online: the whole total is paid at the event. */
  | "pay_at_event"
  /** Stripe mode, the deposit isn't paid yet (the booking is held until it is). */
  | "deposit_due"
  | "deposit_paid"
  /** What is left to pay after the deposit (at the event, or by the balance link). */
  | "balance_due"
  | "balance_paid"
  | "tip_paid"
  | "refunded"
  | "refund_pending"
  | "refund_failed"
  | "disputed"
  /** Paid above the booking's total (a change lowered it): owed back to the customer. */
  | "owed_back"
  /** Nothing was ever taken for this booking. */
  | "nothing_charged";

export interface MoneyLine {
  kind: MoneyLineKind;
  /** The sentence as shown: "Deposit paid on November 28, 2026". */
  label: string;
  amountCents: number | null;
  /** When it happened (paid, refunded), if it did. */
  at: Date | null;
  /** That day on the event's calendar, "November 28, 2026"; null when not dated. */
  date: string | null;
  /** How it was paid (for paid lines). */
  method?: MoneyPayment["method"];
}

export interface BookingMoney {
  mode: "stripe" | "pay_at_event";
  lines: MoneyLine[];
  /** One sentence for the top of a page or an email. */
  headline: string;
  /** Taken, all payments (tips included), before refunds. */
  paidCents: number;
  tipCents: number;
  refundedCents: number;
  /** Refunds decided and on their way (not yet confirmed by Stripe). */
  refundPendingCents: number;
  /**
   * `paidCents - refundedCents`: everything taken (tips included) less the refunds that went
   * through (not those still on their way). Not what was paid towards the total: the balance due
   * and what is owed back are worked out from `paidTowardTotalCents` (tips apart, net of pending
   * refunds too).
   */
  paidLessRefundedCents: number;
  depositPaid: boolean;
  depositPaidAt: Date | null;
  /** Still owed towards the total (0 once the booking is cancelled or expired). */
  balanceDueCents: number;
  /**
   * Paid towards the total above it (a change lowered the total below what was paid), less what
   * was already refunded or is on its way: owed back to the customer (tips apart). 0 once the
   * booking is cancelled or expired (the cancellation's own terms say what goes back then).
   */
  owedBackCents: number;
  /** Nothing was ever charged. */
  nothingCharged: boolean;
}

const LIVE: MoneyBookingStatus[] = ["HELD", "PENDING", "CONFIRMED", "COMPLETED"];

/** The event a payment was for: its start and its calendar (the business's time zone). */
export interface PaymentEvent {
  /** Without it (not known), a payment in person reads as at the event. */
  startsAt?: Date | null;
  timeZone: string;
}

/**
 * Whether money paid in person at `at` was paid at the event: on the event's own day, on its
 * calendar. Paid on any other day (ahead of the party, or recorded after it) it is never said to
 * be "at the event". The one rule the booking page, receipts, the staff history and the in-person
 * payment's own records all follow.
 */
export function paidAtTheEvent(at: Date, event: PaymentEvent): boolean {
  if (!event.startsAt) return true;
  return zonedParts(at, event.timeZone).date === zonedParts(event.startsAt, event.timeZone).date;
}

const METHOD_WORDS: Record<MoneyPayment["method"], string> = {
  STRIPE: "online",
  CASH: "in cash at the event",
  CARD_IN_PERSON: "by card at the event",
};

/** In person but not on the event's day (paid ahead): never "at the event". */
const METHOD_WORDS_AHEAD: Record<MoneyPayment["method"], string> = {
  STRIPE: "online",
  CASH: "in cash",
  CARD_IN_PERSON: "by card in person",
};

/**
 * How a payment was made, as every page says it (`paidAtTheEvent`): "online", "in cash at the
 * event" on the event's day, "in cash" on another; "by card at the event" / "by card in person".
 */
export function paymentMethodWords(
  method: MoneyPayment["method"],
  at: Date,
  event: PaymentEvent,
): string {
  return (paidAtTheEvent(at, event) ? METHOD_WORDS : METHOD_WORDS_AHEAD)[method];
}

/** The copy the pay-at-event mode shows wherever money is mentioned. */
export const PAY_AT_EVENT_NOTICE =
  "No payment is taken online: you pay the full total at the event.";

/** The same notice for staff: about the customer, not "you". */
export const PAY_AT_EVENT_NOTICE_STAFF =
  "No payment is taken online: the customer pays the full total at the event.";

/** Who reads a booking's money sentences. */
export type MoneyAudience = "customer" | "staff";

/**
 * What the customer has paid towards the booking's total (tips apart), net: every payment that
 * went through, less every refund on it that was made or is on its way (not a failed one),
 * whatever its reason (a change lowered the total, a duplicate payment, the owner's, Stripe's
 * dashboard). The one figure the balance due, what is owed back, a change's refunds and a
 * payment recorded at the event are all worked out from.
 *
 * A refund is counted against its own payment, towards the total before the tip (as a change's
 * refunds are decided: `changeRefundPlan`), and never below nothing: a refund that also gave the
 * tip back takes no more off the total than the payment put towards it. Refund rows are the only
 * source (a payment's `refundedCents` repeats the SUCCEEDED ones): nothing is taken off twice.
 */
export function paidTowardTotalCents(
  payments: readonly Pick<MoneyPayment, "id" | "status" | "amountCents">[],
  refunds: readonly Pick<MoneyRefund, "paymentId" | "status" | "amountCents">[],
): number {
  let net = 0;
  for (const p of payments) {
    if (p.status !== "SUCCEEDED") continue;
    const back = refunds
      .filter((r) => r.paymentId === p.id && r.status !== "FAILED")
      .reduce((s, r) => s + r.amountCents, 0);
    net += Math.max(0, p.amountCents - back);
  }
  return net;
}

export function bookingMoney(
  booking: MoneyBooking,
  payments: readonly MoneyPayment[],
  refunds: readonly MoneyRefund[],
  disputes: readonly MoneyDispute[] = [],
  /**
   * Who reads the sentences: the customer ("You're owed…", the default), or staff on the admin
   * booking ("The customer is owed…"). Only the wording differs; every figure is the same.
   */
  audience: MoneyAudience = "customer",
): BookingMoney {
  const staff = audience === "staff";
  const day = (d: Date) => formatInstant(d, booking.timeZone, "longDate");
  const mode = booking.paymentMode === "STRIPE" ? "stripe" : "pay_at_event";
  const paid = payments
    .filter((p) => p.status === "SUCCEEDED")
    .sort((a, b) => (a.paidAt ?? a.createdAt).getTime() - (b.paidAt ?? b.createdAt).getTime());
  const lines: MoneyLine[] = [];
  const live = LIVE.includes(booking.status);

  const paidCents = paid.reduce((s, p) => s + p.amountCents + p.tipCents, 0);
  const tipCents = paid.reduce((s, p) => s + p.tipCents, 0);
  const towardTotal = paidTowardTotalCents(payments, refunds);
  const deposit = paid.find((p) => p.kind === "DEPOSIT") ?? null;
  const balanceDueCents = live ? Math.max(0, booking.totalCents - towardTotal) : 0;

  for (const p of paid) {
    const at = p.paidAt ?? p.createdAt;
    // In person on the event's day (its calendar) is "at the event"; on another day, just how.
    const how = p.method === "STRIPE" ? "" : ` ${paymentMethodWords(p.method, at, booking)}`;
    lines.push({
      kind: p.kind === "DEPOSIT" ? "deposit_paid" : "balance_paid",
      label: `${p.kind === "DEPOSIT" ? "Deposit" : "Balance"} paid${how} on ${day(at)}`,
      amountCents: p.amountCents,
      at,
      date: day(at),
      method: p.method,
    });
    if (p.tipCents > 0)
      lines.push({
        kind: "tip_paid",
        label: `Gratuity paid${how} on ${day(at)}`,
        amountCents: p.tipCents,
        at,
        date: day(at),
        method: p.method,
      });
  }

  let refundedCents = 0;
  let refundPendingCents = 0;
  for (const r of [...refunds].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    if (r.status === "SUCCEEDED") {
      refundedCents += r.amountCents;
      const at = r.succeededAt ?? r.createdAt;
      lines.push({
        kind: "refunded",
        label: `Refunded on ${day(at)}`,
        amountCents: r.amountCents,
        at,
        date: day(at),
      });
    } else if (r.status === "PENDING") {
      refundPendingCents += r.amountCents;
      lines.push({
        kind: "refund_pending",
        label: `Refund issued on ${day(r.createdAt)} (on its way to ${staff ? "the customer's" : "your"} card)`,
        amountCents: r.amountCents,
        at: r.createdAt,
        date: day(r.createdAt),
      });
    } else {
      lines.push({
        kind: "refund_failed",
        label: `Refund of ${formatCents(r.amountCents)} could not be completed yet; we're on it`,
        amountCents: r.amountCents,
        at: r.createdAt,
        date: day(r.createdAt),
      });
    }
  }

  for (const d of disputes) {
    if (["won", "lost", "warning_closed"].includes(d.status)) continue;
    lines.push({
      kind: "disputed",
      label: `Payment disputed with the card issuer on ${day(d.openedAt)}`,
      amountCents: d.amountCents,
      at: d.openedAt,
      date: day(d.openedAt),
    });
  }

  // Kept towards the total (the same net figure as the balance due): above the total, the rest
  // is owed back.
  const keptCents = towardTotal;
  const owedBackCents = live ? Math.max(0, keptCents - booking.totalCents) : 0;
  // Money taken in person never goes back online: our team returns that part by hand.
  const inPersonCents = paid
    .filter((p) => p.method !== "STRIPE")
    .reduce((s, p) => s + p.amountCents, 0);
  const owedInPerson = Math.min(owedBackCents, inPersonCents);
  if (owedBackCents > 0)
    lines.push({
      kind: "owed_back",
      label:
        owedInPerson === owedBackCents
          ? `Paid above the new total, to be refunded to ${staff ? "the customer" : "you"} by our team`
          : `Paid above the new total, to be refunded to ${staff ? "the customer" : "you"}`,
      amountCents: owedBackCents,
      at: null,
      date: null,
    });

  const nothingCharged = paid.length === 0;
  if (mode === "stripe" && !deposit && live && booking.depositCents > 0)
    lines.unshift({
      kind: "deposit_due",
      label:
        booking.status === "HELD"
          ? "Deposit due now to confirm (paid securely on Stripe)"
          : "Deposit not paid yet",
      amountCents: booking.depositCents,
      at: null,
      date: null,
    });
  if (live && balanceDueCents > 0 && (mode === "stripe" || paid.length > 0))
    lines.push({
      kind: "balance_due",
      label: deposit ? "Balance due at the event" : "Due at the event",
      amountCents: deposit ? balanceDueCents : booking.totalCents - booking.depositCents,
      at: null,
      date: null,
    });
  if (mode === "pay_at_event" && nothingCharged && live)
    lines.push({
      kind: "pay_at_event",
      label: staff ? PAY_AT_EVENT_NOTICE_STAFF : PAY_AT_EVENT_NOTICE,
      amountCents: booking.totalCents,
      at: null,
      date: null,
    });
  if (nothingCharged && !live)
    lines.push({
      kind: "nothing_charged",
      label: "Nothing charged",
      amountCents: 0,
      at: null,
      date: null,
    });

  const lastPaid = paid.reduce<Date | null>((m, p) => {
    const at = p.paidAt ?? p.createdAt;
    return !m || at > m ? at : m;
  }, null);
  const headline = headlineFor(mode, booking, {
    deposit,
    day,
    nothingCharged,
    live,
    refundedCents,
    refundPendingCents,
    towardTotal,
    balanceDueCents,
    lastPaid,
    keptCents,
    owedBackCents,
    owedInPerson,
    staff,
  });
  return {
    mode,
    lines,
    headline,
    paidCents,
    tipCents,
    refundedCents,
    refundPendingCents,
    paidLessRefundedCents: paidCents - refundedCents,
    depositPaid: !!deposit,
    depositPaidAt: deposit ? (deposit.paidAt ?? deposit.createdAt) : null,
    balanceDueCents,
    owedBackCents,
    nothingCharged,
  };
}

function headlineFor(
  mode: "stripe" | "pay_at_event",
  b: MoneyBooking,
  s: {
    deposit: MoneyPayment | null;
    day: (d: Date) => string;
    nothingCharged: boolean;
    live: boolean;
    refundedCents: number;
    refundPendingCents: number;
    towardTotal: number;
    balanceDueCents: number;
    lastPaid: Date | null;
    keptCents: number;
    owedBackCents: number;
    owedInPerson: number;
    staff: boolean;
  },
): string {
  const refund =
    s.refundedCents > 0
      ? ` ${formatCents(s.refundedCents)} was refunded.`
      : s.refundPendingCents > 0
        ? ` A refund of ${formatCents(s.refundPendingCents)} is on its way.`
        : "";
  if (!s.live) return s.nothingCharged ? "Nothing was charged." : `${paidText(s)}${refund}`.trim();
  // Paid above the total (a change lowered it): say what is owed back, never "paid in full".
  if (s.owedBackCents > 0) {
    const back = s.refundedCents + s.refundPendingCents;
    const how =
      s.owedInPerson === s.owedBackCents
        ? `Our team will return it to ${s.staff ? "them" : "you"} directly (it was paid in person).`
        : `We'll refund it to ${s.staff ? "them" : "you"}.`;
    if (s.staff)
      return `The customer is owed ${formatCents(s.owedBackCents)}: they paid ${formatCents(s.keptCents)}${back > 0 ? ` (after ${formatCents(back)} back to their card)` : ""} and the total is now ${formatCents(b.totalCents)}. ${how}`;
    return `You're owed a refund of ${formatCents(s.owedBackCents)}: you've paid ${formatCents(s.keptCents)}${back > 0 ? ` (after ${formatCents(back)} back to your card)` : ""} and the total is now ${formatCents(b.totalCents)}. ${how}`;
  }
  // Everything toward the total paid (online or at the event): say so, not "deposit paid".
  if (s.lastPaid && s.balanceDueCents === 0 && s.towardTotal > 0)
    return `Paid in full: ${formatCents(s.towardTotal)}, last payment on ${s.day(s.lastPaid)}.${refund}`;
  if (s.deposit) return `${paidText(s)}${refund}`.trim();
  if (s.lastPaid)
    return `${formatCents(s.towardTotal)} paid; ${formatCents(s.balanceDueCents)} due at the event.${refund}`;
  if (mode === "pay_at_event") return s.staff ? PAY_AT_EVENT_NOTICE_STAFF : PAY_AT_EVENT_NOTICE;
  if (b.depositCents === 0)
    return `No deposit is needed: ${s.staff ? "the customer pays" : "you pay"} at the event.`;
  return b.status === "HELD"
    ? `Pay the ${formatCents(b.depositCents)} deposit to confirm: nothing has been charged yet.`
    : `The ${formatCents(b.depositCents)} deposit hasn't been paid yet.`;
}

function paidText(s: { deposit: MoneyPayment | null; day: (d: Date) => string }): string {
  if (!s.deposit) return "";
  const at = s.deposit.paidAt ?? s.deposit.createdAt;
  return `Deposit of ${formatCents(s.deposit.amountCents)} paid on ${s.day(at)}.`;
}
