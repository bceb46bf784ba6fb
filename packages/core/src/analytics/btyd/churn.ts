/**
 * Churn risk: a 0-100 score with short reasons, from the signals the business has about a customer.
 *
 * The score is the average of the risk "views" that are present, each a number in [0, 1] with the
 * meaning of a probability of having lost the customer, each counting once (the weights are not
 * fitted to any data set):
 * - lost:     1 - P(alive) of the MBG/NBD model (always present);
 * - silence:  how long since the last event, in horizons: 1 - exp(-daysSinceLast / horizon)
 *             (always present);
 * - inactive: the chance of no booking within the horizon even if the customer is still active, at
 *             their own usual pace (`typicalGapDays`, Gamma-uncertain with shape `gapShape`):
 *             (1 + horizon / (shape * gap))^-shape, exp(-horizon / gap) for a sure pace. With the
 *             MBG/NBD posterior pace this is exactly the model's P(no purchase in horizon | alive).
 *             Present with `typicalGapDays`;
 * - declining frequency: max(0, -frequencyTrend) (present with a trend);
 * - rating:   (5 - lowest recent rating) / 4 (present when the customer rated something);
 * - referrals: 1 - recent / before when the customer referred before (present with referrals);
 * - follow-ups: the share of follow-ups ignored (present when some were sent).
 * An absent signal is left out of the average and never mentioned in the reasons; a present good
 * signal lowers the risk as much as a bad one raises it.
 *
 * The horizon is the period the question is about ("will they book again within a year?"): 365
 * days by default.
 */
import type { BgNbdParams, ChurnScore, ChurnSignals, RfmRow } from "../types";
import { probabilityAlive } from "./bgnbd";
import { type TimeUnit, unitDays } from "./summary";

export interface ChurnOptions {
  /** The horizon of the question, in days. Default 365. */
  horizonDays?: number;
}

export function churnBand(score: number): ChurnScore["band"] {
  return score >= 70 ? "high" : score >= 40 ? "medium" : "low";
}

/** "3 days", "5 weeks", "9 months", "2 years". */
export function describeDays(days: number): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (days < 14) return plural(Math.max(0, Math.round(days)), "day");
  if (days < 61) return plural(Math.round(days / 7), "week");
  const months = Math.round(days / (365.25 / 12));
  if (months < 24) return plural(months, "month");
  return plural(Math.round(days / 365.25), "year");
}

/**
 * Why the customer is unlikely to book within the horizon at their pace, in facts the owner can
 * check on the customer's bookings: "2 parties in 14 months" (parties as the owner counts them,
 * from the first to now), "one party so far", "one occasion so far (2 parties that day)". Never
 * the model's posterior pace, which is not the gap between any two of their parties.
 */
function paceReason(signals: ChurnSignals): string {
  const parties = signals.parties;
  if (signals.oneTime)
    return parties !== undefined && parties > 1
      ? `one occasion so far (${parties} parties that day)`
      : "one party so far";
  if (parties === undefined || signals.daysSinceFirst === undefined) return "books rarely";
  return `${parties} parties in ${describeDays(signals.daysSinceFirst)}`;
}

const clamp01 = (v: number): number => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);

interface View {
  risk: number;
  reason?: string;
}

