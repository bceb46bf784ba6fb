import { z } from "zod";
import { loadBookingFor } from "../../booking/manage-booking";
import { AppError } from "../../errors";
import { openDepositCheckout } from "../../payments/checkout";
import { applyPaid } from "../../payments/apply";
import { sessionFacts } from "../../payments/webhook";
import { idSchema, tokenSchema } from "../../schemas";
import { bookingHolder } from "../access";
import { defineOperation, type OperationContext } from "../define";
import { bookingStatusSchema, instant } from "../output-schemas";
import { bookingDeps } from "../booking/deps";

function gatewayOf(ctx: OperationContext) {
  if (!ctx.payments)
    throw new AppError(
      "PRECONDITION_FAILED",
      "No payment is taken online here: you pay at the event.",
    );
  return ctx.payments;
}

/** The customer opens the Stripe Checkout page for a held booking's deposit. */
export const payDepositOp = defineOperation({
  name: "payDeposit",
  kind: "mutation",
  summary: "Open the secure Stripe page to pay a held booking's deposit (Stripe mode only).",
  input: z.object({ id: idSchema, token: tokenSchema }),
  output: z.object({ url: z.string(), expiresAt: instant }),
  access: bookingHolder,
  async run(ctx, input, actor) {
    const b = await loadBookingFor(ctx.db, input.id, actor, ctx.now());
    const opened = await openDepositCheckout(
      ctx.db,
      gatewayOf(ctx),
      {
        bookingId: b.id,
        returnToken: actor.kind === "token" ? actor.token : null,
        customerUrl: ctx.customerUrl ?? "http://localhost:3000",
      },
      { now: ctx.now },
    );
    return { url: opened.url, expiresAt: opened.expiresAt };
  },
});

/**
 * Back from Stripe Checkout: reads the session from Stripe and, if it is paid, applies it through
 * the same idempotent function as the webhook (whichever comes first does it; the other changes
 * nothing). Shows the booking's status either way.
 */
export const checkDepositPaymentOp = defineOperation({
  name: "checkDepositPayment",
  kind: "mutation",
  summary: "After Stripe Checkout: check the payment session and record the deposit if it is paid.",
  input: z.object({
    id: idSchema,
    token: tokenSchema,
    sessionId: z
      .string()
      .trim()
      .regex(
        /^cs_[A-Za-z0-9_]{1,200}$/,
        "That isn't a payment page we opened. Open your booking again and press Pay.",
      ),
  }),
  output: z.object({ paid: z.boolean(), status: bookingStatusSchema }),
  access: bookingHolder,
  async run(ctx, input, actor) {
    const b = await loadBookingFor(ctx.db, input.id, actor, ctx.now());
    const gateway = gatewayOf(ctx);
    const payment = await ctx.db.payment.findUnique({
      where: { stripeCheckoutSessionId: input.sessionId },
    });
    if (!payment || payment.bookingId !== b.id)
      throw new AppError("NOT_FOUND", "That payment isn't for this booking.");
    const session = await gateway.stripe.checkout.sessions.retrieve(input.sessionId);
    const paid = session.payment_status === "paid";
    if (paid)
      await applyPaid(
        ctx.db,
        sessionFacts(session as unknown as Record<string, unknown>, ctx.now()),
        bookingDeps(ctx),
      );
    const now = await ctx.db.booking.findUniqueOrThrow({
      where: { id: b.id },
      select: { status: true },
    });
    return { paid, status: now.status };
  },
});
