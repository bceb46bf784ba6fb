// The booking's input schemas that the browser needs too: the wizard checks each step with the
// same rules and messages as the server's operations (packages/core re-exports them from its
// schemas.ts). Limits a person can understand, messages they can act on.
import { z } from "./zod";
import {
  MAX_PARTY_SIZE,
  notOnMenuMessage,
  unnamedMenuItemMessage,
  type MenuMapKind,
} from "./party";
import { phoneProblem } from "./phone";
import { DIETS, MAJOR_ALLERGENS } from "./allergens";
import { PROFILE_LIKES } from "./diet-profile";
import { ALLERGIES_MAX, NOTES_MAX } from "./text-limits";

/**
 * A count of `what` from 0 to `max`, in words whatever arrives: nothing, text ("12": JSON numbers
 * are numbers on every surface, never read from text), a number too large for JSON (1e400 reads
 * as Infinity), a fraction. `tooMany` is said above `max`.
 */
const count = (what: string, max: number, tooMany = `That's too many ${what}: at most ${max}.`) => {
  const negative = `The number of ${what} can't be negative.`;
  return z
    .number({
      error: (iss) =>
        typeof iss.input === "string"
          ? `Enter the number of ${what} as a number, like 12, not as text.`
          : iss.input === Infinity
            ? tooMany
            : iss.input === -Infinity
              ? negative
              : `Enter the number of ${what}.`,
    })
    .int({
      // Past 2^53 a number is not a safe whole number: too many (or too negative), not a fraction.
      error: (iss) =>
        iss.code === "too_big"
          ? tooMany
          : iss.code === "too_small"
            ? negative
            : `The number of ${what} must be a whole number.`,
    })
    .min(0, negative)
    .max(max, tooMany);
};

/**
 * Guests of one kind. The schema only stops counts no booking could ever have (above
 * MAX_PARTY_SIZE); the business's own maximum, lower, is the quote engine's rule, with its
 * message ("We can cook for up to N guests in one booking...").
 */
const guestCount = (what: string) =>
  count(
    what,
    MAX_PARTY_SIZE,
    `That's too many ${what} for one booking. For a bigger party, please contact us.`,
  );

/** A party's size as one number (availability, chat holds). */
export const partySizeSchema = guestCount("guests").min(1, "At least 1 guest.");

export const guestsSchema = z.object({
  adults: guestCount("adults").min(1, "At least one adult must be at the party."),
  children: guestCount("children").default(0),
});

/**
 * Counts by menu item name (slug): the proteins or the extras of a selection. A name that is
 * empty or too long to be on any menu is refused in words here; one that is simply not on the
 * menu, by the quote engine in the same words. (A key "__proto__", which zod would drop without
 * a word, never gets this far: `findUnsafeText` refuses it wherever a request's input arrives.)
 */
function countsByName(kind: MenuMapKind, value: z.ZodType<number>, maxKeys: number) {
  const name = z
    .string()
    .max(60, { error: (iss) => notOnMenuMessage(kind, `${String(iss.input).slice(0, 40)}…`) })
    .check((ctx) => {
      if (ctx.value === "")
        ctx.issues.push({ code: "custom", message: unnamedMenuItemMessage(kind), input: "" });
    });
  return z
    .record(name, value)
    .refine(
      (r) => Object.keys(r).length <= maxKeys,
      kind === "proteins" ? "Too many proteins." : "Too many extras.",
    );
}

export const selectionSchema = guestsSchema.extend({
  packageSlug: z.string().min(1, "Choose a package.").max(60),
  proteins: countsByName("proteins", count("portions", 5000), 30),
  extras: countsByName("extras", count("items", MAX_PARTY_SIZE), 40).default({}),
});

export const postalCodeSchema = z
  .string({ error: "Enter the ZIP code of the party address." })
  .trim()
  .regex(/^\d{5}(-\d{4})?$/, "Enter a 5-digit ZIP code.");

/**
 * Bidirectional control characters (embeddings, overrides, isolates) taken out of what people
 * type: "Gate code \u202E4321" would otherwise show as "1234" on the prep sheet and in emails
 * (attack R6-11). Ordinary right-to-left text (Arabic, Hebrew) is kept; only the invisible
 * controls go.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
export const withoutBidiControls = (s: string) => s.replace(BIDI_CONTROLS, "");
/** Free text typed by a person: controls out, then trimmed. */
const typed = () => z.string().overwrite(withoutBidiControls).trim();

export const addressSchema = z.object({
  line1: typed()
    .min(3, "Enter the street address.")
    .max(200, "The street address is too long (200 characters at most)."),
  line2: typed().max(200, "Address line 2 is too long (200 characters at most).").nullish(),
  city: typed().min(2, "Enter the city.").max(100, "The city name is too long."),
  state: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, "Use the 2-letter state code, e.g. CA."),
  postalCode: postalCodeSchema,
});

export const contactSchema = z.object({
  name: typed()
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
    .superRefine((p, ctx) => {
      const problem = phoneProblem(p);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
});

export const notesSchema = typed()
  .max(NOTES_MAX, `Notes are too long (${NOTES_MAX} characters at most).`)
  .nullish();

export const allergiesSchema = typed()
  .max(ALLERGIES_MAX, `Allergies and dietary needs: at most ${ALLERGIES_MAX} characters.`)
  .nullish();

/**
 * A party's dietary profile (issue 16): the allergens some guests avoid and the diets some keep,
 * each with how many guests (null: not said), and soft likes. The wizard's allergies step sends
 * it; chat extraction produces it. A guest count above the party is the quote engine's refusal.
 */
const profileNeed = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.object({
    value: z.enum(values, { error: `Choose ${what} from the list.` }),
    guests: count("guests", MAX_PARTY_SIZE).min(1, "At least 1 guest.").nullable().default(null),
  });
export const dietaryProfileSchema = z.object({
  avoid: z
    .array(profileNeed(MAJOR_ALLERGENS, "an allergen"))
    .max(MAJOR_ALLERGENS.length)
    .refine((a) => new Set(a.map((n) => n.value)).size === a.length, "Each allergen once.")
    .default([]),
  diets: z
    .array(profileNeed(DIETS, "a diet"))
    .max(DIETS.length)
    .refine((a) => new Set(a.map((n) => n.value)).size === a.length, "Each diet once.")
    .default([]),
  likes: z.array(z.enum(PROFILE_LIKES)).max(PROFILE_LIKES.length).default([]),
});
