/**
 * Buy-'til-you-die models of the customer base (issue 15), pure TypeScript, no database:
 * BG/NBD and MBG/NBD purchase models, Gamma-Gamma spend, CLV with segments, churn risk, and their
 * validation on a calibration/holdout split.
 */
export {
  summarizeTransactions,
  summarizeHistory,
  purchaseHistories,
  dayNumber,
  unitDays,
  type TimeUnit,
  type TransactionRow,
  type PurchaseHistory,
  type SummaryOptions,
} from "./summary";
export {
  aggregateRfm,
  logLikelihood,
  fitBtyd,
  fitBgNbd,
  fitMbgNbd,
  probabilityAlive,
  expectedPurchases,
  expectedPurchasesNew,
  type AggregatedRfm,
  type BtydModel,
  type BtydFitOptions,
  type RfmInput,
} from "./bgnbd";
export {
  fitGammaGamma,
  gammaGammaLogLikelihood,
  expectedAverageValue,
  type GammaGammaFitOptions,
  type MonetaryInput,
} from "./gammaGamma";
export {
  customerClv,
  SEGMENT_ACTIONS,
  DAYS_PER_MONTH,
  type ClvFits,
  type ClvOptions,
  type SegmentActions,
} from "./clv";
export {
  churnScore,
  churnBand,
  auc,
  frequencyTrend,
  typicalGapDays,
  modelChurnSignals,
  describeDays,
  fitChurnCalibration,
  calibratedScore,
  MIN_CALIBRATION_CUSTOMERS,
  cancellationPercent,
  withPartyBooked,
  type ChurnOptions,
  type ChurnCalibration,
} from "./churn";
export {
  syntheticCustomers,
  syntheticFitBenchmark,
  CDNOW_BGNBD,
  type SyntheticOptions,
  type FitBenchmark,
} from "./synthetic";
export {
  CDNOW_PERIODS,
  parseCdnowSample,
  holdoutComparison,
  churnValidation,
  type ValidationOptions,
  type HoldoutComparison,
  type HoldoutRow,
  type ChurnValidation,
} from "./validation";
export {
  hyp2f1,
  logHyp2f1,
  nelderMead,
  Rng,
  type NelderMeadOptions,
  type NelderMeadResult,
} from "./math";
