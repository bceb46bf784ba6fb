/** Small dense linear algebra for the GLM's normal equations (p is a few dozen at most). */

export type Matrix = number[][];

/**
 * Solves A x = b for a symmetric positive-definite A by Cholesky. A tiny diagonal jitter is added
 * and retried when the factorisation meets a non-positive pivot.
 */
export function solveSpd(a: Matrix, b: number[]): number[] {
  const n = b.length;
  let jitter = 0;
  for (let attempt = 0; attempt < 6; attempt++) {
    const l = cholesky(a, jitter);
    if (l) return cholSolve(l, b);
    const diagMax = Math.max(...a.map((row, i) => Math.abs(row[i] ?? 0)), 1);
    jitter = jitter === 0 ? diagMax * 1e-10 : jitter * 100;
  }
  throw new Error(`matrix of size ${n} is not positive definite`);
}

function cholesky(a: Matrix, jitter: number): Matrix | null {
  const n = a.length;
  const l: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const li = l[i] as number[];
    const ai = a[i] as number[];
    for (let j = 0; j <= i; j++) {
      const lj = l[j] as number[];
      let s = (ai[j] ?? 0) + (i === j ? jitter : 0);
      for (let k = 0; k < j; k++) s -= (li[k] ?? 0) * (lj[k] ?? 0);
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return null;
        li[i] = Math.sqrt(s);
      } else {
        li[j] = s / (lj[j] ?? 1);
      }
    }
  }
  return l;
}

function cholSolve(l: Matrix, b: number[]): number[] {
  const n = b.length;
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const li = l[i] as number[];
    let s = b[i] ?? 0;
    for (let k = 0; k < i; k++) s -= (li[k] ?? 0) * (y[k] ?? 0);
    y[i] = s / (li[i] ?? 1);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] ?? 0;
    for (let k = i + 1; k < n; k++) s -= (l[k]?.[i] ?? 0) * (x[k] ?? 0);
    x[i] = s / (l[i]?.[i] ?? 1);
  }
  return x;
}
