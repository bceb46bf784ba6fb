// Where the booking wizard says each problem: once, beside the input it is about. A refused
// Continue's problems (checks.ts) are shown by the step next to their fields; the bar under the
// step (wizard-nav.tsx) says only the ones no field shows (the protein count: its counter turns
// red). On the date step, a time that stopped being free, a saved date that has passed and a
// calendar that couldn't load are each said in one place, merged with the Continue message about
// the same input rather than stacked on it. The finish-a-hold page (finish/[id]) follows the same
// rules as one long form: its problems beside their fields (the protein count too: it has no bar),
// a server's refusal once, near its Confirm button, minus what its fields already say. Pure: no
// React (unit-tested in messages.test.ts, through the step in when-step.test.tsx and through the
// finish page in finish/[id]/finish-form.test.tsx).
import { formatLocalDate, formatMinutes } from "@myhibachi/shared";
import type { Issue, StepKey } from "./draft";

/** A wizard step, or the finish-a-hold page (all of its fields on one page). */
export type FormPage = StepKey | "finish";

const DETAILS_FIELDS = ["line1", "line2", "city", "state", "name", "email", "phone", "notes"];

/**
 * The fields each page shows a message beside; any other problem is said in the bar (the
 * wizard) or near the Confirm button (finish-a-hold).
 */
const SAID_BESIDE: Record<FormPage, ReadonlySet<string>> = {
  when: new Set(["postalCode", "adults", "children", "calendar", "start-times"]),
  menu: new Set(["allergies", "dietary"]),
  extras: new Set(["extras"]),
  details: new Set(DETAILS_FIELDS),
  review: new Set(),
  // The protein picker says its message under its counter here (`sayError`): no bar to say it.
  finish: new Set(["adults", "children", "proteins", "allergies", "dietary", ...DETAILS_FIELDS]),
};

/** Whether `page` shows `field`'s message beside it (a dietary need's guest count: `dietary-<value>`). */
const saidBeside = (page: FormPage, field: string) =>
  SAID_BESIDE[page].has(field) ||
  (field.startsWith("dietary-") && SAID_BESIDE[page].has("dietary"));

/**
 * A step's problems placed: `errors` by field for the step (after a refused Continue, with the
 * server's field messages of a refused booking), and the one message for the bar (a problem no
 * field of the step shows), or null.
 */
export function placeIssues(
  step: FormPage,
  /** The step's problems when its Continue was refused (none otherwise). */
  issues: readonly Issue[],
  serverFields: Record<string, string> = {},
): { errors: Record<string, string>; bar: string | null } {
  const errors = {
    ...serverFields,
    ...Object.fromEntries(issues.map((i) => [i.field, i.message])),
  };
  const bar = issues.find((i) => !saidBeside(step, i.field))?.message ?? null;
  return { errors, bar };
}

/**
 * The page's field id for a field the server refused, by its path in the request:
 * "address.line1" -> "line1", "contact.phone" -> "phone", "selection.proteins.steak" -> "proteins",
 * "dietaryProfile.avoid.0.guests" -> "dietary" (the dietary profile's fieldset).
 */
export function fieldIdOf(path: string): string {
  const [head, next] = path.split(".");
  if (head === "dietaryProfile") return "dietary";
  return next && (head === "address" || head === "contact" || head === "selection") ? next : head!;
}

/** A refused request, as read from the server's error (`errorMessage` and its data). */
export interface Refusal {
  /** What the server said in words (for a refused input: each field's sentence, joined). */
  text: string;
  /** Each refused field's sentence, by its path in the request ("address.line1"). */
  fields?: Record<string, string> | undefined;
  /** The one field a refusal of ours is about (`details.field`: "adults", "postalCode"). */
  field?: string | null | undefined;
}

/**
 * Where a refused request's words go on `page`: `fields`, by the page's field ids, for the
 * fields it shows a message beside (pass them to placeIssues), and `text`, said once near the
 * button that sent it: only what no field says (null: the fields say it all). `first`: the
 * first field with a message, to take the customer to.
 */