export function churnScore(
  id: string,
  signals: ChurnSignals,
  options: ChurnOptions = {},
): ChurnScore {
  const horizon = options.horizonDays ?? 365;
  const days = Math.max(0, signals.daysSinceLast);
  const gap =
    signals.typicalGapDays !== undefined && signals.typicalGapDays > 0
      ? signals.typicalGapDays
      : undefined;
  const views: View[] = [];

  const pAlive = clamp01(signals.pAlive);
  views.push({
    risk: 1 - pAlive,
    ...(pAlive < 0.5 ? { reason: `only ${Math.round(pAlive * 100)}% likely still active` } : {}),
  });

  views.push({
    risk: clamp01(1 - Math.exp(-days / horizon)),
    // Said once the silence is long for this customer (their usual pace), and always after half
    // a year: an owner reading "at risk" wants to know it has been 9 months.
    ...(days >= 30 && days >= Math.min(signals.oneTime ? 90 : (gap ?? horizon / 2), 182)
      ? { reason: `last event ${describeDays(days)} ago` }
      : {}),
  });

  if (gap !== undefined) {
    const shape = signals.gapShape;
    const none =
      shape !== undefined && shape > 0
        ? (1 + horizon / (shape * gap)) ** -shape
        : Math.exp(-horizon / gap);
    views.push({
      risk: clamp01(none),
      ...(none >= 0.5 ? { reason: paceReason(signals) } : {}),
    });
  }

  if (signals.frequencyTrend !== undefined) {
    views.push({
      risk: clamp01(-signals.frequencyTrend),
      ...(signals.frequencyTrend <= -0.25 ? { reason: "booking less often than before" } : {}),
    });
  }

  if (signals.lowestRecentRating !== undefined) {
    const rating = signals.lowestRecentRating;
    views.push({
      risk: clamp01((5 - rating) / 4),
      ...(rating <= 3 ? { reason: `rated ${Math.round(rating)}/5` } : {}),
    });
  }

  if (signals.referralsRecent !== undefined && signals.referralsBefore !== undefined) {
    const recent = signals.referralsRecent;
    const before = signals.referralsBefore;
    if (before > 0) {
      views.push({
        risk: clamp01(1 - recent / before),
        ...(recent < before
          ? {
              reason:
                recent === 0
                  ? "no referrals this year"
                  : `fewer referrals this year (${recent} vs ${before})`,
            }
          : {}),
      });
    }
  }

  if (signals.followUpsSent !== undefined && signals.followUpsSent > 0) {
    const sent = signals.followUpsSent;
    const ignored = Math.min(sent, Math.max(0, sent - (signals.followUpsActedOn ?? 0)));
    views.push({
      risk: clamp01(ignored / sent),
      ...(ignored >= 2 || (ignored === 1 && sent === 1)
        ? { reason: `ignored ${ignored} follow-up${ignored === 1 ? "" : "s"}` }
        : {}),
    });
  }

  const total = views.reduce((s, v) => s + v.risk, 0) / views.length;
  const score = Math.round(clamp01(total) * 1000) / 10;
  const reasons = views
    .filter((v): v is Required<View> => v.reason !== undefined)
    .sort((a, b) => b.risk - a.risk)
    .map((v) => v.reason);
  return { id, score, band: churnBand(score), reasons };
}

/**
 * Area under the ROC curve of `scores` for the binary `labels` (true = positive): the
 * Mann-Whitney probability that a positive scores above a negative, ties counted half.
 */
export function auc(scores: readonly number[], labels: readonly boolean[]): number {
  if (scores.length !== labels.length) throw new RangeError("scores and labels differ in length");
  const order = scores.map((s, i) => ({ s, y: labels[i] === true })).sort((a, b) => a.s - b.s);
  let positives = 0;
  let negatives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]?.s === order[i]?.s) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (order[k]?.y) {
        positives++;
        rankSum += midRank;
      } else negatives++;
    }
    i = j;
  }
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Pseudo-count of the frequency trend's shrinkage towards "no change". */
const TREND_PRIOR = 4;

/**
 * Frequency trend of a customer from their purchase days (ascending, distinct day numbers) as of
 * `endDay`: repeat purchases (all but the first) in the recent half of the customer's life
 * [first, endDay] minus those in the earlier half, over (repeat purchases + 4): in (-1, 1), shrunk
 * towards 0 when the evidence is thin (2 repeat purchases both early give -1/3, 10 give -5/7).
 * Undefined with fewer than 2 repeat purchases (not enough history to speak of a trend).
 */
