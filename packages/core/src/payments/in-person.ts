// Staff record money the customer paid in person (cash, or a card on the chef's reader): a
// SUCCEEDED Payment row, a line in the booking's history and an audit row, in one transaction
// under the booking's row lock, so two staff members (or a double click) never record the
// balance twice: the second sees nothing left to pay. The receipt is emailed after commit.
// Recorded on the event's own day it was paid "at the event"; on another day (paid ahead, or
// written down later) it is said only how it was paid: `paidAtTheEvent`, the booking page's rule.
import { randomUUID } from "node:crypto";
import type { Db } from "@myhibachi/db";
import { formatCents } from "@myhibachi/shared";
import { adminWrite, type AdminActor, type AdminDeps } from "../admin/audit";
import { lockBooking } from "../booking/shared";
import { AppError } from "../errors";
import { paidTowardTotalOf } from "./ledger";
import { paidAtTheEvent, paymentMethodWords } from "./money";
import { freezeReceipt } from "./receipts";

export const IN_PERSON_METHODS = ["CASH", "CARD_IN_PERSON"] as const;
export type InPersonMethod = (typeof IN_PERSON_METHODS)[number];

/** The most a tip recorded by staff may be: a typo guard ($5,000). */
export const MAX_TIP_CENTS = 500_000;

export interface RecordPaymentInput {
  bookingId: string;
  method: InPersonMethod;
  /** Towards the booking; default: everything still due. */
  amountCents?: number | undefined;
  tipCents?: number | undefined;
  note?: string | undefined;
  /** The form's own key: the same key recorded twice is one payment. */
  idempotencyKey?: string | undefined;
}

export async function recordPaymentAtEvent(
  db: Db,
  input: RecordPaymentInput,
  actor: AdminActor,
  deps: AdminDeps,
) {
  const now = deps.now?.() ?? new Date();
  const key = `in-person:${input.bookingId}:${input.idempotencyKey ?? randomUUID()}`;
  const tipCents = input.tipCents ?? 0;
  if (tipCents > MAX_TIP_CENTS)
    throw new AppError(
      "BAD_REQUEST",
      `A tip of more than ${formatCents(MAX_TIP_CENTS)} looks like a typo; check the amount.`,
      { fields: { tipCents: "too large" } },
    );
  return adminWrite(db, deps, { actor, scopes: [] }, async (tx, audit) => {
    const b = await lockBooking(tx, input.bookingId);
    if (!b) throw new AppError("NOT_FOUND", "We couldn't find that booking.");
    const again = await tx.payment.findUnique({ where: { idempotencyKey: key } });
    if (again) return { payment: again, replayed: true };
    if (b.status === "CANCELLED" || b.status === "EXPIRED")
      throw new AppError(
        "CONFLICT",
        `Booking ${b.code} is ${b.status.toLowerCase()}: there is nothing to pay. Refunds are made from the booking page.`,
      );
    if (b.status === "HELD")
      throw new AppError(
        "CONFLICT",
        `Booking ${b.code} is still held and not confirmed: confirm it first, then record what was paid.`,
      );
    // What is really due: the total less what was paid net of every refund (a change's, a
    // duplicate's), the figure the booking's money lines show.
    const dueCents = Math.max(0, b.totalCents - (await paidTowardTotalOf(tx, b.id)));
    const amountCents = input.amountCents ?? dueCents;
    if (amountCents > dueCents)
      throw new AppError(
        "BAD_REQUEST",
        dueCents === 0
          ? `Booking ${b.code} is paid in full; only a tip can be recorded now.`
          : `Only ${formatCents(dueCents)} is still due on booking ${b.code}; record at most that (a tip goes in the tip field).`,
        { fields: { amountCents: `at most ${dueCents}` } },
      );
    if (amountCents + tipCents <= 0)
      throw new AppError(
        "BAD_REQUEST",
        dueCents === 0
          ? `Booking ${b.code} is paid in full: there is nothing to record (enter a tip to record one).`
          : "Enter what the customer paid.",
        { fields: { amountCents: "must be more than 0" } },
      );
    const payment = await tx.payment.create({
      data: {
        bookingId: b.id,
        kind: "BALANCE",
        method: input.method,
        status: "SUCCEEDED",
        amountCents,
        tipCents,
        idempotencyKey: key,
        paidAt: now,
        recordedById: actor.userId,
        note: input.note?.trim() || null,
      },
    });
    // Its receipt says what was true now (the total, what is still due), whatever comes later.
    await freezeReceipt(tx, "payment", payment.id, b.id);
    // How it was paid, as the history and the audit log keep saying it: "in cash at the event"
    // on the event's day, "in cash" (or "by card in person") on any other.
    const event = { startsAt: b.startsAt, timeZone: b.timeZone };
    const how = paymentMethodWords(input.method, now, event);
    const atEvent = paidAtTheEvent(now, event);
    await tx.bookingEvent.create({
      data: {
        bookingId: b.id,
        type: "payment.recorded",
        actor: `staff:${actor.userId}`,
        data: { paymentId: payment.id, method: input.method, amountCents, tipCents, how, atEvent },
      },
    });
    audit({
      action: "booking.paymentRecorded",
      entity: "booking",
      entityId: b.id,
      before: { dueCents },
      after: {
        paymentId: payment.id,
        method: input.method === "CASH" ? "cash" : "card",
        how,
        atEvent,
        amountCents,
        tipCents,
        dueCents: dueCents - amountCents,
      },
    });
    return { payment, replayed: false };
  });
}
