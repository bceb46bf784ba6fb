// The with/without comparison's arithmetic (issue 16): a 95 % interval for the difference of two
// conversion rates (Wald, unpooled) and for the difference of two average order values (Welch's
// t interval, Welch-Satterthwaite degrees of freedom). simple-statistics gives the means,
// variances; the normal quantile is Acklam's rational approximation (simple-statistics' `probit`
// is table-based: 1.957 for 1.960, which the tests caught); the t quantile is the inverse of the
// regularized incomplete beta function (Numerical Recipes' continued fraction, ln B from
// @stdlib), solved by bisection.
import betaln from "@stdlib/math-base-special-betaln";
import { mean, sampleVariance } from "simple-statistics";

/** The standard normal quantile (Acklam; relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lowP = 0.02425;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < lowP) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - lowP) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

export interface DiffInterval {
  /** treatment - control */
  estimate: number;
  low: number;
  high: number;
}

/** Continued fraction of the incomplete beta function (Numerical Recipes, betacf). */
function betacf(a: number, b: number, x: number): number {
  const FPMIN = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-14) break;
  }
  return h;
}

/** I_x(a, b), the regularized incomplete beta function. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(1 - x) - betaln(a, b));
  return x < (a + 1) / (a + b + 2)
    ? (front * betacf(a, b, x)) / a
    : 1 - (front * betacf(b, a, 1 - x)) / b;
}

/** P(T <= t) for Student's t with `df` degrees of freedom (df may be fractional: Welch). */
export function studentTCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The t quantile: studentTQuantile(0.975, 10) = 2.228. */
export function studentTQuantile(p: number, df: number): number {
  if (!Number.isFinite(df) || df > 1e6) return normalQuantile(p);
  let lo = -1e3;
  let hi = 1e3;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const Z975 = normalQuantile(0.975);

/**
 * Difference of two proportions (treatment - control) with a 95 % Wald interval; null when either
 * arm has no sessions.
 */
export function proportionDiff(
  successT: number,
  nT: number,
  successC: number,
  nC: number,
): DiffInterval | null {
  if (nT === 0 || nC === 0) return null;
  const pT = successT / nT;
  const pC = successC / nC;
  const se = Math.sqrt((pT * (1 - pT)) / nT + (pC * (1 - pC)) / nC);
  const d = pT - pC;
  return { estimate: d, low: d - Z975 * se, high: d + Z975 * se };
}

/**
 * Difference of two means (treatment - control) with Welch's 95 % interval; null when either arm
 * has fewer than two values (no variance to speak of).
 */
export function welchDiff(t: readonly number[], c: readonly number[]): DiffInterval | null {
  if (t.length < 2 || c.length < 2) return null;
  const vt = sampleVariance([...t]) / t.length;
  const vc = sampleVariance([...c]) / c.length;
  const d = mean([...t]) - mean([...c]);
  const se = Math.sqrt(vt + vc);
  if (se === 0) return { estimate: d, low: d, high: d };
  const df = (vt + vc) ** 2 / (vt ** 2 / (t.length - 1) + vc ** 2 / (c.length - 1));
  const q = studentTQuantile(0.975, df);
  return { estimate: d, low: d - q * se, high: d + q * se };
}
