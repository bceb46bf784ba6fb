import { z } from "zod";
import {
  adminBookingDetail,
  bookingCalendar,
  cancelBooking,
  changeBookingStatus,
  getCatalog,
  listBookings,
  reassignBooking,
} from "@myhibachi/core";
import { zonedParts } from "@myhibachi/shared";
import { bookingNotifier } from "../../notifications";
import { router, staffProcedure } from "../../trpc";
import { dateString, idSchema } from "@myhibachi/core";

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

export const bookingStatusSchema = z.enum(
  ["HELD", "PENDING", "CONFIRMED", "COMPLETED", "CANCELLED", "EXPIRED"],
  { error: "Choose a booking status from the list." },
);

export const bookingsAdminRouter = router({
  /** Today's date and the zone, as the business sees them (for calendars). */
  businessToday: staffProcedure.query(async ({ ctx }) => {
    const { timeZone } = (await getCatalog(ctx.db, ctx.cache)).settings;
    return { timeZone, date: zonedParts(ctx.now?.() ?? new Date(), timeZone).date };
  }),
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
  list: staffProcedure
    .input(
      z.object({
        status: bookingStatusSchema.optional(),
        from: dateString.optional(),
        to: dateString.optional(),
        search: z.string().trim().max(100, "Search for at most 100 characters.").optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { settings } = await getCatalog(ctx.db, ctx.cache);
      return listBookings(ctx.db, input, settings.timeZone);
    }),
  get: staffProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => adminBookingDetail(ctx.db, input.id)),
  calendar: staffProcedure
    .input(
      z
        .object({ from: dateString, to: dateString, chefId: idSchema.optional() })
        .refine((v) => v.from <= v.to, {
          message: "The end date must be on or after the start date.",
          path: ["to"],
        })
        .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 42 * 86400_000, {
          message: "Show at most six weeks at a time.",
          path: ["to"],
        }),
    )
    .query(({ ctx, input }) => bookingCalendar(ctx.db, input)),
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
