/**
 * A Gamma-Gamma fit at the edge of its range (p huge, v tiny: attack R1-13 saw p 4.9e6, v 0.0029).
 * As p grows the expected value of a customer's booking tends to their own average: the fit has
 * nothing to pool, which the owner is told in words instead of the raw numbers.
 */
export function ggDegenerate(p: Record<string, number> | undefined): boolean {
  if (!p) return false;
  return (p.p ?? 0) > 1_000 || (p.q ?? 0) > 1_000 || (p.v ?? 1) < 0.01;
}
