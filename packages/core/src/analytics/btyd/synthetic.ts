/**
 * Seeded synthetic customers drawn from known BG/NBD or MBG/NBD (and Gamma-Gamma) parameters, for
 * the parameter-recovery tests and the speed benchmark.
 */
import type { BgNbdParams, FitResult, GammaGammaParams, RfmRow } from "../types";
import { aggregateRfm, type BtydModel, fitBtyd } from "./bgnbd";
import { Rng } from "./math";
import { type TimeUnit, unitDays } from "./summary";

export interface SyntheticOptions {
  n: number;
  params: BgNbdParams;
  seed: number;
  model?: BtydModel;
  unit?: TimeUnit;
  /** Customer ages at the end of the observation are uniform whole days in [minAgeDays, maxAgeDays]. Default 1..364. */
  minAgeDays?: number;
  maxAgeDays?: number;
  /** Draw monetary values from this Gamma-Gamma model (else monetary = 0). */
  gammaGamma?: GammaGammaParams;
  /**
   * Record purchases as whole days (same-day purchases merged, as a booking log would). Default
   * true; false keeps the exact times (the model's own assumptions, for recovery tests).
   */
  wholeDays?: boolean;
}

/** The BG/NBD figures of CDNOW (Fader, Hardie & Lee 2005), a realistic default. */
export const CDNOW_BGNBD: BgNbdParams = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };

/**
 * Simulates customers: purchase rate lambda ~ Gamma(r, alpha) per unit, dropout p ~ Beta(a, b)
 * after every repeat purchase (and right after the first for MBG/NBD). Purchase times are recorded
 * as whole days, as a booking log would (unless `wholeDays` is false).
 */
export function syntheticCustomers(options: SyntheticOptions): RfmRow[] {
  const rng = new Rng(options.seed);
  const { r, alpha, a, b } = options.params;
  const perUnit = unitDays(options.unit ?? "week");
  const minAge = options.minAgeDays ?? 1;
  const maxAge = options.maxAgeDays ?? 364;
  const gg = options.gammaGamma;
  const wholeDays = options.wholeDays ?? true;
  const rows: RfmRow[] = [];
  for (let i = 0; i < options.n; i++) {
    const ageDays = minAge + Math.floor(rng.uniform() * (maxAge - minAge + 1));
    const T = ageDays / perUnit;
    const lambda = rng.gamma(r, alpha);
    const p = rng.beta(a, b);
    let alive = options.model === "mbgnbd" ? rng.uniform() >= p : true;
    let t = 0;
    let x = 0;
    let last = 0;
    while (alive) {
      t += rng.exponential(lambda);
      if (t > T) break;
      const when = wholeDays ? Math.floor(t * perUnit) / perUnit : t;
      if (when > last) {
        x++;
        last = when;
      }
      if (rng.uniform() < p) alive = false;
    }
    let monetary = 0;
    if (gg && x > 0) {
      const nu = rng.gamma(gg.q, gg.v);
      let sum = 0;
      for (let k = 0; k < x; k++) sum += rng.gamma(gg.p, nu);
      monetary = sum / x;
    }
    rows.push({ id: `s${i}`, frequency: x, recency: x > 0 ? last : 0, T, monetary });
  }
  return rows;
}

export interface FitBenchmark {
  customers: number;
  distinctRows: number;
  generateMs: number;
  aggregateMs: number;
  fitMs: number;
  fit: FitResult<BgNbdParams>;
  truth: BgNbdParams;
  /** Heap in use after the fit (MB). */
  heapUsedMb: number;
}

/** Generates `n` customers (default 100,000, CDNOW's parameters) and times the aggregation and the fit. */
export function syntheticFitBenchmark(
  options: Partial<SyntheticOptions> & { n?: number } = {},
): FitBenchmark {
  const params = options.params ?? CDNOW_BGNBD;
  const model = options.model ?? "bgnbd";
  const t0 = performance.now();
  const rows = syntheticCustomers({
    ...options,
    n: options.n ?? 100_000,
    params,
    seed: options.seed ?? 1,
    model,
  });
  const t1 = performance.now();
  const agg = aggregateRfm(rows);
  const t2 = performance.now();
  const fit = fitBtyd(model, agg);
  const t3 = performance.now();
  return {
    customers: rows.length,
    distinctRows: agg.size,
    generateMs: t1 - t0,
    aggregateMs: t2 - t1,
    fitMs: t3 - t2,
    fit,
    truth: params,
    heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
  };
}
