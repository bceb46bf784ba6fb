// The cancellation policy with money: what a cancellation refunds, said to the customer before
// they confirm it, and the Refund rows it decides (in the cancellation's own transaction).
import type { Booking, BusinessSettings, DbTx, Payment } from "@myhibachi/db";
import { formatCents, HOUR } from "@myhibachi/shared";
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
  const late =
    s.lateCancellationRefundBps >= 10_000
      ? "later cancellations are refunded in full too"
      : s.lateCancellationRefundBps > 0
        ? `later cancellations get ${s.lateCancellationRefundBps / 100}% of the deposit back`
        : "later cancellations keep the deposit";
  return `Cancel at least ${s.freeCancellationHours} hours before the event for a full deposit refund; ${late}.`;
}

/** How much of each paid payment a cancellation at `now` refunds. */
export function policyRefundPlan(
  b: Pick<Booking, "startsAt" | "paymentMode">,
  s: PolicySettings,
  payments: readonly Pick<
    Payment,
    "id" | "kind" | "method" | "status" | "amountCents" | "tipCents" | "refundedCents"
  >[],
  now: Date,
): { paymentId: string; amountCents: number }[] {
  if (b.paymentMode !== "STRIPE") return [];
  const early = (b.startsAt.getTime() - now.getTime()) / HOUR >= s.freeCancellationHours;
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
  b: Pick<Booking, "status" | "startsAt" | "paymentMode">,
  s: PolicySettings,
  payments: Parameters<typeof policyRefundPlan>[2],
  now: Date,
  byStaff = false,
): MoneyCancellationTerms {
  const policy = cancellationPolicyText(b, s);
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
  let summary: string;
  if (b.paymentMode !== "STRIPE")
    summary = paid
      ? "Money paid at the event is settled with us directly."
      : "No payment is taken online, so there is nothing to refund.";
  else if (!paid) summary = "Nothing has been charged, so there is nothing to refund.";
  else if (refundCents > 0)
    summary = `You'll get ${formatCents(refundCents)} back, refunded to your card.`;
  else summary = "The deposit is not refundable this close to the event: no refund will be issued.";
  return { allowed: true, refundCents, policy, summary };
}

/**
 * Decides the policy's refunds for a booking being cancelled, inside the cancellation's
 * transaction (the booking row is locked by the caller; each payment is locked here).
 */
export async function decidePolicyRefunds(
  tx: DbTx,
  b: Pick<Booking, "id" | "startsAt" | "paymentMode">,
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