export function frequencyTrend(days: readonly number[], endDay: number): number | undefined {
  const first = days[0];
  if (first === undefined) return undefined;
  const mid = first + (endDay - first) / 2;
  let earlier = 0;
  let recent = 0;
  for (let i = 1; i < days.length; i++) {
    const day = days[i] ?? 0;
    if (day > endDay) break;
    if (day < mid) earlier++;
    else recent++;
  }
  if (earlier + recent < 2) return undefined;
  return (recent - earlier) / (recent + earlier + TREND_PRIOR);
}

/**
 * The customer's usual time between purchases in days while active, from a fitted BG/NBD or
 * MBG/NBD model: the posterior of the purchase rate of a customer alive at T is
 * Gamma(r + x, alpha + T), so the pace is (alpha + T) / (r + x) units with Gamma shape r + x (the
 * population's alpha / r, shape r, shifted by the customer's age, for a one-time customer).
 */
export function typicalGapDays(
  params: BgNbdParams,
  row: Pick<RfmRow, "frequency" | "T">,
  unit: TimeUnit,
): { typicalGapDays: number; gapShape: number } {
  return {
    typicalGapDays: ((params.alpha + row.T) / (params.r + row.frequency)) * unitDays(unit),
    gapShape: params.r + row.frequency,
  };
}

/**
 * The model-based churn signals of one customer: MBG/NBD P(alive), days since the last purchase,
 * the usual gap and its certainty. Add the trend and the business signals you have.
 */
export function modelChurnSignals(
  mbgnbd: BgNbdParams,
  row: Pick<RfmRow, "frequency" | "recency" | "T">,
  unit: TimeUnit,
): ChurnSignals {
  return {
    pAlive: probabilityAlive("mbgnbd", mbgnbd, row),
    daysSinceLast: (row.T - row.recency) * unitDays(unit),
    ...typicalGapDays(mbgnbd, row, unit),
    daysSinceFirst: row.T * unitDays(unit),
    // One party per purchase day: the caller replaces it with the parties the owner counts.
    parties: row.frequency + 1,
    ...(row.frequency === 0 ? { oneTime: true } : {}),
  };
}

/**
 * The map from the averaged risk (0-1) to a calibrated chance of no event within the horizon:
 * p = 1 / (1 + exp(-(intercept + slope * risk + oneTimeShift * [one event so far]))), slope > 0.
 * Platt scaling with one more term: one-time and repeat customers come back at very different
 * rates (on the demo, 93 % against 35 % had no event in the year), and a single map fitted on a
 * back-test of mostly one-time customers would call every repeat customer lost. Within each group
 * the map is monotone, so the averaged score's ranking holds there.
 */
export interface ChurnCalibration {
  intercept: number;
  slope: number;
  /** Added for a customer with one event so far (0 when the back-test can't tell it apart). */
  oneTimeShift: number;
  /** Customers in the back-test it was fitted on, and how many of them had no event. */
  customers: number;
  churned: number;
  /** Of them, repeat customers (two or more events by then), and how many of those had none. */
  repeatCustomers: number;
  repeatChurned: number;
  /** The calibrated score's AUC for "no event" on that back-test (ties count half). */
  auc: number;
  /**
   * The range of averaged risks the back-test saw. Today's customers can lie beyond it (their
   * histories are longer, their silences too).
   */
  minRisk: number;
  maxRisk: number;
  /**
   * The highest averaged risk among the back-test's one-time and its repeat customers. Above it
   * the back-test says nothing about that group: the score goes on from the calibrated value at
   * that risk in a straight line to 100 at a risk of 1 (every signal saying "lost"), or follows
   * the logistic map where that is higher. Extrapolated alone, a map fitted on a young business's
   * few repeat customers (all of them recent) called a regular of seven parties who had been
   * silent for a year 26 in 100 likely to book no party this year.
   */
  oneTimeMaxRisk: number;
  repeatMaxRisk: number;
}

/** Too few outcomes to fit a calibration: the score stays the plain average. */
export const MIN_CALIBRATION_CUSTOMERS = 30;
export const MIN_CALIBRATION_EACH = 5;

