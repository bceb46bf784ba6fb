// The cancellation policy with money: what a cancellation refunds, said to the customer before
// they confirm it, and the Refund rows it decides (in the cancellation's own transaction).
import type { Booking, BusinessSettings, DbTx, Payment } from "@myhibachi/db";
import { formatCents, formatInstant, HOUR } from "@myhibachi/shared";
import { addRefund, lockPayment } from "./refunds";

export type PolicySettings = Pick<
  BusinessSettings,
  "freeCancellationHours" | "lateCancellationRefundBps"
>;

const CANCELLABLE = ["HELD", "PENDING", "CONFIRMED"];

export interface MoneyCancellationTerms {
  allowed: boolean;
  reason?: string;
  /** What cancelling now refunds (0 in "pay at the event" mode: nothing was paid). */
  refundCents: number;
  /** The policy in one sentence. */
  policy: string;
  /** What cancelling now means for the customer's money, said before they confirm. */
  summary: string;
}

export function cancellationPolicyText(b: Pick<Booking, "paymentMode">, s: PolicySettings): string {
  if (b.paymentMode !== "STRIPE")
    return `No payment is taken online, so there is nothing to refund. Please cancel at least ${s.freeCancellationHours} hours before the event if you can.`;
  return `Cancel at least ${s.freeCancellationHours} hours before the event for a full deposit refund; ${lateWords(s)}.`;
}

/** What the deadline needs of a booking (a slot not booked yet has no fixed deadline). */
export type DeadlineBooking = Pick<Booking, "startsAt"> &
  Partial<Pick<Booking, "depositRefundableUntil">>;

/**
 * The last instant a cancellation refunds the whole deposit: fixed on the booking when it was
 * rescheduled after this had passed (moving the event never makes the deposit refundable again),
 * else `freeCancellationHours` before the event (a reschedule before it moves it with the event).
 */
export function freeCancellationDeadline(b: DeadlineBooking, s: PolicySettings): Date {
  return (
    b.depositRefundableUntil ?? new Date(b.startsAt.getTime() - s.freeCancellationHours * HOUR)
  );
}

/** Cancelling at `now` still refunds the whole deposit. */
export function depositRefundableAt(b: DeadlineBooking, s: PolicySettings, now: Date): boolean {
  return now.getTime() <= freeCancellationDeadline(b, s).getTime();
}

/** The deposit a late cancellation keeps, in words ("keeps the deposit", "gets 50% back"). */
function lateWords(s: PolicySettings): string {
  return s.lateCancellationRefundBps >= 10_000
    ? "later cancellations are refunded in full too"
    : s.lateCancellationRefundBps > 0
      ? `later cancellations get ${s.lateCancellationRefundBps / 100}% of the deposit back`
      : "later cancellations keep the deposit";
}

export interface DepositTerms {
  /** Stripe mode: the free-cancellation deadline; null when no deposit is taken online. */
  refundableUntil: Date | null;
  /** Cancelling now would still refund the whole deposit. */
  refundableNow: boolean;
  /**
   * This booking's deposit terms in one sentence (null in "pay at the event" mode: nothing is
   * charged, so nothing is said about refunds). Says plainly when the deposit is already past
   * its free-cancellation deadline.
   */
  sentence: string | null;
}

/**
 * The deposit terms of one booking (or of a time about to be booked or moved to), as the review
 * step, the emails, the booking page and the reschedule confirmation say them.
 */
export function depositTerms(
  b: DeadlineBooking & Pick<Booking, "paymentMode" | "timeZone">,
  s: PolicySettings,
  now: Date,
): DepositTerms {
  if (b.paymentMode !== "STRIPE")
    return { refundableUntil: null, refundableNow: false, sentence: null };
  const until = freeCancellationDeadline(b, s);
  const refundableNow = depositRefundableAt(b, s, now);
  const late = s.lateCancellationRefundBps;
  const keeps =
    late >= 10_000
      ? "the deposit is still refunded in full if you cancel"
      : late > 0
        ? `only ${late / 100}% of the deposit is refunded if you cancel`
        : "the deposit is not refundable";
  let sentence: string;
  if (refundableNow)
    sentence = `Cancel by ${formatInstant(until, b.timeZone, "shortDayTime")} for a full deposit refund; ${lateWords(s)}.`;
  else if (b.depositRefundableUntil)
    sentence = `The free-cancellation deadline (${formatInstant(until, b.timeZone, "shortDayTime")}) passed before this booking was moved, so ${keeps}.`;
  else sentence = `This event is less than ${s.freeCancellationHours} hours away, so ${keeps}.`;
  return { refundableUntil: until, refundableNow, sentence };
}

