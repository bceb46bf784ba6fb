// When a campaign message may be sent: between 8 am and 9 pm on the wall clock of the event's
// time zone. A step due outside that window is postponed to the next 8 am there, never skipped.
import { addDays, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";

export interface SendWindow {
  /** First minute of the day a message may go, local (480 = 8:00). */
  startMinutes: number;
  /** The minute from which nothing goes, local (1260 = 21:00). */
  endMinutes: number;
}

export const DEFAULT_SEND_WINDOW: SendWindow = { startMinutes: 8 * 60, endMinutes: 21 * 60 };

/** `at` itself when it is inside the window in `timeZone`, else the next window's opening. */
export function nextAllowedSendTime(
  at: Date,
  timeZone: string,
  window: SendWindow = DEFAULT_SEND_WINDOW,
): Date {
  const p = zonedParts(at, timeZone);
  if (p.minutes >= window.startMinutes && p.minutes < window.endMinutes) return at;
  const day = p.minutes < window.startMinutes ? p.date : addDays(p.date, 1);
  return zonedTimeToUtc(day, window.startMinutes, timeZone);
}

export const insideSendWindow = (
  at: Date,
  timeZone: string,
  window: SendWindow = DEFAULT_SEND_WINDOW,
) => nextAllowedSendTime(at, timeZone, window).getTime() === at.getTime();
