import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { DailyCount } from "../types";
import { addDays, dayNumber, weekday } from "./dates";
import { negBinQuantile, poissonQuantile } from "./distributions";
import { featureNames } from "./features";
import { fitCountGlm, predictMean } from "./glm";
import { holidayFlags, isUsHoliday } from "./holidays";
import {
  completeHistory,
  fitDemandModel,
  forecastDaily,
  holtWinters,
  intervalCoverage,
  mase,
  rmsse,
  rollingOrigins,
  seasonalNaive,
} from "./index";
import { mulberry32 } from "./thinning";

function poissonDraw(mu: number, random: () => number): number {
  // Inversion; fine for the small means used here.
  const u = random();
  let k = 0;
  let p = Math.exp(-mu);
  let cdf = p;
  while (u > cdf && k < 10_000) {
    k += 1;
    p *= mu / k;
    cdf += p;
  }
  return k;
}

/** A synthetic daily series: weekday pattern, annual wave, holidays, growth; Poisson or NB2 noise. */
function synthetic(days: number, seed: number, shape?: number): DailyCount[] {
  const random = mulberry32(seed);
  const out: DailyCount[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays("2022-01-01", i);
    const dow = weekday(date);
    const weekend = dow === 0 || dow === 5 || dow === 6 ? 0.8 : 0;
    const annual = 0.5 * Math.sin((2 * Math.PI * i) / 365.25);
    const holiday = isUsHoliday(date) ? 0.7 : 0;
    let mu = Math.exp(0.5 + weekend + annual + holiday + 0.2 * (i / 365.25));
    if (shape !== undefined) {
      // Gamma(shape, mu/shape) for an integer shape: sum of exponentials.
      let g = 0;
      for (let s = 0; s < shape; s++) g -= Math.log(1 - random());
      mu = (g * mu) / shape;
    }
    out.push({ date, count: poissonDraw(mu, random) });
  }
  return out;
}

describe("dates", () => {
  it("does calendar arithmetic on UTC days (no DST drift)", () => {
    expect(addDays("2024-03-09", 1)).toBe("2024-03-10");
    expect(addDays("2024-03-10", 1)).toBe("2024-03-11");
    expect(addDays("2024-11-02", 2)).toBe("2024-11-04");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(weekday("2026-11-30")).toBe(1); // a Monday
    expect(() => dayNumber("2024-02-30")).toThrow();
    expect(() => dayNumber("2024-2-3")).toThrow();
  });
});

describe("US holidays", () => {
  it("flags public holidays, their observed days, and the days around them", () => {
    expect(isUsHoliday("2011-07-04")).toBe(true);
    expect(isUsHoliday("2011-11-24")).toBe(true); // Thanksgiving
    // Christmas 2011 fell on a Sunday: observed Monday the 26th; both count.
    expect(isUsHoliday("2011-12-25")).toBe(true);
    expect(isUsHoliday("2011-12-26")).toBe(true);
    expect(isUsHoliday("2011-03-17")).toBe(false);
    expect(holidayFlags("2011-07-03")).toEqual({
      holiday: false,
      dayBefore: true,
      dayAfter: false,
    });
    expect(holidayFlags("2011-07-05")).toEqual({
      holiday: false,
      dayBefore: false,
      dayAfter: true,
    });
  });
});

describe("count distributions", () => {
  it("gives the Poisson and NB quantiles", () => {
    // Poisson(2.6): CDF 0.074, 0.267, 0.518, 0.736, 0.877, 0.951, ...
    expect(poissonQuantile(0.1, 2.6)).toBe(1);
    expect(poissonQuantile(0.5, 2.6)).toBe(2);
    expect(poissonQuantile(0.9, 2.6)).toBe(5);
    expect(poissonQuantile(0.9, 0)).toBe(0);
    // NB2 with alpha = 1 is geometric: P(Y <= k) = 1 - (mu/(1+mu))^(k+1).
    expect(negBinQuantile(0.1, 2, 1)).toBe(0);
    expect(negBinQuantile(0.9, 2, 1)).toBe(5);
    expect(negBinQuantile(0.9, 2.6, 0)).toBe(5);
    // Large means take the normal approximation and stay sensible.
    const q = poissonQuantile(0.9, 10_000);
    expect(q).toBeGreaterThan(10_100);
    expect(q).toBeLessThan(10_160);
  });
});

