/**
 * BG/NBD (Fader, Hardie & Lee 2005) and MBG/NBD (Batislam, Denizel & Filiztekin 2007) models of
 * repeat purchasing, in the formulation of the `lifetimes` library (`BetaGeoFitter`,
 * `ModifiedBetaGeoFitter`): maximum-likelihood fit, log-likelihood, conditional expected number
 * of purchases and probability of being alive.
 *
 * Both models: while alive a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha);
 * the customer drops out with probability p ~ Beta(a, b) after each repeat purchase (BG/NBD) or
 * also right after the first purchase (MBG/NBD, so a one-time customer may be gone).
 *
 * The fit aggregates identical (x, t_x, T) rows and caches every term that only depends on x, T or
 * t_x, so one likelihood evaluation costs one exp and one log per distinct row.
 */
import type { BgNbdParams, FitResult, RfmRow } from "../types";
import { gammaln, logAddExp, nelderMead, oneMinusHyp2f1Times, softplus } from "./math";

export type BtydModel = "bgnbd" | "mbgnbd";

export type RfmInput = Pick<RfmRow, "frequency" | "recency" | "T">;

/** Distinct (x, t_x, T) rows with their counts; x, t_x and T refer to tables of distinct values. */
export interface AggregatedRfm {
  /** Number of distinct rows. */
  size: number;
  /** Number of customers (sum of the counts). */
  customers: number;
  count: Float64Array;
  xIndex: Int32Array;
  txIndex: Int32Array;
  tIndex: Int32Array;
  xs: Float64Array;
  txs: Float64Array;
  Ts: Float64Array;
}

function validate(row: RfmInput): void {
  const { frequency: x, recency: tx, T } = row;
  if (!(Number.isInteger(x) && x >= 0))
    throw new RangeError(`frequency must be a non-negative integer, got ${x}`);
  if (!(tx >= 0 && T >= tx && Number.isFinite(T)))
    throw new RangeError(`need 0 <= recency <= T, got recency ${tx}, T ${T}`);
}

/** Collapses identical (frequency, recency, T) rows into one row with a count. */
export function aggregateRfm(rows: readonly RfmInput[]): AggregatedRfm {
  const xMap = new Map<number, number>();
  const txMap = new Map<number, number>();
  const tMap = new Map<number, number>();
  const rowMap = new Map<string, number>();
  const xIdx: number[] = [];
  const txIdx: number[] = [];
  const tIdx: number[] = [];
  const counts: number[] = [];
  const index = (map: Map<number, number>, v: number): number => {
    let i = map.get(v);
    if (i === undefined) {
      i = map.size;
      map.set(v, i);
    }
    return i;
  };
  for (const row of rows) {
    validate(row);
    const xi = index(xMap, row.frequency);
    const ti = index(txMap, row.recency);
    const Ti = index(tMap, row.T);
    const key = `${xi}|${ti}|${Ti}`;
    const existing = rowMap.get(key);
    if (existing === undefined) {
      rowMap.set(key, counts.length);
      xIdx.push(xi);
      txIdx.push(ti);
      tIdx.push(Ti);
      counts.push(1);
    } else {
      counts[existing] = (counts[existing] ?? 0) + 1;
    }
  }
  return {
    size: counts.length,
    customers: rows.length,
    count: Float64Array.from(counts),
    xIndex: Int32Array.from(xIdx),
    txIndex: Int32Array.from(txIdx),
    tIndex: Int32Array.from(tIdx),
    xs: Float64Array.from(xMap.keys()),
    txs: Float64Array.from(txMap.keys()),
    Ts: Float64Array.from(tMap.keys()),
  };
}

function isAggregated(data: AggregatedRfm | readonly RfmInput[]): data is AggregatedRfm {
  return !Array.isArray(data);
}

/**
 * Summed log-likelihood of the data (lifetimes' convention: the exact likelihood of each
 * customer's (x, t_x, T), no constant dropped; -9582.43 for BG/NBD on CDNOW).
 */
export function logLikelihood(
  model: BtydModel,
  params: BgNbdParams,
  data: AggregatedRfm | readonly RfmInput[],
): number {
  const agg = isAggregated(data) ? data : aggregateRfm(data);
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return -Infinity;
  const mbg = model === "mbgnbd";
  const nx = agg.xs.length;
  // Terms depending on x only.
  const base = new Float64Array(nx);
  const c4 = new Float64Array(nx);
  const rx = new Float64Array(nx);
  const common = -gammaln(r) + r * Math.log(alpha) + gammaln(a + b) - gammaln(b);
  for (let i = 0; i < nx; i++) {
    const x = agg.xs[i] ?? 0;
    rx[i] = r + x;
    if (mbg) {
      base[i] = common + gammaln(r + x) + gammaln(b + x + 1) - gammaln(a + b + x + 1);
      c4[i] = Math.log(a) - Math.log(b + x);
    } else {
      base[i] = common + gammaln(r + x) + gammaln(b + x) - gammaln(a + b + x);
      c4[i] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
    }
  }
  const logT = agg.Ts.map((T) => Math.log(alpha + T));
  const logTx = agg.txs.map((t) => Math.log(alpha + t));
  let ll = 0;
  for (let k = 0; k < agg.size; k++) {
    const xi = agg.xIndex[k] ?? 0;
    const rxi = rx[xi] ?? 0;
    const lT = logT[agg.tIndex[k] ?? 0] ?? 0;
    const lTx = logTx[agg.txIndex[k] ?? 0] ?? 0;
    const a3 = -rxi * lT;
    let v: number;
    if (mbg) {
      v = a3 + softplus((c4[xi] ?? 0) + rxi * (lT - lTx));
    } else {
      const c = c4[xi] ?? -Infinity;
      v = c === -Infinity ? a3 : logAddExp(a3, c - rxi * lTx);
    }
    ll += (agg.count[k] ?? 0) * ((base[xi] ?? 0) + v);
  }
  return ll;
}

