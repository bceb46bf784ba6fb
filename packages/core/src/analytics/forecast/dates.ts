/**
 * Calendar-day arithmetic on YYYY-MM-DD strings. The strings are business-local calendar days;
 * all arithmetic is done on their UTC midnight so no time zone or DST can shift a day.
 */

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD string; throws on anything else. */
export function dayNumber(date: string): number {
  const m = ISO_DAY.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCDate() !== Number(m[3]) || back.getUTCMonth() !== Number(m[2]) - 1) {
    throw new Error(`not a calendar date: ${date}`);
  }
  return Math.round(ms / DAY_MS);
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

/** 1-12. */
export function month(date: string): number {
  return Number(date.slice(5, 7));
}

export function year(date: string): number {
  return Number(date.slice(0, 4));
}

/** 0-based day of the year (0 = 1 January). */
export function dayOfYear(date: string): number {
  return dayNumber(date) - dayNumber(`${date.slice(0, 4)}-01-01`);
}
