/**
 * Count regression with a log link fitted by iteratively reweighted least squares (IRLS) with a
 * ridge (L2) penalty on every coefficient except the intercept.
 *
 * - Poisson: Var(y) = mu.
 * - Negative binomial (NB2): Var(y) = mu + alpha mu^2. For a fixed alpha the NB2 log-likelihood
 *   is a GLM in beta, so IRLS applies with weights mu / (1 + alpha mu); alpha is estimated by
 *   profile likelihood, alternating "IRLS for beta given alpha" and "maximise the NB
 *   log-likelihood over alpha given mu" (the scheme of R's MASS::glm.nb).
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import { solveSpd, type Matrix } from "./linalg";

export type CountFamily = "poisson" | "negbin";

export interface GlmOptions {
  family?: CountFamily;
  /** Ridge penalty lambda (penalised objective: loglik - lambda/2 * |beta without intercept|^2). */
  ridge?: number;
  maxIterations?: number;
  tolerance?: number;
  /** Column index of the intercept (not penalised); default 0. */
  interceptColumn?: number;
}

export interface GlmFit {
  family: CountFamily;
  coefficients: number[];
  /** NB2 dispersion alpha (Var = mu + alpha mu^2); 0 for Poisson. */
  alpha: number;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

const ETA_MAX = 30;

function linearPredictor(x: Matrix, beta: number[]): number[] {
  return x.map((row) => {
    let s = 0;
    for (let j = 0; j < row.length; j++) s += (row[j] ?? 0) * (beta[j] ?? 0);
    return Math.min(Math.max(s, -ETA_MAX), ETA_MAX);
  });
}

export function predictMean(x: Matrix, beta: number[]): number[] {
  return linearPredictor(x, beta).map(Math.exp);
}

/** Log-likelihood of counts y under Poisson (alpha = 0) or NB2 (alpha > 0) with means mu. */
export function countLogLikelihood(y: number[], mu: number[], alpha: number): number {
  let ll = 0;
  if (alpha <= 1e-10) {
    for (let i = 0; i < y.length; i++) {
      const yi = y[i] ?? 0;
      const mi = Math.max(mu[i] ?? 0, 1e-300);
      ll += yi * Math.log(mi) - mi - gammaln(yi + 1);
    }
    return ll;
  }
  const r = 1 / alpha;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i] ?? 0;
    const mi = Math.max(mu[i] ?? 0, 1e-300);
    ll +=
      gammaln(yi + r) -
      gammaln(r) -
      gammaln(yi + 1) +
      r * Math.log(r / (r + mi)) +
      yi * Math.log(mi / (r + mi));
  }
  return ll;
}

function penalty(beta: number[], lambda: number, intercept: number): number {
  let s = 0;
  for (let j = 0; j < beta.length; j++) if (j !== intercept) s += (beta[j] ?? 0) ** 2;
  return (lambda / 2) * s;
}

