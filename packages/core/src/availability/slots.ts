// Availability: which start times are really bookable. Pure: the caller loads chefs, their
// hours, time off and live booking blocks; this decides. Booking creation uses the same
// `eventTiming` and `chefIsFree`, and Postgres' exclusion constraint has the last word.
import { AppError } from "../errors";
import {
  addDays,
  daysBetween,
  formatMinutes,
  HOUR,
  MINUTE,
  weekdayOf,
  zonedParts,
  zonedTimeToUtc,
} from "@myhibachi/shared";

export interface AvailabilitySettings {
  timeZone: string;
  slotStartMinutes: number[];
  eventDurationMinutes: number;
  extraMinutesPer10Guests: number;
  travelBufferMinutes: number;
  cleanupBufferMinutes: number;
  minNoticeHours: number;
  bookingWindowDays: number;
  maxGuestsPerChef: number;
  maxGuests: number;
}

export interface Interval {
  start: Date;
  end: Date;
}

export interface ChefSchedule {
  id: string;
  name: string;
  active: boolean;
  zoneIds: readonly string[];
  hours: readonly { weekday: number; startMinute: number; endMinute: number }[];
  timeOff: readonly Interval[];
  /** Live booking blocks (already widened by travel and cleanup). */
  blocks: readonly Interval[];
  /** Live bookings in the recent/upcoming window, for least-loaded assignment. */
  load: number;
}

export interface EventTiming {
  startsAt: Date;
  endsAt: Date;
  blockStart: Date;
  blockEnd: Date;
  durationMinutes: number;
}

export interface Slot {
  date: string;
  startMinute: number;
  label: string;
  startsAt: Date;
  endsAt: Date;
  chefsNeeded: number;
  /** Eligible free chefs, least loaded first. */
  chefIds: string[];
}

export const MAX_RANGE_DAYS = 62;

export function eventDurationMinutes(s: AvailabilitySettings, guests: number): number {
  const extraTens = Math.ceil(Math.max(0, guests - 20) / 10);
  return s.eventDurationMinutes + extraTens * s.extraMinutesPer10Guests;
}

export function chefsNeeded(s: AvailabilitySettings, guests: number): number {
  return Math.max(1, Math.ceil(guests / s.maxGuestsPerChef));
}