/**
 * What moving a booking means for its deposit, said before the customer confirms the move: once
 * the free-cancellation deadline has passed it stays passed (`keepsDeadline`, with the sentence);
 * before it, the deadline moves with the event (the new time's own terms apply: `depositTerms`).
 */
export function rescheduleDepositTerms(
  b: DeadlineBooking & Pick<Booking, "paymentMode" | "timeZone">,
  s: PolicySettings,
  now: Date,
): { keepsDeadline: boolean; sentence: string | null } {
  if (b.paymentMode !== "STRIPE") return { keepsDeadline: false, sentence: null };
  if (depositRefundableAt(b, s, now)) return { keepsDeadline: false, sentence: null };
  const until = freeCancellationDeadline(b, s);
  const late = s.lateCancellationRefundBps;
  const stays =
    late >= 10_000
      ? "the deposit stays refundable in full"
      : late > 0
        ? `only ${late / 100}% of the deposit stays refundable`
        : "the deposit stays non-refundable";
  return {
    keepsDeadline: true,
    sentence: `The free-cancellation deadline (${formatInstant(until, b.timeZone, "shortDayTime")}) has passed: if you move the booking, ${stays}.`,
  };
}

/**
 * The deadline to store when a booking is moved at `now`: once passed it stays fixed (the value
 * to keep or set), before it null (it follows the new start).
 */
export function deadlineAfterReschedule(
  b: DeadlineBooking,
  s: PolicySettings,
  now: Date,
): Date | null {
  if (b.depositRefundableUntil) return b.depositRefundableUntil;
  return depositRefundableAt(b, s, now) ? null : freeCancellationDeadline(b, s);
}

/** How much of each paid payment a cancellation at `now` refunds. */
export function policyRefundPlan(
  b: DeadlineBooking & Pick<Booking, "paymentMode">,
  s: PolicySettings,
  payments: readonly Pick<
    Payment,
    "id" | "kind" | "method" | "status" | "amountCents" | "tipCents" | "refundedCents"
  >[],
  now: Date,
): { paymentId: string; amountCents: number }[] {
  if (b.paymentMode !== "STRIPE") return [];
  const early = depositRefundableAt(b, s, now);
  const plan: { paymentId: string; amountCents: number }[] = [];
  for (const p of payments) {
    if (p.status !== "SUCCEEDED" || p.method !== "STRIPE") continue;
    const left = p.amountCents + p.tipCents - p.refundedCents;
    // The policy keeps (part of) the deposit only; a balance paid ahead is always given back.
    const due =
      p.kind === "BALANCE"
        ? left
        : early
          ? left
          : Math.min(left, Math.floor((p.amountCents * s.lateCancellationRefundBps) / 10_000));
    if (due > 0) plan.push({ paymentId: p.id, amountCents: due });
  }
  return plan;
}

