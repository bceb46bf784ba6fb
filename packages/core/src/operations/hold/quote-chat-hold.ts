// The finish-a-hold page's live price: the party being finished, priced as finishing will price
// it: with the offer code the hold took in the chat (its OFFER line), the signed-in customer's
// tier and the points they choose to use. Only for the holder of the hold's link.
import { z } from "zod";
import { quoteFor } from "../../booking/create-booking";
import { loadBookingFor } from "../../booking/manage-booking";
import { redeemedOfferOf } from "../../campaigns/offers";
import { idSchema, redeemPointsSchema, selectionSchema } from "../../schemas";
import { holdLinkHolder } from "../access";
import { defineOperation } from "../define";
import { quoteEventOutput } from "../booking/quote-event";
import { holdTokenSchema } from "./get-chat-hold";

export const quoteChatHoldOp = defineOperation({
  name: "quoteChatHold",
  kind: "query",
  summary:
    "Price a held booking being finished: the party, the hold's offer code, your tier and points.",
  input: z.object({
    id: idSchema,
    token: holdTokenSchema,
    selection: selectionSchema,
    /** Loyalty points to use (signed in, own email): 100 points = $1 off the food. */
    redeemPoints: redeemPointsSchema.optional(),
  }),
  output: quoteEventOutput,
  access: holdLinkHolder,
  async run(ctx, input, actor) {
    const now = ctx.now();
    const b = await loadBookingFor(ctx.db, input.id, actor, now);
    const { member: _m, ...quote } = await quoteFor(
      ctx.db,
      {
        selection: input.selection,
        postalCode: b.postalCode,
        ...(input.redeemPoints ? { redeemPoints: input.redeemPoints } : {}),
      },
      {
        cache: ctx.cache,
        user: ctx.caller.user,
        now,
        offer: await redeemedOfferOf(ctx.db, b.id),
      },
    );
    return quote;
  },
});
