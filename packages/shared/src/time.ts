// Time-zone arithmetic on top of Intl (no library): converts between an instant and a wall-clock
// time in an IANA zone, correct across daylight-saving changes.

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function dtf(timeZone: string): Intl.DateTimeFormat {
  let f = dtfCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    dtfCache.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export interface ZonedParts {
  /** YYYY-MM-DD in the zone. */
  date: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
  /** Minutes after local midnight. */
  minutes: number;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    dtf(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * The last instants read per zone: the assistant reads "now" in the business zone several times
 * per message, and formatToParts is the costly part. Each caller gets its own copy.
 */
const partsCache = new Map<string, ZonedParts>();
const PARTS_CACHE_MAX = 256;

export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) return readZonedParts(instant, timeZone);
  const id = `${timeZone}|${ms}`;
  let p = partsCache.get(id);
  if (!p) {
    p = readZonedParts(instant, timeZone);
    if (partsCache.size >= PARTS_CACHE_MAX) partsCache.clear();
    partsCache.set(id, p);
  }
  return { ...p };
}

function readZonedParts(instant: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of dtf(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const second = Number(parts.second);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    year,
    month,
    day,
    hour,
    minute,
    second,
    weekday: WEEKDAYS[parts.weekday ?? "Sun"] ?? 0,
    minutes: hour * 60 + minute,
  };
}

/** Offset of the zone from UTC at an instant, in minutes (e.g. -420 for PDT). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

export function parseDate(date: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` + `minutes` after midnight.
 * For a wall time skipped by a spring-forward change, returns the instant an hour later
 * (the same wall time read with the pre-change offset); for a repeated wall time, the first one.
 */
export function zonedTimeToUtc(date: string, minutes: number, timeZone: string): Date {
  const { year, month, day } = parseDate(date);
  const guess = Date.UTC(year, month - 1, day, 0, minutes);
  const off1 = zoneOffsetMinutes(new Date(guess), timeZone);
  let t = guess - off1 * 60000;
  const off2 = zoneOffsetMinutes(new Date(t), timeZone);
  if (off2 !== off1) {
    const t2 = guess - off2 * 60000;
    // Keep t2 only if it really shows the requested wall time (i.e. not inside a gap).
    if (zoneOffsetMinutes(new Date(t2), timeZone) === off2) t = Math.min(t, t2);
  }
  return new Date(t);
}

/** Adds whole days to a YYYY-MM-DD date (calendar arithmetic, zone-free). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): number {
  const { year, month, day } = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function daysBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86400000,
  );
}

// Calendar months (zone-free YYYY-MM-DD arithmetic, like addDays): what a month view and its
// keyboard navigation need, in the browser and on the server alike.

/** The first day of the date's month: "2026-12-17" -> "2026-12-01". */
export function monthStart(date: string): string {
  parseDate(date);
  return `${date.slice(0, 7)}-01`;
}

/** The last day of the date's month: "2028-02-10" -> "2028-02-29". */
export function monthEnd(date: string): string {
  const { year, month } = parseDate(date);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The first day of the month `by` months away: shiftMonth("2026-12-17", 1) -> "2027-01-01". */
export function shiftMonth(date: string, by: number): string {
  const { year, month } = parseDate(date);
  return new Date(Date.UTC(year, month - 1 + by, 1)).toISOString().slice(0, 10);
}

/**
 * The same day `by` months away, kept inside the target month: addMonths("2026-01-31", 1) ->
 * "2026-02-28" (Page Down in a calendar).
 */
export function addMonths(date: string, by: number): string {
  const first = shiftMonth(date, by);
  const last = monthEnd(first);
  const day = Math.min(parseDate(date).day, parseDate(last).day);
  return `${first.slice(0, 8)}${String(day).padStart(2, "0")}`;
}

/**
 * The month's days as weeks of seven, Sunday first, with null for the days of the weeks before
 * and after the month: what a month grid shows, row by row.
 */
export function monthWeeks(date: string): (string | null)[][] {
  const first = monthStart(date);
  const days = parseDate(monthEnd(date)).day;
  const cells: (string | null)[] = Array<null>(weekdayOf(first)).fill(null);
  for (let d = 1; d <= days; d++) cells.push(addDays(first, d - 1));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Time left as a countdown, "12:04" (minutes:seconds; "1:02:09" past an hour; "0:00" once over). */
export function formatCountdown(msLeft: number): string {
  const total = Math.max(0, Math.floor(msLeft / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/**
 * A start time (minutes after midnight) written the way every other time in the product is:
 * "6:00 PM", "11:30 AM" (the "time" style of formatInstant, so a slot button, a confirmation and
 * an email never disagree on how a time looks).
 */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = ((minutes % 60) + 60) % 60;
  const suffix = h >= 12 ? "PM" : "AM";
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}:${String(m).padStart(2, "0")} ${suffix}`;
}

/**
 * A time of day typed by a person, as minutes after midnight: "3:00 PM", "3 pm", "3:30pm",
 * "12:00 AM" (midnight), or 24-hour "15:00" / "9:30". Null for anything else ("25:00", "3:75 PM",
 * "noonish"), so the caller can say what is wrong in words.
 */
export function parseTimeOfDay(text: string): number | null {
  const m = /^\s*(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?\s*$/i.exec(text);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (minute > 59) return null;
  const half = m[3]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return null;
    return ((hour % 12) + (half === "p" ? 12 : 0)) * 60 + minute;
  }
  // No AM/PM: 24-hour time, which needs the minutes ("15" alone is too unclear to guess).
  if (m[2] === undefined || hour > 23) return null;
  return hour * 60 + minute;
}

/**
 * A time zone named for people: "Pacific Time (PST)" (PDT in summer) from the IANA key
 * "America/Los_Angeles", never the key itself. Falls back to the key with spaces when Intl
 * doesn't know the zone.
 */
export function formatZoneName(timeZone: string, now: Date = new Date()): string {
  const part = (style: "longGeneric" | "short") => {
    try {
      return new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: style })
        .formatToParts(now)
        .find((p) => p.type === "timeZoneName")?.value;
    } catch {
      return undefined;
    }
  };
  const long = part("longGeneric");
  const short = part("short");
  if (!long || /^GMT/.test(long)) return short ?? timeZone.replace(/_/g, " ");
  return short && short !== long ? `${long} (${short})` : long;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

// Formatting for people, always in an explicit zone (the event's or the business's IANA zone),
// never the zone of the machine that happens to render it: a server and a browser print the same.

const STYLES = {
  /** "Saturday, November 28, 2026" */
  fullDate: { weekday: "long", month: "long", day: "numeric", year: "numeric" },
  /** "Saturday, November 28" */
  weekdayDate: { weekday: "long", month: "long", day: "numeric" },
  /** "Sat, Nov 28" */
  shortDay: { weekday: "short", month: "short", day: "numeric" },
  /** "November 28, 2026" */
  longDate: { dateStyle: "long" },
  /** "November 2026" */
  monthYear: { month: "long", year: "numeric" },
  /** "Saturday, November 28, 2026 at 6:00 PM" */
  fullDateTime: {
    weekday: "long",
    month: "long",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
  },
  /** "Sat, Nov 28, 2026, 6:00 PM" */
  shortDateTime: {
    weekday: "short",
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
  },
  /** "Sat, Nov 28, 6:00 PM" */
  shortDayTime: {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  },
  /** "Nov 28, 2026, 6:00 PM" */
  mediumDateTime: { dateStyle: "medium", timeStyle: "short" },
  /** "11/28/26, 6:00 PM" */
  numericDateTime: { dateStyle: "short", timeStyle: "short" },
  /** "6:00 PM" */
  time: { hour: "numeric", minute: "2-digit" },
  /** "6:00 PM PST" */
  timeWithZone: { hour: "numeric", minute: "2-digit", timeZoneName: "short" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateTimeStyle = keyof typeof STYLES;
/** The styles that print a calendar date alone (no time of day). */
export type DateStyle = "fullDate" | "weekdayDate" | "shortDay" | "longDate" | "monthYear";

const formatCache = new Map<string, Intl.DateTimeFormat>();
function formatter(style: DateTimeStyle, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let f = formatCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { ...STYLES[style], timeZone });
    formatCache.set(key, f);
  }
  return f;
}

/** An instant as the wall clock in `timeZone` shows it, e.g. "Sat, Nov 28, 6:00 PM". */
export function formatInstant(
  instant: Date | string | number,
  timeZone: string,
  style: DateTimeStyle,
): string {
  return plainSpaces(formatter(style, timeZone).format(new Date(instant)));
}

/**
 * Newer ICU versions put a narrow no-break space before AM/PM: a text message with one is sent as
 * UCS-2 (70 characters a segment instead of 160), and a server and a browser on different ICU
 * versions would print the same time two ways. Every time is written with plain spaces.
 */
function plainSpaces(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, " ");
}

/** A calendar date (YYYY-MM-DD) as written, with no zone shift: "Saturday, November 28, 2026". */
export function formatLocalDate(date: string, style: DateStyle): string {
  const { year, month, day } = parseDate(date);
  return plainSpaces(formatter(style, "UTC").format(new Date(Date.UTC(year, month - 1, day, 12))));
}

/**
 * A calendar date (YYYY-MM-DD) as a sentence says it: "Saturday, December 5", with the year only
 * when it isn't `today`'s year ("Saturday, January 2, 2027"). `today`: todayIn(the business zone).
 */
export function formatDay(date: string, today: string): string {
  return formatLocalDate(date, date.slice(0, 4) === today.slice(0, 4) ? "weekdayDate" : "fullDate");
}

/** A local date and start time: "Saturday, November 28, 2026 at 6:00 PM". */
export function formatWhen(date: string, minutes: number): string {
  return `${formatLocalDate(date, "fullDate")} at ${formatMinutes(minutes)}`;
}

/** Today's date (YYYY-MM-DD) on the wall calendar of `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return zonedParts(now, timeZone).date;
}
