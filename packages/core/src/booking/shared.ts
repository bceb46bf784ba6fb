import { randomBytes } from "node:crypto";
import {
  PG_CHECK_VIOLATION,
  PG_TRANSIENT,
  pgErrorCode,
  type Booking,
  type Db,
  type DbTx,
  type BookingStatus,
} from "@myhibachi/db";
import { AppError } from "../errors";
import {
  rateLimiterFor,
  retryAfterText,
  type RateDecision,
  type RateLimiter,
  type RateRule,
} from "../rate-limit";
import type { Catalog } from "../catalog/catalog";
import type { BookingWindow } from "../loyalty/tiers";
import {
  bookableDateRange,
  withBookingWindow,
  chefIsFree,
  chefsNeeded,
  computeSlots,
  eventTiming,
  whyNoSlot,
  type NoSlotReason,
  type Slot,
} from "../availability/slots";
import {
  buildSchedules,
  loadBlocksFromDb,
  loadRosterFromDb,
  windowFor,
} from "../availability/get-availability";
import {
  addDays,
  formatDay,
  formatMinutes,
  HOUR,
  todayIn,
  zonedTimeToUtc,
} from "@myhibachi/shared";
import type { QueryCache } from "../cache";
import type { PaymentDeps } from "../payments/deps";

export const LIVE_STATUSES: BookingStatus[] = ["HELD", "PENDING", "CONFIRMED", "COMPLETED"];

export interface BookingDeps extends PaymentDeps {
  cache: QueryCache;
  /** Public URL of the customer site (Stripe Checkout sends the customer back there). */
  customerUrl?: string;
  now?: () => Date;
  /** Called after commit for side effects (emails): must not throw. */
  notify?: (event: BookingNotification) => Promise<void> | void;
  /** Limits new bookings and holds; default: a limiter over the cache's Redis (memory fallback). */
  limiter?: RateLimiter;
}

export type BookingNotification =
  /** Made online: held until the customer confirms from the emailed link (or staff confirm). */
  | { type: "booking.held"; bookingId: string }
  | { type: "booking.created"; bookingId: string }
  | { type: "booking.cancelled"; bookingId: string }
  /** `eventId`: the "rescheduled" history entry, which names the old and the new time. */
  | { type: "booking.rescheduled"; bookingId: string; eventId?: string }
  /** Guests or menu changed; `eventId`: the "party-changed" history entry (old and new values). */
  | { type: "booking.changed"; bookingId: string; eventId: string }
  | { type: "booking.confirmed"; bookingId: string };

export const nowOf = (deps: { now?: () => Date }): Date => (deps.now ? deps.now() : new Date());

const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** `prefix` and `length` random characters a person can read out and type (no 0/O, 1/I/L). */
export function readableCode(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let s = "";
  for (const b of bytes) s += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return `${prefix}${s}`;
}
export const newBookingCode = (): string => readableCode("HB-", 6);

/** Waits for a pooled connection and a transaction's length, under load (Prisma: 2 s / 5 s). */
const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 };
const INVARIANT = "BookingChef_live_matches_booking";

/**
 * Runs `fn` in a transaction for a booking state change. Transient lock errors are retried; a
 * violation of the database's block invariant (a live chef block must match a live booking's
 * current window) means the booking changed under us: a CONFLICT the person can retry.
 */
export async function inBookingTx<T>(db: Db, fn: (tx: DbTx) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(fn, TX_OPTIONS);
    } catch (err) {
      const code = pgErrorCode(err);
      if (code && PG_TRANSIENT.has(code) && attempt < 4) {
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
        continue;
      }
      if (code === PG_CHECK_VIOLATION && String((err as Error).message).includes(INVARIANT))
        throw new AppError(
          "CONFLICT",
          "This booking changed while we were saving your change. Please reload and try again.",
        );
      throw err;
    }
  }
}

/**
 * Locks a booking row (SELECT ... FOR UPDATE) inside the caller's transaction and returns it as
 * it is now: every state change re-checks status and times on this row, never on an earlier read.
 */
export async function lockBooking(tx: DbTx, bookingId: string): Promise<Booking | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Booking" WHERE "id" = ${bookingId} FOR UPDATE`;
  if (!rows.length) return null;
  return tx.booking.findUnique({ where: { id: bookingId } });
}

