/**
 * Calibration/holdout validation of the models on a transaction log (CDNOW in the tests and the
 * benchmark): predicted vs actual repeat purchases in the holdout, and the AUC of the churn score
 * and of simpler signals for "buys again in the holdout". Pure functions of the rows, so the
 * benchmark prints exactly what the tests assert.
 */
import { sampleCorrelation } from "simple-statistics";
import type { BgNbdParams } from "../types";
import { type BtydModel, expectedPurchases, fitBtyd, probabilityAlive } from "./bgnbd";
import { auc, churnScore, frequencyTrend, modelChurnSignals } from "./churn";
import {
  dayNumber,
  purchaseHistories,
  summarizeHistory,
  type TimeUnit,
  type TransactionRow,
  unitDays,
} from "./summary";

/** The CDNOW split of Fader, Hardie & Lee (2005): 39 weeks of calibration, 39 of holdout. */
export const CDNOW_PERIODS = {
  calibrationEnd: "1997-09-30",
  holdoutEnd: "1998-06-30",
  unit: "week",
} as const satisfies { calibrationEnd: string; holdoutEnd: string; unit: TimeUnit };

/** Parses lifetimes' CDNOW_sample.txt (customer id, sample id, YYYYMMDD, CDs, dollars). */
export function parseCdnowSample(text: string): TransactionRow[] {
  const rows: TransactionRow[] = [];
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5) continue;
    const [id, , date, , value] = fields;
    if (id === undefined || date === undefined || value === undefined) continue;
    rows.push({ id, date, value: Number(value) });
  }
  return rows;
}

export interface ValidationOptions {
  calibrationEnd: Date | string;
  holdoutEnd: Date | string;
  unit: TimeUnit;
}

interface SplitCustomer {
  id: string;
  frequency: number;
  recency: number;
  T: number;
  monetary: number;
  /** Purchase days in the calibration period (ascending). */
  calibrationDays: number[];
  /** Purchase days in (calibrationEnd, holdoutEnd]. */
  holdoutPurchases: number;
}

interface Split {
  customers: SplitCustomer[];
  endDay: number;
  /** Holdout length in the unit. */
  horizon: number;
}

function split(rows: readonly TransactionRow[], options: ValidationOptions): Split {
  const endDay = dayNumber(options.calibrationEnd);
  const holdoutEnd = dayNumber(options.holdoutEnd);
  if (holdoutEnd <= endDay) throw new RangeError("holdoutEnd must be after calibrationEnd");
  const customers: SplitCustomer[] = [];
  for (const history of purchaseHistories(rows).values()) {
    const rfm = summarizeHistory(history, endDay, options.unit);
    if (!rfm) continue;
    customers.push({
      ...rfm,
      calibrationDays: history.days.filter((d) => d <= endDay),
      holdoutPurchases: history.days.filter((d) => d > endDay && d <= holdoutEnd).length,
    });
  }
  return { customers, endDay, horizon: (holdoutEnd - endDay) / unitDays(options.unit) };
}

export interface HoldoutRow {
  /** Repeat purchases in calibration: "0", "1", ..., "7+". */
  frequency: string;
  customers: number;
  actualMean: number;
  predictedMean: number;
}

export interface HoldoutComparison {
  model: BtydModel;
  params: BgNbdParams;
  customers: number;
  /** Holdout length in the unit. */
  horizon: number;
  predictedTotal: number;
  actualTotal: number;
  /** Pearson correlation of predicted and actual holdout purchases per customer. */
  correlation: number;
  /** Mean holdout purchases by calibration frequency (Fader, Hardie & Lee's conditional expectations table). */
  byFrequency: HoldoutRow[];
}

/**
 * Fits the model on the calibration period (unless `params` is given) and compares its expected
 * holdout purchases with the actual ones, in total, per customer and by calibration frequency.
 */
