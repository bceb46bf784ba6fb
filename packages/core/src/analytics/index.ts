// Customer intelligence (issue 15): lifetime value (BG/NBD, MBG/NBD, Gamma-Gamma), churn risk,
// the demand forecast, the nightly refit that stores them and what the owner's pages read.
export * from "./types";
export * from "./btyd";
export * from "./forecast";
export { refitCustomerIntelligence, ANALYTICS_MODEL_VERSION, type RefitResult } from "./refit";
export * from "./read";
export { demandForecastView } from "./forecast-view";
export * from "./interventions";