export function eventTiming(
  s: AvailabilitySettings,
  date: string,
  startMinute: number,
  guests: number,
): EventTiming {
  const durationMinutes = eventDurationMinutes(s, guests);
  const startsAt = zonedTimeToUtc(date, startMinute, s.timeZone);
  const endsAt = new Date(startsAt.getTime() + durationMinutes * MINUTE);
  return {
    startsAt,
    endsAt,
    blockStart: new Date(startsAt.getTime() - s.travelBufferMinutes * MINUTE),
    blockEnd: new Date(endsAt.getTime() + s.cleanupBufferMinutes * MINUTE),
    durationMinutes,
  };
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/** Whether the chef works, serves the zone and is free for the event at this time. */
export function chefIsFree(
  chef: ChefSchedule,
  s: AvailabilitySettings,
  date: string,
  startMinute: number,
  timing: EventTiming,
  zoneId: string,
): boolean {
  if (!chef.active || !chef.zoneIds.includes(zoneId)) return false;
  const weekday = weekdayOf(date);
  const endMinute = startMinute + timing.durationMinutes;
  const works = chef.hours.some(
    (h) => h.weekday === weekday && h.startMinute <= startMinute && endMinute <= h.endMinute,
  );
  if (!works) return false;
  const block = { start: timing.blockStart, end: timing.blockEnd };
  if (chef.timeOff.some((t) => overlaps(t, block))) return false;
  if (chef.blocks.some((b) => overlaps(b, block))) return false;
  return true;
}

/**
 * The settings with someone's own booking window (`bookingWindowFor`: a member may book further
 * ahead); everything that reads the window from the settings then follows it.
 */
export function withBookingWindow<S extends { bookingWindowDays: number }>(s: S, days: number): S {
  return days === s.bookingWindowDays ? s : { ...s, bookingWindowDays: days };
}

/** The first and last bookable dates (local) given notice and window. */
export function bookableDateRange(
  s: AvailabilitySettings,
  now: Date,
): { first: string; last: string } {
  const today = zonedParts(now, s.timeZone).date;
  const earliest = zonedParts(new Date(now.getTime() + s.minNoticeHours * HOUR), s.timeZone).date;
  return { first: earliest, last: addDays(today, s.bookingWindowDays) };
}

export interface SlotQuery {
  from: string;
  to: string;
  guests: number;
  zoneId: string;
  now: Date;
}

export function validateSlotQuery(s: AvailabilitySettings, q: SlotQuery): void {
  if (!Number.isSafeInteger(q.guests) || q.guests < 1)
    throw new AppError("BAD_REQUEST", "Tell us how many guests: at least 1.", { field: "guests" });
  if (q.guests > s.maxGuests)
    throw new AppError(
      "BAD_REQUEST",
      `We can cook for up to ${s.maxGuests} guests in one booking.`,
      { field: "guests" },
    );
  const span = daysBetween(q.from, q.to);
  if (span < 0)
    throw new AppError("BAD_REQUEST", "The end date is before the start date.", { field: "to" });
  if (span > MAX_RANGE_DAYS)
    throw new AppError(
      "BAD_REQUEST",
      `Ask for at most ${MAX_RANGE_DAYS} days of availability at a time.`,
      { field: "to" },
    );
}

export function computeSlots(
  s: AvailabilitySettings,
  chefs: readonly ChefSchedule[],
  q: SlotQuery,
): Slot[] {
  validateSlotQuery(s, q);
  const { first, last } = bookableDateRange(s, q.now);
  const earliestStart = q.now.getTime() + s.minNoticeHours * HOUR;
  const needed = chefsNeeded(s, q.guests);
  const byLoad = [...chefs].sort((a, b) => a.load - b.load || a.id.localeCompare(b.id));
  const slots: Slot[] = [];
  const startDate = q.from < first ? first : q.from;
  const endDate = q.to > last ? last : q.to;
  if (startDate > endDate) return slots;
  const minutes = [...new Set(s.slotStartMinutes)].sort((a, b) => a - b);
  for (let date = startDate; date <= endDate; date = addDays(date, 1)) {
    for (const startMinute of minutes) {
      const timing = eventTiming(s, date, startMinute, q.guests);
      if (timing.startsAt.getTime() < earliestStart) continue;
      const free = byLoad
        .filter((c) => chefIsFree(c, s, date, startMinute, timing, q.zoneId))
        .map((c) => c.id);
      if (free.length >= needed) {
        slots.push({
          date,
          startMinute,
          label: formatMinutes(startMinute),
          startsAt: timing.startsAt,
          endsAt: timing.endsAt,
          chefsNeeded: needed,
          chefIds: free,
        });
      }
    }
  }
  return slots;
}

/**
 * Why a date (or range, or one start time) has no bookable time for this party, from the same
 * data `computeSlots` decides with: settings (notice, window, start times), who works which
 * weekday and hours in the zone, time off (vacations, holidays) and live bookings. The most
 * specific reason wins across the candidate times (a day where some time is taken is
 * `fully_booked`, even if other hours nobody works):
 * - `past`, `too_soon` (inside the notice: `firstDate` is the earliest date with a start time far
 *   enough ahead), `beyond_window` (`lastDate` is the last bookable date), `not_a_start_time`;
 * - `closed_day`: no chef serving the area works that weekday (`weekday`: 0 = Sunday;
 *   `otherAreas`: chefs of other areas do, so it is this area that is closed that day);
 * - `closed_hours`: chefs work that day, but none at that time for the party's length;
 * - `time_off`: enough chefs would work then, but they are off (a vacation, a holiday);
 * - `too_few_chefs`: the party needs `chefsNeeded` chefs and fewer than that work then;
 * - `fully_booked`: enough chefs work then, and other bookings keep them busy (`tooSoonBefore`:
 *   the range's earlier start times are inside the notice, so only the later ones are booked).
 * Null: something in the range is free.
 */
export type NoSlotReason =
  | { kind: "past" }
  | { kind: "too_soon"; firstDate: string; minNoticeHours: number }
  | { kind: "beyond_window"; lastDate: string; bookingWindowDays: number }
  | { kind: "not_a_start_time" }
  | { kind: "closed_day"; weekday: number; otherAreas: boolean }
  | { kind: "closed_hours" }
  | { kind: "time_off" }
  | { kind: "too_few_chefs"; chefsNeeded: number }
  | { kind: "fully_booked"; tooSoonBefore?: boolean };

export type NoSlotKind = NoSlotReason["kind"];

/** The first date from `from` with a start time at least the notice away from `now`. */
export function firstDateAfterNotice(s: AvailabilitySettings, now: Date): string {
  const earliest = now.getTime() + s.minNoticeHours * HOUR;
  let date = zonedParts(new Date(earliest), s.timeZone).date;
  for (let i = 0; i < 3; i++) {
    if (s.slotStartMinutes.some((m) => zonedTimeToUtc(date, m, s.timeZone).getTime() >= earliest))
      break;
    date = addDays(date, 1);
  }
  return date;
}

export function whyNoSlot(
  s: AvailabilitySettings,
  chefs: readonly ChefSchedule[],
  q: SlotQuery & { startMinute?: number },
): NoSlotReason | null {
  const today = zonedParts(q.now, s.timeZone).date;
  const { last } = bookableDateRange(s, q.now);
  if (q.startMinute !== undefined && !s.slotStartMinutes.includes(q.startMinute))
    return { kind: "not_a_start_time" };
  if (q.to < today) return { kind: "past" };
  if (q.from > last)
    return { kind: "beyond_window", lastDate: last, bookingWindowDays: s.bookingWindowDays };
  const earliestStart = q.now.getTime() + s.minNoticeHours * HOUR;
  const needed = chefsNeeded(s, q.guests);
  const minutes =
    q.startMinute !== undefined
      ? [q.startMinute]
      : [...new Set(s.slotStartMinutes)].sort((a, b) => a - b);
  const inZone = chefs.filter((c) => c.active && c.zoneIds.includes(q.zoneId));
  // Rank of each reason: the highest found over the candidate times is the answer.
  const order: NoSlotKind[] = [
    "closed_day",
    "closed_hours",
    "too_few_chefs",
    "time_off",
    "fully_booked",
  ];
  let best = -1;
  let bestWeekday = 0;
  let candidates = 0;
  let tooSoon = 0;
  const startDate = q.from < today ? today : q.from;
  const endDate = q.to > last ? last : q.to;
  for (let date = startDate; date <= endDate; date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    const worksThatDay = inZone.some((c) => c.hours.some((h) => h.weekday === weekday));
    for (const startMinute of minutes) {
      const timing = eventTiming(s, date, startMinute, q.guests);
      if (timing.startsAt.getTime() < earliestStart) {
        tooSoon++;
        continue;
      }
      candidates++;
      const endMinute = startMinute + timing.durationMinutes;
      const block = { start: timing.blockStart, end: timing.blockEnd };
      const working = inZone.filter((c) =>
        c.hours.some(
          (h) => h.weekday === weekday && h.startMinute <= startMinute && endMinute <= h.endMinute,
        ),
      );
      const present = working.filter((c) => !c.timeOff.some((t) => overlaps(t, block)));
      const free = present.filter((c) => !c.blocks.some((b) => overlaps(b, block)));
      if (free.length >= needed) return null;
      const rank =
        present.length >= needed
          ? 4
          : working.length >= needed
            ? 3
            : working.length > 0
              ? 2
              : worksThatDay
                ? 1
                : 0;
      if (rank > best) {
        best = rank;
        bestWeekday = weekday;
      }
    }
  }
  if (!candidates)
    return {
      kind: "too_soon",
      firstDate: firstDateAfterNotice(s, q.now),
      minNoticeHours: s.minNoticeHours,
    };
  const kind = order[best]!;
  if (kind === "closed_day")
    return {
      kind,
      weekday: bestWeekday,
      otherAreas: chefs.some(
        (c) =>
          c.active &&
          !c.zoneIds.includes(q.zoneId) &&
          c.hours.some((h) => h.weekday === bestWeekday),
      ),
    };
  if (kind === "too_few_chefs") return { kind, chefsNeeded: needed };
  // Never "fully booked" for times inside the notice: say only the later ones are booked.
  if (kind === "fully_booked" && tooSoon) return { kind, tooSoonBefore: true };
  return { kind } as NoSlotReason;
}
