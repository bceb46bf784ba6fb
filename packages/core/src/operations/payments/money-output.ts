// Output schemas of the balance and receipt operations (the money lines: output-schemas.ts).
import { z } from "zod";
import { cents, instant } from "../output-schemas";

export const receiptRefOutput = z.object({
  id: z.string(),
  kind: z.enum(["payment", "refund"]),
  number: z.string(),
  label: z.string(),
  amountCents: cents,
  issuedAt: instant,
});

export const tipOptionOutput = z.object({
  bps: z.number().int(),
  label: z.string(),
  cents,
  suggested: z.boolean(),
});

/** The tip a customer picks on the balance page. */
export const tipChoiceInput = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("none") }),
    z.object({
      kind: z.literal("percent"),
      bps: z
        .number({ error: "Choose one of the tips offered." })
        .int("Choose one of the tips offered.")
        .min(1, "Choose one of the tips offered.")
        .max(10_000, "Choose one of the tips offered."),
    }),
    z.object({
      kind: z.literal("custom"),
      cents: z
        .number({ error: "Enter the tip in dollars and cents." })
        .int("Enter the tip in whole cents.")
        .min(0, "A tip can't be negative.")
        .max(500_000, "A custom tip can be at most $5,000 online."),
    }),
  ],
  { error: "Choose no tip, one of the percentages offered, or an amount of your own." },
);
