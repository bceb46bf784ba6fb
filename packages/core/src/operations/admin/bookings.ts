// Staff: the bookings of the business (lists, one booking with its chef options, the calendar)
// and the changes staff make to them (confirm, complete, cancel, reassign chefs).
import { z } from "zod";
import { addDays, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";
import {
  adminBookingDetail,
  bookingCalendar,
  listBookings,
  reassignBooking,
} from "../../admin/bookings";
import {
  cancelBooking,
  changeBookingStatus,
  completionBlocker,
} from "../../booking/manage-booking";
import { getCatalog } from "../../catalog/catalog";
import { dateString, idSchema, searchSchema, withinSixWeeks } from "../../schemas";
import { adminAuthor, staff, staffActor } from "../access";
import { defineOperation } from "../define";
import { bookingDeps } from "../booking/deps";
import { bookingStatusSchema } from "../booking/list-my-bookings";
import { kitchenOrderOutput } from "../booking/booking-view";
import {
  bookingMoneyOutput,
  cents,
  instant,
  priceLineOutput,
  staffPaymentOutput,
} from "../output-schemas";

const text = z.string().nullable();
const chefRef = z.object({ id: z.string(), name: z.string() });

/** Today's date and the zone, as the business sees them (for calendars). */
export const getBusinessTodayOp = defineOperation({
  name: "getBusinessToday",
  kind: "query",
  summary: "Today's date in the business's time zone, and the zone.",
  access: staff,
  async run(ctx) {
    const { timeZone } = (await getCatalog(ctx.db, ctx.cache)).settings;
    return { timeZone, date: zonedParts(ctx.now(), timeZone).date };
  },
});

const TODAY_STATUSES = ["HELD", "PENDING", "CONFIRMED", "COMPLETED"] as const;

/**
 * The staff's day: every event of today in the business's time zone (tonight's included, and
 * those already over, which can be marked completed), earlier events still waiting to be marked
 * completed, then the next `days` days, one list per day. Each event says whether it can be
 * marked completed now and, if not, why.
 */
export const getStaffTodayOp = defineOperation({
  name: "getStaffToday",
  kind: "query",
  summary:
    "Today's events in the business's time zone (tonight's included), earlier events still to mark completed, and the next days (7 unless told), day by day.",
  input: z
    .object({
      days: z
        .number({ error: "Say how many days ahead to show (1 to 31)." })
        .int("Say how many days ahead to show (1 to 31).")
        .min(1, "Say how many days ahead to show (1 to 31).")
        .max(31, "Say how many days ahead to show (1 to 31).")
        .default(7),
    })
    .default({ days: 7 }),
  access: staff,
  async run(ctx, input) {
    const now = ctx.now();
    const { timeZone } = (await getCatalog(ctx.db, ctx.cache)).settings;
    const date = zonedParts(now, timeZone).date;
    const dayStart = (d: string) => zonedTimeToUtc(d, 0, timeZone);
    const rows = await ctx.db.booking.findMany({
      where: {
        OR: [
          {
            startsAt: { gte: dayStart(date), lt: dayStart(addDays(date, input.days + 1)) },
            status: { in: [...TODAY_STATUSES] },
          },
          {
            // Over, but nobody marked them completed yet (the last two weeks).
            startsAt: { gte: dayStart(addDays(date, -14)), lt: dayStart(date) },
            status: { in: ["PENDING", "CONFIRMED"] },
          },
        ],
      },
      orderBy: { startsAt: "asc" },
      include: {
        chefs: { where: { live: true }, include: { chef: { select: { name: true } } } },
      },
      take: 1000,
    });
    const view = rows.map((b) => {
      const blocker = completionBlocker(b, now);
      return {
        id: b.id,
        code: b.code,
        status: b.status,
        startsAt: b.startsAt,
        endsAt: b.endsAt,
        timeZone: b.timeZone,
        adults: b.adults,
        children: b.children,
        city: b.city,
        contactName: b.contactName,
        totalCents: b.totalCents,
        chefs: b.chefs.map((c) => ({ chef: { name: c.chef.name } })),
        canComplete: blocker === null,
        completeBlocker: blocker,
        localDate: zonedParts(b.startsAt, timeZone).date,
      };
    });
    const days = Array.from({ length: input.days }, (_, i) => addDays(date, i + 1));
    // Every booking waiting for staff to confirm it, whatever its date, the soonest party first
    // (the most urgent to confirm; the bookings list filtered on "pending" has the same order).
    const pending = await ctx.db.booking.findMany({
      where: { status: "PENDING" },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        code: true,
        startsAt: true,
        timeZone: true,
        adults: true,
        children: true,
        city: true,
        contactName: true,
        createdAt: true,
      },
      take: 500,
    });
    return {
      timeZone,
      date,
      now,
      waiting: pending,
      today: view.filter((b) => b.localDate === date),
      toComplete: view.filter((b) => b.localDate < date),
      upcoming: days.map((d) => ({
        date: d,
        bookings: view.filter((b) => b.localDate === d && b.status !== "COMPLETED"),
      })),
    };
  },
});