export interface BtydFitOptions {
  /** L2 penalty on the parameters, added to the mean negative log-likelihood (lifetimes' penalizer_coef). */
  penalty?: number;
  /** Starting point (default: all parameters 1, as lifetimes). */
  initial?: BgNbdParams;
  restarts?: number;
  maxIterations?: number;
}

const toParams = (v: number[]): BgNbdParams => ({
  r: Math.exp(v[0] ?? 0),
  alpha: Math.exp(v[1] ?? 0),
  a: Math.exp(v[2] ?? 0),
  b: Math.exp(v[3] ?? 0),
});

/** Maximum-likelihood fit of BG/NBD or MBG/NBD (Nelder-Mead on the log-parameters). */
export function fitBtyd(
  model: BtydModel,
  data: AggregatedRfm | readonly RfmInput[],
  options: BtydFitOptions = {},
): FitResult<BgNbdParams> {
  const agg = isAggregated(data) ? data : aggregateRfm(data);
  if (agg.customers === 0) throw new RangeError("no customers to fit");
  const penalty = options.penalty ?? 0;
  const init = options.initial ?? { r: 1, alpha: 1, a: 1, b: 1 };
  const objective = (v: number[]): number => {
    const p = toParams(v);
    const mean = -logLikelihood(model, p, agg) / agg.customers;
    return penalty > 0 ? mean + penalty * (p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2) : mean;
  };
  const result = nelderMead(
    objective,
    [Math.log(init.r), Math.log(init.alpha), Math.log(init.a), Math.log(init.b)],
    {
      step: 0.5,
      fTolerance: 1e-12,
      xTolerance: 1e-8,
      restarts: options.restarts ?? 4,
      maxIterations: options.maxIterations ?? 5000,
    },
  );
  const params = toParams(result.x);
  return {
    params,
    logLikelihood: logLikelihood(model, params, agg),
    iterations: result.iterations,
    converged: result.converged,
  };
}

export const fitBgNbd = (
  data: AggregatedRfm | readonly RfmInput[],
  options?: BtydFitOptions,
): FitResult<BgNbdParams> => fitBtyd("bgnbd", data, options);

export const fitMbgNbd = (
  data: AggregatedRfm | readonly RfmInput[],
  options?: BtydFitOptions,
): FitResult<BgNbdParams> => fitBtyd("mbgnbd", data, options);

/** Probability that a customer with history (x, t_x, T) is still alive at T. */
export function probabilityAlive(model: BtydModel, params: BgNbdParams, row: RfmInput): number {
  const { r, alpha, a, b } = params;
  const x = row.frequency;
  if (model === "bgnbd" && x === 0) return 1;
  const logOdds =
    Math.log(a) -
    Math.log(model === "mbgnbd" ? b + x : b + x - 1) +
    (r + x) * (Math.log(alpha + row.T) - Math.log(alpha + row.recency));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * Expected number of purchases in (T, T + t] of a customer with history (x, t_x, T)
 * (lifetimes' `conditional_expected_number_of_purchases_up_to_time`).
 */
export function expectedPurchases(
  model: BtydModel,
  params: BgNbdParams,
  row: RfmInput,
  t: number,
): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = params;
  const x = row.frequency;
  const T = row.T;
  const z = t / (alpha + T + t);
  const logRatio = (r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t));
  const pAlive = probabilityAlive(model, params, row);
  if (model === "mbgnbd") {
    const first = (a + b + x) / (a - 1);
    return first * oneMinusHyp2f1Times(r + x, b + x + 1, a + b + x, z, logRatio) * pAlive;
  }
  const first = (a + b + x - 1) / (a - 1);
  return first * oneMinusHyp2f1Times(r + x, b + x, a + b + x - 1, z, logRatio) * pAlive;
}

/** Expected number of purchases of a new customer in (0, t] (unconditional, BG/NBD or MBG/NBD). */
export function expectedPurchasesNew(model: BtydModel, params: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = params;
  const z = t / (alpha + t);
  const logRatio = r * (Math.log(alpha) - Math.log(alpha + t));
  if (model === "mbgnbd") {
    // A new MBG/NBD customer is alive after the first purchase with probability b / (a + b).
    return (b / (a - 1)) * oneMinusHyp2f1Times(r, b + 1, a + b, z, logRatio);
  }
  return ((a + b - 1) / (a - 1)) * oneMinusHyp2f1Times(r, b, a + b - 1, z, logRatio);
}
