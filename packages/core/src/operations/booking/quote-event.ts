import { z } from "zod";
import { quoteFor } from "../../booking/create-booking";
import {
  contactSchema,
  offerCodeSchema,
  postalCodeSchema,
  redeemPointsSchema,
  selectionSchema,
} from "../../schemas";
import { anyone } from "../access";
import { defineOperation } from "../define";
import { withCodeGuessLimit } from "./deps";
import { cents, exampleSelection, priceLineOutput } from "../output-schemas";

export const quoteEventInput = z
  .object({
    selection: selectionSchema,
    postalCode: postalCodeSchema,
    /** A single-use offer code from a campaign email: an explained line off the food. */
    offerCode: offerCodeSchema.optional(),
    /** Loyalty points to use (signed in): a POINTS line off the food. */
    redeemPoints: redeemPointsSchema.optional(),
    /**
     * The booking's contact email, once known (the wizard's review step): the offer code is then
     * checked as the booking will check it (someone else's personal code, one's own referral code,
     * a referral code on a repeat booking are refused with the booking's sentence). Without it a
     * visitor's quote can't know who uses the code: its line then says who it is for.
     */
    contactEmail: contactSchema.shape.email.optional(),
  })
  .meta({
    examples: [
      {
        selection: exampleSelection,
        postalCode: "95125",
      },
    ],
  });

/** A priced party (quoteEvent's answer). */
export const quoteEventOutput = z.object({
  lines: z.array(priceLineOutput),
  subtotalCents: cents,
  travelFeeCents: cents,
  taxCents: cents,
  totalCents: cents,
  depositCents: cents,
  balanceCents: cents,
  /** Suggested, not included in the total. */
  suggestedGratuityCents: cents,
  guests: z.number().int(),
  proteinPortions: z.number().int(),
  /** The travel zone, and the city and state of the ZIP ("" when the service area doesn't say). */
  zone: z.object({
    name: z.string(),
    distanceMiles: z.number(),
    city: z.string(),
    state: z.string(),
  }),
  /**
   * A signed-in customer's points (null for anyone else): the balance (the ledger's sum, now),
   * the most this party can use (whole dollars of the food after other discounts, at most the
   * balance, in steps of 100) and the rate.
   */
  points: z
    .object({
      balance: z.number().int(),
      maxRedeemable: z.number().int(),
      pointsPerDollar: z.number().int(),
    })
    .nullable(),
});

/** The itemised price of a party: food, upgrades, extras, minimum, travel fee, tax, deposit. */
export const quoteEventOp = defineOperation({
  name: "quoteEvent",
  kind: "query",
  summary: "Price a party: itemised lines, travel fee for the ZIP, tax, deposit and balance.",
  input: quoteEventInput,
  output: quoteEventOutput,
  access: anyone,
  async run(ctx, input) {
    const { member: _m, ...quote } = await withCodeGuessLimit(
      ctx,
      input.offerCode,
      () =>
        quoteFor(ctx.db, input, {
          cache: ctx.cache,
          user: ctx.caller.user,
          now: ctx.now(),
        }),
      input.contactEmail,
    );
    return quote;
  },
});
