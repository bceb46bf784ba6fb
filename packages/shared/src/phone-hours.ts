// When a person answers the business phone (issue 17: a caller who asks for a person is put
// through in these hours, else leaves a message for staff): a window per weekday, in the
// business's time zone, or none (closed that day). One shape for the settings page, the settings
// operation and the phone webhook.
import { z } from "./zod";
import { formatMinutes, zonedParts } from "./time";
import { WEEKDAY_NAMES } from "./weekdays";

/** Minutes after local midnight: the phone is answered from `open` until before `close`. */
export interface PhoneWindow {
  open: number;
  close: number;
}
/** Sunday (0) to Saturday (6); null: nobody answers that day. */
export type PhoneHours = (PhoneWindow | null)[];

/** Every day 9:00 AM to 9:00 PM (the default before the owner sets them). */
export const DEFAULT_PHONE_HOURS: PhoneHours = Array.from({ length: 7 }, () => ({
  open: 540,
  close: 1260,
}));

const minute = z
  .number({ error: "Enter a time of day." })
  .int("Enter a time of day in whole minutes.")
  .min(0, "Enter a time of day.")
  .max(1440, "Enter a time of day.");

export const phoneHoursSchema = z
  .array(z.object({ open: minute, close: minute }).nullable(), {
    error: "Set the phone hours for each day of the week.",
  })
  .length(7, "Set the phone hours for each day of the week, Sunday to Saturday.")
  .superRefine((days, ctx) => {
    days.forEach((w, i) => {
      if (w && w.close <= w.open)
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `${WEEKDAY_NAMES[i]}: the phone closes at ${formatMinutes(w.close % 1440)}, before it opens at ${formatMinutes(w.open)}. Set the closing time later, or mark the day closed.`,
        });
    });
  });

/** The stored hours (a JSON column), or the default when they are missing or unreadable. */
export function readPhoneHours(stored: unknown): PhoneHours {
  const r = phoneHoursSchema.safeParse(stored);
  return r.success ? r.data : DEFAULT_PHONE_HOURS;
}

/** Whether a person answers the phone at `now`. */
export function phoneOpenAt(hours: PhoneHours, timeZone: string, now: Date): boolean {
  const { weekday, minutes } = zonedParts(now, timeZone);
  const w = hours[weekday];
  return !!w && minutes >= w.open && minutes < w.close;
}

/**
 * When the phone is next answered after `now`, as said to a caller: "later today at 9:00 AM",
 * "tomorrow at 9:00 AM", "on Monday at 10:00 AM"; null when it is never open.
 */
export function nextPhoneOpening(hours: PhoneHours, timeZone: string, now: Date): string | null {
  const { weekday, minutes } = zonedParts(now, timeZone);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const day = (weekday + ahead) % 7;
    const w = hours[day];
    if (!w) continue;
    if (ahead === 0 && minutes >= w.open) continue;
    const at = formatMinutes(w.open);
    if (ahead === 0) return `later today at ${at}`;
    if (ahead === 1) return `tomorrow at ${at}`;
    return `on ${WEEKDAY_NAMES[day]} at ${at}`;
  }
  return null;
}

/** "Mon–Fri 9:00 AM–9:00 PM, Sat 10:00 AM–6:00 PM, Sun closed": days with the same hours run together. */
export function describePhoneHours(hours: PhoneHours): string {
  const label = (w: PhoneWindow | null) =>
    !w
      ? "closed"
      : w.open === 0 && w.close === 1440
        ? "all day"
        : `${formatMinutes(w.open)}–${formatMinutes(w.close % 1440)}`;
  // Monday first, as a week reads on a sign.
  const order = [1, 2, 3, 4, 5, 6, 0];
  const runs: { from: number; to: number; text: string }[] = [];
  for (const d of order) {
    const text = label(hours[d] ?? null);
    const last = runs.at(-1);
    if (last && last.text === text) last.to = d;
    else runs.push({ from: d, to: d, text });
  }
  const short = (d: number) => WEEKDAY_NAMES[d]!.slice(0, 3);
  if (runs.length === 1) return `Every day ${runs[0]!.text}`;
  return runs
    .map((r) => `${short(r.from)}${r.from === r.to ? "" : `–${short(r.to)}`} ${r.text}`)
    .join(", ");
}
