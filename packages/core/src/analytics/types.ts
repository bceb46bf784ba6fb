/**
 * Contracts of the customer-intelligence models (issue 15). Pure data in, pure data out: the
 * models never read the database; `analytics/store.ts` turns bookings into these shapes and
 * stores the results.
 */

/** One customer's repeat-purchase summary in the BTYD convention (time in weeks or days, one unit throughout). */
export interface RfmRow {
  id: string;
  /** Repeat purchases: number of purchase days after the first (same-day purchases merged). */
  frequency: number;
  /** Age of the customer at the last purchase: last - first, in the unit. 0 when frequency = 0. */
  recency: number;
  /** Age of the customer at the end of calibration: end - first, in the unit. */
  T: number;
  /** Mean value of the repeat purchases (Gamma-Gamma convention); 0 when frequency = 0. */
  monetary: number;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface FitResult<P> {
  params: P;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

export type ClvSegment = "high" | "medium" | "low";

export interface CustomerClv {
  id: string;
  /** Expected bookings in the horizon (12 months by default). */
  expectedBookings: number;
  /** Expected value of one booking (Gamma-Gamma conditional mean, or the population mean without history). */
  expectedValue: number;
  /** Discounted value of the horizon, monthly discounting. */
  clv: number;
  pAlive: number;
  segment: ClvSegment;
}

export interface ChurnSignals {
  /** MBG/NBD probability that the customer is still active. */
  pAlive: number;
  daysSinceLast: number;
  /**
   * Bookings in the more recent half of the customer's life vs the earlier half; absent without enough history.
   * btyd's `frequencyTrend()`: (recent - earlier) / (repeat bookings + 4) over the repeat bookings, a change
   * shrunk towards 0 when there are few of them: -1 (all in the earlier half) .. +1; absent below 2 repeat bookings.
   */
  frequencyTrend?: number;
  /**
   * The customer's usual time between bookings in days while active (btyd's `typicalGapDays`: the
   * model's posterior estimate for a customer still active now); absent without a model.
   */
  typicalGapDays?: number;
  /** How sure `typicalGapDays` is: the shape of the pace's Gamma posterior (r + x); absent = sure. */
  gapShape?: number;
  /**
   * One day with a completed party so far (two parties on one day are one occasion): the reasons
   * then say so instead of a pace nobody observed.
   */
  oneTime?: boolean;
  /** Completed parties as the owner counts them (two on one day are two); for the reasons. */
  parties?: number;
  /** Days from the customer's first completed party to now; for the reasons. */
  daysSinceFirst?: number;
  /** Lowest rating given (1-5) in the last year; absent when the customer rated nothing. */
  lowestRecentRating?: number;
  /** Referrals made in the last year vs before; absent without a referral code. */
  referralsRecent?: number;
  referralsBefore?: number;
  /** Campaign messages sent vs clicked/booked in the last 6 months; absent when none was sent. */
  followUpsSent?: number;
  followUpsActedOn?: number;
}

export interface ChurnScore {
  id: string;
  /** 0 (safe) - 100 (about to be lost). */
  score: number;
  band: "high" | "medium" | "low";
  /** Human reasons, most important first, e.g. "last event 9 months ago", "rated 2/5". */
  reasons: string[];
}

export interface DailyCount {
  /** YYYY-MM-DD in the business time zone. */
  date: string;
  count: number;
  /**
   * Bookings that were already on the books for this day at the forecast lead time (optional;
   * used as a covariate only when every history day has it).
   */
  pickup?: number;
  /** A numeric weather covariate for the day, e.g. temperature (optional; same rule as pickup). */
  weather?: number;
}

export interface ForecastDay {
  date: string;
  mean: number;
  lo80: number;
  hi80: number;
  /** Median of the predictive distribution (the point forecast that minimises absolute error). */
  median?: number;
}
