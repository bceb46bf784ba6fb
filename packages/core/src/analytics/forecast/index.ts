/**
 * Daily booking-demand forecasting (issue 15): a ridge-penalised Poisson / negative-binomial GLM
 * fitted by IRLS, seasonal-naive baseline, scaled error metrics, rolling-origin evaluation and
 * staffing advice. Pure TypeScript; the WASM (augurs) baselines live in ./baselines-augurs and
 * the bike-data benchmark in ./bike-evaluation, neither imported here so no bundle pulls WASM
 * or node:fs.
 */
export { forecastDaily, fitDemandModel, predictDemand, completeHistory } from "./forecast";
export type { ForecastOptions, DemandModel } from "./forecast";
export { fitCountGlm, countLogLikelihood } from "./glm";
export type { CountFamily, GlmFit, GlmOptions } from "./glm";
export { poissonQuantile, negBinQuantile } from "./distributions";
export { seasonalNaive, holtWinters } from "./baselines";
export type { HoltWintersOptions } from "./baselines";
export { mase, rmsse, intervalCoverage, seasonalNaiveScales } from "./metrics";
export { rollingOriginEvaluation, rollingOrigins, formatScoreTable } from "./evaluation";
export type {
  ForecastModel,
  FutureDay,
  ModelForecast,
  ModelScore,
  RollingOriginOptions,
} from "./evaluation";
export { staffingAdvice } from "./staffing";
export type {
  StaffingOptions,
  StaffingDay,
  StaffingFlag,
  StaffingSuggestion,
  DemandLevel,
} from "./staffing";
export { usHolidays, isUsHoliday, holidayFlags } from "./holidays";