function limiterOf(deps: BookingDeps): RateLimiter {
  return deps.limiter ?? rateLimiterFor(deps.cache);
}

/** Who is asking for a new booking or hold, for rate limits. */
export interface BookingClient {
  /** The client's IP (from the app's trusted-proxy rule), if known. */
  ip?: string | null;
  /** A stable client identity (signed-in user id, chat visitor id), if any. */
  key?: string | null;
}

/**
 * The mailbox an address delivers to, for counting: case-folded, with any "+tag" dropped
 * (name+1@x and Name+2@X reach the same inbox, so they share one limit).
 */
export function mailboxOf(email: string): string {
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf("@");
  if (at < 0) return e;
  return `${e.slice(0, at).replace(/\+.*$/, "")}${e.slice(at)}`;
}

/** Attempts (refused ones too) a client may make per window, for each booking it may create. */
export const ATTEMPTS_PER_BOOKING = 10;

/**
 * Runs `attempt` (making one online booking or hold) under the owner's limits, per client IP, per
 * client identity and per contact email, within the owner's window (settings):
 * - `bookingRateLimit` bookings or holds CREATED. The point is taken before the attempt runs, so
 *   parallel requests never create more than the limit, and given back when the attempt is refused
 *   (it throws, creating nothing): a customer who tries times that are taken, or fixes their
 *   details, is never locked out by it. An attempt that returns made the request's booking (or
 *   replays the one the same request, sent twice at once, just made): its point stays;
 * - `ATTEMPTS_PER_BOOKING` times as many attempts of any outcome, which bounds a client hammering
 *   the booking form with refused requests.
 * Over either limit: a 429 that says when to try again, and the attempt doesn't run.
 */
export async function withBookingRate<T>(
  deps: BookingDeps,
  settings: Pick<Catalog["settings"], "bookingRateLimit" | "bookingRateWindowMinutes" | "phone">,
  who: { client?: BookingClient | null; email?: string | null },
  attempt: () => Promise<T>,
  /**
   * The request's idempotency key. A retry of a request already counted (a client sending it
   * again at once, a double click) is the same booking: it is not counted again, so it gets the
   * booking (or the same refusal), never a 429. At most one booking exists per key.
   */
  requestKey?: string,
): Promise<T> {
  const windowSeconds = settings.bookingRateWindowMinutes * 60;
  const keys: [string, string][] = [];
  if (who.client?.ip) keys.push(["ip", who.client.ip]);
  if (who.client?.key) keys.push(["client", who.client.key]);
  if (who.email) keys.push(["email", mailboxOf(who.email)]);
  const limiter = limiterOf(deps);
  const tooMany = (what: string, seconds: number) =>
    new AppError(
      "TOO_MANY_REQUESTS",
      `That's a lot of ${what} in a short time. Please try again in about ${retryAfterText(seconds)}, or call us at ${settings.phone}.`,
      { retryAfterSeconds: seconds },
    );
  for (const [name, key] of keys) {
    const d = await limiter.consume(
      {
        name: `booking-attempt:${name}`,
        points: settings.bookingRateLimit * ATTEMPTS_PER_BOOKING,
        windowSeconds,
      },
      key,
    );
    if (!d.allowed) throw tooMany("booking attempts", d.retryAfterSeconds);
  }
  const taken: [RateRule, string, RateDecision["store"]][] = [];
  const giveBack = async () => {
    await Promise.all(taken.map(([rule, key, store]) => limiter.reward(rule, key, store)));
  };
  let counted = false;
  if (requestKey) {
    const rule = { name: "booking:request", points: 1, windowSeconds };
    const d = await limiter.consume(rule, requestKey);
    counted = !d.allowed;
    if (d.allowed) taken.push([rule, requestKey, d.store]);
  }
  for (const [name, key] of counted ? [] : keys) {
    const rule = { name: `booking:${name}`, points: settings.bookingRateLimit, windowSeconds };
    const d = await limiter.consume(rule, key);
    // Counted even when refused: given back with the others, as this attempt never runs (a burst
    // of refused requests mustn't push the count past the bookings actually made).
    taken.push([rule, key, d.store]);
    if (!d.allowed) {
      await giveBack();
      throw tooMany("bookings", d.retryAfterSeconds);
    }
  }
  try {
    return await attempt();
  } catch (err) {
    await giveBack();
    throw err;
  }
}