/** The terms a customer sees before cancelling (and that the cancellation applies). */
export function moneyCancellationTerms(
  b: DeadlineBooking & Pick<Booking, "status" | "paymentMode" | "timeZone">,
  s: PolicySettings,
  payments: Parameters<typeof policyRefundPlan>[2],
  now: Date,
  byStaff = false,
): MoneyCancellationTerms {
  const deposit = depositTerms(b, s, now);
  // This booking's own deadline says the policy when it is still to come ("Cancel by Sat, Dec
  // 26, 12:00 PM for a full deposit refund; ..."); once passed, the general policy, then why.
  const policy = !deposit.sentence
    ? cancellationPolicyText(b, s)
    : deposit.refundableNow
      ? deposit.sentence
      : `${cancellationPolicyText(b, s)} ${deposit.sentence}`;
  if (!CANCELLABLE.includes(b.status))
    return {
      allowed: false,
      reason: `This booking is already ${b.status.toLowerCase()}.`,
      refundCents: 0,
      policy,
      summary: "",
    };
  if (!byStaff && b.startsAt.getTime() <= now.getTime())
    return {
      allowed: false,
      reason: "This event has already started; please call us.",
      refundCents: 0,
      policy,
      summary: "",
    };
  const refundCents = policyRefundPlan(b, s, payments, now).reduce((t, r) => t + r.amountCents, 0);
  const paid = payments.some((p) => p.status === "SUCCEEDED");
  // Money taken in person (cash, a card at the event) is never refunded online: say so.
  const inPerson = paidInPersonCents(payments);
  let summary: string;
  if (b.paymentMode !== "STRIPE")
    summary =
      inPerson > 0
        ? `${formatCents(inPerson)} was paid in person; our team will return it to you directly (nothing is refunded online).`
        : paid
          ? "Money paid at the event is settled with us directly."
          : "No payment is taken online, so there is nothing to refund.";
  else if (!paid) summary = "Nothing has been charged, so there is nothing to refund.";
  else if (deposit.refundableNow || s.lateCancellationRefundBps >= 10_000)
    summary = `You'll get ${formatCents(refundCents)} back, refunded to your card.`;
  else {
    // Past the deposit's deadline: say why the deposit (or part of it) is kept.
    const why = b.depositRefundableUntil
      ? "its free-cancellation deadline passed before the booking was moved"
      : "the event is less than " + s.freeCancellationHours + " hours away";
    const kept =
      s.lateCancellationRefundBps > 0
        ? `only ${s.lateCancellationRefundBps / 100}% of the deposit is refunded`
        : "the deposit is not refundable";
    summary =
      refundCents > 0
        ? `You'll get ${formatCents(refundCents)} back, refunded to your card; ${kept}, as ${why}.`
        : `No refund will be issued: ${kept}, as ${why}.`;
  }
  if (b.paymentMode === "STRIPE" && inPerson > 0)
    summary += ` The ${formatCents(inPerson)} paid in person is settled with you by our team directly.`;
  // "Nothing to refund" is not true once money was taken at the event.
  const said =
    b.paymentMode !== "STRIPE" && inPerson > 0
      ? policy.replace(
          "No payment is taken online, so there is nothing to refund.",
          "No payment is taken online; money paid in person is returned by our team.",
        )
      : policy;
  return { allowed: true, refundCents, policy: said, summary };
}

/**
 * What was paid in person (cash, a card at the event, tips included) and not given back: on a
 * cancelled booking, what the business owes the customer back by hand.
 */
export function paidInPersonCents(
  payments: readonly {
    status: string;
    method: string;
    amountCents: number;
    tipCents: number;
    refundedCents: number;
  }[],
): number {
  return payments
    .filter((p) => p.status === "SUCCEEDED" && p.method !== "STRIPE")
    .reduce((t, p) => t + p.amountCents + p.tipCents - p.refundedCents, 0);
}

/**
 * Decides the policy's refunds for a booking being cancelled, inside the cancellation's
 * transaction (the booking row is locked by the caller; each payment is locked here).
 */
export async function decidePolicyRefunds(
  tx: DbTx,
  b: DeadlineBooking & Pick<Booking, "id" | "paymentMode">,
  s: PolicySettings,
  now: Date,
  requestedBy: string,
): Promise<{ refundIds: string[]; refundCents: number }> {
  if (b.paymentMode !== "STRIPE") return { refundIds: [], refundCents: 0 };
  const payments = await tx.payment.findMany({ where: { bookingId: b.id, status: "SUCCEEDED" } });
  const refundIds: string[] = [];
  let refundCents = 0;
  for (const item of policyRefundPlan(b, s, payments, now)) {
    const locked = await lockPayment(tx, item.paymentId);
    if (!locked) continue;
    const r = await addRefund(tx, locked, {
      amountCents: item.amountCents,
      reason: "CANCELLATION_POLICY",
      requestedBy,
    });
    if (r) {
      refundIds.push(r.id);
      refundCents += r.amountCents;
    }
  }
  return { refundIds, refundCents };
}
