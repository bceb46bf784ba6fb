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
