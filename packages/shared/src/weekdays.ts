// Its own module, not in time.ts: time.ts is on the booking page, which doesn't need this.
/** Weekdays in the plural, by `weekdayOf` (0 = Sunday): "we don't cook on Mondays". */
export const WEEKDAYS_PLURAL = [
  "Sundays",
  "Mondays",
  "Tuesdays",
  "Wednesdays",
  "Thursdays",
  "Fridays",
  "Saturdays",
] as const;

/** Weekday names by `weekdayOf` (0 = Sunday). Apart from the zod schemas (phone-hours.ts), so a
 *  page that only names weekdays (admin /chefs) loads no schema at all. */
export const WEEKDAY_NAMES = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;
