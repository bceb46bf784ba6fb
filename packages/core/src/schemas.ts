// Input schemas shared by routers: limits a person can understand, messages they can act on.
import { z } from "zod";

/** The range of years any date input may name. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const inYearRange = (s: string) => {
  const year = Number(s.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};
const yearRangeMessage = `Choose a date between the years ${MIN_YEAR} and ${MAX_YEAR}.`;
const dateExists = (s: string) =>
  !Number.isNaN(Date.parse(`${s.slice(0, 10)}T00:00:00Z`)) &&
  new Date(`${s.slice(0, 10)}T00:00:00Z`).toISOString().startsWith(s.slice(0, 10));

// Postgres, the time zone library and the calendar all agree on the years in range; 0001 or
// 9999 used to end in an internal error or an unreadable row.
export const dateString = z
  .string({ error: "Choose a date." })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-31.")
  .refine(dateExists, "That date doesn't exist.")
  .refine(inYearRange, yearRangeMessage);

/** A wall-clock date and time in the business's zone, "2026-05-01T09:00". */
export const localDateTimeString = (what: string) =>
  z
    .string({ error: `Enter when ${what}.` })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `Enter when ${what}, e.g. 2026-05-01 09:00.`)
    .refine(dateExists, "That date doesn't exist.")
    .refine(inYearRange, yearRangeMessage);

// The party, address and contact schemas are shared with the browser (the booking wizard checks
// each step with the same rules and messages): they live in @myhibachi/shared.
export {
  addressSchema,
  allergiesSchema,
  contactSchema,
  dietaryProfileSchema,
  guestsSchema,
  notesSchema,
  postalCodeSchema,
  selectionSchema,
} from "@myhibachi/shared/booking-schemas";

export const idSchema = z.string().min(1).max(64);
export const tokenSchema = z.string().min(16).max(128).optional();
/** A party's size as one number (availability, chat holds). */
export { partySizeSchema as guestCountSchema } from "@myhibachi/shared/booking-schemas";

export const startMinuteSchema = z.number().int().min(0).max(1439, "Pick one of the times shown.");

/** Free-text search of a staff list. */
export const searchSchema = z
  .string()
  .trim()
  .max(100, "Search for at most 100 characters.")
  .optional();

type DateRange = { from: string; to: string };

/**
 * `from`..`to` (local dates, inclusive) of at most six weeks: a calendar window. `schema` is the
 * object of the two dates (`dateString`) and any other fields.
 */
export function withinSixWeeks<S extends z.ZodType<DateRange>>(schema: S): S {
  return schema
    .refine((v) => (v as DateRange).from <= (v as DateRange).to, {
      message: "The end date must be on or after the start date.",
      path: ["to"],
    })
    .refine(
      (v) => Date.parse((v as DateRange).to) - Date.parse((v as DateRange).from) <= 42 * 86400_000,
      { message: "Show at most six weeks at a time.", path: ["to"] },
    );
}

const capitalized = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

/** An amount of money in cents, $0 to $10,000: `label` as in "the price". */
export const centsSchema = (label: string) =>
  z
    .number({ error: `Enter ${label}.` })
    .int(`${capitalized(label)} must be in whole cents.`)
    .min(0, `${capitalized(label)} can't be negative.`)
    .max(1_000_000, `${capitalized(label)} looks too high (at most $10,000).`);

/** Trimmed text of `min` to `max` characters: `what` as in "a name". */
export const textSchema = (what: string, min: number, max: number) => {
  // Missing: "Enter a subject."; not text: "A subject must be text."; entered but too short: the
  // limit, not "Enter ..." (the owner did enter one). One sentence per field (the first problem).
  const s = z
    .string({
      error: (iss) =>
        iss.input === undefined || iss.input === null
          ? `Enter ${what}.`
          : `${capitalized(what)} must be text.`,
    })
    .trim();
  const entered = min > 0 ? s.min(1, `Enter ${what}.`) : s;
  const atLeast =
    min > 1
      ? entered.min(min, `${capitalized(what)} is too short (${min} characters at least).`)
      : entered;
  return atLeast.max(max, `${capitalized(what)} is too long (${max} characters at most).`);
};

/** How far ahead of our clock a `seenAt` may be (a client's clock a little fast). */
export const SEEN_AT_SKEW_MS = 5 * 60_000;
// The sentences name no field: which one is the error's `fields` (its path, "seenAt").
const seenAtMessage =
  "Send when you loaded the free times as an ISO 8601 date-time such as 2026-05-01T17:00:00Z (the time the availability answer was read), or as milliseconds since 1970.";

/**
 * When the customer's free times were loaded (the availability answer's `asOf`): a refused time
 * then says whether someone booked it since (only the wording depends on it). An ISO 8601
 * instant or epoch milliseconds, not in the future beyond a few minutes of clock skew.
 */
export const seenAtSchema = z
  .union(
    [
      z.iso.datetime({ offset: true, error: seenAtMessage }),
      z.number().int(seenAtMessage).min(0, seenAtMessage).max(8.64e15, seenAtMessage),
    ],
    { error: seenAtMessage },
  )
  .transform((v) => new Date(v))
  .refine((d) => !Number.isNaN(d.getTime()), seenAtMessage)
  .refine(
    (d) => d.getTime() <= Date.now() + SEEN_AT_SKEW_MS,
    "When you loaded the free times can't be in the future: send the time the availability answer was read, or leave it out.",
  )
  .meta({
    description:
      "When the free times shown were loaded (the availability answer's `asOf`), so a refused time can say whether it was taken since. Optional.",
    examples: ["2026-05-01T16:58:03.120Z"],
  });

const expectedStartsAtMessage =
  "Send the booking's start as you saw it as an ISO 8601 date-time such as 2026-12-19T02:00:00Z (the booking's `startsAt`), or leave it out.";

/**
 * The start of a booking as the customer saw it when they asked to move it (the booking's
 * `startsAt`): a booking moved since is refused instead of being moved again from a stale view.
 */
export const expectedStartsAtSchema = z.iso
  .datetime({ offset: true, error: expectedStartsAtMessage })
  .transform((v) => new Date(v))
  .refine((d) => !Number.isNaN(d.getTime()), expectedStartsAtMessage)
  .meta({
    description:
      "The booking's start as you last saw it (its `startsAt`). When the booking has moved since, the move is refused (409) and nothing changes. Optional; our pages always send it.",
    examples: ["2026-12-19T02:00:00.000Z"],
  });

/** Loyalty points to use on a booking: 100 points = $1 off the food, in steps of 100. */
export const redeemPointsSchema = z
  .number({ error: "Send the points to use as a whole number (100 points = $1 off)." })
  .int("Send the points to use as a whole number (100 points = $1 off).")
  .min(100, "Points are used in steps of 100 (100 points = $1 off).")
  .max(10_000_000, "That is more points than anyone has.")
  .multipleOf(100, "Points are used in steps of 100 (100 points = $1 off).")
  .meta({
    description:
      "Loyalty points to use (signed-in customer, own email): 100 points = $1 off the food after other discounts, in steps of 100.",
    examples: [1200],
  });

/** A single-use offer code from one of our emails ("SAVE-7K2QXA9M"); case doesn't matter. */
export const offerCodeSchema = z
  .string({ error: "Type the offer code from the email, or leave it out." })
  .trim()
  .min(1, "Type the offer code from the email, or leave it out.")
  .max(40, "That offer code is too long: copy it from the email.")
  .regex(
    /^[A-Za-z0-9-]+$/,
    "An offer code has only letters, digits and dashes: copy it from the email.",
  )
  .meta({ examples: ["SAVE-7K2QXA9M"] });
