import { z } from "zod";
import { bookingWithDetails, changeBookingStatus, cancelBooking } from "@myhibachi/core";
import { publicBooking } from "../customer/booking";
import { bookingNotifier } from "../../notifications";
import { router, staffProcedure } from "../../trpc";
import { idSchema } from "../../schemas";

export const staffActor = (ctx: { user: { id: string; role: string } }) =>
  ({
    kind: "staff",
    userId: ctx.user.id,
    role: ctx.user.role === "OWNER" ? "OWNER" : "STAFF",
  }) as const;

export const bookingsAdminRouter = router({
  upcoming: staffProcedure
    .input(z.object({ days: z.number().int().min(1).max(120).default(14) }).default({ days: 14 }))
    .query(async ({ ctx, input }) => {
      const now = ctx.now?.() ?? new Date();
      return ctx.db.booking.findMany({
        where: {
          startsAt: { gte: now, lt: new Date(now.getTime() + input.days * 86400_000) },
          status: { in: ["HELD", "PENDING", "CONFIRMED"] },
        },
        orderBy: { startsAt: "asc" },
        include: {
          chefs: { where: { live: true }, include: { chef: { select: { name: true } } } },
        },
        take: 500,
      });
    }),
  get: staffProcedure
    .input(z.object({ id: idSchema }))
    .query(async ({ ctx, input }) => publicBooking(await bookingWithDetails(ctx.db, input.id))),
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
        reason: z.string().trim().min(3, "Give a reason the customer will read.").max(500),
      }),
    )
    .mutation(({ ctx, input }) =>
      cancelBooking(
        ctx.db,
        { bookingId: input.id, reason: input.reason, actor: staffActor(ctx) },
        { cache: ctx.cache, now: ctx.now, notify: bookingNotifier(ctx) },
      ),
    ),
});
