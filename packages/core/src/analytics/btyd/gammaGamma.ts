/**
 * Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV"; lifetimes'
 * `GammaGammaFitter`): a customer's transaction values are Gamma(p, nu), nu ~ Gamma(q, v) across
 * customers. Fitted on the customers with repeat purchases (frequency > 0), monetary = mean value
 * of their repeat purchases.
 */
import type { FitResult, GammaGammaParams, RfmRow } from "../types";
import { gammaln, nelderMead } from "./math";

export type MonetaryInput = Pick<RfmRow, "frequency" | "monetary">;

function usable(rows: readonly MonetaryInput[]): MonetaryInput[] {
  return rows.filter((row) => row.frequency > 0 && row.monetary > 0);
}

/** Summed log-likelihood (all terms, as lifetimes) over the rows with frequency > 0 and monetary > 0. */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  rows: readonly MonetaryInput[],
): number {
  const { p, q, v } = params;
  if (!(p > 0 && q > 0 && v > 0)) return -Infinity;
  const common = -gammaln(q) + q * Math.log(v);
  let ll = 0;
  for (const { frequency: x, monetary: m } of rows) {
    if (!(x > 0 && m > 0)) continue;
    const px = p * x;
    ll +=
      common +
      gammaln(px + q) -
      gammaln(px) +
      (px - 1) * Math.log(m) +
      px * Math.log(x) -
      (px + q) * Math.log(x * m + v);
  }
  return ll;
}

export interface GammaGammaFitOptions {
  /** L2 penalty on the parameters, added to the mean negative log-likelihood. */
  penalty?: number;
  initial?: GammaGammaParams;
}

export function fitGammaGamma(
  rows: readonly MonetaryInput[],
  options: GammaGammaFitOptions = {},
): FitResult<GammaGammaParams> {
  const data = usable(rows);
  if (data.length === 0) throw new RangeError("Gamma-Gamma needs customers with repeat purchases");
  const penalty = options.penalty ?? 0;
  const init = options.initial ?? { p: 1, q: 1, v: 1 };
  const toParams = (x: number[]): GammaGammaParams => ({
    p: Math.exp(x[0] ?? 0),
    q: Math.exp(x[1] ?? 0),
    v: Math.exp(x[2] ?? 0),
  });
  const result = nelderMead(
    (x) => {
      const params = toParams(x);
      const mean = -gammaGammaLogLikelihood(params, data) / data.length;
      return penalty > 0 ? mean + penalty * (params.p ** 2 + params.q ** 2 + params.v ** 2) : mean;
    },
    [Math.log(init.p), Math.log(init.q), Math.log(init.v)],
    { step: 0.5, fTolerance: 1e-12, xTolerance: 1e-8, restarts: 4, maxIterations: 5000 },
  );
  const params = toParams(result.x);
  return {
    params,
    logLikelihood: gammaGammaLogLikelihood(params, data),
    iterations: result.iterations,
    converged: result.converged,
  };
}

/**
 * Expected value of a customer's next transaction given x repeat purchases of mean value m; for
 * x = 0 the population mean p v / (q - 1) (infinite when q <= 1).
 */
export function expectedAverageValue(params: GammaGammaParams, row: MonetaryInput): number {
  const { p, q, v } = params;
  const x = row.frequency > 0 && row.monetary > 0 ? row.frequency : 0;
  const m = x > 0 ? row.monetary : 0;
  return (p * (v + x * m)) / (p * x + q - 1);
}
