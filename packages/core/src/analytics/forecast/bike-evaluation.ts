/**
 * Validation of the demand forecast on public data: the UCI Bike Sharing daily `casual` counts
 * (fixtures/bike_day.csv, CC BY 4.0, see fixtures/README.bike.md), thinned to hibachi scale.
 * Node only (reads the fixture, loads the augurs WASM); not exported from ./index.
 *
 * Protocol (fixed up front, no tuning on the test folds):
 * - series: `casual` thinned by Binomial(casual, p = 0.003) with mulberry32 seed 2013;
 * - rolling origin: first training window = the first 365 days (2011), expanding; origins every
 *   30 days; 30-day horizon; a fold is kept only if its whole horizon is inside the data
 *   -> 12 folds, 360 test days (2012-01-01 .. 2012-12-25);
 * - pooled MASE / RMSSE with each fold's in-sample seasonal-naive (lag 7) scale (evaluation.ts);
 * - point forecast = the predictive mean (also reported: the GLM's predictive median, the
 *   natural point forecast for absolute error).
 */
import { readFileSync } from "node:fs";
import type { DailyCount } from "../types";
import { holtWinters, seasonalNaive } from "./baselines";
import { mstlEtsForecast } from "./baselines-augurs";
import {
  rollingOriginEvaluation,
  type ForecastModel,
  type FutureDay,
  type ModelScore,
} from "./evaluation";
import { fitDemandModel, predictDemand, type ForecastOptions } from "./forecast";
import { poissonQuantile } from "./distributions";
import { binomialThin } from "./thinning";

export const BIKE_THINNING_P = 0.003;
export const BIKE_THINNING_SEED = 2013;
export const BIKE_ROLLING = { minTrain: 365, horizon: 30, step: 30, season: 7 } as const;

export interface BikeDay {
  date: string;
  casual: number;
  /** Normalised temperature column of the data set (`tempC`). */
  temp: number;
}

export function loadBikeDays(): BikeDay[] {
  const text = readFileSync(new URL("../fixtures/bike_day.csv", import.meta.url), "utf8");
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const cols = (header ?? "").split(",");
  const iDate = cols.indexOf("dteday");
  const iCasual = cols.indexOf("casual");
  const iTemp = cols.indexOf("tempC");
  if (iDate < 0 || iCasual < 0 || iTemp < 0) throw new Error("bike_day.csv: unexpected header");
  return lines.map((line) => {
    const f = line.split(",");
    return { date: f[iDate] as string, casual: Number(f[iCasual]), temp: Number(f[iTemp]) };
  });
}

/** The thinned hibachi-scale series (with the temperature as the optional weather covariate). */
export function thinnedBikeSeries(withWeather = false): DailyCount[] {
  const days = loadBikeDays();
  const thinned = binomialThin(
    days.map((d) => d.casual),
    BIKE_THINNING_P,
    BIKE_THINNING_SEED,
  );
  return days.map((d, i) => {
    const row: DailyCount = { date: d.date, count: thinned[i] as number };
    if (withWeather) row.weather = d.temp;
    return row;
  });
}

function glmModel(
  name: string,
  options: Omit<ForecastOptions, "horizon">,
  point: "mean" | "median" = "mean",
): ForecastModel {
  return {
    name,
    forecast(train: DailyCount[], future: FutureDay[]) {
      const model = fitDemandModel(train, options);
      const weather: Record<string, number> = {};
      for (const f of future) if (f.weather !== undefined) weather[f.date] = f.weather;
      const days = predictDemand(model, { horizon: future.length, weather });
      return {
        point: days.map((d) => (point === "median" ? (d.median ?? d.mean) : d.mean)),
        lo80: days.map((d) => d.lo80),
        hi80: days.map((d) => d.hi80),
      };
    },
  };
}

const counts = (train: DailyCount[]): number[] => train.map((d) => d.count);

export const bikeModels: ForecastModel[] = [
  {
    name: "seasonal naive (lag 7)",
    forecast: (train, future) => ({ point: seasonalNaive(counts(train), future.length) }),
  },
  {
    name: "Holt-Winters (additive, damped)",
    forecast: (train, future) => ({ point: holtWinters(counts(train), future.length) }),
  },
  {
    name: "MSTL + AutoETS (augurs)",
    forecast: (train, future) => mstlEtsForecast(counts(train), future.length),
  },
  glmModel("Poisson GLM", { family: "poisson" }),
  glmModel("NB GLM", { family: "negbin" }),
  glmModel("NB GLM (median point)", { family: "negbin" }, "median"),
];

export interface BikeEvaluation {
  series: { days: number; mean: number; zeroShare: number };
  scores: ModelScore[];
  /** The NB GLM with the temperature as the (oracle) weather covariate; reported separately. */
  withWeather: ModelScore[];
  /**
   * Not a model: the true thinning mean 0.003 x casual of each test day (and its Poisson median)
   * used as the forecast. A floor on what any forecast can reach in this convention, since the
   * thinned count is Poisson around it.
   */
  oracle: ModelScore[];
}

/** MASE / RMSSE / coverage per model on the thinned bike series (the reference row is the seasonal naive). */
export function evaluateOnBikeSeries(): BikeEvaluation {
  const series = thinnedBikeSeries(false);
  const mean = series.reduce((s, d) => s + d.count, 0) / series.length;
  const zeroShare = series.filter((d) => d.count === 0).length / series.length;
  const scores = rollingOriginEvaluation(series, bikeModels, BIKE_ROLLING);
  const withWeather = rollingOriginEvaluation(
    thinnedBikeSeries(true),
    [bikeModels[0] as ForecastModel, glmModel("NB GLM + temperature", { family: "negbin" })],
    BIKE_ROLLING,
  );
  const truth = new Map(loadBikeDays().map((d) => [d.date, d.casual * BIKE_THINNING_P]));
  const oracle = rollingOriginEvaluation(
    series,
    [
      bikeModels[0] as ForecastModel,
      {
        name: "oracle: true thinning mean",
        forecast: (_train, future) => ({ point: future.map((f) => truth.get(f.date) ?? 0) }),
      },
      {
        name: "oracle: true Poisson median",
        forecast: (_train, future) => ({
          point: future.map((f) => poissonQuantile(0.5, truth.get(f.date) ?? 0)),
        }),
      },
    ],
    BIKE_ROLLING,
  );
  return { series: { days: series.length, mean, zeroShare }, scores, withWeather, oracle };
}
