/** Seeded randomness for reproducible fixtures: mulberry32 PRNG and binomial thinning. */

/** mulberry32: a small, fast 32-bit PRNG; the same seed gives the same stream everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Binomial(n, p) draw by n Bernoulli trials (n is at most a few thousand here). */
export function binomial(n: number, p: number, random: () => number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k += 1;
  return k;
}

/**
 * Binomial thinning: each of the day's events is kept independently with probability p. Turns a
 * large count series into a small one with the same seasonal shape (Poisson stays Poisson).
 */
export function binomialThin(counts: number[], p: number, seed: number): number[] {
  const random = mulberry32(seed);
  return counts.map((n) => binomial(n, p, random));
}
