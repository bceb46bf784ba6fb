import { z } from "zod";
import { SURFACES } from "../../recommendations/store";

/** A browser-made random key per wizard visit (kept in its draft), a chat's or a reminder's. */
export const sessionKeySchema = z
  .string({ error: "Send the suggestion session key." })
  .regex(
    /^[A-Za-z0-9_-]{16,64}$/,
    "The suggestion session key is 16 to 64 letters, digits, dashes or underscores.",
  );

export const surfaceSchema = z.enum(SURFACES, {
  error: `Say where the suggestion is shown: ${SURFACES.join(", ")}.`,
});

export const ruleSlugSchema = z
  .string({ error: "Name the rule." })
  .trim()
  .min(1, "Name the rule.")
  .max(80, "A rule's name is at most 80 characters.")
  .regex(/^[a-z0-9-]+$/, "A rule's short name is lowercase letters, digits and dashes.");
