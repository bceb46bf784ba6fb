import Holidays from "date-holidays";
import { addDays } from "./dates";

const cache = new Map<number, ReadonlySet<string>>();
let us: Holidays | undefined;

/**
 * US public (federal) holidays of a year as YYYY-MM-DD, from date-holidays (type 'public').
 * Both the holiday itself and its observed day are included: when a holiday falls on a weekend
 * date-holidays lists the observed weekday as a "(substitute day)" entry, and both days behave
 * like holidays for a party business.
 */
export function usHolidays(y: number): ReadonlySet<string> {
  const hit = cache.get(y);
  if (hit) return hit;
  us ??= new Holidays("US");
  const days = new Set<string>();
  for (const h of us.getHolidays(y)) {
    if (h.type === "public") days.add(h.date.slice(0, 10));
  }
  cache.set(y, days);
  return days;
}

export function isUsHoliday(date: string): boolean {
  const y = Number(date.slice(0, 4));
  return usHolidays(y).has(date);
}

export interface HolidayFlags {
  holiday: boolean;
  dayBefore: boolean;
  dayAfter: boolean;
}

/** Holiday, day before a holiday, day after a holiday (a day can be several at once). */
export function holidayFlags(date: string): HolidayFlags {
  return {
    holiday: isUsHoliday(date),
    dayBefore: isUsHoliday(addDays(date, 1)),
    dayAfter: isUsHoliday(addDays(date, -1)),
  };
}
