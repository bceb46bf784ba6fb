import { z } from "zod";
import {
  cancelBooking,
  changeBookingStatus,
  idSchema,
  operations as op,
  reassignBooking,
} from "@myhibachi/core";
import { bookingNotifier } from "../../notifications";
import { queryOf } from "../../procedure";
import { router, staffProcedure } from "../../trpc";

export const staffActor = (ctx: { user: { id: string; role: string } }) =>
  ({
    kind: "staff",
    userId: ctx.user.id,
    role: ctx.user.role === "OWNER" ? "OWNER" : "STAFF",
  }) as const;

/** The signed-in staff member as the author of an audited admin change. */
export const adminActor = (ctx: { user: { id: string; role: string } }) => ({
  userId: ctx.user.id,
  role: ctx.user.role === "OWNER" ? ("OWNER" as const) : ("STAFF" as const),
});

export const bookingsAdminRouter = router({
  businessToday: queryOf(op.getBusinessToday),
  upcoming: queryOf(op.listUpcomingBookings),
  list: queryOf(op.listBookingsForStaff),
  get: queryOf(op.getBookingForStaff),
  calendar: queryOf(op.getBookingCalendar),
  setStatus: staffProcedure
    .input(z.object({ id: idSchema, action: z.enum(["confirm", "complete"]) }))
    .mutation(({ ctx, input }) =>
      changeBookingStatus(
        ctx.db,
        { bookingId: input.id, action: input.action, actor: staffActor(ctx) },
        { cache: ctx.cache, now: ctx.now, notify: bookingNotifier(ctx) },
      ),
    ),
  cancel: staffProcedure
    .input(
      z.object({
        id: idSchema,
        reason: z
          .string({ error: "Give a reason the customer will read." })
          .trim()
          .min(3, "Give a reason the customer will read.")
          .max(500, "Keep the reason under 500 characters."),
      }),
    )
    .mutation(({ ctx, input }) =>
      cancelBooking(
        ctx.db,
        { bookingId: input.id, reason: input.reason, actor: staffActor(ctx) },
        { cache: ctx.cache, now: ctx.now, notify: bookingNotifier(ctx) },
      ),
    ),
  reassign: staffProcedure
    .input(
      z.object({
        id: idSchema,
        chefIds: z
          .array(idSchema, { error: "Choose at least one chef." })
          .min(1, "Choose at least one chef.")
          .max(6, "At most 6 chefs per event."),
      }),
    )
    .mutation(({ ctx, input }) =>
      reassignBooking(
        ctx.db,
        { actor: adminActor(ctx), bookingId: input.id, chefIds: input.chefIds },
        { cache: ctx.cache, now: ctx.now },
      ),
    ),
});