describe("count GLM by IRLS", () => {
  const random = mulberry32(7);
  const n = 4000;
  const x: number[][] = [];
  const yPois: number[] = [];
  const yNb: number[] = [];
  const truth = [0.7, 0.5, -0.4];
  for (let i = 0; i < n; i++) {
    const row = [1, random() < 0.5 ? 1 : 0, random() * 2 - 1];
    const mu = Math.exp(row.reduce((s, v, j) => s + v * (truth[j] as number), 0));
    x.push(row);
    yPois.push(poissonDraw(mu, random));
    // NB2 with alpha = 0.5: gamma(shape 2) mixing.
    const g = -Math.log(1 - random()) - Math.log(1 - random());
    yNb.push(poissonDraw((mu * g) / 2, random));
  }

  it("recovers Poisson coefficients (and solves the penalised score equations)", () => {
    const fit = fitCountGlm(x, yPois, { family: "poisson", ridge: 0.01 });
    const mu = predictMean(x, fit.coefficients);
    for (let j = 1; j < 3; j++) {
      const score = x.reduce(
        (s, row, i) => s + (row[j] as number) * ((yPois[i] as number) - (mu[i] as number)),
        0,
      );
      expect(score).toBeCloseTo(0.01 * (fit.coefficients[j] as number), 4);
    }
    expect(fit.converged).toBe(true);
    expect(fit.alpha).toBe(0);
    fit.coefficients.forEach((b, j) =>
      expect(Math.abs(b - (truth[j] as number))).toBeLessThan(0.1),
    );
  });

  it("recovers NB coefficients and the dispersion", () => {
    const fit = fitCountGlm(x, yNb, { family: "negbin", ridge: 0.01 });
    expect(fit.converged).toBe(true);
    expect(fit.alpha).toBeGreaterThan(0.4);
    expect(fit.alpha).toBeLessThan(0.6);
    fit.coefficients.forEach((b, j) =>
      expect(Math.abs(b - (truth[j] as number))).toBeLessThan(0.1),
    );
    const poisson = fitCountGlm(x, yNb, { family: "poisson", ridge: 0.01 });
    expect(fit.logLikelihood).toBeGreaterThan(poisson.logLikelihood);
  });

  it("estimates (almost) no overdispersion on Poisson data", () => {
    const fit = fitCountGlm(x, yPois, { family: "negbin", ridge: 0.01 });
    expect(fit.alpha).toBeLessThan(0.03);
  });

  it("shrinks toward zero with a large ridge penalty but leaves the intercept free", () => {
    const fit = fitCountGlm(x, yPois, { family: "poisson", ridge: 1e6 });
    expect(Math.abs(fit.coefficients[1] as number)).toBeLessThan(0.01);
    const mean = yPois.reduce((s, v) => s + v, 0) / n;
    expect(predictMean([[1, 0, 0]], fit.coefficients)[0]).toBeCloseTo(mean, 1);
  });

  it("handles an all-zero series", () => {
    const fit = fitCountGlm(x.slice(0, 50), new Array<number>(50).fill(0), { family: "negbin" });
    expect(predictMean([[1, 0, 0]], fit.coefficients)[0]).toBeLessThan(1e-3);
  });
});

