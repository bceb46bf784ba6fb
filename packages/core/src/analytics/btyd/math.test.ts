import { describe, expect, it } from "vitest";
import { hyp2f1, logAddExp, logHyp2f1, nelderMead, Rng, softplus } from "./math";

describe("hyp2f1", () => {
  it("matches closed forms", () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99]) {
      // 2F1(1, 1; 2; z) = -ln(1 - z) / z
      const expected = z === 0 ? 1 : -Math.log1p(-z) / z;
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(expected, 10);
      // 2F1(a, b; b; z) = (1 - z)^-a
      expect(hyp2f1(0.7, 2.5, 2.5, z)).toBeCloseTo((1 - z) ** -0.7, 10);
    }
  });

  it("agrees between the direct series and the Euler transformation", () => {
    // c - a - b < 0 takes the Euler branch; the direct series must give the same value.
    const a = 5.3;
    const b = 7.1;
    const c = 9.2;
    const z = 0.6;
    let term = 1;
    let sum = 1;
    for (let n = 0; n < 5000; n++) {
      term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
      sum += term;
    }
    expect(logHyp2f1(a, b, c, z)).toBeCloseTo(Math.log(sum), 10);
  });

  it("rejects z outside [0, 1)", () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});

describe("log-space helpers", () => {
  it("logAddExp and softplus do not overflow", () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 10);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(softplus(800)).toBeCloseTo(800, 10);
    expect(softplus(0)).toBeCloseTo(Math.LN2, 12);
  });
});

describe("nelderMead", () => {
  it("minimises the Rosenbrock function", () => {
    const f = (x: number[]): number => {
      const [a = 0, b = 0] = x;
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const result = nelderMead(f, [-1.2, 1], { fTolerance: 1e-14, xTolerance: 1e-10 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it("treats non-finite values as +Infinity", () => {
    const f = (x: number[]): number => ((x[0] ?? 0) < 0 ? NaN : ((x[0] ?? 0) - 2) ** 2);
    expect(nelderMead(f, [1]).x[0]).toBeCloseTo(2, 5);
  });
});

describe("Rng", () => {
  it("is reproducible and has the right moments", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect(a.uniform()).toBe(b.uniform());
    const rng = new Rng(7);
    const n = 100_000;
    let g = 0;
    let g2 = 0;
    let beta = 0;
    for (let i = 0; i < n; i++) {
      const v = rng.gamma(0.5, 2); // mean 0.25, variance 0.125
      g += v;
      g2 += v * v;
      beta += rng.beta(2, 3); // mean 0.4
    }
    expect(g / n).toBeCloseTo(0.25, 2);
    expect(g2 / n - (g / n) ** 2).toBeCloseTo(0.125, 2);
    expect(beta / n).toBeCloseTo(0.4, 2);
  });
});