/**
 * Validates that the requested date and start time are offered and within notice and window.
 * `window`: the booker's (`bookingWindowFor`: a member's tier may book further ahead); absent:
 * the business's `bookingWindowDays`.
 */
export function assertBookableTime(
  catalog: Catalog,
  date: string,
  startMinute: number,
  now: Date,
  window?: BookingWindow,
): void {
  const s = window ? withBookingWindow(catalog.settings, window.days) : catalog.settings;
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
      `${window?.tierName ? `As a ${window.tierName} member you can book` : "We take bookings"} up to ${s.bookingWindowDays} days ahead. Please choose a date on or before ${formatDay(last, todayIn(s.timeZone, now))}.`,
      {
        field: "date",
      },
    );
}

/**
 * The catalog as one booker sees the calendar: its settings' window widened to theirs
 * (`bookingWindowFor`). Free chefs, nearby alternatives and refusals then follow their window.
 * Price with the plain catalog (the quote tells the business's window and the tier's extra).
 */
export function catalogWithWindow(
  catalog: Catalog,
  window: BookingWindow | null | undefined,
): Catalog {
  if (!window || window.days === catalog.settings.bookingWindowDays) return catalog;
  return { ...catalog, settings: withBookingWindow(catalog.settings, window.days) };
}

/** A start time asked for a party in a zone; `excludeBookingId`: a booking being moved. */
export interface StartTimeQuery {
  date: string;
  startMinute: number;
  guests: number;
  zoneId: string;
  now: Date;
  excludeBookingId?: string;
}

/** Fresh (uncached) free chefs for a slot, least loaded first. */
export async function freeChefsFor(
  db: Db | DbTx,
  catalog: Catalog,
  q: StartTimeQuery,
): Promise<Slot | undefined> {
  const win = windowFor(catalog, addDays(q.date, -3), addDays(q.date, 3));
  // One after the other: inside a transaction both go over the same connection.
  const roster = await loadRosterFromDb(db);
  const blocks = await loadBlocksForOthers(db, win.start, win.end, q.excludeBookingId);
  const slots = computeSlots(catalog.settings, buildSchedules(roster, blocks), {
    from: q.date,
    to: q.date,
    guests: q.guests,
    zoneId: q.zoneId,
    now: q.now,
  });
  return slots.find((s) => s.startMinute === q.startMinute);
}

/**
 * The chefs free for a booking that stays where it is but changes size (a longer event, more
 * chefs): its own blocks don't count, and its time needs no longer be one offered for new
 * bookings or outside the minimum notice. Null when not enough chefs are free; else the chefs,
 * least loaded first, and how many the party needs.
 */
export async function freeChefsInPlace(
  db: Db | DbTx,
  catalog: Catalog,
  q: { date: string; startMinute: number; guests: number; zoneId: string; bookingId: string },
): Promise<{ chefIds: string[]; chefsNeeded: number } | null> {
  const s = catalog.settings;
  const win = windowFor(catalog, addDays(q.date, -1), addDays(q.date, 1));
  const roster = await loadRosterFromDb(db);
  const blocks = await loadBlocksForOthers(db, win.start, win.end, q.bookingId);
  const timing = eventTiming(s, q.date, q.startMinute, q.guests);
  const needed = chefsNeeded(s, q.guests);
  const free = buildSchedules(roster, blocks)
    .sort((a, b) => a.load - b.load || a.id.localeCompare(b.id))
    .filter((c) => chefIsFree(c, s, q.date, q.startMinute, timing, q.zoneId))
    .map((c) => c.id);
  return free.length >= needed ? { chefIds: free, chefsNeeded: needed } : null;
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
  q: {
    date: string;
    guests: number;
    zoneId: string;
    now: Date;
    /** A booking being moved or changed: its own blocks don't make a time busy. */
    excludeBookingId?: string;
  },
  limit = 6,
): Promise<{ date: string; startMinute: number; label: string }[]> {
  const from = addDays(q.date, -3);
  const to = addDays(q.date, 3);
  const win = windowFor(catalog, from, to);
  // One after the other: inside a transaction both go over the same connection.
  const roster = await loadRosterFromDb(db);
  const blocks = await loadBlocksForOthers(db, win.start, win.end, q.excludeBookingId);
  const slots = computeSlots(catalog.settings, buildSchedules(roster, blocks), {
    from,
    to,
    guests: q.guests,
    zoneId: q.zoneId,
    now: q.now,
  });
  const target = zonedTimeToUtc(q.date, 18 * 60, catalog.settings.timeZone).getTime();
  const today = todayIn(catalog.settings.timeZone, q.now);
  return slots
    .sort(
      (a, b) => Math.abs(a.startsAt.getTime() - target) - Math.abs(b.startsAt.getTime() - target),
    )
    .slice(0, limit)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((s) => ({
      date: s.date,
      startMinute: s.startMinute,
      label: `${formatDay(s.date, today)} at ${s.label}`,
    }));
}