/**
 * Fits the calibration by maximum likelihood (Newton's method on the logistic parameters, with a
 * small ridge on all but the intercept so that a perfectly separated back-test still has a finite
 * answer). The one-time term is fitted only when both groups have at least 5 customers; else it
 * is 0. Returns null when there are too few customers or outcomes of either kind, or when the
 * score does not rank the outcomes the right way (slope <= 0): a calibration would invert it.
 */
export function fitChurnCalibration(
  risks: readonly number[],
  churned: readonly boolean[],
  oneTime: readonly boolean[] = risks.map(() => false),
): ChurnCalibration | null {
  if (risks.length !== churned.length || risks.length !== oneTime.length)
    throw new RangeError("risks, outcomes and one-time flags differ in length");
  const n = risks.length;
  const yes = churned.filter(Boolean).length;
  if (n < MIN_CALIBRATION_CUSTOMERS || yes < MIN_CALIBRATION_EACH || n - yes < MIN_CALIBRATION_EACH)
    return null;
  const once = oneTime.filter(Boolean).length;
  const withShift = once >= MIN_CALIBRATION_EACH && n - once >= MIN_CALIBRATION_EACH;
  const y = churned.map((v) => (v ? 1 : 0));
  const pooled = logisticFit(
    risks.map((r) => [1, r]),
    y,
  );
  let beta = withShift
    ? logisticFit(
        risks.map((r, i) => [1, r, oneTime[i] ? 1 : 0]),
        y,
      )
    : pooled;
  // Within the groups the average may not rank a small back-test (the one-time flag explains
  // most of it): keep the pooled slope, which does, and fit the two groups' levels around it.
  if (withShift && !(beta && beta[1]! > 0) && pooled && pooled[1]! > 0) {
    const slope = pooled[1]!;
    const levels = logisticFit(
      oneTime.map((o) => [1, o ? 1 : 0]),
      y,
      risks.map((r) => slope * r),
    );
    beta = levels && [levels[0]!, slope, levels[1]!];
  }
  if (!beta) return null;
  const [a, b, c] = [beta[0]!, beta[1]!, withShift ? (beta[2] ?? 0) : 0];
  if (!(b > 0) || ![a, b, c].every(Number.isFinite)) return null;
  const repeat = oneTime.filter((o) => !o).length;
  const cal: ChurnCalibration = {
    intercept: a,
    slope: b,
    oneTimeShift: c,
    customers: n,
    churned: yes,
    repeatCustomers: repeat,
    repeatChurned: churned.filter((y, i) => y && !oneTime[i]).length,
    auc: 0,
    minRisk: Math.min(...risks),
    maxRisk: Math.max(...risks),
    oneTimeMaxRisk: Math.max(...risks.filter((_, i) => oneTime[i])),
    repeatMaxRisk: Math.max(...risks.filter((_, i) => !oneTime[i])),
  };
  cal.auc = auc(
    risks.map((r, i) => calibratedScore(r, cal, oneTime[i] === true)),
    [...churned],
  );
  return cal;
}

/**
 * Logistic regression by Newton's method: the coefficients of `x` (first column the intercept,
 * not penalised; the others with a small ridge) for 0/1 outcomes `y`, with an optional fixed
 * `offset` added to each linear predictor. Null when a step can't be solved.
 */
