/**
 * Numeric helpers of the BTYD models: log-space arithmetic, the Gauss hypergeometric function,
 * a Nelder-Mead minimiser with restarts, and a seeded PRNG with the samplers the synthetic
 * generator needs. No dependency beyond stdlib's log-gamma.
 */
import gammalnImpl from "@stdlib/math-base-special-gammaln";

export const gammaln: (x: number) => number = gammalnImpl;

/** log(exp(a) + exp(b)) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** log(1 + exp(x)) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** The plain power series of 2F1(a, b; c; z), |z| < 1, c not a non-positive integer. */
export function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`hyp2f1: c must not be ${c}`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 100_000; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(term) <= 1e-16 * Math.abs(sum)) break;
  }
  return sum;
}

/**
 * log of the Gauss hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1 and c > 0.
 * When c - a - b < 0 the series sums large terms (the function grows like (1 - z)^(c-a-b)), so the
 * Euler transformation 2F1(a, b; c; z) = (1 - z)^(c-a-b) 2F1(c-a, c-b; c; z) is used instead: in
 * the BTYD formulas its parameters stay small whatever the customer's frequency.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1: z must be in [0, 1), got ${z}`);
  if (!(c > 0)) throw new RangeError(`hyp2f1: c must be positive, got ${c}`);
  if (z === 0) return 0;
  const e = c - a - b;
  if (e < 0) return e * Math.log1p(-z) + Math.log(hyp2f1Series(c - a, c - b, c, z));
  return Math.log(hyp2f1Series(a, b, c, z));
}

/** 2F1(a, b; c; z) for 0 <= z < 1 (c not a non-positive integer). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (c > 0) return Math.exp(logHyp2f1(a, b, c, z));
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1: z must be in [0, 1), got ${z}`);
  return hyp2f1Series(a, b, c, z);
}

/**
 * 1 - 2F1(a, b; c; z) exp(logFactor), precise when the product is close to 1 (short horizons);
 * the BTYD expectations all have this shape. Also valid for c <= 0 (BG/NBD with a + b < 1).
 */
export function oneMinusHyp2f1Times(
  a: number,
  b: number,
  c: number,
  z: number,
  logFactor: number,
): number {
  if (c > 0) return -Math.expm1(logHyp2f1(a, b, c, z) + logFactor);
  return 1 - hyp2f1(a, b, c, z) * Math.exp(logFactor);
}

export interface NelderMeadOptions {
  /** Initial simplex step in every coordinate. */
  step?: number;
  maxIterations?: number;
  /** Stop when the simplex's function values differ by less than this (absolute). */
  fTolerance?: number;
  /** ... and its vertices by less than this in every coordinate. */
  xTolerance?: number;
  /** Restarts from the best point with a fresh simplex, until one no longer improves. */
  restarts?: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

function nelderMeadOnce(
  f: (x: number[]) => number,
  x0: number[],
  step: number,
  maxIterations: number,
  fTol: number,
  xTol: number,
): NelderMeadResult {
  const n = x0.length;
  const safe = (x: number[]): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] = (p[i] ?? 0) + step;
    simplex.push(p);
  }
  const values = simplex.map(safe);
  const at = (arr: number[], i: number): number => arr[i] ?? NaN;
  const vertex = (i: number): number[] => simplex[i] ?? [];
  let iterations = 0;
  let converged = false;
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  while (iterations < maxIterations) {
    iterations++;
    order.sort((i, j) => at(values, i) - at(values, j));
    const sortedS = order.map(vertex);
    const sortedV = order.map((i) => at(values, i));
    for (let i = 0; i <= n; i++) {
      simplex[i] = sortedS[i] ?? [];
      values[i] = at(sortedV, i);
    }
    const best = at(values, 0);
    const worst = at(values, n);
    let spread = 0;
    for (let i = 1; i <= n; i++) {
      for (let k = 0; k < n; k++)
        spread = Math.max(spread, Math.abs(at(vertex(i), k) - at(vertex(0), k)));
    }
    if (Math.abs(worst - best) <= fTol && spread <= xTol) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++) centroid[k] = at(centroid, k) + at(vertex(i), k) / n;
    const move = (t: number): number[] => centroid.map((c, k) => c + t * (at(vertex(n), k) - c));
    const xr = move(-1);
    const fr = safe(xr);
    if (fr < best) {
      const xe = move(-2);
      const fe = safe(xe);
      if (fe < fr) {
        simplex[n] = xe;
        values[n] = fe;
      } else {
        simplex[n] = xr;
        values[n] = fr;
      }
      continue;
    }
    if (fr < at(values, n - 1)) {
      simplex[n] = xr;
      values[n] = fr;
      continue;
    }
    const outside = fr < worst;
    const xc = move(outside ? -0.5 : 0.5);
    const fc = safe(xc);
    if (outside ? fc <= fr : fc < worst) {
      simplex[n] = xc;
      values[n] = fc;
      continue;
    }
    for (let i = 1; i <= n; i++) {
      const p = vertex(i).map((v, k) => at(vertex(0), k) + 0.5 * (v - at(vertex(0), k)));
      simplex[i] = p;
      values[i] = safe(p);
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if (at(values, i) < at(values, bi)) bi = i;
  return { x: vertex(bi).slice(), value: at(values, bi), iterations, converged };
}

/** Minimises f from x0 with Nelder-Mead, restarting from the best point while that still helps. */
export function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const step = options.step ?? 0.5;
  const maxIterations = options.maxIterations ?? 5000;
  const fTol = options.fTolerance ?? 1e-10;
  const xTol = options.xTolerance ?? 1e-7;
  const restarts = options.restarts ?? 3;
  let result = nelderMeadOnce(f, x0, step, maxIterations, fTol, xTol);
  let iterations = result.iterations;
  for (let k = 0; k < restarts; k++) {
    const next = nelderMeadOnce(f, result.x, step / 2 ** (k + 1), maxIterations, fTol, xTol);
    iterations += next.iterations;
    const improved = next.value < result.value - fTol;
    if (next.value <= result.value) result = next;
    if (!improved) break;
  }
  return { ...result, iterations };
}

/** A seeded 32-bit PRNG (sfc32) giving uniforms in (0, 1). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in (0, 1), never exactly 0 or 1. */
  uniform(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  normal(): number {
    const u = this.uniform();
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  exponential(rate: number): number {
    return -Math.log(this.uniform()) / rate;
  }

  /** Gamma(shape, rate) by Marsaglia and Tsang. */
  gamma(shape: number, rate: number): number {
    if (shape < 1) return this.gamma(shape + 1, rate) * this.uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)))
        return (d * v) / rate;
    }
  }

  beta(a: number, b: number): number {
    const x = this.gamma(a, 1);
    const y = this.gamma(b, 1);
    return x / (x + y);
  }
}