export function conflictError(
  alternatives: { date: string; startMinute: number; label: string }[],
  /** What is not free (say why: `unavailableError` decides it for a requested time). */
  reason: string,
  /** What to do when no other time is free nearby. */
  otherwise = "Please try another date.",
  /** Why, as data (`whyNoSlot`): the chat words it in the customer's language. */
  why?: NoSlotReason,
): AppError {
  const hint = alternatives.length
    ? ` These times are still free: ${alternatives.map((a) => a.label).join(", ")}.`
    : ` ${otherwise}`;
  return new AppError("CONFLICT", `${reason}${hint}`, {
    alternatives,
    ...(why ? { reason: why } : {}),
  });
}

/**
 * A booking saved up to this long before the free times were read may still be missing from them:
 * its row is stamped when inserted and seen by others only when its transaction commits, a few
 * milliseconds later. It counts as taken after the customer looked. Longer than that and it was
 * already gone from what they saw: "already booked" (attack H1: 5 s said "just booked" for times
 * the customer's own answer no longer listed). A cached calendar is invalidated by the booking, so
 * an answer computed before it carries its own, earlier `asOf`.
 */
export const SEEN_AT_GRACE_MS = 1_000;

/**
 * The CONFLICT for a time that is not free for this party, saying why, with other free times:
 * - never free for it, whoever else books (no chef works then for the party's length in its
 *   area, time off, fewer chefs than the party needs): "We don't have a chef free at 6 pm on
 *   Saturday, March 14.";
 * - free but for other parties' bookings: "just booked by someone else" only when the customer
 *   saw it free, i.e. one of those bookings was placed after `seenAt` (when their free times were
 *   loaded: the availability answer's `asOf`, on the real clock as the database stamps bookings);
 *   "already booked" when all of them were there before (it was never offered to them as free);
 *   without `seenAt` we can't tell, so plainly "not available".
 * `excludeBookingId`: a booking being moved (its own blocks don't make a time busy).
 */
export async function unavailableError(
  db: Db | DbTx,
  catalog: Catalog,
  q: StartTimeQuery,
  seenAt?: Date | null,
): Promise<AppError> {
  const s = catalog.settings;
  const timing = eventTiming(s, q.date, q.startMinute, q.guests);
  const needed = chefsNeeded(s, q.guests);
  // One after the other: inside a transaction both go over the same connection.
  const roster = await loadRosterFromDb(db);
  // The chefs who could cook it if nobody else had booked them.
  const unbooked = buildSchedules(roster, []);
  const able = unbooked.filter((c) => chefIsFree(c, s, q.date, q.startMinute, timing, q.zoneId));
  const alternatives = await alternativesNear(db, catalog, q);
  if (able.length < needed) {
    // Why nobody can, whoever else books: the day or hour we don't work, time off, too few chefs.
    const why = whyNoSlot(s, unbooked, {
      from: q.date,
      to: q.date,
      startMinute: q.startMinute,
      guests: q.guests,
      zoneId: q.zoneId,
      now: q.now,
    }) ?? { kind: "closed_hours" as const };
    const at = `${formatMinutes(q.startMinute)} on ${formatDay(q.date, todayIn(s.timeZone, q.now))}`;
    const reason =
      needed > 1
        ? `A party of ${q.guests} needs ${needed} chefs, and we don't have ${needed} chefs free at ${at}.`
        : `We don't have a chef free at ${at}.`;
    return conflictError(
      alternatives,
      reason,
      "Pick another time: the calendar shows the free ones.",
      why,
    );
  }
  const booked: NoSlotReason = { kind: "fully_booked" };
  if (!seenAt)
    return conflictError(alternatives, "Sorry, that time is not available.", undefined, booked);
  const takenSince = await db.bookingChef.count({
    where: {
      live: true,
      chefId: { in: able.map((c) => c.id) },
      blockStart: { lt: timing.blockEnd },
      blockEnd: { gt: timing.blockStart },
      createdAt: { gte: new Date(seenAt.getTime() - SEEN_AT_GRACE_MS) },
      ...(q.excludeBookingId ? { bookingId: { not: q.excludeBookingId } } : {}),
    },
  });
  return conflictError(
    alternatives,
    takenSince
      ? "Sorry, that time was just booked by someone else."
      : "Sorry, that time is already booked.",
    undefined,
    booked,
  );
}

