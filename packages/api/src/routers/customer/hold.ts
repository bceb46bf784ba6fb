// Finishing a booking held from the chat: the link carries the booking id and its secret token.
import { z } from "zod";
import { finishHeldBooking, loadBookingFor } from "@myhibachi/core";
import { zonedParts } from "@myhibachi/shared";
import { bookingNotifier } from "../../notifications";
import { publicProcedure, router } from "../../trpc";
import {
  addressSchema,
  notesSchema,
  contactSchema,
  idSchema,
  selectionSchema,
} from "../../schemas";

const token = z.string().min(16, "This link is incomplete.").max(128);

export const holdRouter = router({
  get: publicProcedure.input(z.object({ id: idSchema, token })).query(async ({ ctx, input }) => {
    const now = ctx.now?.() ?? new Date();
    const b = await loadBookingFor(ctx.db, input.id, { kind: "token", token: input.token }, now);
    const p = zonedParts(b.startsAt, b.timeZone);
    return {
      id: b.id,
      code: b.code,
      status: b.status,
      date: p.date,
      startMinute: p.minutes,
      timeZone: b.timeZone,
      guests: b.adults + b.children,
      postalCode: b.postalCode,
      city: b.city,
      state: b.state,
      holdExpiresAt: b.holdExpiresAt,
      /** Details already given: the booking page (confirm / manage) takes over. */
      finished: b.customerId !== null,
      expired:
        b.status === "EXPIRED" ||
        (b.status === "HELD" && !!b.holdExpiresAt && b.holdExpiresAt.getTime() < now.getTime()),
    };
  }),

  finish: publicProcedure
    .input(
      z.object({
        id: idSchema,
        token,
        selection: selectionSchema,
        address: addressSchema,
        contact: contactSchema,
        notes: notesSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const b = await finishHeldBooking(
        ctx.db,
        {
          bookingId: input.id,
          token: input.token,
          selection: input.selection,
          address: input.address,
          contact: input.contact,
          notes: input.notes ?? null,
          user: ctx.user ?? null,
        },
        { cache: ctx.cache, now: ctx.now, notify: bookingNotifier(ctx) },
      );
      return {
        id: b.id,
        code: b.code,
        // The link's own token keeps working for the booking page.
        token: input.token,
        status: b.status,
        holdExpiresAt: b.holdExpiresAt,
        totalCents: b.totalCents,
      };
    }),
});
