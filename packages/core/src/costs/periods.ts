// Calendar periods of the cost dashboard and alert rules, in the business's time zone.
// Weeks run Monday to Sunday. Every boundary is a local midnight, so it falls on a 15-minute
// bucket of AiCostRollup in every real time zone.
import { addDays, parseDate, weekdayOf, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";

export const DAY_MS = 86_400_000;
/** Days in the dashboard's daily chart (today included). */
export const CHART_DAYS = 90;
/** Days behind "top expensive questions" (today included). */
export const TOP_QUESTION_DAYS = 30;
/** Complete days averaged for the month-end projection. */
export const PROJECTION_DAYS = 7;

export interface Period {
  /** Identifies the period: 2026-11-24 (day), 2026-11-23 (week, its Monday), 2026-11 (month). */
  key: string;
  start: Date;
  end: Date;
}

export interface CostPeriods {
  timeZone: string;
  now: Date;
  /** Today's local date (YYYY-MM-DD). */
  date: string;
  today: Period;
  yesterday: Period;
  week: Period;
  lastWeek: Period;
  month: Period;
  lastMonth: Period;
  /** The PROJECTION_DAYS complete days before today. */
  recent: Period;
  /** First day of the daily chart. */
  chartStart: Date;
  /** First day of the top-questions window (local date). */
  questionsFrom: string;
  questionsStart: Date;
}

const midnight = (date: string, tz: string) => zonedTimeToUtc(date, 0, tz);

function span(key: string, from: string, to: string, tz: string): Period {
  return { key, start: midnight(from, tz), end: midnight(to, tz) };
}

export function dayPeriod(date: string, tz: string): Period {
  return span(date, date, addDays(date, 1), tz);
}

export function weekPeriod(date: string, tz: string): Period {
  const monday = addDays(date, -((weekdayOf(date) + 6) % 7));
  return span(monday, monday, addDays(monday, 7), tz);
}

export function monthPeriod(date: string, tz: string): Period {
  const { year, month } = parseDate(date);
  const first = `${year}-${String(month).padStart(2, "0")}-01`;
  const next =
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
  return span(first.slice(0, 7), first, next, tz);
}

export function costPeriods(now: Date, timeZone: string): CostPeriods {
  const date = zonedParts(now, timeZone).date;
  const week = weekPeriod(date, timeZone);
  const month = monthPeriod(date, timeZone);
  return {
    timeZone,
    now,
    date,
    today: dayPeriod(date, timeZone),
    yesterday: dayPeriod(addDays(date, -1), timeZone),
    week,
    lastWeek: weekPeriod(addDays(week.key, -7), timeZone),
    month,
    lastMonth: monthPeriod(addDays(`${month.key}-01`, -1), timeZone),
    recent: span(`last-${PROJECTION_DAYS}-days`, addDays(date, -PROJECTION_DAYS), date, timeZone),
    chartStart: midnight(addDays(date, -(CHART_DAYS - 1)), timeZone),
    questionsFrom: addDays(date, -(TOP_QUESTION_DAYS - 1)),
    questionsStart: midnight(addDays(date, -(TOP_QUESTION_DAYS - 1)), timeZone),
  };
}

/** The same elapsed time into the previous period, capped at its end ("same point last week"). */
export function samePointIn(prev: Period, current: Period, now: Date): Date {
  const cut = prev.start.getTime() + (now.getTime() - current.start.getTime());
  return new Date(Math.min(cut, prev.end.getTime()));
}
