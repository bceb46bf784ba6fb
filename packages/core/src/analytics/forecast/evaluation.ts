/**
 * Rolling-origin (time-series cross-validation) evaluation.
 *
 * Definition (the one the tests and the benchmark use):
 * - the series is a complete run of consecutive days y_0 .. y_{N-1};
 * - fold k = 0, 1, 2, ... trains on the expanding window y_0 .. y_{o_k - 1} with
 *   o_k = minTrain + k * step, and forecasts the next `horizon` days y_{o_k} .. y_{o_k + horizon - 1};
 *   folds whose horizon would run past the end of the series are dropped;
 * - every error is scaled by that fold's own in-sample seasonal-naive (lag 7) error of the
 *   training window, and the scaled errors of all folds are pooled:
 *   pooled MASE = mean over all forecast days of |e| / MAE_naive,k;
 *   pooled RMSSE = sqrt(mean over all forecast days of e^2 / MSE_naive,k);
 *   (all folds have the same horizon, so this is also the mean of the per-fold MASEs).
 * - coverage80 = share of test days inside the model's 80% interval (models that give one).
 */
import type { DailyCount } from "../types";
import { seasonalNaiveScales } from "./metrics";

export interface FutureDay {
  date: string;
  pickup?: number;
  weather?: number;
}

export interface ModelForecast {
  point: number[];
  lo80?: number[];
  hi80?: number[];
}

export interface ForecastModel {
  name: string;
  /** `future` holds the dates and known covariates of the days to forecast, never their counts. */
  forecast(train: DailyCount[], future: FutureDay[]): ModelForecast;
}

export interface RollingOriginOptions {
  minTrain: number;
  horizon: number;
  step: number;
  season?: number;
}

export interface ModelScore {
  model: string;
  mase: number;
  rmsse: number;
  /** MASE of the model / MASE of the reference model (the first model given). */
  relativeMase: number;
  coverage80?: number;
  folds: number;
  points: number;
}

export interface FoldSpec {
  trainEnd: number;
  testEnd: number;
}

export function rollingOrigins(length: number, options: RollingOriginOptions): FoldSpec[] {
  const folds: FoldSpec[] = [];
  for (let o = options.minTrain; o + options.horizon <= length; o += options.step) {
    folds.push({ trainEnd: o, testEnd: o + options.horizon });
  }
  return folds;
}

export function rollingOriginEvaluation(
  series: DailyCount[],
  models: ForecastModel[],
  options: RollingOriginOptions,
): ModelScore[] {
  const season = options.season ?? 7;
  const folds = rollingOrigins(series.length, options);
  if (folds.length === 0) throw new Error("series too short for one fold");
  const acc = models.map(() => ({ abs: 0, sq: 0, n: 0, inside: 0, withInterval: 0 }));
  for (const fold of folds) {
    const train = series.slice(0, fold.trainEnd);
    const test = series.slice(fold.trainEnd, fold.testEnd);
    const scales = seasonalNaiveScales(
      train.map((d) => d.count),
      season,
    );
    const future: FutureDay[] = test.map((d) => {
      const f: FutureDay = { date: d.date };
      if (d.pickup !== undefined) f.pickup = d.pickup;
      if (d.weather !== undefined) f.weather = d.weather;
      return f;
    });
    models.forEach((model, m) => {
      const out = model.forecast(train, future);
      const a = acc[m] as (typeof acc)[number];
      test.forEach((d, i) => {
        const e = d.count - (out.point[i] as number);
        a.abs += Math.abs(e) / scales.mae;
        a.sq += (e * e) / scales.mse;
        a.n += 1;
        if (out.lo80 && out.hi80) {
          a.withInterval += 1;
          if (d.count >= (out.lo80[i] as number) && d.count <= (out.hi80[i] as number))
            a.inside += 1;
        }
      });
    });
  }
  const first = acc[0] as (typeof acc)[number];
  const refMase = first.abs / first.n;
  return models.map((model, m) => {
    const a = acc[m] as (typeof acc)[number];
    const score: ModelScore = {
      model: model.name,
      mase: a.abs / a.n,
      rmsse: Math.sqrt(a.sq / a.n),
      relativeMase: a.abs / a.n / refMase,
      folds: folds.length,
      points: a.n,
    };
    if (a.withInterval > 0) score.coverage80 = a.inside / a.withInterval;
    return score;
  });
}

/** A plain-text table of scores for benchmarks and logs. */
export function formatScoreTable(scores: ModelScore[]): string {
  const header = ["model", "MASE", "RMSSE", "MASE / ref", "coverage80"];
  const rows = scores.map((s) => [
    s.model,
    s.mase.toFixed(3),
    s.rmsse.toFixed(3),
    s.relativeMase.toFixed(3),
    s.coverage80 === undefined ? "-" : `${(100 * s.coverage80).toFixed(1)}%`,
  ]);
  const widths = header.map((h, c) =>
    Math.max(h.length, ...rows.map((r) => (r[c] as string).length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) =>
        c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number),
      )
      .join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
