import type { DailyCount, ForecastDay } from "../types";
import { addDays, dayNumber, fromDayNumber } from "./dates";
import { featureNames, featureRow, type DayInputs, type FeatureConfig } from "./features";
import { fitCountGlm, predictMean, type CountFamily, type GlmFit } from "./glm";
import { negBinQuantile } from "./distributions";

export interface ForecastOptions {
  /** Days to forecast, starting the day after the last history day. */
  horizon: number;
  /** Bookings already on the books for future days (YYYY-MM-DD -> count). */
  pickup?: Record<string, number>;
  /** Weather covariate for future days (YYYY-MM-DD -> value); used only when the history has it. */
  weather?: Record<string, number>;
  /** Count distribution; default "negbin". */
  family?: CountFamily;
  /** Ridge penalty; default 1. */
  ridge?: number;
  /** Annual seasonality representation; default "fourier" of order 3. */
  seasonality?: "fourier" | "month";
  fourierOrder?: number;
  /** Include the linear trend; default true. */
  trend?: boolean;
  /** Include the holiday features; default true. */
  holidays?: boolean;
}

export interface DemandModel {
  fit: GlmFit;
  config: FeatureConfig;
  featureNames: string[];
  /** Last history day (the forecast origin). */
  lastDate: string;
}

/**
 * Sorts the history and fills the days it skips with zero bookings (a day nobody booked has no
 * row in a bookings table). Duplicate dates are summed.
 */
export function completeHistory(history: DailyCount[]): DailyCount[] {
  if (history.length === 0) return [];
  const byDay = new Map<number, DailyCount>();
  for (const d of history) {
    const n = dayNumber(d.date);
    const prev = byDay.get(n);
    if (prev) {
      byDay.set(n, { ...prev, count: prev.count + d.count });
    } else {
      byDay.set(n, { ...d });
    }
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const first = days[0] as number;
  const last = days[days.length - 1] as number;
  const out: DailyCount[] = [];
  for (let n = first; n <= last; n++)
    out.push(byDay.get(n) ?? { date: fromDayNumber(n), count: 0 });
  return out;
}

function meanSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, values.length - 1);
  const sd = Math.sqrt(variance);
  return { mean, sd: sd > 0 ? sd : 1 };
}

/** Fits the daily demand GLM on a history (see features.ts for the covariates). */
export function fitDemandModel(
  history: DailyCount[],
  options: Omit<ForecastOptions, "horizon"> = {},
): DemandModel {
  const days = completeHistory(history);
  if (days.length < 14) throw new Error("need at least 14 days of history");
  const lastDate = (days[days.length - 1] as DailyCount).date;
  const hasPickup = days.every((d) => d.pickup !== undefined && Number.isFinite(d.pickup));
  const weatherValues = days.map((d) => d.weather);
  const hasWeather = weatherValues.every((w): w is number => w !== undefined && Number.isFinite(w));
  const config: FeatureConfig = {
    seasonality: options.seasonality ?? "fourier",
    fourierOrder: options.fourierOrder ?? 3,
    holidays: options.holidays ?? true,
    trend: options.trend ?? true,
    trendOrigin: dayNumber(lastDate),
    pickup: hasPickup,
    weather: hasWeather ? meanSd(weatherValues as number[]) : null,
  };
  const x = days.map((d) => featureRow(d, config));
  const y = days.map((d) => d.count);
  const fit = fitCountGlm(x, y, { family: options.family ?? "negbin", ridge: options.ridge ?? 1 });
  return { fit, config, featureNames: featureNames(config), lastDate };
}

/** Forecast of the days after the model's last history day. */
export function predictDemand(
  model: DemandModel,
  options: Pick<ForecastOptions, "horizon" | "pickup" | "weather">,
): ForecastDay[] {
  const inputs: DayInputs[] = [];
  for (let h = 1; h <= options.horizon; h++) {
    const date = addDays(model.lastDate, h);
    const day: DayInputs = { date };
    const pickup = options.pickup?.[date];
    const weather = options.weather?.[date];
    if (pickup !== undefined) day.pickup = pickup;
    if (weather !== undefined) day.weather = weather;
    inputs.push(day);
  }
  const mu = predictMean(
    inputs.map((d) => featureRow(d, model.config)),
    model.fit.coefficients,
  );
  return inputs.map((d, i) => {
    const m = mu[i] ?? 0;
    const a = model.fit.alpha;
    // Bookings already on the books are a floor on the day's total.
    const floor = Math.max(0, d.pickup ?? 0);
    return {
      date: d.date,
      mean: Math.max(m, floor),
      lo80: Math.max(negBinQuantile(0.1, m, a), floor),
      hi80: Math.max(negBinQuantile(0.9, m, a), floor),
      median: Math.max(negBinQuantile(0.5, m, a), floor),
    };
  });
}

/**
 * Daily booking-demand forecast: a log-link count GLM (negative binomial by default, Poisson
 * with `family: "poisson"`) fitted by ridge-penalised IRLS on weekday, annual seasonality,
 * US holidays, trend and the optional pickup / weather covariates. Returns the mean and the 80%
 * interval (10% and 90% quantiles of the predictive NB/Poisson at the predicted mean).
 */
export function forecastDaily(history: DailyCount[], options: ForecastOptions): ForecastDay[] {
  if (!Number.isInteger(options.horizon) || options.horizon < 1)
    throw new Error("horizon must be a positive integer");
  const model = fitDemandModel(history, options);
  return predictDemand(model, options);
}
