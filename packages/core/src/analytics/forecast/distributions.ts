/**
 * Quantiles of the predictive count distributions: Poisson(mu) and NB2(mu, alpha) with
 * Var = mu + alpha mu^2 (size r = 1/alpha). Quantile q is the smallest k with P(Y <= k) >= q.
 */

/** P(Y = k) for k = 0, 1, ... by the recurrence, started in log space so large means don't underflow. */
function quantileByRecurrence(
  q: number,
  logP0: number,
  ratio: (k: number) => number,
  mean: number,
  sd: number,
): number {
  // Start the summation at 0 when it is safe; otherwise fall back to a normal approximation
  // (only for very large means, far beyond daily booking counts).
  if (logP0 < -600) {
    return Math.max(0, Math.round(mean + sd * normalQuantile(q)));
  }
  let p = Math.exp(logP0);
  let cdf = p;
  let k = 0;
  const cap = Math.ceil(mean + 50 * sd + 100);
  while (cdf < q && k < cap) {
    p *= ratio(k);
    k += 1;
    cdf += p;
  }
  return k;
}

export function poissonQuantile(q: number, mu: number): number {
  if (!(mu > 0)) return 0;
  return quantileByRecurrence(q, -mu, (k) => mu / (k + 1), mu, Math.sqrt(mu));
}

export function negBinQuantile(q: number, mu: number, alpha: number): number {
  if (!(mu > 0)) return 0;
  if (alpha <= 1e-10) return poissonQuantile(q, mu);
  const r = 1 / alpha;
  const logP0 = r * Math.log(r / (r + mu));
  const odds = mu / (r + mu);
  return quantileByRecurrence(
    q,
    logP0,
    (k) => ((k + r) / (k + 1)) * odds,
    mu,
    Math.sqrt(mu + alpha * mu * mu),
  );
}

/** Acklam's rational approximation of the standard normal quantile. */
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
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  if (p > 1 - pl) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}