/** IRLS for beta with alpha fixed (alpha = 0: Poisson). */
function irls(
  x: Matrix,
  y: number[],
  alpha: number,
  start: number[],
  lambda: number,
  intercept: number,
  maxIterations: number,
  tolerance: number,
): { beta: number[]; iterations: number; converged: boolean; objective: number } {
  const n = y.length;
  const p = start.length;
  let beta = start.slice();
  let mu = predictMean(x, beta);
  let objective = countLogLikelihood(y, mu, alpha) - penalty(beta, lambda, intercept);
  for (let it = 1; it <= maxIterations; it++) {
    const eta = linearPredictor(x, beta);
    const xtwx: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const xtwz = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      const row = x[i] as number[];
      const m = Math.max(mu[i] ?? 0, 1e-10);
      const w = m / (1 + alpha * m);
      const z = (eta[i] ?? 0) + ((y[i] ?? 0) - m) / m;
      for (let a = 0; a < p; a++) {
        const wa = w * (row[a] ?? 0);
        if (wa === 0) continue;
        xtwz[a] = (xtwz[a] ?? 0) + wa * z;
        const ra = xtwx[a] as number[];
        for (let b = 0; b <= a; b++) ra[b] = (ra[b] ?? 0) + wa * (row[b] ?? 0);
      }
    }
    for (let a = 0; a < p; a++) {
      const ra = xtwx[a] as number[];
      for (let b = a + 1; b < p; b++) ra[b] = xtwx[b]?.[a] ?? 0;
      if (a !== intercept) ra[a] = (ra[a] ?? 0) + lambda;
    }
    const target = solveSpd(xtwx, xtwz);
    // Step halving keeps the penalised likelihood from going down (IRLS can overshoot).
    let step = 1;
    let next = target;
    let nextMu = predictMean(x, next);
    let nextObjective = countLogLikelihood(y, nextMu, alpha) - penalty(next, lambda, intercept);
    while (nextObjective < objective - 1e-9 && step > 1e-4) {
      step /= 2;
      next = beta.map((b, j) => b + step * ((target[j] ?? 0) - b));
      nextMu = predictMean(x, next);
      nextObjective = countLogLikelihood(y, nextMu, alpha) - penalty(next, lambda, intercept);
    }
    const change = Math.max(...next.map((b, j) => Math.abs(b - (beta[j] ?? 0))));
    const objChange = Math.abs(nextObjective - objective);
    beta = next;
    mu = nextMu;
    objective = nextObjective;
    if (change < tolerance || objChange < tolerance * (Math.abs(objective) + tolerance)) {
      return { beta, iterations: it, converged: true, objective };
    }
  }
  return { beta, iterations: maxIterations, converged: false, objective };
}

/** Maximises the NB2 log-likelihood over alpha for fixed means (golden section on log alpha). */
export function profileAlpha(y: number[], mu: number[]): number {
  const f = (logA: number): number => countLogLikelihood(y, mu, Math.exp(logA));
  let lo = Math.log(1e-6);
  let hi = Math.log(50);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = hi - g * (hi - lo);
  let d = lo + g * (hi - lo);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 80 && hi - lo > 1e-6; i++) {
    if (fc > fd) {
      hi = d;
      d = c;
      fd = fc;
      c = hi - g * (hi - lo);
      fc = f(c);
    } else {
      lo = c;
      c = d;
      fc = fd;
      d = lo + g * (hi - lo);
      fd = f(d);
    }
  }
  const alpha = Math.exp((lo + hi) / 2);
  // At the lower end the NB is indistinguishable from Poisson.
  return alpha <= 1e-5 ? 0 : alpha;
}

export function fitCountGlm(x: Matrix, y: number[], options: GlmOptions = {}): GlmFit {
  const family = options.family ?? "negbin";
  const lambda = options.ridge ?? 1;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-8;
  const intercept = options.interceptColumn ?? 0;
  if (x.length !== y.length) throw new Error("x and y differ in length");
  if (y.length === 0) throw new Error("no observations");
  for (const v of y) if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`invalid count ${v}`);
  const p = x[0]?.length ?? 0;
  const start = new Array<number>(p).fill(0);
  const ybar = y.reduce((s, v) => s + v, 0) / y.length;
  start[intercept] = Math.log(ybar + 0.1);

  let fit = irls(x, y, 0, start, lambda, intercept, maxIterations, tolerance);
  let iterations = fit.iterations;
  let alpha = 0;
  if (family === "negbin") {
    for (let round = 0; round < 25; round++) {
      const nextAlpha = profileAlpha(y, predictMean(x, fit.beta));
      const refit = irls(x, y, nextAlpha, fit.beta, lambda, intercept, maxIterations, tolerance);
      iterations += refit.iterations;
      const done = Math.abs(Math.log((nextAlpha + 1e-8) / (alpha + 1e-8))) < 1e-4;
      alpha = nextAlpha;
      fit = refit;
      if (done) break;
    }
  }
  const mu = predictMean(x, fit.beta);
  return {
    family,
    coefficients: fit.beta,
    alpha,
    logLikelihood: countLogLikelihood(y, mu, alpha),
    iterations,
    converged: fit.converged,
  };
}