describe("forecastDaily", () => {
  const history = synthetic(730, 11, 5);

  it("forecasts the days after the history with ordered integer intervals", () => {
    const out = forecastDaily(history, { horizon: 30 });
    expect(out).toHaveLength(30);
    expect(out[0]?.date).toBe(addDays(history[history.length - 1]?.date ?? "", 1));
    expect(out[29]?.date).toBe(addDays(history[history.length - 1]?.date ?? "", 30));
    for (const d of out) {
      expect(d.mean).toBeGreaterThan(0);
      expect(Number.isInteger(d.lo80) && Number.isInteger(d.hi80)).toBe(true);
      expect(d.lo80).toBeLessThanOrEqual(d.mean);
      expect(d.hi80).toBeGreaterThanOrEqual(d.mean);
    }
  });

  it("learns the weekday, holiday and trend effects", () => {
    const model = fitDemandModel(history, {});
    const coef = (name: string): number =>
      model.fit.coefficients[model.featureNames.indexOf(name)] as number;
    expect(coef("weekday:sat")).toBeGreaterThan(0.5);
    expect(Math.abs(coef("weekday:wed"))).toBeLessThan(0.3);
    expect(coef("holiday")).toBeGreaterThan(0.3);
    expect(coef("trend")).toBeGreaterThan(0);
    expect(model.fit.alpha).toBeGreaterThan(0.05);
    const out = forecastDaily(history, { horizon: 14 });
    const sat = out.filter((d) => weekday(d.date) === 6).map((d) => d.mean);
    const wed = out.filter((d) => weekday(d.date) === 3).map((d) => d.mean);
    expect(Math.min(...sat)).toBeGreaterThan(Math.max(...wed));
  });

  it("covers about 80% of a fresh year with its 80% intervals", () => {
    const all = synthetic(365 * 3, 12, 5);
    const train = all.slice(0, 730);
    const test = all.slice(730, 760);
    const out = forecastDaily(train, { horizon: 30 });
    const coverage = intervalCoverage(
      test.map((d) => d.count),
      out.map((d) => d.lo80),
      out.map((d) => d.hi80),
    );
    expect(coverage).toBeGreaterThan(0.6);
  });

  it("supports Poisson and month dummies", () => {
    const model = fitDemandModel(history, { family: "poisson", seasonality: "month" });
    expect(model.fit.alpha).toBe(0);
    expect(model.featureNames).toContain("month:7");
    expect(featureNames(model.config)).toEqual(model.featureNames);
  });

  it("uses pickup: a covariate when the history has it, a floor always", () => {
    const withPickup = history.map((d, i) => ({
      ...d,
      pickup: Math.floor(d.count * (i % 2 === 0 ? 0.5 : 0.8)),
    }));
    const model = fitDemandModel(withPickup, {});
    expect(model.featureNames).toContain("pickup");
    expect(model.fit.coefficients[model.featureNames.indexOf("pickup")]).toBeGreaterThan(0);
    const last = history[history.length - 1]?.date ?? "";
    const day1 = addDays(last, 1);
    const plain = forecastDaily(history, { horizon: 3, pickup: { [day1]: 40 } });
    expect(plain[0]?.mean).toBe(40);
    expect(plain[0]?.lo80).toBe(40);
    expect(plain[1]?.mean).toBeLessThan(40);
  });

  it("uses weather when the history has it", () => {
    const random = mulberry32(99);
    const days: DailyCount[] = [];
    for (let i = 0; i < 500; i++) {
      const weather = random() * 30;
      days.push({
        date: addDays("2023-01-01", i),
        count: poissonDraw(Math.exp(0.2 + 0.05 * weather), random),
        weather,
      });
    }
    const model = fitDemandModel(days, { trend: false });
    expect(model.fit.coefficients[model.featureNames.indexOf("weather")]).toBeGreaterThan(0.3);
    const next = addDays("2023-01-01", 500);
    const hot = forecastDaily(days, { horizon: 1, weather: { [next]: 30 }, trend: false });
    const cold = forecastDaily(days, { horizon: 1, weather: { [next]: 0 }, trend: false });
    expect(hot[0]?.mean).toBeGreaterThan(3 * (cold[0]?.mean ?? 0));
  });

  it("fills skipped days with zero bookings and rejects bad input", () => {
    const filled = completeHistory([
      { date: "2024-01-03", count: 2 },
      { date: "2024-01-01", count: 1 },
      { date: "2024-01-01", count: 1 },
    ]);
    expect(filled).toEqual([
      { date: "2024-01-01", count: 2 },
      { date: "2024-01-02", count: 0 },
      { date: "2024-01-03", count: 2 },
    ]);
    expect(() => forecastDaily(history.slice(0, 5), { horizon: 7 })).toThrow();
    expect(() => forecastDaily(history, { horizon: 0 })).toThrow();
  });
});

describe("baselines and metrics", () => {
  it("seasonal naive repeats the last week", () => {
    const y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(seasonalNaive(y, 9)).toEqual([4, 5, 6, 7, 8, 9, 10, 4, 5]);
  });

  it("Holt-Winters follows a clean weekly pattern", () => {
    const pattern = [5, 3, 3, 3, 4, 8, 9];
    const y = Array.from({ length: 70 }, (_, i) => pattern[i % 7] as number);
    const f = holtWinters(y, 7);
    f.forEach((v, h) => expect(v).toBeCloseTo(pattern[h] as number, 1));
  });

  it("MASE and RMSSE scale by the in-sample lag-7 naive error", () => {
    const train = [0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 4]; // naive errors 2 x 8
    expect(mase([3, 5], [1, 5], train)).toBeCloseTo(1 / 2);
    expect(rmsse([3, 5], [1, 5], train)).toBeCloseTo(Math.sqrt(2 / 4));
    expect(intervalCoverage([1, 2, 3, 4], [0, 2, 4, 0], [1, 2, 5, 3])).toBe(0.5);
  });

  it("defines the rolling origins", () => {
    expect(rollingOrigins(731, { minTrain: 365, horizon: 30, step: 30 })).toHaveLength(12);
    expect(rollingOrigins(731, { minTrain: 365, horizon: 30, step: 30 })[11]).toEqual({
      trainEnd: 695,
      testEnd: 725,
    });
  });

  it("keeps WASM and node:fs out of the public index", () => {
    const index = readFileSync(new URL("./index.ts", import.meta.url), "utf8");
    const specifiers = [...index.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
    expect(specifiers.length).toBeGreaterThan(5);
    for (const s of specifiers) expect(s).not.toMatch(/augurs|bike-evaluation|node:/);
  });
});
