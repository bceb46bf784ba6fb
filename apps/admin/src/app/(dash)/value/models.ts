import { formatCents } from "@myhibachi/shared";

/**
 * A Gamma-Gamma fit at the edge of its range, in words for the owner instead of raw numbers
 * (attack R1-13). The two edges mean opposite things:
 * - p huge (a customer's bookings barely vary around their own mean): the expected value of a
 *   customer's booking is their own average so far;
 * - q huge (customers' means barely differ from each other): it is the overall average booking
 *   for everyone, v·p/(q-1).
 * Null for a fit inside its range (e.g. CDNOW's published p 6.25, q 3.74, v 15.44).
 */
export function ggBoundaryWords(p: Record<string, number> | undefined): string | null {
  if (!p) return null;
  const { p: shape = 0, q = 0, v = 1 } = p;
  if (q > 1_000) {
    const mean = (v * shape) / (q - 1);
    return Number.isFinite(mean) && mean > 0
      ? `The value of a booking: customers' usual spend barely differs from one to another, so every customer's booking is valued at the overall average, ${formatCents(Math.round(mean * 100))}.`
      : "The value of a booking: customers' usual spend barely differs from one to another, so every customer's booking is valued at the overall average.";
  }
  if (shape > 1_000 || v < 0.01)
    return "The value of a booking: each customer's bookings barely vary around their own usual spend, so each repeat customer's value is simply their own average booking so far.";
  return null;
}

/**
 * An expected number of bookings as the pages print it beside a lifetime value: one decimal from
 * 1, two below it ("0.04", not "0.0" next to a value of $44.98), "under 0.01" below that.
 */
export function expectedCount(n: number): string {
  if (n >= 1) return n.toFixed(1);
  if (n >= 0.01) return n.toFixed(2);
  return n > 0 ? "under 0.01" : "0";
}
