// What a change of the party or the menu does to the money, said before the customer confirms it,
// and the refunds it decides in the change's own transaction. The deposit and its cancellation
// terms stay as they were; the balance follows the new total. In Stripe mode a change that lowers
// the total below what was already paid online gives the difference back to the card (a
// BOOKING_CHANGE refund on the payments, balance first, never a tip), through the same refund
// rows, locks and worker as every other refund (refunds.ts).
import type { Booking, DbTx, Payment, Refund } from "@myhibachi/db";
import { formatCents } from "@myhibachi/shared";
import { paidTowardTotalCents } from "./money";
import { addRefund, lockPayment } from "./refunds";

export interface ChangeMoney {
  oldTotalCents: number;
  newTotalCents: number;
  /** New total less the old one (negative: the change is cheaper). */
  differenceCents: number;
  /** The deposit the booking keeps (as it was; never above the new total). */
  depositCents: number;
  /** Paid towards the total so far (tips apart, every refund made or on its way deducted). */
  paidCents: number;
  /** Still to pay before the change and after it. */
  balanceDueBeforeCents: number;
  balanceDueAfterCents: number;
  /** What this change refunds to the card (Stripe payments only). */
  refundCents: number;
  /** Paid in person beyond the new total: refunded by our team directly (nothing goes online). */
  settledInPersonCents: number;
  /** What it means for the customer's money, in a sentence or two. */
  sentence: string;
}

type ChangePayment = Pick<
  Payment,
  "id" | "kind" | "method" | "status" | "amountCents" | "refundedCents" | "createdAt"
>;
type ChangeRefund = Pick<Refund, "paymentId" | "status" | "reason" | "amountCents">;

/**
 * Which payments a change refunds and how much of each: the part of the total paid above the new
 * total, from Stripe payments only (money taken in person is settled in person), the balance
 * before the deposit, newest first, never more of a payment than went towards the total.
 */
export function changeRefundPlan(
  payments: readonly ChangePayment[],
  refunds: readonly ChangeRefund[],
  excessCents: number,
): { paymentId: string; amountCents: number }[] {
  const plan: { paymentId: string; amountCents: number }[] = [];
  let left = excessCents;
  const online = payments
    .filter((p) => p.status === "SUCCEEDED" && p.method === "STRIPE")
    .sort(
      (a, b) =>
        (a.kind === b.kind ? 0 : a.kind === "BALANCE" ? -1 : 1) ||
        b.createdAt.getTime() - a.createdAt.getTime(),
    );
  for (const p of online) {
    if (left <= 0) break;
    const given = refunds
      .filter((r) => r.paymentId === p.id && r.status !== "FAILED")
      .reduce((s, r) => s + r.amountCents, 0);
    const take = Math.min(left, Math.max(0, p.amountCents - given));
    if (take > 0) {
      plan.push({ paymentId: p.id, amountCents: take });
      left -= take;
    }
  }
  return plan;
}

/** The money of a change from `b`'s total to `newTotalCents`, with the booking's payments. */
export function changeMoneyTerms(
  b: Pick<Booking, "paymentMode" | "totalCents" | "depositCents">,
  newTotalCents: number,
  payments: readonly ChangePayment[],
  refunds: readonly ChangeRefund[],
): ChangeMoney {
  const paidCents = paidTowardTotalCents(payments, refunds);
  const depositCents = Math.min(b.depositCents, newTotalCents);
  const excess = Math.max(0, paidCents - newTotalCents);
  const plan = b.paymentMode === "STRIPE" ? changeRefundPlan(payments, refunds, excess) : [];
  const refundCents = plan.reduce((s, r) => s + r.amountCents, 0);
  const money = {
    oldTotalCents: b.totalCents,
    newTotalCents,
    differenceCents: newTotalCents - b.totalCents,
    depositCents,
    paidCents,
    balanceDueBeforeCents: Math.max(0, b.totalCents - paidCents),
    balanceDueAfterCents: Math.max(0, newTotalCents - paidCents),
    refundCents,
    settledInPersonCents: excess - refundCents,
  };
  return { ...money, sentence: changeMoneySentence(b, money) };
}

/**
 * The change's money in a sentence or two: to the customer ("You've paid…"), or for staff and the
 * booking's stored history, about the customer in the third person ("The customer has paid…").
 */
