/**
 * Scaled forecast errors (Hyndman & Koehler 2006; M5 for RMSSE). Both are scaled by the in-sample
 * error of the seasonal naive forecast of the training window: scale = mean over t >= m of
 * |y_t - y_{t-m}| (MASE) or (y_t - y_{t-m})^2 (RMSSE), with m = 7 for daily data.
 */

export interface Scales {
  mae: number;
  mse: number;
}

export function seasonalNaiveScales(train: number[], season = 7): Scales {
  if (train.length <= season) throw new Error(`need more than ${season} training observations`);
  let abs = 0;
  let sq = 0;
  const n = train.length - season;
  for (let t = season; t < train.length; t++) {
    const d = (train[t] as number) - (train[t - season] as number);
    abs += Math.abs(d);
    sq += d * d;
  }
  return { mae: abs / n, mse: sq / n };
}

function checkLengths(actual: number[], forecast: number[]): void {
  if (actual.length !== forecast.length || actual.length === 0)
    throw new Error("actual and forecast must be non-empty and equally long");
}

export function mase(actual: number[], forecast: number[], train: number[], season = 7): number {
  checkLengths(actual, forecast);
  const { mae } = seasonalNaiveScales(train, season);
  const err =
    actual.reduce((s, a, i) => s + Math.abs(a - (forecast[i] as number)), 0) / actual.length;
  return err / mae;
}

export function rmsse(actual: number[], forecast: number[], train: number[], season = 7): number {
  checkLengths(actual, forecast);
  const { mse } = seasonalNaiveScales(train, season);
  const err = actual.reduce((s, a, i) => s + (a - (forecast[i] as number)) ** 2, 0) / actual.length;
  return Math.sqrt(err / mse);
}

/** Share of actuals inside [lo, hi] (inclusive). */
export function intervalCoverage(actual: number[], lo: number[], hi: number[]): number {
  if (actual.length === 0) return NaN;
  let inside = 0;
  actual.forEach((a, i) => {
    if (a >= (lo[i] as number) && a <= (hi[i] as number)) inside += 1;
  });
  return inside / actual.length;
}
