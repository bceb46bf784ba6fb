// Form helpers shared by admin pages (client and server). Money and dates: @myhibachi/shared.
import { formatMinutes, parseTimeOfDay, WEEKDAY_NAMES } from "@myhibachi/shared";

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

/** Sunday first, as `weekdayOf` and the phone hours count them. */
export const WEEKDAYS: readonly string[] = WEEKDAY_NAMES;

export const splitTags = (s: string) =>
  s
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

/** Start times for people: [720, 900] -> "12:00 PM, 3:00 PM". */
export const formatTimeList = (minutes: readonly number[]) => minutes.map(formatMinutes).join(", ");

/**
 * A comma-separated list of start times as typed ("12:00 PM, 3 pm, 19:30"), sorted and without
 * repeats, or a message for people naming what could not be read.
 */
export function parseTimeList(
  text: string,
): { minutes: number[]; error?: undefined } | { minutes?: undefined; error: string } {
  const parts = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!parts.length) return { error: "List at least one start time, like 12:00 PM, 3:00 PM." };
  const bad = parts.filter((s) => parseTimeOfDay(s) === null);
  if (bad.length)
    return {
      error: `${bad.map((s) => `"${s.length > 20 ? `${s.slice(0, 20)}…` : s}"`).join(", ")} ${
        bad.length === 1 ? "isn't a time" : "aren't times"
      }. List start times like 12:00 PM, 3:00 PM, 7:30 PM, separated by commas.`,
    };
  return { minutes: [...new Set(parts.map((s) => parseTimeOfDay(s)!))].sort((a, b) => a - b) };
}
