import { z } from "zod";
import { refundPaymentByOwner } from "../../payments/refunds";
import { idSchema } from "../../schemas";
import { adminAuthor, owner } from "../access";
import { defineOperation } from "../define";
import { cents } from "../output-schemas";
import { bookingDeps } from "../booking/deps";

/** The owner refunds part or all of a payment from the booking page (audited). */
export const refundPaymentOp = defineOperation({
  name: "refundPayment",
  kind: "mutation",
  summary:
    "Refund part or all of a payment taken on Stripe (owner); the refund is sent by the worker and audited.",
  input: z.object({
    bookingId: idSchema,
    paymentId: idSchema,
    amountCents: z
      .number({ error: "Enter the amount to refund." })
      .int("Enter the amount in whole cents.")
      .min(1, "Enter an amount above $0.00.")
      .max(10_000_000, "That amount is too large."),
    note: z.string().trim().max(500, "Keep the note under 500 characters.").optional(),
  }),
  output: z.object({
    id: z.string(),
    amountCents: cents,
    status: z.enum(["PENDING", "SUCCEEDED", "FAILED"]),
  }),
  access: owner,
  async run(ctx, input, user) {
    const r = await refundPaymentByOwner(
      ctx.db,
      {
        actor: adminAuthor(user),
        bookingId: input.bookingId,
        paymentId: input.paymentId,
        amountCents: input.amountCents,
        note: input.note?.trim() || null,
      },
      { ...bookingDeps(ctx), cache: ctx.cache },
    );
    return { id: r.id, amountCents: r.amountCents, status: r.status };
  },
});