export function changeMoneySentence(
  b: Pick<Booking, "paymentMode">,
  m: Omit<ChangeMoney, "sentence">,
  audience: "customer" | "staff" = "customer",
): string {
  const staff = audience === "staff";
  const youPaid = staff ? "The customer has paid" : "You've paid";
  const toThem = staff ? "to them" : "to you";
  const total =
    m.differenceCents === 0
      ? `The total stays ${formatCents(m.newTotalCents)}.`
      : `The total goes from ${formatCents(m.oldTotalCents)} to ${formatCents(m.newTotalCents)}.`;
  if (b.paymentMode !== "STRIPE") {
    // Paid above the new total: no refund is made online here, our team returns it by hand.
    if (m.settledInPersonCents > 0)
      return `${total} ${youPaid} ${formatCents(m.paidCents)}, more than the new total: we'll refund the ${formatCents(m.settledInPersonCents)} difference (our team returns it ${toThem} directly, as it was paid in person).`;
    const paid = m.paidCents
      ? ` ${youPaid} ${formatCents(m.paidCents)}; ${formatCents(m.balanceDueAfterCents)} is left to pay at the event.`
      : ` No payment is taken online: ${staff ? "the customer pays" : "you pay"} ${formatCents(m.newTotalCents)} at the event.`;
    return `${total}${paid}`;
  }
  if (m.paidCents === 0)
    return `${total} The ${formatCents(m.depositCents)} deposit stays as it is; ${formatCents(m.balanceDueAfterCents)} is due at the event.`;
  const parts = [total, `${youPaid} ${formatCents(m.paidCents)} so far.`];
  if (m.refundCents > 0)
    parts.push(
      `That's more than the new total, so we'll refund ${formatCents(m.refundCents)} to ${staff ? "their" : "your"} card (it usually shows within 5-10 business days).`,
    );
  if (m.settledInPersonCents > 0)
    parts.push(
      m.refundCents > 0
        ? `We'll refund the other ${formatCents(m.settledInPersonCents)} paid above the new total too: it was paid in person, so our team returns it ${toThem} directly.`
        : `That's more than the new total: we'll refund the ${formatCents(m.settledInPersonCents)} difference (it was paid in person, so our team returns it ${toThem} directly).`,
    );
  if (m.refundCents === 0 && m.settledInPersonCents === 0)
    parts.push(
      m.balanceDueAfterCents === 0
        ? "That covers the new total: nothing more to pay."
        : m.balanceDueBeforeCents === m.balanceDueAfterCents
          ? `The balance due stays ${formatCents(m.balanceDueAfterCents)}.`
          : `The balance due goes from ${formatCents(m.balanceDueBeforeCents)} to ${formatCents(m.balanceDueAfterCents)}.`,
    );
  parts.push(`${staff ? "The" : "Your"} deposit and its cancellation terms stay as they are.`);
  return parts.join(" ");
}

/**
 * Decides a change's refunds inside its transaction (the caller has locked the booking; each
 * payment is locked here and re-read, so two changes at once can never give back more than was
 * paid). Returns the PENDING Refund rows' ids for the worker to send after commit.
 */
export async function decideChangeRefunds(
  tx: DbTx,
  b: Pick<Booking, "id" | "paymentMode">,
  newTotalCents: number,
  requestedBy: string,
): Promise<{ refundIds: string[]; refundCents: number }> {
  if (b.paymentMode !== "STRIPE") return { refundIds: [], refundCents: 0 };
  const payments = await tx.payment.findMany({ where: { bookingId: b.id, status: "SUCCEEDED" } });
  const refunds = await tx.refund.findMany({ where: { bookingId: b.id } });
  const excess = Math.max(0, paidTowardTotalCents(payments, refunds) - newTotalCents);
  const refundIds: string[] = [];
  let refundCents = 0;
  for (const item of changeRefundPlan(payments, refunds, excess)) {
    const locked = await lockPayment(tx, item.paymentId);
    if (!locked) continue;
    const r = await addRefund(tx, locked, {
      amountCents: item.amountCents,
      reason: "BOOKING_CHANGE",
      requestedBy,
      note: `The party or menu was changed: the new total is ${formatCents(newTotalCents)}.`,
    });
    if (r) {
      refundIds.push(r.id);
      refundCents += r.amountCents;
    }
  }
  return { refundIds, refundCents };
}
