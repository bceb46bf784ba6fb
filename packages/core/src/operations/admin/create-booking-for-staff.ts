// Staff enter a booking taken by phone: the same booking as online (availability, the quote
// engine, chef assignment, idempotency, the ZIP's state, and the loyalty tier of the customer
// whose account the contact email is), CONFIRMED at once (see
// `CreateBookingInput.staff` for why), with no customer rate limit, no confirmation email
// round-trip and no "waiting for you" notice to staff; the customer gets their booking email.
import { z } from "zod";
import { createBooking, quoteFor } from "../../booking/create-booking";
import { createBookingInput } from "../booking/create-booking";
import { staff } from "../access";
import { defineOperation } from "../define";
import { getMenuOp } from "../catalog/get-menu";
import { availabilityWithin, findAvailabilityOp } from "../booking/find-availability";
import { memberForEmail } from "../../loyalty/customer";
import { bookingWindowOf } from "../../loyalty/tiers";
import { quoteEventInput, quoteEventOutput } from "../booking/quote-event";
import { bookingStatusSchema, cents, instant } from "../output-schemas";
import { bookingDeps } from "../booking/deps";

/**
 * No `smsConsent`: consent to marketing texts is the customer's own act (the booking form's box, or
 * START by text), not something staff tick for them on a call. No `redeemPoints`: points are the
 * customer's to spend, signed in (docs/LOYALTY.md).
 */
export const createBookingForStaffInput = createBookingInput.omit({
  seenAt: true,
  smsConsent: true,
  redeemPoints: true,
});

export const createBookingForStaffOp = defineOperation({
  name: "createBookingForStaff",
  kind: "mutation",
  summary:
    "Staff book a party taken by phone: confirmed at once, the customer is emailed their booking; idempotent per key.",
  input: createBookingForStaffInput,
  output: z.object({
    id: z.string(),
    code: z.string(),
    status: bookingStatusSchema,
    startsAt: instant,
    totalCents: cents,
    /** True when this answers a retry with the same idempotency key (nothing new was booked). */
    replayed: z.boolean(),
  }),
  access: staff,
  async run(ctx, input, user) {
    const created = await createBooking(
      ctx.db,
      { ...input, user: null, source: "ADMIN", staff: { userId: user.id } },
      bookingDeps(ctx),
    );
    return {
      id: created.id,
      code: created.code,
      status: created.status,
      startsAt: created.startsAt,
      totalCents: created.totalCents,
      replayed: created.replayed,
    };
  },
});

// The booking form's reads (menu, free times, live quote) are the customer site's operations,
// unchanged, for staff only: every admin procedure refuses the public.

/** The menu and business terms for the staff booking form (the customer site's getMenu). */
export const getMenuForStaffOp = defineOperation({
  name: "getMenuForStaff",
  kind: "query",
  summary: "The bookable menu, zones and terms, for staff entering a booking.",
  output: getMenuOp.output,
  access: staff,
  run: (ctx) => getMenuOp.run(ctx, undefined, undefined),
});

/** Free dates and start times for a party, for staff entering a booking (findAvailability). */
export const findAvailabilityForStaffOp = defineOperation({
  name: "findAvailabilityForStaff",
  kind: "query",
  summary: "Free dates and start times for a party and ZIP, for staff entering a booking.",
  input: findAvailabilityOp.input.extend({
    email: z.string().max(254).optional().meta({
      description:
        "The booking's contact email: when a customer account with this email has a tier that books further ahead (priority booking), the free times go as far as that customer may book. Left out or unknown: the business's window.",
    }),
  }),
  output: findAvailabilityOp.output,
  access: staff,
  // The window the booking will be checked with: that of the contact email's customer account.
  run: async (ctx, { email, ...input }) =>
    availabilityWithin(ctx, input, async (days) =>
      bookingWindowOf(days, (await memberForEmail(ctx.db, email))?.loyalty),
    ),
});

/**
 * The live quote of the staff booking form: the engine the booking uses, priced with the tier of
 * the customer whose account the contact email is (as they are priced online signed in, and as
 * `createBookingForStaff` prices the booking), and whose tier that is.
 */
export const quoteEventForStaffOp = defineOperation({
  name: "quoteEventForStaff",
  kind: "query",
  summary:
    "Price a party (itemised, with travel, tax and deposit) for staff entering a booking, with the loyalty tier of the customer whose account the contact email is.",
  input: quoteEventInput.omit({ redeemPoints: true }).extend({
    email: z.string().max(254).optional().meta({
      description:
        "The booking's contact email: the customer account with this email (case aside) prices the quote with its loyalty tier and perks. Left out or unknown: no tier.",
    }),
  }),
  output: quoteEventOutput.extend({
    member: z
      .object({ name: z.string(), tierName: z.string(), discountBps: z.number().int() })
      .nullable()
      .meta({
        description:
          "The customer whose tier priced the quote (the contact email's account); null: none.",
      }),
  }),
  access: staff,
  async run(ctx, input) {
    const { email, ...rest } = input;
    const q = await quoteFor(ctx.db, rest, {
      cache: ctx.cache,
      now: ctx.now(),
      memberEmail: email ?? null,
    });
    return {
      ...q,
      member: q.member
        ? {
            name: q.member.name,
            tierName: q.member.loyalty.tierName,
            discountBps: q.member.loyalty.discountBps,
          }
        : null,
    };
  },
});
