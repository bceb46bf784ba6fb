import { beforeAll, describe, expect, it } from "vitest";
import type { BgNbdParams, FitResult, RfmRow } from "../types";
import {
  aggregateRfm,
  expectedPurchases,
  expectedPurchasesNew,
  fitBgNbd,
  fitMbgNbd,
  logLikelihood,
  probabilityAlive,
} from "./bgnbd";
import { summarizeTransactions } from "./summary";
import { syntheticCustomers } from "./synthetic";
import { cdnowTransactions } from "./testing";
import { CDNOW_PERIODS } from "./validation";

const relClose = (actual: number, expected: number, tol: number): void => {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(tol);
};

let rfm: RfmRow[];
let bg: FitResult<BgNbdParams>;
let mbg: FitResult<BgNbdParams>;

beforeAll(() => {
  rfm = summarizeTransactions(cdnowTransactions(), {
    calibrationEnd: CDNOW_PERIODS.calibrationEnd,
    unit: "week",
  });
  bg = fitBgNbd(rfm);
  mbg = fitMbgNbd(rfm);
});

describe("CDNOW summary", () => {
  it("has the 2,357 customers of the sample, 1,411 without repeat purchases", () => {
    expect(rfm).toHaveLength(2357);
    expect(rfm.filter((r) => r.frequency === 0)).toHaveLength(1411);
    // Customer 4 bought on 1997-01-01, 01-18 and 08-02 (then 12-12, in the holdout).
    expect(rfm[0]).toMatchObject({ id: "00004", frequency: 2 });
    expect(rfm[0]?.recency).toBeCloseTo(213 / 7, 10);
    expect(rfm[0]?.T).toBeCloseTo(272 / 7, 10);
  });
});

describe("BG/NBD on CDNOW (Fader, Hardie & Lee 2005)", () => {
  it("recovers the published parameters", () => {
    expect(bg.converged).toBe(true);
    relClose(bg.params.r, 0.2426, 1e-3);
    relClose(bg.params.alpha, 4.4136, 1e-3);
    relClose(bg.params.a, 0.7929, 1e-3);
    relClose(bg.params.b, 2.4259, 1e-3);
  });

  it("has the published log-likelihood (summed over customers, all terms as lifetimes)", () => {
    // Published to 2 decimals; ours is -9582.4292.
    expect(Math.abs(bg.logLikelihood - -9582.43)).toBeLessThan(1e-3);
  });

  it("gives the same log-likelihood on aggregated and raw rows", () => {
    const agg = aggregateRfm(rfm);
    expect(agg.customers).toBe(2357);
    expect(agg.size).toBeLessThan(2357);
    expect(logLikelihood("bgnbd", bg.params, agg)).toBeCloseTo(
      logLikelihood("bgnbd", bg.params, rfm),
      8,
    );
    // One customer at a time sums to the same.
    const sum = rfm.reduce((s, r) => s + logLikelihood("bgnbd", bg.params, [r]), 0);
    expect(sum).toBeCloseTo(bg.logLikelihood, 6);
  });

  it("matches Hardie's spreadsheet for the conditional expectation (x=2, t_x=30.43, T=38.86, t=39)", () => {
    const e = expectedPurchases("bgnbd", bg.params, { frequency: 2, recency: 30.43, T: 38.86 }, 39);
    expect(e).toBeCloseTo(1.226, 3);
  });

  it("matches Hardie's spreadsheet for the unconditional expectation", () => {
    const times = [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => {
      expect(
        Math.abs(expectedPurchasesNew("bgnbd", bg.params, t) - (expected[i] ?? 0)),
      ).toBeLessThan(6e-4);
    });
  });

  it("P(alive) is 1 without repeat purchases and falls with the silence", () => {
    expect(probabilityAlive("bgnbd", bg.params, { frequency: 0, recency: 0, T: 30 })).toBe(1);
    const recent = probabilityAlive("bgnbd", bg.params, { frequency: 3, recency: 30, T: 31 });
    const silent = probabilityAlive("bgnbd", bg.params, { frequency: 3, recency: 5, T: 31 });
    expect(recent).toBeGreaterThan(silent);
    expect(silent).toBeGreaterThan(0);
    expect(recent).toBeLessThanOrEqual(1);
  });

  it("the expectation is 0 at t = 0 and increases with t", () => {
    const row = { frequency: 4, recency: 20, T: 30 };
    expect(expectedPurchases("bgnbd", bg.params, row, 0)).toBe(0);
    let previous = 0;
    for (const t of [1, 10, 52, 520]) {
      const e = expectedPurchases("bgnbd", bg.params, row, t);
      expect(e).toBeGreaterThan(previous);
      previous = e;
    }
  });

  it("the L2 penalty shrinks the parameters", () => {
    const penalised = fitBgNbd(rfm, { penalty: 0.01 });
    const norm = (p: BgNbdParams): number => p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2;
    expect(norm(penalised.params)).toBeLessThan(norm(bg.params));
    expect(penalised.logLikelihood).toBeLessThan(bg.logLikelihood);
  });
});

