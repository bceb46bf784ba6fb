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
