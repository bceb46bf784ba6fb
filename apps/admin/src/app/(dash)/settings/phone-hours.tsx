"use client";
// The phone hours on the settings page (issue 17): when a caller who asks for a person is put
// through to the business phone, a window per weekday or closed. The times are the browser's
// time inputs (a clock picker on a phone); the server checks them again (phoneHoursSchema).
import {
  describePhoneHours,
  WEEKDAY_NAMES,
  type PhoneHours,
  type PhoneWindow,
} from "@myhibachi/shared";
import { hhmmToMinutes, minutesToHHMM } from "~/lib/format";

/** One row per day in the form: open or not, and the two times as typed. */
export interface DayForm {
  answered: boolean;
  open: string;
  close: string;
}

export const toDayForms = (hours: PhoneHours): DayForm[] =>
  hours.map((w) => ({
    answered: !!w,
    open: minutesToHHMM(w?.open ?? 540),
    // A window to midnight (1440) shows as 23:59: the time input has no 24:00.
    close: minutesToHHMM(w?.close ?? 1260),
  }));

/** The hours to save, or what to fix (naming the day). */
export function fromDayForms(days: DayForm[]): { hours: PhoneHours } | { error: string } {
  const hours: PhoneHours = [];
  for (const [i, d] of days.entries()) {
    if (!d.answered) {
      hours.push(null);
      continue;
    }
    const open = hhmmToMinutes(d.open);
    const close = hhmmToMinutes(d.close, true);
    if (open === null || close === null)
      return { error: `Phone hours, ${WEEKDAY_NAMES[i]}: enter both times, like 9:00 AM.` };
    if (close <= open)
      return {
        error: `Phone hours, ${WEEKDAY_NAMES[i]}: the closing time must be after the opening time (or untick the day).`,
      };
    hours.push({ open, close } satisfies PhoneWindow);
  }
  return { hours };
}

export function PhoneHoursFieldset({
  days,
  onChange,
  saved,
}: {
  days: DayForm[];
  onChange: (days: DayForm[]) => void;
  /** The hours as saved, described in one line under the legend. */
  saved: PhoneHours;
}) {
  const set = (i: number, patch: Partial<DayForm>) =>
    onChange(days.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  // Monday first, as a week reads.
  const order = [1, 2, 3, 4, 5, 6, 0];
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby="phone-hours-now">
      <legend className="mb-1 font-semibold">Phone hours</legend>
      <p id="phone-hours-now" className="text-sm text-muted">
        A caller who asks the phone assistant for a person is put through to your phone number in
        these hours; outside them they leave a message for your team. Now:{" "}
        {describePhoneHours(saved)}.
      </p>
      <ul className="grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
        {order.map((i) => {
          const d = days[i]!;
          const name = WEEKDAY_NAMES[i];
          return (
            <li key={i} className="flex flex-wrap items-center gap-2 rounded-lg border p-2">
              <label className="flex min-h-11 min-w-28 items-center gap-2 font-medium">
                <input
                  type="checkbox"
                  className="h-5 w-5"
                  checked={d.answered}
                  onChange={(e) => set(i, { answered: e.target.checked })}
                />
                {name}
              </label>
              {d.answered ? (
                <span className="flex items-center gap-1">
                  <input
                    type="time"
                    aria-label={`${name} from`}
                    className="min-h-11 rounded-lg border border-stone-300 px-2"
                    value={d.open}
                    onChange={(e) => set(i, { open: e.target.value })}
                  />
                  <span aria-hidden="true">–</span>
                  <input
                    type="time"
                    aria-label={`${name} until`}
                    className="min-h-11 rounded-lg border border-stone-300 px-2"
                    value={d.close}
                    onChange={(e) => set(i, { close: e.target.value })}
                  />
                </span>
              ) : (
                <span className="text-sm text-muted">Closed: callers leave a message</span>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
