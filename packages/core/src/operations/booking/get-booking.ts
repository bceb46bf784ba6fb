import { z } from "zod";
import { linkExpiresAt, tokenWasEmailed } from "../../booking/links";
import {
  bookingWithDetails,
  cancellationTerms,
  loadBookingFor,
} from "../../booking/manage-booking";
import { loadCatalogFromDb } from "../../catalog/catalog";
import { idSchema, tokenSchema } from "../../schemas";
import { bookingHolder } from "../access";
import { defineOperation } from "../define";
import { cents, instant } from "../output-schemas";
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
    }),
    canReschedule: z.boolean(),
    rescheduleCutoffHours: z.number(),
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
    return {
      booking: customerBookingView(details, { viaLink }),
      cancellation: cancellationTerms(b, settings, now),
      canReschedule:
        ["PENDING", "CONFIRMED"].includes(b.status) &&
        b.startsAt.getTime() - now.getTime() >= settings.rescheduleCutoffHours * 3600_000,
      rescheduleCutoffHours: settings.rescheduleCutoffHours,
      /** Made online and not confirmed yet: the time is held until `holdExpiresAt`. */
      awaitingConfirmation:
        b.status === "HELD" &&
        b.customerId !== null &&
        !!b.holdExpiresAt &&
        b.holdExpiresAt.getTime() > now.getTime(),
      linkExpiresAt: viaLink ? linkExpiresAt(b) : null,
      /** Confirming needs the emailed link (or the signed-in owner), not the booking's own reply. */
      canConfirmHere: actor.kind !== "token" || (await tokenWasEmailed(ctx.db, actor.token)),
    };
  },
});
