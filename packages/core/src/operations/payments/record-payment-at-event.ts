import { z } from "zod";
import { IN_PERSON_METHODS, recordPaymentAtEvent } from "../../payments/in-person";
import { centsSchema, idSchema } from "../../schemas";
import { adminAuthor, staff } from "../access";
import { adminDeps } from "../admin/deps";
import { defineOperation } from "../define";
import { cents } from "../output-schemas";

/**
 * Staff record what the customer paid at the event (cash, or a card on the chef's reader): the
 * balance (all that is still due unless an amount is given) and a tip, with an audit row. The
 * customer is emailed a receipt.
 */
export const recordPaymentAtEventOp = defineOperation({
  name: "recordPaymentAtEvent",
  kind: "mutation",
  summary:
    "Records a payment made at the event (cash or card in person) towards a booking, with its tip; audited; the customer gets a receipt.",
  input: z.object({
    id: idSchema,
    method: z.enum(IN_PERSON_METHODS, { error: "Choose how it was paid: cash or card." }),
    /** Towards the booking; default: everything still due. */
    amountCents: centsSchema("the amount paid").optional(),
    tipCents: centsSchema("the tip").optional(),
    note: z.string().trim().max(300, "Keep the note under 300 characters.").optional(),
    /** The form's own key: sending the same form twice records one payment. */
    idempotencyKey: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{8,64}$/,
        "The request id must be 8 to 64 letters, digits, - or _. Reload the page and try again.",
      )
      .optional(),
  }),
  output: z.object({
    paymentId: z.string(),
    amountCents: cents,
    tipCents: cents,
    replayed: z.boolean(),
  }),
  access: staff,
  async run(ctx, input, user) {
    const { payment, replayed } = await recordPaymentAtEvent(
      ctx.db,
      {
        bookingId: input.id,
        method: input.method,
        amountCents: input.amountCents,
        tipCents: input.tipCents,
        note: input.note,
        idempotencyKey: input.idempotencyKey,
      },
      adminAuthor(user),
      adminDeps(ctx),
    );
    // The receipt now (the surface's notifier stores and sends it; never throws); the worker's
    // receipts job sends it anyway if this didn't.
    if (!replayed)
      await ctx.notifyPayment?.({
        type: "payment.succeeded",
        paymentId: payment.id,
        bookingId: payment.bookingId,
      });
    return {
      paymentId: payment.id,
      amountCents: payment.amountCents,
      tipCents: payment.tipCents,
      replayed,
    };
  },
});
