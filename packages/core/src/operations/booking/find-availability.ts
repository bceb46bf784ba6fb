import { z } from "zod";
import { firstFreeDate, getAvailability } from "../../availability/get-availability";
import { bookableDateRange, withBookingWindow } from "../../availability/slots";
import { bookingWindowFor } from "../../loyalty/customer";
import { takesDepositOnline } from "../../booking/create-booking";
import { getCatalog } from "../../catalog/catalog";
import { depositTerms } from "../../payments/cancel";
import { addDays } from "@myhibachi/shared";
import { dateString, guestCountSchema, postalCodeSchema, startMinuteSchema } from "../../schemas";
import { anyone } from "../access";
import { defineOperation, type OperationContext } from "../define";
import type { BookingWindow } from "../../loyalty/tiers";
import { cents, instant } from "../output-schemas";

export const findAvailabilityInput = z.object({
  from: dateString,
  to: dateString,
  guests: guestCountSchema,
  postalCode: postalCodeSchema,
  startMinute: startMinuteSchema.optional().meta({
    description:
      "A start time asked for on `from` (minutes after local midnight): `unavailable` then says why that time is not free.",
  }),
});

/** Why nothing asked for is free (see `whyNoSlot`); the fields present depend on `kind`. */
export const unavailableSchema = z
  .object({
    kind: z.enum([
      "past",
      "too_soon",
      "beyond_window",
      "not_a_start_time",
      "closed_day",
      "closed_hours",
      "time_off",
      "too_few_chefs",
      "fully_booked",
    ]),
    firstDate: z.string().optional().meta({
      description: "too_soon: the earliest date with a start time far enough ahead.",
    }),
    minNoticeHours: z.number().int().optional(),
    lastDate: z.string().optional().meta({ description: "beyond_window: the last bookable date." }),
    bookingWindowDays: z.number().int().optional(),
    weekday: z.number().int().optional().meta({
      description: "closed_day: the weekday no chef serving the area works (0 = Sunday).",
    }),
    otherAreas: z.boolean().optional().meta({
      description: "closed_day: chefs of other areas work that weekday (only this area is closed).",
    }),
    chefsNeeded: z.number().int().optional(),
    tooSoonBefore: z.boolean().optional().meta({
      description:
        "fully_booked: the earlier start times are inside the notice; only the later ones are booked.",
    }),
  })
  .nullable()
  .meta({
    description:
      "Why nothing is free in the range (or at `startMinute` on `from`): past, too_soon (inside the notice), beyond_window, not_a_start_time, closed_day (no chef works that weekday in the area), closed_hours (none works at that time), time_off (chefs off: a holiday or vacation), too_few_chefs, fully_booked (other bookings). Null: something is free.",
  });

const findAvailabilityOutput = z.object({
  // On the real clock (as bookings are stamped), taken before anything is read.
  asOf: instant.meta({
    format: "date-time",
    description:
      "When these free times were read: send it back as createBooking's `seenAt`, and a time taken since is refused as just booked by someone else.",
    examples: ["2026-05-01T16:58:03.120Z"],
  }),
  lastDate: z.string().meta({
    description: "The last date bookable now (the end of the booking window), YYYY-MM-DD.",
    examples: ["2027-05-28"],
  }),
  firstFreeDate: z
    .string()
    .nullable()
    .meta({
      description:
        "The first date from `from` up to `lastDate` with a free time for this party, found past `to` when the range has none (a calendar opens on its month); null: nothing is free in the whole booking window.",
      examples: ["2026-12-04"],
    }),
  timeZone: z.string(),
  zone: z.object({ name: z.string(), feeCents: cents, distanceMiles: z.number() }),
  unavailable: unavailableSchema,
  slots: z.array(
    z.object({
      date: z.string().meta({ examples: ["2026-05-01"] }),
      startMinute: z.number().int().meta({ description: "Minutes after local midnight." }),
      label: z.string().meta({ examples: ["5:00 PM"] }),
      startsAt: instant,
      endsAt: instant,
      chefsNeeded: z.number().int(),
      /**
       * The deposit terms of a booking at this time, made now: says plainly when the event is
       * already inside the free-cancellation window. Null when no deposit is taken online.
       */
      depositTerms: z.string().nullable(),
    }),
  ),
});

/** Bookable start times for a party size and ZIP over a date range. */
export const findAvailabilityOp = defineOperation({
  name: "findAvailability",
  kind: "query",
  summary: "Bookable start times for a party size and ZIP code between two dates.",
  input: findAvailabilityInput,
  output: findAvailabilityOutput,
  access: anyone,
  // A signed-in member's tier may book further ahead: their own window (`bookingWindowFor`).
  run: (ctx, input) =>
    availabilityWithin(ctx, input, (days) => bookingWindowFor(ctx.db, ctx.caller.user, days)),
});

/**
 * The availability answer for one booker's window (`windowOf` gets the business's window in
 * days and gives theirs): the free times, the last bookable date and the beyond-window reason all
 * follow it.
 */
export async function availabilityWithin(
  ctx: OperationContext,
  input: z.infer<typeof findAvailabilityInput>,
  windowOf: (bookingWindowDays: number) => Promise<BookingWindow>,
) {
  // Before anything is read: a booking saved after this instant may be missing from the answer.
  const asOf = new Date();
  const now = ctx.now();
  const catalog = await getCatalog(ctx.db, ctx.cache);
  const window = await windowOf(catalog.settings.bookingWindowDays);
  const settings = withBookingWindow(catalog.settings, window.days);
  const deps = { cache: ctx.cache, now, windowDays: window.days };
  const res = await getAvailability(ctx.db, input, deps);
  const firstFree =
    res.slots[0]?.date ??
    (await firstFreeDate(settings, now, addDays(input.to, 1), async (from, to) => {
      const { startMinute: _m, ...range } = input;
      return (await getAvailability(ctx.db, { ...range, from, to }, deps)).slots;
    }));
  const paymentMode = takesDepositOnline(ctx, catalog) ? "STRIPE" : "PAY_AT_EVENT";
  // Which chefs are free is internal: customers see times, not staff ids.
  return {
    asOf,
    lastDate: bookableDateRange(settings, now).last,
    firstFreeDate: firstFree,
    ...res,
    slots: res.slots.map(({ chefIds: _c, ...s }) => ({
      ...s,
      depositTerms: depositTerms(
        { startsAt: s.startsAt, paymentMode, timeZone: res.timeZone },
        catalog.settings,
        now,
      ).sentence,
    })),
  };
}
