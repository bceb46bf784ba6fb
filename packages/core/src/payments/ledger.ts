// The money of bookings as stored (their Payment, Refund and PaymentDispute rows) turned into the
// lines every page shows through `bookingMoney`: one query per table for any number of bookings,
// so a list (My bookings, the owner's report) never queries per row.
import type { Db, DbTx } from "@myhibachi/db";
import { bookingMoney, paidTowardTotalCents, type BookingMoney, type MoneyBooking } from "./money";

export const MONEY_PAYMENT_SELECT = {
  id: true,
  bookingId: true,
  kind: true,
  method: true,
  status: true,
  amountCents: true,
  tipCents: true,
  refundedCents: true,
  paidAt: true,
  createdAt: true,
} as const;

export const MONEY_REFUND_SELECT = {
  id: true,
  bookingId: true,
  paymentId: true,
  amountCents: true,
  status: true,
  reason: true,
  createdAt: true,
  succeededAt: true,
} as const;

/** `bookingMoney` for each booking given (by id), from its stored payments, refunds and disputes. */
export async function moneyOfBookings(
  db: Db | DbTx,
  bookings: readonly (MoneyBooking & { id: string })[],
): Promise<Map<string, BookingMoney>> {
  const ids = bookings.map((b) => b.id);
  const out = new Map<string, BookingMoney>();
  if (!ids.length) return out;
  const [payments, refunds, disputes] = await Promise.all([
    db.payment.findMany({ where: { bookingId: { in: ids } }, select: MONEY_PAYMENT_SELECT }),
    db.refund.findMany({ where: { bookingId: { in: ids } }, select: MONEY_REFUND_SELECT }),
    db.paymentDispute.findMany({
      where: { bookingId: { in: ids } },
      select: { bookingId: true, status: true, amountCents: true, openedAt: true },
    }),
  ]);
  for (const b of bookings)
    out.set(
      b.id,
      bookingMoney(
        b,
        payments.filter((p) => p.bookingId === b.id),
        refunds.filter((r) => r.bookingId === b.id),
        disputes.filter((d) => d.bookingId === b.id),
      ),
    );
  return out;
}

/** `bookingMoney` of one booking. */
export async function moneyOfBooking(
  db: Db | DbTx,
  booking: MoneyBooking & { id: string },
): Promise<BookingMoney> {
  return (await moneyOfBookings(db, [booking])).get(booking.id)!;
}

/** The columns of a Booking row `bookingMoney` reads. */
export const MONEY_BOOKING_SELECT = {
  id: true,
  status: true,
  paymentMode: true,
  totalCents: true,
  depositCents: true,
  balanceCents: true,
  timeZone: true,
} as const;

/**
 * What has been paid towards a booking's total, as stored now (`paidTowardTotalCents`: payments
 * less every refund made or on its way): inside a transaction that locked the booking, this is
 * the figure a change, an overpayment or a payment recorded at the event is checked against.
 */
export async function paidTowardTotalOf(db: Db | DbTx, bookingId: string): Promise<number> {
  // One after the other: inside a transaction both go over the same connection.
  const payments = await db.payment.findMany({
    where: { bookingId, status: "SUCCEEDED" },
    select: { id: true, status: true, amountCents: true },
  });
  const refunds = await db.refund.findMany({
    where: { bookingId },
    select: { paymentId: true, status: true, amountCents: true },
  });
  return paidTowardTotalCents(payments, refunds);
}
