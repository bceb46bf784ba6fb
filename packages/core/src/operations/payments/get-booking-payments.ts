import { z } from "zod";
import { loadBookingFor } from "../../booking/manage-booking";
import { BALANCE_BOOKING_SELECT, balanceOptions } from "../../payments/balance";
import { receiptsOfBooking } from "../../payments/receipts";
import { idSchema, tokenSchema } from "../../schemas";
import { bookingHolder } from "../access";
import { defineOperation } from "../define";
import { bookingMoneyOutput, bookingStatusSchema, cents, instant } from "../output-schemas";
import { receiptRefOutput, tipOptionOutput } from "./money-output";

/**
 * A booking's money as its holder sees it: the money lines (deposit paid, balance paid, tip,
 * refunded, nothing charged, pay at the event), its receipts, and what is still due with how it
 * can be paid (online with a tip choice, or at the event).
 */
export const getBookingPaymentsOp = defineOperation({
  name: "getBookingPayments",
  kind: "query",
  summary:
    "A booking's money lines, its receipts, and the balance still due with the tip choices (by its secret link or as its signed-in customer).",
  input: z.object({ id: idSchema, token: tokenSchema }),
  output: z.object({
    bookingId: z.string(),
    code: z.string(),
    status: bookingStatusSchema,
    startsAt: instant,
    timeZone: z.string(),
    totalCents: cents,
    subtotalCents: cents,
    money: bookingMoneyOutput,
    receipts: z.array(receiptRefOutput),
    /** A Stripe payment page is open (or was just paid and Stripe hasn't told us yet). */
    pendingCheckout: z.boolean(),
    balance: z.object({
      dueCents: cents,
      /** The balance can be paid online now (then `tips` are the choices). */
      online: z.boolean(),
      /** What to say instead of a pay button. */
      notice: z.string().nullable(),
      tips: z.array(tipOptionOutput),
    }),
  }),
  access: bookingHolder,
  async run(ctx, input, actor) {
    const now = ctx.now();
    const found = await loadBookingFor(ctx.db, input.id, actor, now);
    const b = await ctx.db.booking.findUniqueOrThrow({
      where: { id: found.id },
      select: BALANCE_BOOKING_SELECT,
    });
    const [o, receipts, pending] = await Promise.all([
      balanceOptions(ctx.db, b, { onlinePayments: !!ctx.payments }),
      receiptsOfBooking(ctx.db, b.id),
      ctx.db.payment.count({ where: { bookingId: b.id, method: "STRIPE", status: "PENDING" } }),
    ]);
    // balanceOptions carries the booking's own figures and its money lines.
    const { dueCents, online, notice, tips, ...booking } = o;
    return {
      ...booking,
      receipts,
      pendingCheckout: pending > 0,
      balance: { dueCents, online, notice, tips },
    };
  },
});
