import { describe, expect, it } from "vitest";
import { armForKey, keyPercentile } from "./arm";
import { proportionDiff, studentTQuantile, welchDiff } from "./stats";

describe("the report's intervals", () => {
  it("has the t quantiles of the tables", () => {
    // Student's t table (two-sided 95 %, and one-sided 95 % at 1 df).
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.182446, 5);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228139, 5);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272, 5);
    expect(studentTQuantile(0.95, 1)).toBeCloseTo(6.313752, 4);
    expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(1.959964, 5);
  });

  it("gives the Wald interval of a difference of conversion rates", () => {
    // 30/100 vs 20/100: d = 0.1, se = sqrt(.3*.7/100 + .2*.8/100) = 0.0608276.
    const i = proportionDiff(30, 100, 20, 100)!;
    expect(i.estimate).toBeCloseTo(0.1, 10);
    expect(i.low).toBeCloseTo(0.1 - 1.959964 * 0.0608276, 5);
    expect(i.high).toBeCloseTo(0.1 + 1.959964 * 0.0608276, 5);
    expect(proportionDiff(1, 0, 1, 10)).toBeNull();
  });

  it("gives Welch's interval of a difference of means", () => {
    // t = 1..5 (mean 3, var 2.5), c = 2,4,6 (mean 4, var 4): se^2 = 0.5 + 1.3333 = 1.8333,
    // df = 1.8333^2 / (0.5^2/4 + 1.3333^2/2) = 3.5329; t(0.975, 3.5329) = 2.9222 (by the table's
    // neighbours 3.182 at 3 and 2.776 at 4), so the half-width is 2.9222 * 1.35401 = 3.9567.
    const i = welchDiff([1, 2, 3, 4, 5], [2, 4, 6])!;
    expect(i.estimate).toBeCloseTo(-1, 10);
    const half = i.high - i.estimate;
    expect(half).toBeGreaterThan(2.776 * 1.35401);
    expect(half).toBeLessThan(3.182 * 1.35401);
    expect(half).toBeCloseTo(studentTQuantile(0.975, 3.53285) * 1.354006, 3);
    expect(i.low).toBeCloseTo(-1 - half, 10);
    expect(welchDiff([1], [1, 2])).toBeNull();
  });
});

describe("arm assignment", () => {
  it("is a function of the key, with about the hold-out share in control", () => {
    expect(armForKey("abc-123-session-key", 10)).toBe(armForKey("abc-123-session-key", 10));
    let control = 0;
    for (let k = 0; k < 10_000; k++)
      if (armForKey(`key-${k}-xxxxxxxxxxxx`, 10) === "control") control++;
    expect(control).toBeGreaterThan(900);
    expect(control).toBeLessThan(1100);
    expect(keyPercentile("x")).toBeGreaterThanOrEqual(0);
    expect(armForKey("anything-at-all-1", 0)).toBe("treatment");
  });
});
