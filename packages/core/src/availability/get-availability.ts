import type { Db, DbTx } from "@myhibachi/db";
import type { QueryCache } from "../cache";
import { getCatalog, resolveLocation, type Catalog } from "../catalog/catalog";
import { addDays, zonedTimeToUtc } from "@myhibachi/shared";
import {
  bookableDateRange,
  computeSlots,
  MAX_RANGE_DAYS,
  validateSlotQuery,
  withBookingWindow,
  type AvailabilitySettings,
  type ChefSchedule,
  type Interval,
  whyNoSlot,
  type NoSlotReason,
  type Slot,
} from "./slots";

export interface ChefRosterEntry {
  id: string;
  name: string;
  active: boolean;
  zoneIds: string[];
  hours: { weekday: number; startMinute: number; endMinute: number }[];
  timeOff: Interval[];
}

export async function loadRosterFromDb(db: Db | DbTx): Promise<ChefRosterEntry[]> {
  const since = new Date(Date.now() - 2 * 86400_000);
  const chefs = await db.chef.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    include: {
      workingHours: true,
      timeOff: { where: { endsAt: { gte: since } } },
      serviceZones: true,
    },
  });
  return chefs.map((c) => ({
    id: c.id,
    name: c.name,
    active: c.active,
    zoneIds: c.serviceZones.map((z) => z.zoneId),
    hours: c.workingHours.map((h) => ({
      weekday: h.weekday,
      startMinute: h.startMinute,
      endMinute: h.endMinute,
    })),
    timeOff: c.timeOff.map((t) => ({ start: t.startsAt, end: t.endsAt })),
  }));
}

export interface ChefBlock {
  chefId: string;
  start: Date;
  end: Date;
}

/** Live booking blocks of every chef overlapping [from, to). */
export async function loadBlocksFromDb(
  db: Db | DbTx,
  from: Date,
  to: Date,
  chefIds?: string[],
): Promise<ChefBlock[]> {
  const rows = await db.bookingChef.findMany({
    where: {
      live: true,
      blockStart: { lt: to },
      blockEnd: { gt: from },
      ...(chefIds ? { chefId: { in: chefIds } } : {}),
    },
    select: { chefId: true, blockStart: true, blockEnd: true },
  });
  return rows.map((r) => ({ chefId: r.chefId, start: r.blockStart, end: r.blockEnd }));
}

/** UTC window that covers local dates [from, to] plus a day either side for buffers. */
export function windowFor(catalog: Catalog, from: string, to: string): { start: Date; end: Date } {
  const tz = catalog.settings.timeZone;
  return {
    start: zonedTimeToUtc(addDays(from, -1), 0, tz),
    end: zonedTimeToUtc(addDays(to, 2), 0, tz),
  };
}

export function buildSchedules(roster: ChefRosterEntry[], blocks: ChefBlock[]): ChefSchedule[] {
  return roster.map((c) => {
    const mine = blocks.filter((b) => b.chefId === c.id);
    return { ...c, blocks: mine, load: mine.length };
  });
}

export interface AvailabilityInput {
  from: string;
  to: string;
  guests: number;
  postalCode: string;
  /** A start time asked for on `from`: `unavailable` then says why that time is not free. */
  startMinute?: number;
}

export interface AvailabilityResult {
  timeZone: string;
  zone: { name: string; feeCents: number; distanceMiles: number };
  slots: Slot[];
  /**
   * Why nothing is free in the range (or, with `startMinute`, at that time on `from`): from the
   * settings, working hours, time off and bookings (`whyNoSlot`). Null: something is free.
   */
  unavailable: NoSlotReason | null;
}

/**
 * Bookable start times. Roster (5 min) and calendar (1 min) are read through the cache; every
 * booking write and schedule edit invalidates them, so a just-booked slot is never offered.
 */