/** Every booking, filtered by status, local dates and a search of code, name, email or city. */
export const listBookingsForStaffOp = defineOperation({
  name: "listBookingsForStaff",
  kind: "query",
  summary:
    "All bookings (up to 100), by status, a date range in the business's zone and a search of code, contact name, email or city.",
  input: z.object({
    status: bookingStatusSchema.optional(),
    from: dateString.optional(),
    to: dateString.optional(),
    search: searchSchema,
  }),
  output: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      status: bookingStatusSchema,
      startsAt: instant,
      timeZone: z.string(),
      adults: z.number().int(),
      children: z.number().int(),
      city: text,
      contactName: text,
      totalCents: cents,
      chefs: z.array(z.object({ chef: chefRef })),
    }),
  ),
  access: staff,
  async run(ctx, input) {
    const { settings } = await getCatalog(ctx.db, ctx.cache);
    return listBookings(ctx.db, input, settings.timeZone);
  },
});

/** One booking in full, with each active chef's fit for it. */
export const getBookingForStaffOp = defineOperation({
  name: "getBookingForStaff",
  kind: "query",
  summary:
    "One booking with its lines, history, customer and chefs, and which active chefs could take it.",
  input: z.object({ id: idSchema }),
  output: z.object({
    id: z.string(),
    code: z.string(),
    status: bookingStatusSchema,
    source: z.string(),
    startsAt: instant,
    endsAt: instant,
    timeZone: z.string(),
    adults: z.number().int(),
    children: z.number().int(),
    package: z.object({ name: z.string() }),
    addressLine1: text,
    addressLine2: text,
    city: text,
    state: text,
    postalCode: z.string(),
    travelZoneName: z.string(),
    distanceMiles: z.number(),
    contactName: text,
    contactEmail: text,
    contactPhone: text,
    notes: text,
    allergies: text,
    /** What the chef cooks: proteins per type, extras, allergies and notes. */
    kitchenOrder: kitchenOrderOutput,
    /** Tap-to-call, mailto and map links for the contact and the address. */
    links: z.object({ address: z.string(), map: text, phone: text, email: text }),
    /** The business's time zone, for showing when things happened. */
    businessTimeZone: z.string(),
    lines: z.array(priceLineOutput.extend({ detail: text })),
    subtotalCents: cents,
    travelFeeCents: cents,
    taxCents: cents,
    totalCents: cents,
    depositCents: cents,
    balanceCents: cents,
    holdExpiresAt: instant.nullable(),
    confirmedAt: instant.nullable(),
    completedAt: instant.nullable(),
    cancelledAt: instant.nullable(),
    cancelReason: text,
    cancelledBy: text,
    refundCents: cents.nullable(),
    createdAt: instant,
    customer: z
      .object({
        id: z.string(),
        name: z.string(),
        email: z.string(),
        phone: text,
        notes: text,
      })
      .nullable(),
    /** The booking's history: created, confirmed, rescheduled, chefs changed, cancelled. */
    events: z.array(
      z.object({ type: z.string(), actor: z.string(), createdAt: instant, data: z.unknown() }),
    ),
    /** The same history as sentences with names ("Sam Staff (staff) confirmed the booking."). */
    history: z.array(
      z.object({ id: z.string(), at: instant, who: z.string(), sentence: z.string() }),
    ),
    liveChefs: z.array(chefRef),
    /** Each active chef, and why they couldn't take this event (empty: they could). */
    chefOptions: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        /** Cooks this event now. */
        assigned: z.boolean(),
        /**
         * Why reassigning to this chef would be refused (time off, busy at another event, or not
         * working then),
         * from the same rule reassigning checks; null when they can take it.
         */
        busy: text,
        /** Allowed but worth knowing: doesn't cover the area. */
        warnings: z.array(z.string()),
        /** `busy` and `warnings` together. */
        problems: z.array(z.string()),
      }),
    ),
    /** What was really paid, refunded or is due (the same lines the customer sees). */
    money: bookingMoneyOutput,
    payments: z.array(staffPaymentOutput),
    /** What cancelling now would refund, by this booking's deadline (as the customer sees it). */
    cancellation: z.object({
      refundCents: cents,
      policy: z.string(),
      summary: z.string(),
    }),
    /**
     * What the business owes the customer back ("Owed to the customer"): paid above a total a
     * change lowered (tips apart, refunds deducted), or, cancelled, what was paid in person.
     */
    owedBack: z.object({ cents, sentence: z.string() }).nullable(),
    /** Why the event can't be marked completed now (not over yet, not confirmed), or null. */
    completeBlocker: text,
  }),
  access: staff,
  run(ctx, input) {
    return adminBookingDetail(ctx.db, input.id, ctx.now());
  },
});

