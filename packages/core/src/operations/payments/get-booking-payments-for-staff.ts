import { z } from "zod";
import { AppError } from "../../errors";
import {
  MONEY_BOOKING_SELECT,
  MONEY_PAYMENT_SELECT,
  MONEY_REFUND_SELECT,
  moneyOfBooking,
} from "../../payments/ledger";
import { receiptEmailKey, receiptsOfBooking } from "../../payments/receipts";
import { balanceEmailKey } from "../../payments/balance-reminders";
import { idSchema } from "../../schemas";
import { staff } from "../access";
import { defineOperation } from "../define";

/**
 * A booking's money for staff: the money lines, every payment attempt and refund as stored, the
 * receipts (and whether each was emailed), and whether the balance email went out.
 */
export const getBookingPaymentsForStaffOp = defineOperation({
  name: "getBookingPaymentsForStaff",
  kind: "query",
  summary:
    "A booking's money lines, payments (every attempt), refunds, receipts and balance email, for staff.",
  input: z.object({ id: idSchema }),
  access: staff,
  async run(ctx, input) {
    const b = await ctx.db.booking.findUnique({
      where: { id: input.id },
      select: MONEY_BOOKING_SELECT,
    });
    if (!b) throw new AppError("NOT_FOUND", "We couldn't find that booking.");
    const [money, receipts, payments, refunds] = await Promise.all([
      moneyOfBooking(ctx.db, b),
      receiptsOfBooking(ctx.db, b.id),
      ctx.db.payment.findMany({
        where: { bookingId: b.id },
        orderBy: { createdAt: "asc" },
        // What the money lines are made of, and what staff read besides.
        select: {
          ...MONEY_PAYMENT_SELECT,
          bookingId: false,
          failureMessage: true,
          note: true,
          recordedById: true,
        },
      }),
      ctx.db.refund.findMany({
        where: { bookingId: b.id },
        orderBy: { createdAt: "asc" },
        select: { ...MONEY_REFUND_SELECT, bookingId: false, note: true, lastError: true },
      }),
    ]);
    const keys = [balanceEmailKey(b.id), ...receipts.map((r) => receiptEmailKey(r.kind, r.id))];
    const emails = await ctx.db.emailMessage.findMany({
      where: { idempotencyKey: { in: keys } },
      select: { idempotencyKey: true, status: true, createdAt: true, subject: true },
    });
    const emailOf = (key: string) => {
      const e = emails.find((m) => m.idempotencyKey === key);
      return e ? { status: e.status, createdAt: e.createdAt, subject: e.subject } : null;
    };
    const recorders = await ctx.db.user.findMany({
      where: { id: { in: payments.map((p) => p.recordedById).filter((x): x is string => !!x) } },
      select: { id: true, name: true },
    });
    return {
      bookingId: b.id,
      status: b.status,
      paymentMode: b.paymentMode,
      timeZone: b.timeZone,
      totalCents: b.totalCents,
      money,
      payments: payments.map((p) => ({
        ...p,
        recordedBy: recorders.find((u) => u.id === p.recordedById)?.name ?? null,
      })),
      refunds,
      receipts: receipts.map((r) => ({ ...r, email: emailOf(receiptEmailKey(r.kind, r.id)) })),
      balanceEmail: emailOf(balanceEmailKey(b.id)),
      /** Staff can record a payment at the event (a live or completed booking with money due). */
      canRecordPayment:
        ["PENDING", "CONFIRMED", "COMPLETED"].includes(b.status) && money.balanceDueCents > 0,
    };
  },
});
