import { z } from "zod";
import { finishHeldBooking } from "../../booking/manage-booking";
import { depositCheckoutUrl } from "../../booking/create-booking";
import {
  addressSchema,
  contactSchema,
  idSchema,
  allergiesSchema,
  dietaryProfileSchema,
  notesSchema,
  redeemPointsSchema,
  selectionSchema,
} from "../../schemas";
import { holdLinkHolder } from "../access";
import { defineOperation } from "../define";
import { bookingDeps } from "../booking/deps";
import { holdTokenSchema } from "./get-chat-hold";
import { linkSessionToBooking } from "../../recommendations/store";
import { sessionKeySchema } from "../recommendations/schemas";

/** The customer finishes a booking the assistant held: menu, address and contact. */
export const finishChatHoldOp = defineOperation({
  name: "finishChatHold",
  kind: "mutation",
  summary: "Finish a booking held by the assistant: menu, address and contact details.",
  input: z.object({
    id: idSchema,
    token: holdTokenSchema,
    selection: selectionSchema,
    address: addressSchema,
    contact: contactSchema,
    notes: notesSchema,
    allergies: allergiesSchema,
    /** Who avoids what, the diets kept, likes (the wizard's allergies step); kept on the booking. */
    dietaryProfile: dietaryProfileSchema.nullish(),
    /** Loyalty points to use (signed in, own email): 100 points = $1 off the food. */
    redeemPoints: redeemPointsSchema.optional(),
    /** The finish page's suggestion session (suggestForSelection): links it to this booking. */
    suggestionSessionKey: sessionKeySchema.optional(),
  }),
  access: holdLinkHolder,
  async run(ctx, input) {
    const b = await finishHeldBooking(
      ctx.db,
      {
        bookingId: input.id,
        token: input.token,
        selection: input.selection,
        address: input.address,
        contact: input.contact,
        notes: input.notes ?? null,
        allergies: input.allergies ?? null,
        dietaryProfile: input.dietaryProfile ?? null,
        user: ctx.caller.user,
        redeemPoints: input.redeemPoints,
      },
      bookingDeps(ctx),
    );
    await linkSessionToBooking(ctx.db, input.suggestionSessionKey, b.id, ctx.armSecret);
    return {
      id: b.id,
      code: b.code,
      // The link's own token keeps working for the booking page.
      token: input.token,
      status: b.status,
      holdExpiresAt: b.holdExpiresAt,
      totalCents: b.totalCents,
      paymentMode: b.paymentMode,
      // Stripe mode: the deposit page, opened now (null: the booking page offers it).
      checkoutUrl:
        b.paymentMode === "STRIPE" && b.status === "HELD"
          ? await depositCheckoutUrl(ctx.db, bookingDeps(ctx), b.id, input.token)
          : null,
    };
  },
});