/** Bookings and chef time off between two local dates, for the calendar. */
export const getBookingCalendarOp = defineOperation({
  name: "getBookingCalendar",
  kind: "query",
  summary:
    "Bookings and chef time off between two dates (at most six weeks), for one chef or all active chefs.",
  input: withinSixWeeks(
    z.object({ from: dateString, to: dateString, chefId: idSchema.optional() }),
  ),
  access: staff,
  run(ctx, input) {
    return bookingCalendar(ctx.db, input);
  },
});

/** Staff confirm a booking (deposit received) or mark it completed (after the event). */
export const setBookingStatusOp = defineOperation({
  name: "setBookingStatus",
  kind: "mutation",
  summary:
    "Confirm a held or pending booking (the customer is emailed), or mark an event that is over completed.",
  input: z.object({ id: idSchema, action: z.enum(["confirm", "complete"]) }),
  access: staff,
  run(ctx, input, user) {
    return changeBookingStatus(
      ctx.db,
      { bookingId: input.id, action: input.action, actor: staffActor(user) },
      bookingDeps(ctx),
    );
  },
});

/** Staff cancel a booking with a reason the customer reads (no cancellation cut-off for staff). */
export const cancelBookingForStaffOp = defineOperation({
  name: "cancelBookingForStaff",
  kind: "mutation",
  summary: "Cancel any live booking with a reason the customer will read; the customer is emailed.",
  input: z.object({
    id: idSchema,
    reason: z
      .string({ error: "Give a reason the customer will read." })
      .trim()
      .min(3, "Give a reason the customer will read.")
      .max(500, "Keep the reason under 500 characters."),
  }),
  access: staff,
  run(ctx, input, user) {
    return cancelBooking(
      ctx.db,
      { bookingId: input.id, reason: input.reason, actor: staffActor(user) },
      bookingDeps(ctx),
    );
  },
});

/** Replaces the chefs of a booking; a chef who is off or booked then is refused by name. */
export const reassignBookingOp = defineOperation({
  name: "reassignBooking",
  kind: "mutation",
  summary:
    "Give a booking other chefs (1 to 6); refused when one is off, deactivated or already booked then.",
  input: z.object({
    id: idSchema,
    chefIds: z
      .array(idSchema, { error: "Choose at least one chef." })
      .min(1, "Choose at least one chef.")
      .max(6, "At most 6 chefs per event."),
  }),
  access: staff,
  run(ctx, input, user) {
    return reassignBooking(
      ctx.db,
      { actor: adminAuthor(user), bookingId: input.id, chefIds: input.chefIds },
      { cache: ctx.cache, now: ctx.now },
    );
  },
});
