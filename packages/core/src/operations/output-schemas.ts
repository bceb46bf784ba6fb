// Building blocks of operations' output schemas (REST validates its answers with them and the
// OpenAPI documents describe them). `run` returns Dates; a JSON surface sends them as ISO strings.
import { z } from "zod";

/** An instant: a Date from `run`, an ISO 8601 string ("2026-05-01T16:00:00.000Z") over JSON. */
export const instant = z
  .date()
  .meta({ format: "date-time", examples: ["2026-05-01T16:00:00.000Z"] });

export const cents = z.number().int().meta({ description: "An amount in US cents." });

export const BOOKING_STATUSES = [
  "HELD",
  "PENDING",
  "CONFIRMED",
  "COMPLETED",
  "CANCELLED",
  "EXPIRED",
] as const;

export const bookingStatusSchema = z.enum(BOOKING_STATUSES, {
  error: "Choose a booking status from the list.",
});

/** One line of an itemised price (quote or booking). */
export const priceLineOutput = z.object({
  code: z.string().meta({ examples: ["ADULTS"] }),
  label: z.string(),
  detail: z.string(),
  quantity: z.number().int(),
  unitCents: cents,
  totalCents: cents,
});

/** A party of ten, for the documents' example requests. */
export const exampleSelection = {
  packageSlug: "classic",
  adults: 10,
  children: 0,
  proteins: { chicken: 10, steak: 10 },
  extras: {},
};
