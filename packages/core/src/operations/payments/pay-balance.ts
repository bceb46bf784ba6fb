import { z } from "zod";
import { loadBookingFor } from "../../booking/manage-booking";
import { openBalanceCheckout } from "../../payments/balance";
import { idSchema, tokenSchema } from "../../schemas";
import { bookingHolder } from "../access";
import { defineOperation } from "../define";
import { cents, instant } from "../output-schemas";
import { tipChoiceInput } from "./money-output";

/**
 * Opens the Stripe Checkout page for the balance of a booking with the tip chosen (none, one of
 * the suggested percentages of the food, or a custom amount). The page's URL is returned; the
 * payment is recorded when Stripe says it is paid (webhook or return).
 */
export const payBalanceOp = defineOperation({
  name: "payBalance",
  kind: "mutation",
  summary:
    "Opens the Stripe Checkout page for a booking's balance plus the chosen tip; returns its URL. Refused when nothing is taken online.",
  input: z.object({ id: idSchema, token: tokenSchema, tip: tipChoiceInput }),
  output: z.object({
    url: z.string(),
    expiresAt: instant,
    amountCents: cents,
    tipCents: cents,
  }),
  access: bookingHolder,
  async run(ctx, input, actor) {
    const b = await loadBookingFor(ctx.db, input.id, actor, ctx.now());
    const opened = await openBalanceCheckout(
      ctx.db,
      ctx.payments,
      {
        bookingId: b.id,
        tip: input.tip,
        returnToken: actor.kind === "token" ? actor.token : null,
        customerUrl: ctx.customerUrl ?? "",
      },
      { now: ctx.now },
    );
    return {
      url: opened.url,
      expiresAt: opened.expiresAt,
      amountCents: opened.amountCents,
      tipCents: opened.tipCents,
    };
  },
});