function logisticFit(
  x: readonly number[][],
  y: readonly number[],
  offset?: readonly number[],
): number[] | null {
  const k = x[0]?.length ?? 0;
  const n = x.length;
  const mean = y.reduce((a, v) => a + v, 0) / Math.max(1, n);
  const beta = Array<number>(k).fill(0);
  const meanOffset = offset ? offset.reduce((a, v) => a + v, 0) / Math.max(1, n) : 0;
  beta[0] = Math.log(Math.max(1e-6, mean) / Math.max(1e-6, 1 - mean)) - meanOffset;
  const ridge = 1e-2;
  for (let iter = 0; iter < 500; iter++) {
    const g = Array<number>(k).fill(0);
    const h = Array.from({ length: k }, () => Array<number>(k).fill(0));
    for (let j = 1; j < k; j++) {
      g[j]! -= ridge * beta[j]!;
      h[j]![j]! += ridge;
    }
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const z = xi.reduce((acc, v, j) => acc + v * beta[j]!, offset?.[i] ?? 0);
      const p = 1 / (1 + Math.exp(-z));
      const r = y[i]! - p;
      const w = p * (1 - p);
      for (let a = 0; a < k; a++) {
        g[a]! += r * xi[a]!;
        for (let b = 0; b < k; b++) h[a]![b]! += w * xi[a]! * xi[b]!;
      }
    }
    const step = solve(h, g);
    if (!step) return null;
    // Damped: a step of more than 2 in any coefficient is scaled down (a full Newton step can
    // overshoot far from the optimum and leave the region where the Hessian is informative).
    const longest = Math.max(...step.map(Math.abs));
    const scale = longest > 2 ? 2 / longest : 1;
    let size = 0;
    for (let j = 0; j < k; j++) {
      beta[j]! += scale * step[j]!;
      size += Math.abs(scale * step[j]!);
    }
    if (size < 1e-10) break;
  }
  return beta.every(Number.isFinite) ? beta : null;
}

/** Gaussian elimination with partial pivoting (k <= 3 here); null for a singular system. */
function solve(a: number[][], b: number[]): number[] | null {
  const k = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++)
      if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (!(Math.abs(m[pivot]![col]!) > 1e-12)) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= k; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[k]! / row[i]!);
}

/** The calibrated score, 0-100 with one decimal, from the averaged risk (0-1). */
export function calibratedScore(
  risk: number,
  calibration: ChurnCalibration,
  oneTime = false,
): number {
  const x = clamp01(risk);
  const map = (r: number): number =>
    100 /
    (1 +
      Math.exp(
        -(calibration.intercept + calibration.slope * r + (oneTime ? calibration.oneTimeShift : 0)),
      ));
  const seen = oneTime ? calibration.oneTimeMaxRisk : calibration.repeatMaxRisk;
  let score = map(x);
  // Beyond what the back-test saw of this group (none of it: -Infinity, the whole range).
  const edge = Number.isFinite(seen) ? Math.min(1, Math.max(0, seen)) : 0;
  if (x > edge && edge < 1) {
    const atEdge = map(edge);
    score = Math.max(score, atEdge + ((x - edge) / (1 - edge)) * (100 - atEdge));
  }
  return Math.round(score * 10) / 10;
}

/** The prior of `cancellationPercent`: 1 cancellation in 10 bookings, worth 10 bookings. */
const CANCEL_PRIOR_SHARE = 0.1;
const CANCEL_PRIOR_BOOKINGS = 10;

/**
 * The chance in 100 that a booked party is cancelled, from the business's bookings: cancelled /
 * (cancelled + completed + live), shrunk towards 10 % by 10 pseudo-bookings so that a young
 * business's handful of bookings can't say 0 or 100 (with hundreds it is the plain share).
 * Rounded, at least 1: a booked party can always still be cancelled.
 */
export function cancellationPercent(cancelled: number, total: number): number {
  const share =
    (Math.max(0, cancelled) + CANCEL_PRIOR_SHARE * CANCEL_PRIOR_BOOKINGS) /
    (Math.max(0, total) + CANCEL_PRIOR_BOOKINGS);
  return Math.min(100, Math.max(1, Math.round(share * 100)));
}

/**
 * A customer with a party on the books has no party in the horizon only if it is cancelled: the
 * score is at most the business's cancellation percent, and the booked party is the first reason.
 */
export function withPartyBooked(
  score: number,
  reasons: readonly string[],
  p: { cancelPercent: number; dateText: string },
): { score: number; reasons: string[] } {
  return {
    score: Math.min(score, p.cancelPercent),
    reasons: [`party booked for ${p.dateText}`, ...reasons],
  };
}
