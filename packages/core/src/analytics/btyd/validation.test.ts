import { describe, expect, it } from "vitest";
import { cdnowTransactions } from "./testing";
import { CDNOW_PERIODS, churnValidation, holdoutComparison, parseCdnowSample } from "./validation";

describe("parseCdnowSample", () => {
  it("reads lifetimes' CDNOW_sample.txt", () => {
    const rows = cdnowTransactions();
    expect(rows).toHaveLength(6919);
    expect(rows[0]).toEqual({ id: "00004", date: "19970101", value: 29.33 });
    expect(parseCdnowSample(" 00004 0001 19970101  2   29.33\n\n")).toHaveLength(1);
  });
});

describe("CDNOW holdout (39 + 39 weeks, BG/NBD)", () => {
  const table = holdoutComparison(cdnowTransactions(), CDNOW_PERIODS);

  it("predicts the holdout's repeat purchases close to the reference (1,653 predicted vs 1,882 actual)", () => {
    expect(table.customers).toBe(2357);
    expect(table.horizon).toBe(39);
    expect(table.actualTotal).toBe(1882);
    expect(Math.abs(table.predictedTotal / 1653 - 1)).toBeLessThan(0.03);
    expect(Math.abs(table.actualTotal / 1882 - 1)).toBeLessThan(0.03);
  });

  it("per-customer correlation close to 0.63", () => {
    expect(Math.abs(table.correlation - 0.63)).toBeLessThan(0.05);
  });

  it("tabulates the conditional expectations by calibration frequency", () => {
    expect(table.byFrequency.map((r) => r.frequency)).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7+",
    ]);
    expect(table.byFrequency.reduce((s, r) => s + r.customers, 0)).toBe(2357);
    expect(table.byFrequency[0]?.customers).toBe(1411);
    const total = table.byFrequency.reduce((s, r) => s + r.predictedMean * r.customers, 0);
    expect(total).toBeCloseTo(table.predictedTotal, 6);
    // More repeat purchases in calibration, more in the holdout.
    expect(table.byFrequency[7]?.actualMean).toBeGreaterThan(
      table.byFrequency[0]?.actualMean ?? Infinity,
    );
    expect(table.byFrequency[7]?.predictedMean).toBeGreaterThan(
      table.byFrequency[1]?.predictedMean ?? Infinity,
    );
  });

  it("works for MBG/NBD too", () => {
    const mbg = holdoutComparison(cdnowTransactions(), { ...CDNOW_PERIODS, model: "mbgnbd" });
    expect(mbg.params.r).toBeCloseTo(0.525, 2);
    expect(Math.abs(mbg.predictedTotal / table.predictedTotal - 1)).toBeLessThan(0.1);
  });
});

describe("churn score on the CDNOW holdout", () => {
  const v = churnValidation(cdnowTransactions(), CDNOW_PERIODS);

  it("labels: 684 of 2,357 customers buy again in the holdout", () => {
    expect(v.customers).toBe(2357);
    expect(v.buyersInHoldout).toBe(684);
    expect(v.withTrend).toBe(507);
  });

  it("the churn score ranks buyers with AUC >= 0.78 from calibration signals only", () => {
    expect(v.auc.churnScore).toBeGreaterThanOrEqual(0.78);
    expect(v.auc.churnScoreWithoutTrend).toBeGreaterThanOrEqual(0.78);
  });

  it("reproduces the reference single-signal AUCs (recency ~0.771, BG/NBD P(alive) ~0.316)", () => {
    expect(v.auc.recency).toBeCloseTo(0.771, 2);
    expect(v.auc.bgnbdPAlive).toBeCloseTo(0.316, 2);
    // MBG/NBD's P(alive) is at least informative (a one-time customer is not certainly alive).
    expect(v.auc.mbgnbdPAlive).toBeGreaterThan(0.6);
    expect(v.auc.churnScore).toBeGreaterThan(v.auc.recency);
  });
});
