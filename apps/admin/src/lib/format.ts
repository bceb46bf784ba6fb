// Formatting and parsing helpers shared by admin pages (client and server).

export function fmtDateTime(d: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date(d));
}

export function fmtTime(d: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(
    new Date(d),
  );
}

/** 1020 -> "17:00" (for <input type="time">). */
export function minutesToHHMM(m: number): string {
  const mm = Math.min(m, 24 * 60 - 1);
  return `${String(Math.floor(mm / 60)).padStart(2, "0")}:${String(mm % 60).padStart(2, "0")}`;
}

/** "17:00" -> 1020, or null. "23:59" as an end time means midnight. */
export function hhmmToMinutes(s: string, isEnd = false): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2]);
  if (v >= 24 * 60) return null;
  return isEnd && v === 24 * 60 - 1 ? 24 * 60 : v;
}

/** "12.50" -> 1250; null when it isn't a price. */
export function dollarsToCents(s: string): number | null {
  const t = s.trim().replace(/^\$/, "").replace(/,/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const [d, c = ""] = t.split(".");
  return Number(d) * 100 + Number(c.padEnd(2, "0"));
}

export const centsToDollars = (c: number) => (c / 100).toFixed(2);

export const WEEKDAYS = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
];

export const splitTags = (s: string) =>
  s
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