export async function getAvailability(
  db: Db,
  input: AvailabilityInput,
  deps: {
    cache: QueryCache;
    now?: Date;
    /** The asker's booking window in days (`bookingWindowFor`); absent: the business's. */
    windowDays?: number;
  },
): Promise<AvailabilityResult> {
  const base = await getCatalog(db, deps.cache);
  const catalog =
    deps.windowDays === undefined
      ? base
      : { ...base, settings: withBookingWindow(base.settings, deps.windowDays) };
  const loc = await resolveLocation(db, catalog, input.postalCode);
  const now = deps.now ?? new Date();
  validateSlotQuery(catalog.settings, { ...input, zoneId: loc.zone.id, now });
  const win = windowFor(catalog, input.from, input.to);
  // The computed slots are cached under the generations of catalog, chefs and calendar: any
  // write to menu/settings, schedules or bookings makes the next read recompute. The window is
  // part of the key: a member's wider window must never be served to anyone else.
  const key = `slots:${input.from}:${input.to}:${input.guests}:${loc.zone.id}:w${catalog.settings.bookingWindowDays}`;
  const computed = await deps.cache.readDerived(["catalog", "chefs", "calendar"], key, async () => {
    const [roster, blocks] = await Promise.all([
      deps.cache.read("chefs", "roster", () => loadRosterFromDb(db)),
      deps.cache.read("calendar", `${input.from}:${input.to}`, () =>
        loadBlocksFromDb(db, win.start, win.end),
      ),
    ]);
    return computeSlots(catalog.settings, buildSchedules(roster, blocks), {
      from: input.from,
      to: input.to,
      guests: input.guests,
      zoneId: loc.zone.id,
      now,
    });
  });
  // A cached answer may be up to a minute old: re-apply the minimum-notice cut-off for `now`.
  const earliest = now.getTime() + catalog.settings.minNoticeHours * 3600_000;
  const slots = computed.filter((s) => s.startsAt.getTime() >= earliest);
  const asked =
    input.startMinute === undefined
      ? slots
      : slots.filter((s) => s.date === input.from && s.startMinute === input.startMinute);
  // Only when nothing asked for is free: why, from the same (cached) roster and calendar.
  const unavailable = asked.length
    ? null
    : whyNoSlot(
        catalog.settings,
        buildSchedules(
          await deps.cache.read("chefs", "roster", () => loadRosterFromDb(db)),
          await deps.cache.read("calendar", `${input.from}:${input.to}`, () =>
            loadBlocksFromDb(db, win.start, win.end),
          ),
        ),
        {
          from: input.from,
          to: input.startMinute === undefined ? input.to : input.from,
          guests: input.guests,
          zoneId: loc.zone.id,
          now,
          ...(input.startMinute !== undefined ? { startMinute: input.startMinute } : {}),
        },
      );
  return {
    timeZone: catalog.settings.timeZone,
    zone: { name: loc.zone.name, feeCents: loc.zone.feeCents, distanceMiles: loc.distanceMiles },
    slots,
    unavailable,
  };
}

/**
 * Bookable start times for moving a booking: its own party size and ZIP, with its own chef blocks
 * not counted as busy (a time overlapping where it is now is free for it, as the move itself
 * decides). Reads the same cached roster and calendar as `getAvailability`.
 */
export async function getRescheduleAvailability(
  db: Db,
  input: { from: string; to: string; guests: number; postalCode: string; bookingId: string },
  deps: {
    cache: QueryCache;
    now?: Date;
    /** The booking's member's window in days (`bookingWindowForEmail`); absent: the business's. */
    windowDays?: number;
  },
): Promise<AvailabilityResult> {
  const base = await getCatalog(db, deps.cache);
  const catalog =
    deps.windowDays === undefined
      ? base
      : { ...base, settings: withBookingWindow(base.settings, deps.windowDays) };
  const loc = await resolveLocation(db, catalog, input.postalCode);
  const now = deps.now ?? new Date();
  validateSlotQuery(catalog.settings, { ...input, zoneId: loc.zone.id, now });
  const win = windowFor(catalog, input.from, input.to);
  const [roster, blocks, own] = await Promise.all([
    deps.cache.read("chefs", "roster", () => loadRosterFromDb(db)),
    deps.cache.read("calendar", `${input.from}:${input.to}`, () =>
      loadBlocksFromDb(db, win.start, win.end),
    ),
    db.bookingChef.findMany({
      where: { bookingId: input.bookingId, live: true },
      select: { chefId: true, blockStart: true, blockEnd: true },
    }),
  ]);
  // The cached blocks carry no booking ids: drop one block per own block, matched exactly.
  const others = [...blocks];
  for (const o of own) {
    const i = others.findIndex(
      (x) =>
        x.chefId === o.chefId &&
        new Date(x.start).getTime() === o.blockStart.getTime() &&
        new Date(x.end).getTime() === o.blockEnd.getTime(),
    );
    if (i >= 0) others.splice(i, 1);
  }
  const schedules = buildSchedules(roster, others);
  const query = { from: input.from, to: input.to, guests: input.guests, zoneId: loc.zone.id, now };
  const slots = computeSlots(catalog.settings, schedules, query);
  return {
    timeZone: catalog.settings.timeZone,
    zone: { name: loc.zone.name, feeCents: loc.zone.feeCents, distanceMiles: loc.distanceMiles },
    slots,
    unavailable: slots.length ? null : whyNoSlot(catalog.settings, schedules, query),
  };
}

/**
 * The first date from `from` up to the end of the booking window with a free time (null: none in
 * the whole window), looking a range at a time with `slotsIn` (each range as long as a query may
 * ask; slots come in date order, as `computeSlots` makes them).
 */
export async function firstFreeDate(
  settings: AvailabilitySettings,
  now: Date,
  from: string,
  slotsIn: (from: string, to: string) => Promise<readonly { date: string }[]>,
): Promise<string | null> {
  const { first, last } = bookableDateRange(settings, now);
  for (let d = from < first ? first : from; d <= last; d = addDays(d, MAX_RANGE_DAYS + 1)) {
    const end = addDays(d, MAX_RANGE_DAYS);
    const slots = await slotsIn(d, end < last ? end : last);
    if (slots.length) return slots[0]!.date;
  }
  return null;
}
