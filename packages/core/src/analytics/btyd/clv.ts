/**
 * Customer lifetime value over a horizon: expected bookings (BG/NBD or MBG/NBD) month by month,
 * times the expected value of a booking (Gamma-Gamma), discounted monthly (lifetimes'
 * `customer_lifetime_value`), and the owner's segments with what to do for each.
 */
import type { BgNbdParams, ClvSegment, CustomerClv, GammaGammaParams, RfmRow } from "../types";
import { type BtydModel, expectedPurchases, probabilityAlive } from "./bgnbd";
import { expectedAverageValue } from "./gammaGamma";
import { type TimeUnit, unitDays } from "./summary";

export interface ClvFits {
  /** The purchase model and its parameters. */
  model: BtydModel;
  params: BgNbdParams;
  gammaGamma: GammaGammaParams;
}

export interface ClvOptions {
  horizonMonths?: number;
  monthlyDiscount?: number;
  unit: TimeUnit;
  /** Share of the customers (by CLV) in the high and medium segments; default 0.2 and 0.3. */
  highShare?: number;
  mediumShare?: number;
  /** A one-time customer expected to book fewer times than this in the horizon is 'low'. Default 0.5. */
  oneTimeMinBookings?: number;
}

export const DAYS_PER_MONTH = 365.25 / 12;

export interface SegmentActions {
  segment: ClvSegment;
  title: string;
  actions: string[];
}

/**
 * What the owner does for each segment. A segment is the customer's expected value over the next
 * 12 months (the top 20 % by CLV, the next 30 %, the rest), not their past: a customer whose first
 * party was last week is expected to book again more than one silent for a year (recent customers
 * are the likeliest to come back), so they can be "high"; a regular who stopped booking a year ago
 * can be "low". The actions say so rather than assume "high" means a loyal regular and "low" a
 * one-time customer; win-back offers come from the churn-risk list, not from here.
 */
export const SEGMENT_ACTIONS: Readonly<Record<ClvSegment, SegmentActions>> = {
  high: {
    segment: "high",
    title: "High expected value",
    actions: [
      "Invite them to loyalty early (new customers included: their next months decide whether they come back)",
      "Send a personal thank-you after their party",
      "Offer priority dates to the regulars among them",
    ],
  },
  medium: {
    segment: "medium",
    title: "Medium expected value",
    actions: [
      "Offer a targeted upsell (add-ons, a bigger party)",
      "Ask for a review",
      "Invite them to the referral programme",
    ],
  },
  low: {
    segment: "low",
    title: "Low expected value",
    actions: [
      "Ask for a review and a referral",
      "No extra spending from this page: a lapsed repeat customer gets the churn-risk offer (see Churn risk), a one-time customer the re-engagement emails",
    ],
  },
};

/** CLV of every customer, with segments (top 20% high, next 30% medium, rest low by default). */
export function customerClv(
  rows: readonly RfmRow[],
  fits: ClvFits,
  options: ClvOptions,
): CustomerClv[] {
  const horizon = options.horizonMonths ?? 12;
  const discount = options.monthlyDiscount ?? 0.01;
  const unitsPerMonth = DAYS_PER_MONTH / unitDays(options.unit);
  const minBookings = options.oneTimeMinBookings ?? 0.5;
  const out: CustomerClv[] = rows.map((row) => {
    const value = expectedAverageValue(fits.gammaGamma, row);
    let previous = 0;
    let clv = 0;
    for (let month = 1; month <= horizon; month++) {
      const cumulative = expectedPurchases(fits.model, fits.params, row, month * unitsPerMonth);
      clv += (value * (cumulative - previous)) / (1 + discount) ** month;
      previous = cumulative;
    }
    return {
      id: row.id,
      expectedBookings: previous,
      expectedValue: value,
      clv,
      pAlive: probabilityAlive(fits.model, fits.params, row),
      segment: "low",
    };
  });
  const order = out.map((_, i) => i).sort((i, j) => (out[j]?.clv ?? 0) - (out[i]?.clv ?? 0));
  const highCut = Math.ceil(out.length * (options.highShare ?? 0.2));
  const mediumCut = highCut + Math.ceil(out.length * (options.mediumShare ?? 0.3));
  order.forEach((i, rank) => {
    const c = out[i];
    const row = rows[i];
    if (!c || !row) return;
    const oneTimeLow = row.frequency === 0 && c.expectedBookings < minBookings;
    c.segment = oneTimeLow ? "low" : rank < highCut ? "high" : rank < mediumCut ? "medium" : "low";
  });
  return out;
}
