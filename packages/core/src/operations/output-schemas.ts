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

/** The money lines of a booking (payments/money.ts `bookingMoney`). */
export const bookingMoneyOutput = z.object({
  mode: z.enum(["stripe", "pay_at_event"]),
  lines: z.array(
    z.object({
      kind: z.enum([
        "pay_at_event",
        "deposit_due",
        "deposit_paid",
        "balance_due",
        "balance_paid",
        "tip_paid",
        "refunded",
        "refund_pending",
        "refund_failed",
        "disputed",
        "owed_back",
        "nothing_charged",
      ]),
      label: z.string(),
      amountCents: cents.nullable(),
      at: instant.nullable(),
      date: z.string().nullable(),
      method: z.enum(["STRIPE", "CASH", "CARD_IN_PERSON"]).optional(),
    }),
  ),
  headline: z.string(),
  paidCents: cents,
  tipCents: cents,
  refundedCents: cents,
  refundPendingCents: cents,
  /** paidCents - refundedCents (tips in, pending refunds not taken off): not balance-due math. */
  paidLessRefundedCents: cents,
  depositPaid: z.boolean(),
  depositPaidAt: instant.nullable(),
  balanceDueCents: cents,
  /** Paid above the total (a change lowered it), not yet refunded: owed back, tips apart. */
  owedBackCents: cents,
  nothingCharged: z.boolean(),
});

/** A payment as staff see it (admin booking page), with what can still be refunded. */
export const staffPaymentOutput = z.object({
  id: z.string(),
  kind: z.enum(["DEPOSIT", "BALANCE"]),
  method: z.enum(["STRIPE", "CASH", "CARD_IN_PERSON"]),
  status: z.enum(["PENDING", "SUCCEEDED", "FAILED", "CANCELED"]),
  amountCents: cents,
  tipCents: cents,
  refundedCents: cents,
  refundableCents: cents,
  paidAt: instant.nullable(),
  failureMessage: z.string().nullable(),
  createdAt: instant,
});

const profileNeedOutput = z.object({
  value: z.string(),
  /** How many guests (null: not said). */
  guests: z.number().int().nullable(),
});
/** A party's dietary profile (issue 16): allergens avoided, diets kept, soft likes. */
export const dietaryProfileOutput = z.object({
  avoid: z.array(profileNeedOutput),
  diets: z.array(profileNeedOutput),
  likes: z.array(z.string()),
});
