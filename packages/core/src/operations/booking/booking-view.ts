import { z } from "zod";
import { bookingStatusSchema, cents, instant, priceLineOutput } from "../output-schemas";
import type { bookingWithDetails } from "../../booking/manage-booking";
import { linkShowsDetails } from "../../booking/links";

type BookingDetails = Awaited<ReturnType<typeof bookingWithDetails>>;

/**
 * The booking as the customer sees it. Through a link (`viaLink`), a booking that is no longer
 * live (cancelled, expired) shows only a read-only summary: no address, contact or notes.
 */
export function customerBookingView(b: BookingDetails, opts: { viaLink?: boolean } = {}) {
  const full = bookingDetailsView(b);
  if (!opts.viaLink || linkShowsDetails(b)) return { ...full, readOnly: false };
  return {
    ...full,
    readOnly: true,
    address: { line1: null, line2: null, city: b.city, state: b.state, postalCode: b.postalCode },
    contact: { name: null, email: null, phone: null },
    notes: null,
    allergies: null,
    kitchenOrder: {
      ...full.kitchenOrder,
      allergies: null,
      dietaryNeeds: null,
      warnings: [],
      notes: null,
    },
  };
}

function bookingDetailsView(b: BookingDetails) {
  return {
    id: b.id,
    code: b.code,
    status: b.status,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    timeZone: b.timeZone,
    adults: b.adults,
    children: b.children,
    packageName: b.package.name,
    address: {
      line1: b.addressLine1 as string | null,
      line2: b.addressLine2,
      city: b.city,
      state: b.state,
      postalCode: b.postalCode,
    },
    contact: {
      name: b.contactName as string | null,
      email: b.contactEmail as string | null,
      phone: b.contactPhone as string | null,
    },
    notes: b.notes,
    allergies: b.allergies,
    kitchenOrder: b.kitchenOrder,
    lines: b.lines.map((l) => ({
      code: l.code,
      label: l.label,
      detail: l.detail,
      quantity: l.quantity,
      unitCents: l.unitCents,
      totalCents: l.totalCents,
    })),
    subtotalCents: b.subtotalCents,
    travelFeeCents: b.travelFeeCents,
    taxCents: b.taxCents,
    totalCents: b.totalCents,
    depositCents: b.depositCents,
    balanceCents: b.balanceCents,
    holdExpiresAt: b.holdExpiresAt,
    cancelledAt: b.cancelledAt,
    cancelReason: b.cancelReason,
    refundCents: b.refundCents,
    chefs: b.chefs.map((c) => c.chef.name),
    createdAt: b.createdAt,
  };
}

const nullableText = z.string().nullable();

const kitchenLine = z.object({ slug: z.string(), name: z.string(), count: z.number().int() });
export const kitchenOrderOutput = z.object({
  packageName: z.string(),
  adults: z.number().int(),
  children: z.number().int(),
  proteins: z.array(kitchenLine.extend({ upgrade: z.boolean() })),
  extras: z.array(kitchenLine.extend({ unit: z.enum(["serving", "order"]) })),
  allergies: nullableText,
  /** The party's dietary profile in one line ("2 guests avoid shellfish · 1 vegetarian"). */
  dietaryNeeds: nullableText,
  /**
   * One line per ordered dish the party's own dietary profile rules out for some guests ("⚠ Jumbo
   * tiger shrimp (12) contains shellfish: 12 guests avoid shellfish"); empty when none.
   */
  warnings: z.array(z.string()),
  notes: nullableText,
});

/** The schema of `customerBookingView` (a read-only summary nulls the private fields). */
export const customerBookingViewOutput = z.object({
  id: z.string(),
  code: z.string(),
  status: bookingStatusSchema,
  startsAt: instant,
  endsAt: instant,
  timeZone: z.string(),
  adults: z.number().int(),
  children: z.number().int(),
  packageName: z.string(),
  address: z.object({
    line1: nullableText,
    line2: nullableText,
    city: nullableText,
    state: nullableText,
    postalCode: z.string(),
  }),
  contact: z.object({ name: nullableText, email: nullableText, phone: nullableText }),
  notes: nullableText,
  allergies: nullableText,
  /** What the chef cooks: proteins per type, extras, allergies and notes (one shape everywhere). */
  kitchenOrder: kitchenOrderOutput,
  lines: z.array(priceLineOutput.extend({ detail: nullableText })),
  subtotalCents: cents,
  travelFeeCents: cents,
  taxCents: cents,
  totalCents: cents,
  depositCents: cents,
  balanceCents: cents,
  holdExpiresAt: instant.nullable(),
  cancelledAt: instant.nullable(),
  cancelReason: nullableText,
  refundCents: cents.nullable(),
  chefs: z.array(z.string()),
  createdAt: instant,
  /** A cancelled or expired booking seen through its link: a summary without private details. */
  readOnly: z.boolean(),
});
