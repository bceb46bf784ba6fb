import { z } from "zod";
import { createBooking } from "../../booking/create-booking";
import {
  addressSchema,
  contactSchema,
  dateString,
  allergiesSchema,
  dietaryProfileSchema,
  notesSchema,
  offerCodeSchema,
  redeemPointsSchema,
  seenAtSchema,
  selectionSchema,
  startMinuteSchema,
} from "../../schemas";
import { anyone } from "../access";
import { defineOperation } from "../define";
import { bookingStatusSchema, cents, exampleSelection, instant } from "../output-schemas";
import { bookingDeps, clientOf, withCodeGuessLimit } from "./deps";
import { linkSessionToBooking } from "../../recommendations/store";
import { sessionKeySchema } from "../recommendations/schemas";

export const createBookingInput = z
  .object({
    idempotencyKey: z
      .string({ error: "Send a request id: a fresh random id per booking." })
      .min(8, "The request id needs at least 8 characters: use a fresh random id.")
      .max(100, "The request id is too long: at most 100 characters."),
    date: dateString,
    startMinute: startMinuteSchema,
    selection: selectionSchema,
    address: addressSchema,
    contact: contactSchema,
    notes: notesSchema,
    allergies: allergiesSchema,
    /**
     * Who avoids what, the diets kept, likes ("2 guests avoid shellfish"): shown to staff on the
     * booking, prep and run sheets. A count above the party's guests is refused (400). A
     * signed-in customer's (or staff's, by phone) is merged into the customer's saved profile.
     */
    dietaryProfile: dietaryProfileSchema.nullish(),
    seenAt: seenAtSchema.optional(),
    /** A single-use offer code from a campaign email: priced as a line, redeemed by this booking. */
    offerCode: offerCodeSchema.optional(),
    /**
     * Loyalty points to use (a signed-in customer with a confirmed email, booking with it): 100
     * points = $1 off the food after other discounts. Refused with 409 when the balance no
     * longer has them (spent on another booking meanwhile).
     */
    redeemPoints: redeemPointsSchema.optional(),
    /**
     * The customer agrees to texts about the booking and offers ("reply STOP to opt out"): SMS
     * consent for the contact phone, recorded with source "booking-form". Absent or false: none.
     */
    smsConsent: z.boolean().optional(),
    /** The wizard visit's suggestion session (suggestForSelection): links it to this booking. */
    suggestionSessionKey: sessionKeySchema.optional(),
  })
  .meta({
    examples: [
      {
        idempotencyKey: "3f1c9a6e-2b7d-4c1e-9a55-0d8e7f6a1b2c",
        date: "2026-06-27",
        startMinute: 1020,
        selection: exampleSelection,
        address: { line1: "123 Maple Ave", city: "San Jose", state: "CA", postalCode: "95125" },
        contact: { name: "Dana Lee", email: "dana@example.com", phone: "(408) 555-0199" },
        notes: "Gate code 1234",
        allergies: "One guest avoids shellfish",
        dietaryProfile: { avoid: [{ value: "shellfish", guests: 1 }], diets: [], likes: [] },
        seenAt: "2026-05-01T16:58:03.120Z",
      },
    ],
  });

/**
 * Books a party. Made online, the time is held until the customer confirms from the emailed link
 * (a signed-in customer whose verified email is the contact email has nothing to confirm). A
 * retry with the same idempotency key returns the first booking.
 */
export const createBookingOp = defineOperation({
  name: "createBooking",
  kind: "mutation",
  summary: "Book a party (held until confirmed from the emailed link); idempotent per key.",
  input: createBookingInput,
  output: z.object({
    id: z.string(),
    code: z.string(),
    /** The manage token: keep it secret (it is the booking's link). */
    token: z.string(),
    status: bookingStatusSchema,
    /** The time is held until then, unless confirmed from the emailed link. */
    holdExpiresAt: instant.nullable(),
    totalCents: cents,
    /** True when this answers a retry with the same idempotency key (nothing new was booked). */
    replayed: z.boolean(),
    /** "STRIPE": the deposit is paid online (checkoutUrl) to confirm; "PAY_AT_EVENT": nothing online. */
    paymentMode: z.enum(["STRIPE", "PAY_AT_EVENT"]),
    /** Stripe mode: the secure Stripe page where the deposit is paid (null: open it from the booking page). */
    checkoutUrl: z.string().nullable(),
  }),
  access: anyone,
  async run(ctx, input) {
    const user = ctx.caller.user;
    const created = await withCodeGuessLimit(
      ctx,
      input.offerCode,
      () =>
        createBooking(
          ctx.db,
          { ...input, user, source: "WEB", client: clientOf(ctx) },
          bookingDeps(ctx),
        ),
      input.contact.email,
    );
    await linkSessionToBooking(ctx.db, input.suggestionSessionKey, created.id, ctx.armSecret);
    return {
      id: created.id,
      code: created.code,
      token: created.accessToken,
      status: created.status,
      holdExpiresAt: created.holdExpiresAt,
      totalCents: created.totalCents,
      replayed: created.replayed,
      paymentMode: created.paymentMode,
      checkoutUrl: created.checkoutUrl ?? null,
    };
  },
});
