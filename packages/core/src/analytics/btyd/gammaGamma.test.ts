import { describe, expect, it } from "vitest";
import { expectedAverageValue, fitGammaGamma, gammaGammaLogLikelihood } from "./gammaGamma";
import { summarizeTransactions } from "./summary";
import { syntheticCustomers } from "./synthetic";
import { cdnowTransactions } from "./testing";
import { CDNOW_PERIODS } from "./validation";

describe("Gamma-Gamma on CDNOW", () => {
  const rfm = summarizeTransactions(cdnowTransactions(), {
    calibrationEnd: CDNOW_PERIODS.calibrationEnd,
    unit: "week",
  });
  const fit = fitGammaGamma(rfm);

  it("is fitted on the 946 customers with repeat purchases", () => {
    expect(rfm.filter((r) => r.frequency > 0)).toHaveLength(946);
  });

  it("matches lifetimes' CDNOW example (p 6.25, q 3.74, v 15.44, published to 2 decimals)", () => {
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.p - 6.25)).toBeLessThan(5e-3);
    expect(Math.abs(fit.params.q - 3.74)).toBeLessThan(5e-3);
    expect(Math.abs(fit.params.v - 15.44)).toBeLessThan(5e-3);
    // Our optimum is at least as likely as the rounded published one.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(
      gammaGammaLogLikelihood({ p: 6.25, q: 3.74, v: 15.44 }, rfm),
    );
  });

  it("the conditional mean shrinks a customer's mean towards the population's", () => {
    const { p, q, v } = fit.params;
    const population = (p * v) / (q - 1);
    expect(expectedAverageValue(fit.params, { frequency: 0, monetary: 0 })).toBeCloseTo(
      population,
      10,
    );
    const big = expectedAverageValue(fit.params, { frequency: 3, monetary: 100 });
    expect(big).toBeLessThan(100);
    expect(big).toBeGreaterThan(population);
    // More purchases: closer to the customer's own mean.
    expect(expectedAverageValue(fit.params, { frequency: 30, monetary: 100 })).toBeGreaterThan(big);
  });
});

describe("Gamma-Gamma synthetic recovery", () => {
  it("recovers the population mean spend it was simulated from", () => {
    const truth = { p: 6, q: 4, v: 15 };
    const rows = syntheticCustomers({
      n: 20_000,
      params: { r: 2, alpha: 10, a: 1, b: 5 },
      seed: 5,
      gammaGamma: truth,
      wholeDays: false,
    });
    const fit = fitGammaGamma(rows);
    expect(rows.filter((r) => r.frequency > 0).length).toBeGreaterThan(2500);
    // p, q, v are weakly identified one by one; the mean spend p v / (q - 1) is well determined.
    const mean = (g: { p: number; q: number; v: number }): number => (g.p * g.v) / (g.q - 1);
    expect(Math.abs(mean(fit.params) / mean(truth) - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.params.p / truth.p - 1)).toBeLessThan(0.2);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(truth, rows));
  });

  it("needs customers with repeat purchases", () => {
    expect(() => fitGammaGamma([{ frequency: 0, monetary: 0 }])).toThrow(RangeError);
  });
});
