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

const count = (what: string, max: number) =>
  z
    .number({ error: `Enter the number of ${what}.` })
    .int(`The number of ${what} must be a whole number.`)
    .min(0, `The number of ${what} can't be negative.`)
    .max(max, `That's too many ${what}: at most ${max}.`);

export const guestsSchema = z.object({
  adults: count("adults", 500).min(1, "At least one adult must be at the party."),
  children: count("children", 500).default(0),
});

export const selectionSchema = guestsSchema.extend({
  packageSlug: z.string().min(1, "Choose a package.").max(60),
  proteins: z
    .record(z.string().max(60), count("portions", 5000))
    .refine((r) => Object.keys(r).length <= 30, "Too many proteins."),
  extras: z
    .record(z.string().max(60), count("items", 500))
    .default({})
    .refine((r) => Object.keys(r).length <= 40, "Too many extras."),
});

export const postalCodeSchema = z
  .string({ error: "Enter the ZIP code of the party address." })
  .trim()
  .regex(/^\d{5}(-\d{4})?$/, "Enter a 5-digit ZIP code.");

export const addressSchema = z.object({
  line1: z
    .string()
    .trim()
    .min(3, "Enter the street address.")
    .max(200, "The street address is too long (200 characters at most)."),
  line2: z
    .string()
    .trim()
    .max(200, "Address line 2 is too long (200 characters at most).")
    .nullish(),
  city: z.string().trim().min(2, "Enter the city.").max(100, "The city name is too long."),
  state: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, "Use the 2-letter state code, e.g. CA."),
  postalCode: postalCodeSchema,
});

export const contactSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Enter your name.")
    .max(100, "Your name is too long (100 characters at most)."),
  email: z
    .string()
    .trim()
    .max(254, "That email address is too long.")
    .pipe(z.email("Enter a valid email address.")),
  phone: z
    .string()
    .trim()
    .max(30, "That phone number is too long.")
    .refine(
      (p) => p.replace(/\D/g, "").length >= 10 && p.replace(/\D/g, "").length <= 15,
      "Enter a phone number with area code.",
    ),
});

export const idSchema = z.string().min(1).max(64);
export const tokenSchema = z.string().min(16).max(128).optional();
/** A party's size as one number (availability, chat holds). */
export const guestCountSchema = z
  .number()
  .int("Guests must be a whole number.")
  .min(1, "At least 1 guest.")
  .max(500, "That's too many guests.");

export const startMinuteSchema = z.number().int().min(0).max(1439, "Pick one of the times shown.");

export const notesSchema = z
  .string()
  .trim()
  .max(1000, "Notes are too long (1000 characters at most).")
  .nullish();

export const allergiesSchema = z
  .string()
  .trim()
  .max(500, "Allergies and dietary needs: at most 500 characters.")
  .nullish();

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
export const textSchema = (what: string, min: number, max: number) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(min, `Enter ${what}.`)
    .max(max, `${capitalized(what)} is too long (${max} characters at most).`);
