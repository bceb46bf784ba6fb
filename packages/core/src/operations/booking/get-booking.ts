import { z } from "zod";
import { linkExpiresAt, tokenWasEmailed } from "../../booking/links";
import { bookingWithDetails, loadBookingFor } from "../../booking/manage-booking";
import {
  depositTerms,
  moneyCancellationTerms,
  rescheduleDepositTerms,
} from "../../payments/cancel";
import { bookingMoney } from "../../payments/money";
import { loadCatalogFromDb } from "../../catalog/catalog";
import { idSchema, tokenSchema } from "../../schemas";
import { bookingHolder } from "../access";
import { defineOperation } from "../define";
import { bookingMoneyOutput, cents, instant } from "../output-schemas";
import { customerBookingView, customerBookingViewOutput } from "./booking-view";

export const bookingRefInput = z.object({ id: idSchema, token: tokenSchema });

/** A booking with what its holder may do with it now (cancel terms, reschedule, confirm). */
export const getBookingOp = defineOperation({
  name: "getBooking",
  kind: "query",
  summary:
    "One booking, by its secret link or as its signed-in customer, with what may be done next.",
  input: bookingRefInput,
  output: z.object({
    booking: customerBookingViewOutput,
    cancellation: z.object({
      allowed: z.boolean(),
      /** Why it can't be cancelled now, when it can't. */
      reason: z.string().optional(),
      refundCents: cents,
      policy: z.string(),
      /** What cancelling now means for the customer's money, said before they confirm. */
      summary: z.string(),
    }),
    /** What was really paid, refunded or is due. */
    money: bookingMoneyOutput,
    /** Stripe mode and the deposit isn't paid yet: "Pay the deposit" opens Checkout (payDeposit). */
    canPayDeposit: z.boolean(),
    canReschedule: z.boolean(),
    rescheduleCutoffHours: z.number(),
    /** This booking's deposit terms in one sentence (null in "pay at the event" mode). */
    depositTerms: z.string().nullable(),
    /**
     * What moving the booking does to its deposit: once its free-cancellation deadline has passed
     * the deposit stays non-refundable (`keepsDeadline`, said in `sentence`); before it, the new
     * time's own terms apply (each availability slot's `depositTerms`).
     */
    rescheduleDeposit: z.object({ keepsDeadline: z.boolean(), sentence: z.string().nullable() }),
    awaitingConfirmation: z.boolean(),
    linkExpiresAt: instant.nullable(),
    canConfirmHere: z.boolean(),
  }),
  access: bookingHolder,
  async run(ctx, input, actor) {
    const now = ctx.now();
    const b = await loadBookingFor(ctx.db, input.id, actor, now);
    const details = await bookingWithDetails(ctx.db, b.id);
    const { settings } = await loadCatalogFromDb(ctx.db);
    const viaLink = actor.kind === "token";
    const [payments, refunds, disputes] = await Promise.all([
      ctx.db.payment.findMany({ where: { bookingId: b.id }, orderBy: { createdAt: "asc" } }),
      ctx.db.refund.findMany({ where: { bookingId: b.id }, orderBy: { createdAt: "asc" } }),
      ctx.db.paymentDispute.findMany({ where: { bookingId: b.id } }),
    ]);
    const money = bookingMoney(b, payments, refunds, disputes);
    return {
      booking: customerBookingView(details, { viaLink }),
      cancellation: moneyCancellationTerms(b, settings, payments, now),
      money,
      canPayDeposit:
        !!ctx.payments &&
        b.paymentMode === "STRIPE" &&
        b.status === "HELD" &&
        b.customerId !== null &&
        !money.depositPaid &&
        !!b.holdExpiresAt &&
        b.holdExpiresAt.getTime() > now.getTime(),
      canReschedule:
        ["PENDING", "CONFIRMED"].includes(b.status) &&
        b.startsAt.getTime() - now.getTime() >= settings.rescheduleCutoffHours * 3600_000,
      rescheduleCutoffHours: settings.rescheduleCutoffHours,
      depositTerms: depositTerms(b, settings, now).sentence,
      rescheduleDeposit: rescheduleDepositTerms(b, settings, now),
      /** Made online and not confirmed yet: the time is held until `holdExpiresAt`. */
      awaitingConfirmation:
        b.status === "HELD" &&
        b.customerId !== null &&
        !!b.holdExpiresAt &&
        b.holdExpiresAt.getTime() > now.getTime(),
      linkExpiresAt: viaLink ? linkExpiresAt(b) : null,
      /** Confirming needs the emailed link (or the signed-in owner), not the booking's own reply. */
      // With Stripe, paying the deposit confirms: there is nothing to confirm by link.
      canConfirmHere:
        b.paymentMode !== "STRIPE" &&
        (actor.kind !== "token" || (await tokenWasEmailed(ctx.db, actor.token))),
    };
  },
});
