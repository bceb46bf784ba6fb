// When something happened (a chat message, an alert, an audit entry, a customer's last event),
// written for people in one way everywhere: the wall clock of the business's IANA time zone,
// with the zone's short name, never the zone of the machine that renders it.

const stampCache = new Map<string, Intl.DateTimeFormat>();

function stampFormatter(timeZone: string, withYear: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withYear}`;
  let f = stampCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      month: "short",
      day: "numeric",
      ...(withYear ? { year: "numeric" } : {}),
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
    });
    stampCache.set(key, f);
  }
  return f;
}

/**
 * "Nov 28, 2026, 6:05 PM PST": an instant as the clock on the wall of `timeZone` showed it.
 * The shared formatter for every time the admin shows of something that happened.
 */
export function formatStamp(instant: Date | string | number, timeZone: string): string {
  return stampFormatter(timeZone, true).format(new Date(instant)).replace(/\s/g, " ");
}

/** "Nov 28, 6:05 PM PST": the same without the year (lists of recent things). */
export function formatStampShort(instant: Date | string | number, timeZone: string): string {
  return stampFormatter(timeZone, false).format(new Date(instant)).replace(/\s/g, " ");
}
