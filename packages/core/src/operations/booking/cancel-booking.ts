import { z } from "zod";
import { cancelBooking } from "../../booking/manage-booking";
import { idSchema, tokenSchema } from "../../schemas";
import { bookingHolder } from "../access";
import { defineOperation } from "../define";
import { bookingStatusSchema, cents } from "../output-schemas";
import { bookingDeps } from "./deps";

/** The customer cancels; the refund follows the cancellation terms in the settings. */
export const cancelBookingOp = defineOperation({
  name: "cancelBooking",
  kind: "mutation",
  summary: "Cancel a booking; the refund follows the free-cancellation window.",
  input: z.object({
    id: idSchema,
    token: tokenSchema,
    reason: z.string().trim().max(500, "Keep the reason under 500 characters.").default(""),
  }),
  output: z.object({ id: z.string(), status: bookingStatusSchema, refundCents: cents.nullable() }),
  access: bookingHolder,
  async run(ctx, input, actor) {
    const b = await cancelBooking(
      ctx.db,
      { bookingId: input.id, reason: input.reason, actor },
      bookingDeps(ctx),
    );
    return { id: b.id, status: b.status, refundCents: b.refundCents };
  },
});
