import { z } from "zod";
import { rescheduleBooking } from "../../booking/manage-booking";
import { loadCatalogFromDb } from "../../catalog/catalog";
import { depositTerms } from "../../payments/cancel";
import {
  dateString,
  expectedStartsAtSchema,
  idSchema,
  seenAtSchema,
  startMinuteSchema,
  tokenSchema,
} from "../../schemas";
import { bookingHolder } from "../access";
import { defineOperation } from "../define";
import { bookingStatusSchema, instant } from "../output-schemas";
import { bookingDeps } from "./deps";

/** Moves a booking to another free time (before the reschedule cutoff). */
export const rescheduleBookingOp = defineOperation({
  name: "rescheduleBooking",
  kind: "mutation",
  summary:
    "Move a booking to another free date and time, before the reschedule cutoff; refused (409) when it has moved since `expectedStartsAt` or its party changed since `expectedVersion`.",
  input: z.object({
    id: idSchema,
    token: tokenSchema,
    date: dateString,
    startMinute: startMinuteSchema,
    seenAt: seenAtSchema.optional(),
    expectedStartsAt: expectedStartsAtSchema.optional(),
    /**
     * The change preview's `current.version` your page showed: when the guests or menu have
     * changed since (another tab), the move is refused (409). Optional; our pages always send it.
     */
    expectedVersion: z
      .string({ error: "Send the preview's current.version as text, or leave it out." })
      .max(64, "Send the preview's current.version as text, or leave it out.")
      .optional(),
  }),
  output: z.object({
    id: z.string(),
    status: bookingStatusSchema,
    startsAt: instant,
    /** Where it started before this move (what "it was …" names). */
    previousStartsAt: instant,
    /** The deposit terms at the new time (says so when the deposit stays non-refundable). */
    depositTerms: z.string().nullable(),
  }),
  access: bookingHolder,
  async run(ctx, input, actor) {
    const b = await rescheduleBooking(
      ctx.db,
      {
        bookingId: input.id,
        date: input.date,
        startMinute: input.startMinute,
        actor,
        seenAt: input.seenAt ?? null,
        expectedStartsAt: input.expectedStartsAt ?? null,
        expectedVersion: input.expectedVersion ?? null,
      },
      bookingDeps(ctx),
    );
    const { settings } = await loadCatalogFromDb(ctx.db);
    return {
      id: b.id,
      status: b.status,
      startsAt: b.startsAt,
      previousStartsAt: b.previousStartsAt,
      depositTerms: depositTerms(b, settings, ctx.now()).sentence,
    };
  },
});