/**
 * Marks expired holds EXPIRED (a trigger releases their chef blocks), gives back the points and
 * the offer code they used, and records why. Returns
 * how many. A hold locked by a state change in progress (e.g. being finished) is skipped: that
 * change re-checks the expiry itself, and the next sweep sees the outcome.
 */
export async function expireHolds(db: Db | DbTx, now: Date = new Date()): Promise<number> {
  return db.$executeRaw`
    WITH expired AS (
      UPDATE "Booking" SET "status" = 'EXPIRED', "updatedAt" = ${now}
       WHERE "id" IN (SELECT "id" FROM "Booking"
                       WHERE "status" = 'HELD' AND "holdExpiresAt" < ${now}
                       FOR UPDATE SKIP LOCKED)
      RETURNING "id", "code"),
    -- Points the hold still used are given back, once (core/loyalty/points.ts): what it
    -- redeemed less any surplus a change of party already gave back ('redeem:<id>:down-to:<n>').
    still AS (
      SELECT e."id", e."code", l."customerId",
             -l."points" - COALESCE((SELECT sum(r."points") FROM "LoyaltyLedger" r
                                      WHERE r."kind" = 'REVERSE'
                                        AND r."sourceId" LIKE 'redeem:' || e."id" || ':%'), 0)
               AS "points"
        FROM expired e JOIN "LoyaltyLedger" l ON l."kind" = 'REDEEM' AND l."sourceId" = e."id"),
    restored AS (
      INSERT INTO "LoyaltyLedger"
        ("id", "customerId", "kind", "sourceId", "bookingId", "points", "note", "createdAt")
      SELECT gen_random_uuid()::text, s."customerId", 'REVERSE'::"LoyaltyEntryKind",
             'redeem:' || s."id", s."id", s."points",
             s."points"::text || ' points given back: the hold of booking ' || s."code" || ' expired',
             ${now}
        FROM still s WHERE s."points" > 0
      ON CONFLICT ("kind", "sourceId") DO NOTHING),
    -- So is the offer code it used, while still valid (core/campaigns/offers.ts): once, as the
    -- code no longer names the booking afterwards.
    released AS (
      UPDATE "OfferCode" SET "redeemedAt" = NULL, "redeemedBookingId" = NULL
       WHERE "redeemedBookingId" IN (SELECT "id" FROM expired) AND "expiresAt" > ${now})
    INSERT INTO "BookingEvent" ("id", "bookingId", "type", "actor", "createdAt")
    SELECT gen_random_uuid()::text, "id", 'expired', 'system', ${now} FROM expired`;
}

/**
 * Puts a locked booking on these chefs for this event timing, inside the caller's transaction:
 * replaces its blocks and sets its times and chef window together (the database checks at commit
 * that every live block matches the window). A clash with another booking raises 23P01.
 */
export async function placeBooking(
  tx: DbTx,
  bookingId: string,
  chefIds: string[],
  timing: { startsAt: Date; endsAt: Date; blockStart: Date; blockEnd: Date },
  /** A reschedule: the deposit's free-cancellation deadline to keep (null: it follows startsAt). */
  depositRefundableUntil?: Date | null,
): Promise<Booking> {
  await tx.bookingChef.deleteMany({ where: { bookingId } });
  await tx.bookingChef.createMany({
    data: chefIds.map((chefId) => ({
      bookingId,
      chefId,
      blockStart: timing.blockStart,
      blockEnd: timing.blockEnd,
    })),
  });
  return tx.booking.update({
    where: { id: bookingId },
    data: {
      startsAt: timing.startsAt,
      endsAt: timing.endsAt,
      chefBlockStart: timing.blockStart,
      chefBlockEnd: timing.blockEnd,
      ...(depositRefundableUntil !== undefined ? { depositRefundableUntil } : {}),
    },
  });
}