export function placeRefusal(
  page: FormPage,
  refusal: Refusal | null,
): { fields: Record<string, string>; text: string | null; first: string | null } {
  if (!refusal) return { fields: {}, text: null, first: null };
  const beside = { has: (field: string) => saidBeside(page, field) };
  const byPath = refusal.fields ?? {};
  if (Object.keys(byPath).length === 0) {
    const id = refusal.field ? fieldIdOf(refusal.field) : null;
    return id && beside.has(id)
      ? { fields: { [id]: refusal.text }, text: null, first: id }
      : { fields: {}, text: refusal.text, first: null };
  }
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(byPath)) {
    const id = fieldIdOf(path);
    if (!beside.has(id)) {
      if (!rest.includes(message)) rest.push(message);
    } else if (!(id in fields)) fields[id] = message;
  }
  return {
    fields,
    text: rest.length > 0 ? rest.join(" ") : null,
    first: Object.keys(fields)[0] ?? null,
  };
}

/**
 * The server's refusal of the party's ZIP code (out of our service area: `booking.availability`
 * and `booking.quote` answer it with `details.field` "postalCode"), as its sentence, or null.
 * Said once, under the ZIP field: not a load failure (no "Try again"), nor the calendar's or
 * the price's to repeat. Routed by the error's data (the field it is about), never its words.
 */
export function zipRefusal(...errors: unknown[]): string | null {
  for (const err of errors) {
    if (!err || typeof err !== "object") continue;
    const { message, data } = err as {
      message?: unknown;
      data?: { details?: { field?: unknown } | null; fields?: Record<string, unknown> } | null;
    };
    const field = data?.details?.field;
    const about =
      (typeof field === "string" && fieldIdOf(field) === "postalCode") ||
      Object.keys(data?.fields ?? {}).some((path) => fieldIdOf(path) === "postalCode");
    if (about && typeof message === "string" && message) return message;
  }
  return null;
}

/** What the price box says while the party's ZIP is refused (the ZIP field says why). */
export const ZIP_REFUSED_PRICE_HINT = "Enter a ZIP code we serve to see the price.";

/** A message in its place; `alert`: announced at once (role="alert"), else plain text. */
export interface Placed {
  text: string;
  alert: boolean;
}

export interface WhenMessageInput {
  /** The step's problems by field (placeIssues). */
  errors: Record<string, string>;
  date: string | null;
  startMinute: number | null;
  /** A saved draft's date that had passed when it was restored (it was forgotten). */
  pastDate: string | null;
  /** The chosen time we forgot because it stopped being free. */
  lostTime: { date: string; startMinute: number; guests: number } | null;
  /** The chosen day's free start times (the calendar says why when they couldn't be loaded). */
  day: { fetching: boolean; failed: boolean; freeTimes: number };
}

const guestsText = (n: number) => `${n} ${n === 1 ? "guest" : "guests"}`;

/**
 * What a calendar says when no day from the month it shows up to the booking window's last date
 * (`until`) has a free time for the party, instead of "No free times in <month>".
 */
export function nothingFreeMessage(i: { month: string; until: string; guests: number }): string {
  return `No free times for ${guestsText(i.guests)} from ${formatLocalDate(i.month, "monthYear")} through ${formatLocalDate(i.until, "fullDate")}, as far ahead as we take bookings.`;
}

/** What the date step says above the calendar and in the start times, one message each. */
export function whenMessages(i: WhenMessageInput): {
  calendar: Placed | null;
  startTimes: Placed | null;
} {
  const calendar: Placed | null =
    !i.date && i.pastDate
      ? {
          text: `The date you picked before, ${formatLocalDate(i.pastDate, "weekdayDate")}, has passed. Please pick a new date.`,
          alert: true,
        }
      : i.errors.calendar
        ? { text: i.errors.calendar, alert: true }
        : null;
  return { calendar, startTimes: i.date ? startTimesMessage(i, i.date) : null };
}

function startTimesMessage(i: WhenMessageInput, date: string): Placed | null {
  const refused = i.errors["start-times"];
  // The calendar above says why the day's times couldn't be loaded (with "Try again"): not
  // repeated here.
  if (i.day.failed) return refused ? { text: refused, alert: true } : null;
  const noneLeft = i.day.freeTimes === 0 && !i.day.fetching;
  const lost = i.lostTime && i.lostTime.date === date && i.startMinute === null ? i.lostTime : null;
  if (lost) {
    const was = `The ${formatMinutes(lost.startMinute)} start is no longer free for ${guestsText(lost.guests)}`;
    return {
      text: noneLeft
        ? `${was}, and no other time that day is. Pick another day.`
        : `${was}. Pick another time.`,
      alert: true,
    };
  }
  if (noneLeft)
    return {
      text: "No free start times on this day any more. Pick another day.",
      alert: !!refused,
    };
  if (refused) return { text: refused, alert: true };
  if (i.day.freeTimes === 0) return { text: "Checking the start times…", alert: false };
  return null;
}
