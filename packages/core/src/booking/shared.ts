import { randomBytes } from "node:crypto";
import type { Db, DbTx, BookingStatus } from "@myhibachi/db";
import { AppError } from "../errors";
import type { Catalog } from "../catalog/catalog";
import { computeSlots, bookableDateRange, type Slot } from "../availability/slots";
import {
  buildSchedules,
  loadBlocksFromDb,
  loadRosterFromDb,
  windowFor,
} from "../availability/get-availability";
import { addDays, HOUR, zonedTimeToUtc } from "../time";
import type { QueryCache } from "../cache";

export const LIVE_STATUSES: BookingStatus[] = ["HELD", "PENDING", "CONFIRMED", "COMPLETED"];

export interface BookingDeps {
  cache: QueryCache;
  now?: () => Date;
  /** Called after commit for side effects (emails): must not throw. */
  notify?: (event: BookingNotification) => Promise<void> | void;
}

export type BookingNotification =
  | { type: "booking.created"; bookingId: string }
  | { type: "booking.cancelled"; bookingId: string }
  | { type: "booking.rescheduled"; bookingId: string }
  | { type: "booking.confirmed"; bookingId: string };

export const nowOf = (deps: { now?: () => Date }): Date => (deps.now ? deps.now() : new Date());

const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export function newBookingCode(): string {
  const bytes = randomBytes(6);
  let s = "";
  for (const b of bytes) s += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return `HB-${s}`;
}

export function newAccessToken(): string {
  return randomBytes(24).toString("base64url");
}

/** Validates that the requested date and start time are offered and within notice and window. */
export function assertBookableTime(
  catalog: Catalog,
  date: string,
  startMinute: number,
  now: Date,
): void {
  const s = catalog.settings;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new AppError("BAD_REQUEST", "Choose a date as YYYY-MM-DD.", { field: "date" });
  if (!s.slotStartMinutes.includes(startMinute))
    throw new AppError(
      "BAD_REQUEST",
      "That start time isn't one we offer. Please pick one of the times shown.",
      {
        field: "startMinute",
      },
    );
  const { last } = bookableDateRange(s, now);
  const startsAt = zonedTimeToUtc(date, startMinute, s.timeZone);
  if (startsAt.getTime() < now.getTime())
    throw new AppError("BAD_REQUEST", "That date is in the past. Please choose a future date.", {
      field: "date",
    });
  if (startsAt.getTime() < now.getTime() + s.minNoticeHours * HOUR)
    throw new AppError(
      "BAD_REQUEST",
      `We need at least ${s.minNoticeHours} hours' notice to prepare. Please choose a later time, or call us at ${s.phone} for a last-minute request.`,
      { field: "date" },
    );
  if (date > last)
    throw new AppError(
      "BAD_REQUEST",
      `We take bookings up to ${s.bookingWindowDays} days ahead. Please choose a date on or before ${last}.`,
      {
        field: "date",
      },
    );
}

/** Fresh (uncached) free chefs for a slot, least loaded first. */
export async function freeChefsFor(
  db: Db | DbTx,
  catalog: Catalog,
  q: {
    date: string;
    startMinute: number;
    guests: number;
    zoneId: string;
    now: Date;
    excludeBookingId?: string;
  },
): Promise<Slot | undefined> {
  const win = windowFor(catalog, addDays(q.date, -3), addDays(q.date, 3));
  const [roster, blocks] = await Promise.all([
    loadRosterFromDb(db),
    loadBlocksForOthers(db, win.start, win.end, q.excludeBookingId),
  ]);
  const slots = computeSlots(catalog.settings, buildSchedules(roster, blocks), {
    from: q.date,
    to: q.date,
    guests: q.guests,
    zoneId: q.zoneId,
    now: q.now,
  });
  return slots.find((s) => s.startMinute === q.startMinute);
}

async function loadBlocksForOthers(db: Db | DbTx, from: Date, to: Date, excludeBookingId?: string) {
  if (!excludeBookingId) return loadBlocksFromDb(db, from, to);
  const rows = await db.bookingChef.findMany({
    where: {
      live: true,
      blockStart: { lt: to },
      blockEnd: { gt: from },
      bookingId: { not: excludeBookingId },
    },
    select: { chefId: true, blockStart: true, blockEnd: true },
  });
  return rows.map((r) => ({ chefId: r.chefId, start: r.blockStart, end: r.blockEnd }));
}

/** Other free times near the requested one, for a CONFLICT answer the customer can act on. */
export async function alternativesNear(
  db: Db | DbTx,
  catalog: Catalog,
  q: { date: string; guests: number; zoneId: string; now: Date },
  limit = 6,
): Promise<{ date: string; startMinute: number; label: string }[]> {
  const from = addDays(q.date, -3);
  const to = addDays(q.date, 3);
  const win = windowFor(catalog, from, to);
  const [roster, blocks] = await Promise.all([
    loadRosterFromDb(db),
    loadBlocksFromDb(db, win.start, win.end),
  ]);
  const slots = computeSlots(catalog.settings, buildSchedules(roster, blocks), {
    from,
    to,
    guests: q.guests,
    zoneId: q.zoneId,
    now: q.now,
  });
  const target = zonedTimeToUtc(q.date, 18 * 60, catalog.settings.timeZone).getTime();
  return slots
    .sort(
      (a, b) => Math.abs(a.startsAt.getTime() - target) - Math.abs(b.startsAt.getTime() - target),
    )
    .slice(0, limit)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((s) => ({ date: s.date, startMinute: s.startMinute, label: `${s.date} ${s.label}` }));
}

export function conflictError(
  alternatives: { date: string; startMinute: number; label: string }[],
): AppError {
  const hint = alternatives.length
    ? ` These times are still free: ${alternatives.map((a) => a.label).join(", ")}.`
    : " Please try another date.";
  return new AppError("CONFLICT", `Sorry, that time was just booked by someone else.${hint}`, {
    alternatives,
  });
}

/** Marks expired holds EXPIRED (a trigger releases their chef blocks). Returns how many. */
export async function expireHolds(db: Db | DbTx, now: Date = new Date()): Promise<number> {
  const n = await db.booking.updateMany({
    where: { status: "HELD", holdExpiresAt: { lt: now } },
    data: { status: "EXPIRED" },
  });
  return n.count;
}

/**
 * Moves a booking onto these chefs for this block, inside the caller's transaction. The
 * exclusion constraint checks the new rows: a clash raises 23P01 for the caller to answer.
 */
export async function replaceChefBlocks(
  tx: DbTx,
  bookingId: string,
  chefIds: string[],
  block: { start: Date; end: Date },
): Promise<void> {
  await tx.bookingChef.deleteMany({ where: { bookingId } });
  await tx.bookingChef.createMany({
    data: chefIds.map((chefId) => ({
      bookingId,
      chefId,
      blockStart: block.start,
      blockEnd: block.end,
    })),
  });
}
