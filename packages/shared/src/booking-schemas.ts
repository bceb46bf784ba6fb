// The booking's input schemas that the browser needs too: the wizard checks each step with the
// same rules and messages as the server's operations (packages/core re-exports them from its
// schemas.ts). Limits a person can understand, messages they can act on.
import { z } from "zod/mini";

// In the browser, zod must not probe whether it may compile parsers with `new Function`: the
// site's Content-Security-Policy forbids eval, and the probe itself is reported as a violation.
// Set before the first schema below is built (zod decides per schema, when it is built); the
// server keeps zod's compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

// zod's tree-shakable "mini" form (functions instead of methods): these schemas are the part of
// zod the booking wizard ships to the browser, a few KB instead of the whole library. They are
// ordinary zod schemas: the server's operations (classic zod) compose them like any other.

const count = (what: string, max: number) =>
  z
    .number({ error: `Enter the number of ${what}.` })
    .check(
      z.int(`The number of ${what} must be a whole number.`),
      z.minimum(0, `The number of ${what} can't be negative.`),
      z.maximum(max, `That's too many ${what}: at most ${max}.`),
    );

export const guestsSchema = z.object({
  adults: count("adults", 500).check(z.minimum(1, "At least one adult must be at the party.")),
  children: z._default(count("children", 500), 0),
});

export const selectionSchema = z.extend(guestsSchema, {
  packageSlug: z.string().check(z.minLength(1, "Choose a package."), z.maxLength(60)),
  proteins: z
    .record(z.string().check(z.maxLength(60)), count("portions", 5000))
    .check(z.refine((r) => Object.keys(r).length <= 30, "Too many proteins.")),
  extras: z
    ._default(z.record(z.string().check(z.maxLength(60)), count("items", 500)), {})
    .check(z.refine((r) => Object.keys(r).length <= 40, "Too many extras.")),
});

export const postalCodeSchema = z
  .string({ error: "Enter the ZIP code of the party address." })
  .check(z.trim(), z.regex(/^\d{5}(-\d{4})?$/, "Enter a 5-digit ZIP code."));

export const addressSchema = z.object({
  line1: z
    .string()
    .check(
      z.trim(),
      z.minLength(3, "Enter the street address."),
      z.maxLength(200, "The street address is too long (200 characters at most)."),
    ),
  line2: z.nullish(
    z
      .string()
      .check(z.trim(), z.maxLength(200, "Address line 2 is too long (200 characters at most).")),
  ),
  city: z
    .string()
    .check(
      z.trim(),
      z.minLength(2, "Enter the city."),
      z.maxLength(100, "The city name is too long."),
    ),
  state: z
    .string()
    .check(z.trim(), z.regex(/^[A-Za-z]{2}$/, "Use the 2-letter state code, e.g. CA.")),
  postalCode: postalCodeSchema,
});

const digits = (p: string) => p.replace(/\D/g, "").length;

export const contactSchema = z.object({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(2, "Enter your name."),
      z.maxLength(100, "Your name is too long (100 characters at most)."),
    ),
  email: z.pipe(
    z.string().check(z.trim(), z.maxLength(254, "That email address is too long.")),
    z.email("Enter a valid email address."),
  ),
  phone: z.string().check(
    z.trim(),
    z.maxLength(30, "That phone number is too long."),
    z.refine((p) => digits(p) >= 10 && digits(p) <= 15, "Enter a phone number with area code."),
  ),
});

export const notesSchema = z.nullish(
  z.string().check(z.trim(), z.maxLength(1000, "Notes are too long (1000 characters at most).")),
);

export const allergiesSchema = z.nullish(
  z
    .string()
    .check(z.trim(), z.maxLength(500, "Allergies and dietary needs: at most 500 characters.")),
);
