// Form helpers shared by admin pages (client and server). Money and dates: @myhibachi/shared.

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