export function holdoutComparison(
  rows: readonly TransactionRow[],
  options: ValidationOptions & {
    model?: BtydModel;
    params?: BgNbdParams;
    maxFrequencyRow?: number;
  },
): HoldoutComparison {
  const model = options.model ?? "bgnbd";
  const { customers, horizon } = split(rows, options);
  const params = options.params ?? fitBtyd(model, customers).params;
  const predicted = customers.map((c) => expectedPurchases(model, params, c, horizon));
  const actual = customers.map((c) => c.holdoutPurchases);
  const top = options.maxFrequencyRow ?? 7;
  const groups = Array.from({ length: top + 1 }, () => ({ n: 0, actual: 0, predicted: 0 }));
  customers.forEach((c, i) => {
    const g = groups[Math.min(c.frequency, top)];
    if (!g) return;
    g.n++;
    g.actual += actual[i] ?? 0;
    g.predicted += predicted[i] ?? 0;
  });
  const sum = (v: number[]): number => v.reduce((s, x) => s + x, 0);
  return {
    model,
    params,
    customers: customers.length,
    horizon,
    predictedTotal: sum(predicted),
    actualTotal: sum(actual),
    correlation: customers.length > 1 ? sampleCorrelation(predicted, actual) : NaN,
    byFrequency: groups.map((g, k) => ({
      frequency: k === top ? `${top}+` : String(k),
      customers: g.n,
      actualMean: g.n > 0 ? g.actual / g.n : NaN,
      predictedMean: g.n > 0 ? g.predicted / g.n : NaN,
    })),
  };
}

export interface ChurnValidation {
  customers: number;
  /** Customers who bought again in the holdout (the positives). */
  buyersInHoldout: number;
  /** Customers with a frequency trend (2+ repeat purchases in calibration). */
  withTrend: number;
  /** Each customer's averaged risk (0-1, the score before calibration) and the outcome. */
  perCustomer: { risk: number; boughtAgain: boolean; oneTime: boolean }[];
  /** AUCs for "buys again in the holdout", every signal oriented so that higher = more likely to buy. */
  auc: {
    /** 100 - churn score (MBG/NBD P(alive), silence, inactivity at the own pace, frequency trend), horizon = the holdout. */
    churnScore: number;
    /** The same without the frequency trend (MBG/NBD P(alive), silence, inactivity). */
    churnScoreWithoutTrend: number;
    /** Recency alone: - days since the last purchase. */
    recency: number;
    /** BG/NBD P(alive) alone (1 for every one-time customer). */
    bgnbdPAlive: number;
    /** MBG/NBD P(alive) alone. */
    mbgnbdPAlive: number;
  };
  mbgnbd: BgNbdParams;
  bgnbd: BgNbdParams;
}

/**
 * The churn score's validation: signals from the calibration period only (MBG/NBD P(alive), days
 * since the last purchase, the customer's usual gap from the model, the frequency trend), label =
 * at least one purchase in the holdout.
 */
export function churnValidation(
  rows: readonly TransactionRow[],
  options: ValidationOptions,
): ChurnValidation {
  const { customers, endDay } = split(rows, options);
  const mbg = fitBtyd("mbgnbd", customers).params;
  const bg = fitBtyd("bgnbd", customers).params;
  const labels = customers.map((c) => c.holdoutPurchases > 0);
  const perUnit = unitDays(options.unit);
  const horizonDays = dayNumber(options.holdoutEnd) - endDay;
  let withTrend = 0;
  const scores: number[] = [];
  const scoresWithoutTrend: number[] = [];
  for (const c of customers) {
    const signals = modelChurnSignals(mbg, c, options.unit);
    const trend = frequencyTrend(c.calibrationDays, endDay);
    if (trend !== undefined) withTrend++;
    scores.push(
      100 -
        churnScore(
          c.id,
          { ...signals, ...(trend !== undefined ? { frequencyTrend: trend } : {}) },
          { horizonDays },
        ).score,
    );
    scoresWithoutTrend.push(100 - churnScore(c.id, signals, { horizonDays }).score);
  }
  return {
    customers: customers.length,
    buyersInHoldout: labels.filter(Boolean).length,
    withTrend,
    perCustomer: scores.map((s, i) => ({
      risk: (100 - s) / 100,
      boughtAgain: labels[i] === true,
      oneTime: customers[i]!.frequency === 0,
    })),
    auc: {
      churnScore: auc(scores, labels),
      churnScoreWithoutTrend: auc(scoresWithoutTrend, labels),
      recency: auc(
        customers.map((c) => -(c.T - c.recency) * perUnit),
        labels,
      ),
      bgnbdPAlive: auc(
        customers.map((c) => probabilityAlive("bgnbd", bg, c)),
        labels,
      ),
      mbgnbdPAlive: auc(
        customers.map((c) => probabilityAlive("mbgnbd", mbg, c)),
        labels,
      ),
    },
    mbgnbd: mbg,
    bgnbd: bg,
  };
}
