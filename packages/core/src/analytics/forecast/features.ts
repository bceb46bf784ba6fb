/**
 * Design matrix of the daily demand GLM. One row per calendar day:
 *
 * - intercept;
 * - weekday one-hot (Monday is the reference level, so 6 columns);
 * - annual seasonality as a Fourier series in the day of the year (sin/cos pairs, order K);
 *   with a single year of history a smooth curve generalises better than 11 month dummies
 *   (`seasonality: "month"` switches to month one-hot, January the reference);
 * - US public holidays (the holiday and its observed day), the day before and the day after;
 * - linear trend in years, 0 at the last history day;
 * - optional pickup (log1p of the bookings already on the books) and weather (standardised with
 *   the history's mean and standard deviation).
 */
import { dayNumber, dayOfYear, month, weekday } from "./dates";
import { holidayFlags } from "./holidays";

export interface FeatureConfig {
  seasonality: "fourier" | "month";
  /** Fourier order (pairs of sin/cos) when seasonality = "fourier". */
  fourierOrder: number;
  holidays: boolean;
  trend: boolean;
  /** Day number of the trend's origin (trend = (day - origin) / 365.25). */
  trendOrigin: number;
  pickup: boolean;
  weather: { mean: number; sd: number } | null;
}

export interface DayInputs {
  date: string;
  pickup?: number;
  weather?: number;
}

export function featureNames(config: FeatureConfig): string[] {
  const names = ["intercept"];
  for (const d of ["sun", "tue", "wed", "thu", "fri", "sat"]) names.push(`weekday:${d}`);
  if (config.seasonality === "fourier") {
    for (let k = 1; k <= config.fourierOrder; k++) names.push(`annual:sin${k}`, `annual:cos${k}`);
  } else {
    for (let m = 2; m <= 12; m++) names.push(`month:${m}`);
  }
  if (config.holidays) names.push("holiday", "holiday:dayBefore", "holiday:dayAfter");
  if (config.trend) names.push("trend");
  if (config.pickup) names.push("pickup");
  if (config.weather) names.push("weather");
  return names;
}

const WEEKDAY_COLUMNS = [0, 2, 3, 4, 5, 6];

export function featureRow(day: DayInputs, config: FeatureConfig): number[] {
  const row = [1];
  const dow = weekday(day.date);
  for (const d of WEEKDAY_COLUMNS) row.push(dow === d ? 1 : 0);
  if (config.seasonality === "fourier") {
    const angle = (2 * Math.PI * dayOfYear(day.date)) / 365.25;
    for (let k = 1; k <= config.fourierOrder; k++)
      row.push(Math.sin(k * angle), Math.cos(k * angle));
  } else {
    const m = month(day.date);
    for (let c = 2; c <= 12; c++) row.push(m === c ? 1 : 0);
  }
  if (config.holidays) {
    const h = holidayFlags(day.date);
    row.push(h.holiday ? 1 : 0, h.dayBefore ? 1 : 0, h.dayAfter ? 1 : 0);
  }
  if (config.trend) row.push((dayNumber(day.date) - config.trendOrigin) / 365.25);
  if (config.pickup) row.push(Math.log1p(Math.max(0, day.pickup ?? 0)));
  if (config.weather) {
    const { mean, sd } = config.weather;
    // A missing future value is imputed with the history's mean (0 once standardised).
    row.push(
      day.weather === undefined || !Number.isFinite(day.weather) ? 0 : (day.weather - mean) / sd,
    );
  }
  return row;
}
