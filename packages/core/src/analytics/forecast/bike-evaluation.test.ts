/**
 * Validation on public data (UCI Bike Sharing, CC BY 4.0; fixtures/README.bike.md). The protocol
 * and its hyperparameters are fixed in bike-evaluation.ts; nothing here tunes on the test folds.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { mstlEtsForecast } from "./baselines-augurs";
import {
  BIKE_ROLLING,
  BIKE_THINNING_P,
  bikeModels,
  evaluateOnBikeSeries,
  loadBikeDays,
  thinnedBikeSeries,
  type BikeEvaluation,
} from "./bike-evaluation";
import { formatScoreTable, rollingOriginEvaluation, type ForecastModel } from "./evaluation";
import { binomialThin } from "./thinning";

const SLOW = 120_000;

describe("thinned bike series", () => {
  it("is deterministic, complete and at hibachi scale", () => {
    const days = loadBikeDays();
    expect(days).toHaveLength(731);
    expect(days[0]?.date).toBe("2011-01-01");
    expect(days[730]?.date).toBe("2012-12-31");
    const a = thinnedBikeSeries();
    const b = thinnedBikeSeries();
    expect(a).toEqual(b);
    const mean = a.reduce((s, d) => s + d.count, 0) / a.length;
    const zeros = a.filter((d) => d.count === 0).length / a.length;
    // Expected under thinning: mean 0.003 x 848 = 2.54, zero share mean((1-p)^casual) = 23%.
    expect(mean).toBeGreaterThan(2.3);
    expect(mean).toBeLessThan(2.9);
    expect(zeros).toBeGreaterThan(0.17);
    expect(zeros).toBeLessThan(0.27);
    expect(BIKE_THINNING_P).toBe(0.003);
  });
});

describe("rolling-origin evaluation on the bike series", () => {
  let result: BikeEvaluation;
  beforeAll(() => {
    result = evaluateOnBikeSeries();
  }, SLOW);

  const score = (name: string) => {
    const s = result.scores.find((r) => r.model === name);
    if (!s) throw new Error(`no score for ${name}`);
    return s;
  };

  it("uses 12 folds of 30 days after a year of training", () => {
    for (const s of result.scores) {
      expect(s.folds).toBe(12);
      expect(s.points).toBe(360);
      expect(Number.isFinite(s.mase) && Number.isFinite(s.rmsse)).toBe(true);
    }
    expect(BIKE_ROLLING).toEqual({ minTrain: 365, horizon: 30, step: 30, season: 7 });
  });

  it("beats the seasonal naive by at least 20% in MASE (no weather)", () => {
    const naive = score("seasonal naive (lag 7)");
    expect(naive.relativeMase).toBe(1);
    // The GLM's point forecast for an absolute-error metric is its predictive median.
    expect(score("NB GLM (median point)").relativeMase).toBeLessThanOrEqual(0.8);
    // With the mean as the point forecast this seed lands at ~0.80 (see the multi-seed check).
    expect(score("NB GLM").relativeMase).toBeLessThanOrEqual(0.85);
    expect(score("Poisson GLM").relativeMase).toBeLessThanOrEqual(0.85);
    expect(score("NB GLM").rmsse).toBeLessThan(naive.rmsse * 0.85);
    expect(score("NB GLM").mase).toBeLessThan(score("MSTL + AutoETS (augurs)").mase);
  });

  it("gives roughly 80% interval coverage", () => {
    for (const name of ["Poisson GLM", "NB GLM"]) {
      const c = score(name).coverage80 ?? 0;
      expect(c).toBeGreaterThan(0.72);
      expect(c).toBeLessThan(0.92);
    }
  });

  it("improves further with the temperature as a covariate", () => {
    const [naive, glm] = result.withWeather;
    expect(naive?.mase).toBeCloseTo(score("seasonal naive (lag 7)").mase, 10);
    expect(glm?.mase).toBeLessThan(score("NB GLM").mase);
  });

  it("prints a table, and shows the noise floor of the convention", () => {
    const table = formatScoreTable(result.scores);
    expect(table.split("\n")).toHaveLength(2 + result.scores.length);
    expect(table).toContain("NB GLM");
    // Even the true daily mean scores MASE ~0.77 here: the thinned count is Poisson around it.
    const oracle = result.oracle.find((s) => s.model === "oracle: true thinning mean");
    expect(oracle?.mase).toBeGreaterThan(0.6);
    expect(oracle?.mase).toBeLessThan(score("NB GLM").mase);
  });

  it(
    "is not a lucky seed: over other thinning seeds the mean-point GLM averages <= 0.80 of the naive MASE",
    () => {
      const days = loadBikeDays();
      const models = [bikeModels[0], bikeModels[4]] as ForecastModel[];
      const ratios: number[] = [];
      for (const seed of [1, 2, 3, 4, 5]) {
        const thinned = binomialThin(
          days.map((d) => d.casual),
          BIKE_THINNING_P,
          seed,
        );
        const series = days.map((d, i) => ({ date: d.date, count: thinned[i] as number }));
        const [, glm] = rollingOriginEvaluation(series, models, BIKE_ROLLING);
        ratios.push(glm?.relativeMase ?? Infinity);
      }
      const mean = ratios.reduce((s, r) => s + r, 0) / ratios.length;
      expect(mean).toBeLessThanOrEqual(0.8);
    },
    SLOW,
  );
});

describe("MSTL baseline (augurs WASM)", () => {
  it("forecasts a weekly pattern with intervals", () => {
    const pattern = [5, 3, 3, 3, 4, 8, 9];
    const y = Array.from({ length: 84 }, (_, i) => (pattern[i % 7] as number) + (i % 3) * 0.1);
    const f = mstlEtsForecast(y, 14);
    expect(f.point).toHaveLength(14);
    expect(f.point[5]).toBeGreaterThan(f.point[2] as number);
    f.point.forEach((p, i) => {
      expect(f.lo80[i]).toBeLessThanOrEqual(p);
      expect(f.hi80[i]).toBeGreaterThanOrEqual(p);
    });
  });
});
