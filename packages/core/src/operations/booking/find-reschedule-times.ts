import { z } from "zod";
import { firstFreeDate, getRescheduleAvailability } from "../../availability/get-availability";
import { bookableDateRange, withBookingWindow } from "../../availability/slots";
import { bookingWindowForEmail } from "../../loyalty/customer";
import { getCatalog } from "../../catalog/catalog";
import { AppError } from "../../errors";
import { loadBookingFor } from "../../booking/manage-booking";
import { deadlineAfterReschedule, depositTerms } from "../../payments/cancel";
import { dateString, idSchema, tokenSchema } from "../../schemas";
import { addDays, formatCents, HOUR, zonedParts } from "@myhibachi/shared";
import { bookingHolder } from "../access";
import { defineOperation } from "../define";
import { cents, instant } from "../output-schemas";

const MOVABLE = ["PENDING", "CONFIRMED"];

/**
 * The times a booking can move to, for its own party size and ZIP, with its own chef blocks not
 * counted as busy (so the times around where it is now are offered too), and what moving to each
 * means: the deposit terms at the new time and whether the same chef cooks.
 */
export const findRescheduleTimesOp = defineOperation({
  name: "findRescheduleTimes",
  kind: "query",
  summary:
    "Free times to move a booking to: its party size and ZIP, its own time not counted as busy, and what moving means.",
  input: z.object({
    id: idSchema,
    token: tokenSchema,
    from: dateString,
    to: dateString,
  }),
  output: z.object({
    // On the real clock (as bookings are stamped), taken before anything is read.
    asOf: instant.meta({
      format: "date-time",
      description:
        "When these free times were read: send it back as rescheduleBooking's `seenAt`, and a time taken since is refused as just booked by someone else.",
      examples: ["2026-05-01T16:58:03.120Z"],
    }),
    lastDate: z.string().meta({
      description:
        "The last date the booking may move to now (the end of the booking window), YYYY-MM-DD.",
      examples: ["2027-05-28"],
    }),
    firstFreeDate: z
      .string()
      .nullable()
      .meta({
        description:
          "The first date from `from` up to `lastDate` with a time the booking can move to (not its own), found past `to` when the range has none; null: none in the whole booking window.",
        examples: ["2026-12-04"],
      }),
    timeZone: z.string(),
    current: z.object({ date: z.string(), startMinute: z.number().int(), startsAt: instant }),
    guests: z.number().int(),
    totalCents: cents,
    /** What every move means, whatever the time (price, cancellation policy in words). */
    notes: z.array(z.string()),
    slots: z.array(
      z.object({
        date: z.string().meta({ examples: ["2026-05-01"] }),
        startMinute: z.number().int().meta({ description: "Minutes after local midnight." }),
        label: z.string().meta({ examples: ["5:00 PM"] }),
        startsAt: instant,
        endsAt: instant,
        /** The booking's own time now (moving there changes nothing). */
        current: z.boolean(),
        /** The chef(s) cooking now are free then too (else another chef cooks). */
        sameChef: z.boolean(),
        /** Until when the booking could be moved online again, once moved here. */
        movableUntil: instant,
        /** The deposit terms once moved here (null when no deposit is taken online). */
        depositTerms: z.string().nullable(),
      }),
    ),
  }),
  access: bookingHolder,
  async run(ctx, input, actor) {
    const asOf = new Date();
    const now = ctx.now();
    const b = await loadBookingFor(ctx.db, input.id, actor, now);
    if (!MOVABLE.includes(b.status))
      throw new AppError(
        "PRECONDITION_FAILED",
        b.status === "HELD"
          ? "Confirm your booking first; then you can move it here."
          : `A ${b.status.toLowerCase()} booking can't be rescheduled.`,
      );
    const base = (await getCatalog(ctx.db, ctx.cache)).settings;
    // A member's booking may move as far ahead as they may book (priority booking).
    const window = await bookingWindowForEmail(ctx.db, b.contactEmail, base.bookingWindowDays);
    const s = withBookingWindow(base, window.days);
    const times = async (from: string, to: string) =>
      getRescheduleAvailability(
        ctx.db,
        { from, to, guests: b.adults + b.children, postalCode: b.postalCode, bookingId: b.id },
        { cache: ctx.cache, now, windowDays: window.days },
      );
    // Its own time is offered (marked current) but is no time to move to.
    const elsewhere = (slots: { date: string; startsAt: Date }[]) =>
      slots.filter((slot) => slot.startsAt.getTime() !== b.startsAt.getTime());
    const res = await times(input.from, input.to);
    const firstFree =
      elsewhere(res.slots)[0]?.date ??
      (await firstFreeDate(s, now, addDays(input.to, 1), async (from, to) =>
        elsewhere((await times(from, to)).slots),
      ));
    const chefs = (
      await ctx.db.bookingChef.findMany({
        where: { bookingId: b.id, live: true },
        select: { chefId: true },
      })
    ).map((c) => c.chefId);
    // Once the free-cancellation deadline has passed it stays where it was; before, it follows.
    const keptDeadline = deadlineAfterReschedule(b, s, now);
    const here = zonedParts(b.startsAt, b.timeZone);
    const notes = [
      `Moving is free: your party, menu and total (${formatCents(b.totalCents)}) stay the same.`,
    ];
    // Without a deposit online there is nothing to refund: only the courtesy notice to repeat.
    if (b.paymentMode !== "STRIPE")
      notes.push(
        `If your plans change again, please cancel at least ${s.freeCancellationHours} hours before the new time.`,
      );
    return {
      asOf,
      lastDate: bookableDateRange(s, now).last,
      firstFreeDate: firstFree,
      timeZone: res.timeZone,
      current: { date: here.date, startMinute: here.minutes, startsAt: b.startsAt },
      guests: b.adults + b.children,
      totalCents: b.totalCents,
      notes,
      slots: res.slots.map((slot) => ({
        date: slot.date,
        startMinute: slot.startMinute,
        label: slot.label,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        current: slot.startsAt.getTime() === b.startsAt.getTime(),
        sameChef: chefs.length > 0 && chefs.every((id) => slot.chefIds.includes(id)),
        movableUntil: new Date(slot.startsAt.getTime() - s.rescheduleCutoffHours * HOUR),
        depositTerms: depositTerms(
          {
            startsAt: slot.startsAt,
            paymentMode: b.paymentMode,
            timeZone: b.timeZone,
            depositRefundableUntil: keptDeadline,
          },
          s,
          now,
        ).sentence,
      })),
    };
  },
});
