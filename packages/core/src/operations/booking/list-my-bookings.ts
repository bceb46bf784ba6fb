import { z } from "zod";
import type { Prisma } from "@myhibachi/db";
import { AppError } from "../../errors";
import { MAX_YEAR, MIN_YEAR } from "../../schemas";
import { moneyOfBookings } from "../../payments/ledger";
import { customerOwn } from "../access";
import { defineOperation } from "../define";
import { BOOKING_STATUSES, bookingStatusSchema, cents, instant } from "../output-schemas";

export { BOOKING_STATUSES, bookingStatusSchema };

/** A position in the list (newest event first): the event start and the booking id, opaque. */
export function encodeBookingCursor(b: { startsAt: Date; id: string }): string {
  return Buffer.from(`${b.startsAt.toISOString()}|${b.id}`).toString("base64url");
}

/**
 * The position a cursor names, or a 400. The cursor is the client's to send, so it is checked like
 * any input: an instant in the years Postgres and the calendar agree on, and an id of our shape
 * (no NUL, which Postgres refuses; found by an outside attack, which got a 500 with both).
 */
function decodeBookingCursor(cursor: string): { startsAt: Date; id: string } {
  const [iso, id, ...rest] = Buffer.from(cursor, "base64url").toString().split("|");
  const startsAt = new Date(iso ?? "");
  if (
    rest.length ||
    !id ||
    !/^[A-Za-z0-9_-]{1,64}$/.test(id) ||
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(iso ?? "") ||
    Number.isNaN(startsAt.getTime()) ||
    startsAt.toISOString() !== iso ||
    startsAt.getUTCFullYear() < MIN_YEAR ||
    startsAt.getUTCFullYear() > MAX_YEAR
  )
    throw new AppError(
      "BAD_REQUEST",
      "This page of bookings is out of date. Reload the list and try again.",
      { fields: { cursor: "out of date" } },
    );
  return { startsAt, id };
}

export const listMyBookingsInput = z
  .object({
    /** Page size. */
    first: z
      .number({ error: "Ask for a number of bookings from 1 to 100, once (like first=20)." })
      .int("Ask for a whole number of bookings.")
      .min(1, "Ask for at least 1 booking.")
      .max(100, "Ask for at most 100 bookings at a time.")
      .default(50),
    /** The `endCursor` of the previous page. */
    cursor: z.string().max(200).nullish(),
    status: bookingStatusSchema.optional(),
    /** One booking by its code (e.g. "HB-7K2QXA"), among the caller's own. */
    code: z
      .string()
      .trim()
      .max(20, "A booking code is at most 20 characters (like HB-7K2QXA).")
      .optional(),
  })
  .default({ first: 50 });

/**
 * The signed-in customer's bookings, newest event first, a page at a time. Keyset pagination on
 * (start, id): a booking made while the customer pages is never shown twice, and none is skipped.
 * Nothing until the account's email is verified (core rule: customerIdsForUser).
 */
export const listMyBookingsOp = defineOperation({
  name: "listMyBookings",
  kind: "query",
  summary: "The signed-in customer's bookings, newest event first, paginated with a cursor.",
  input: listMyBookingsInput,
  output: z.object({
    bookings: z.array(
      z.object({
        id: z.string(),
        /** Pass as `cursor` to list the bookings after this one. */
        cursor: z.string(),
        code: z.string(),
        status: bookingStatusSchema,
        startsAt: instant,
        endsAt: instant,
        timeZone: z.string(),
        /** How its money is taken: the deposit online (STRIPE) or everything at the event. */
        paymentMode: z.enum(["STRIPE", "PAY_AT_EVENT"]),
        guests: z.number().int(),
        adults: z.number().int(),
        children: z.number().int(),
        packageName: z.string(),
        city: z.string().nullable(),
        totalCents: cents,
        /** Where its money stands, in one sentence ("Deposit of $100.00 paid on May 1, 2026."). */
        moneyHeadline: z.string(),
      }),
    ),
    hasNextPage: z.boolean(),
    endCursor: z.string().nullable(),
  }),
  access: customerOwn,
  async run(ctx, input, { customerIds }) {
    const after = input.cursor ? decodeBookingCursor(input.cursor) : null;
    const where: Prisma.BookingWhereInput = {
      customerId: { in: customerIds },
      ...(input.status ? { status: input.status } : {}),
      ...(input.code ? { code: input.code.toUpperCase() } : {}),
      ...(after
        ? {
            OR: [
              { startsAt: { lt: after.startsAt } },
              { startsAt: after.startsAt, id: { lt: after.id } },
            ],
          }
        : {}),
    };
    const rows = customerIds.length
      ? await ctx.db.booking.findMany({
          where,
          orderBy: [{ startsAt: "desc" }, { id: "desc" }],
          take: input.first + 1,
          include: { package: { select: { name: true } } },
        })
      : [];
    const page = rows.slice(0, input.first);
    const last = page.at(-1);
    const money = await moneyOfBookings(ctx.db, page);
    return {
      bookings: page.map((b) => ({
        id: b.id,
        cursor: encodeBookingCursor(b),
        code: b.code,
        status: b.status,
        startsAt: b.startsAt,
        endsAt: b.endsAt,
        timeZone: b.timeZone,
        paymentMode: b.paymentMode,
        guests: b.adults + b.children,
        adults: b.adults,
        children: b.children,
        packageName: b.package.name,
        city: b.city,
        totalCents: b.totalCents,
        moneyHeadline: money.get(b.id)!.headline,
      })),
      hasNextPage: rows.length > input.first,
      endCursor: last ? encodeBookingCursor(last) : null,
    };
  },
});