describe("MBG/NBD on CDNOW", () => {
  it("matches lifetimes' ModifiedBetaGeoFitter / BTYDplus (r 0.525, alpha 6.183, a 0.891, b 1.614)", () => {
    expect(mbg.converged).toBe(true);
    expect(mbg.params.r).toBeCloseTo(0.525, 3);
    expect(mbg.params.alpha).toBeCloseTo(6.183, 3);
    expect(mbg.params.a).toBeCloseTo(0.891, 3);
    expect(mbg.params.b).toBeCloseTo(1.614, 3);
  });

  it("fits at least as well as BG/NBD (same parameter count, it nests the dropout at time 0)", () => {
    expect(mbg.logLikelihood).toBeGreaterThanOrEqual(bg.logLikelihood);
    expect(mbg.logLikelihood).toBeCloseTo(-9582.14, 1);
  });

  it("a one-time customer is not certainly alive", () => {
    const p = probabilityAlive("mbgnbd", mbg.params, { frequency: 0, recency: 0, T: 30 });
    expect(p).toBeLessThan(1);
    expect(p).toBeGreaterThan(0);
    expect(probabilityAlive("mbgnbd", mbg.params, { frequency: 0, recency: 0, T: 0 })).toBeCloseTo(
      mbg.params.b / (mbg.params.a + mbg.params.b),
      12,
    );
  });

  it("is close to Hardie's spreadsheet for the conditional expectation (lifetimes: within 0.05)", () => {
    const e = expectedPurchases(
      "mbgnbd",
      mbg.params,
      { frequency: 2, recency: 30.43, T: 38.86 },
      39,
    );
    expect(Math.abs(e - 1.226)).toBeLessThan(0.05);
  });

  it("the unconditional expectation is the conditional one of a customer of age 0", () => {
    const t = 20;
    expect(expectedPurchasesNew("mbgnbd", mbg.params, t)).toBeCloseTo(
      expectedPurchases("mbgnbd", mbg.params, { frequency: 0, recency: 0, T: 0 }, t),
      10,
    );
    expect(expectedPurchasesNew("bgnbd", bg.params, t)).toBeCloseTo(
      expectedPurchases("bgnbd", bg.params, { frequency: 0, recency: 0, T: 0 }, t),
      10,
    );
  });
});

describe("synthetic recovery", () => {
  const truth: BgNbdParams = { r: 0.5, alpha: 5, a: 0.8, b: 2.5 };

  for (const model of ["bgnbd", "mbgnbd"] as const) {
    it(`${model} recovers the parameters it was simulated from`, () => {
      const rows = syntheticCustomers({
        n: 20_000,
        params: truth,
        seed: 11,
        model,
        wholeDays: false,
      });
      const fit = model === "bgnbd" ? fitBgNbd(rows) : fitMbgNbd(rows);
      expect(fit.converged).toBe(true);
      relClose(fit.params.r, truth.r, 0.15);
      relClose(fit.params.alpha, truth.alpha, 0.15);
      relClose(fit.params.a, truth.a, 0.2);
      relClose(fit.params.b, truth.b, 0.25);
      // The optimum is at least as likely as the truth.
      expect(fit.logLikelihood).toBeGreaterThanOrEqual(logLikelihood(model, truth, rows));
    });
  }

  it("the expectations agree with simulation, also for a + b < 1 (2F1 with c <= 0)", () => {
    const cases: [BgNbdParams, "bgnbd" | "mbgnbd"][] = [
      [truth, "bgnbd"],
      [truth, "mbgnbd"],
      [{ r: 0.4, alpha: 3, a: 0.3, b: 0.5 }, "bgnbd"],
      [{ r: 0.4, alpha: 3, a: 0.3, b: 0.5 }, "mbgnbd"],
    ];
    for (const [params, model] of cases) {
      const rows = syntheticCustomers({
        n: 60_000,
        params,
        seed: 21,
        model,
        wholeDays: false,
        minAgeDays: 364,
        maxAgeDays: 364,
      });
      const mean = rows.reduce((s, r) => s + r.frequency, 0) / rows.length;
      const expected = expectedPurchasesNew(model, params, 52);
      expect(Number.isFinite(expected)).toBe(true);
      relClose(mean, expected, 0.04);
      // Conditional: a customer with x repeat purchases by 26 of 52 weeks, predicted for the next 26.
      const c = expectedPurchases(model, params, { frequency: 1, recency: 10, T: 26 }, 26);
      expect(c).toBeGreaterThan(0);
      expect(Number.isFinite(c)).toBe(true);
    }
  });

  it("the generator is reproducible from its seed", () => {
    const a = syntheticCustomers({ n: 50, params: truth, seed: 3 });
    const b = syntheticCustomers({ n: 50, params: truth, seed: 3 });
    const c = syntheticCustomers({ n: 50, params: truth, seed: 4 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

describe("input validation", () => {
  it("rejects impossible rows", () => {
    expect(() => aggregateRfm([{ frequency: 1, recency: 5, T: 3 }])).toThrow(RangeError);
    expect(() => aggregateRfm([{ frequency: 1.5, recency: 1, T: 3 }])).toThrow(RangeError);
    expect(() => fitBgNbd([])).toThrow(RangeError);
  });
});
