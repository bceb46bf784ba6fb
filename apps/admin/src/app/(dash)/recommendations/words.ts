// The with/without figures in words a caterer reads: "+$182 per booking (95 % range +$40 to
// +$320)". An interval that straddles zero says the difference isn't clear yet.
import { formatCents } from "@myhibachi/shared";

export interface Range {
  estimate: number;
  low: number;
  high: number;
}

/** "+$182" / "-$9.50" / "$0": whole dollars from $10 up (easier to read), cents below. */
export function signedMoney(cents: number): string {
  const c = Math.round(cents);
  if (c === 0) return "$0";
  const abs = Math.abs(c);
  const text =
    abs >= 1_000 ? formatCents(Math.round(abs / 100) * 100).replace(/\.00$/, "") : formatCents(abs);
  return `${c < 0 ? "-" : "+"}${text}`;
}

/** "+1.8 points" from a difference of rates (0.018). */
export function signedPoints(fraction: number): string {
  const p = Math.round(fraction * 1000) / 10;
  if (p === 0) return "0 points";
  return `${p > 0 ? "+" : ""}${p.toFixed(1)} point${Math.abs(p) === 1 ? "" : "s"}`;
}

const verdict = (r: Range, more: string, less: string) =>
  r.low > 0 ? more : r.high < 0 ? less : "not clear yet: the range includes no difference";

/** "+$182 per booking (95 % range +$40 to +$320)" and what it means. */
export function orderValueWords(r: Range | null): { figure: string; meaning: string } {
  if (!r)
    return {
      figure: "Not enough bookings yet",
      meaning: "Needs at least two bookings on each side.",
    };
  return {
    figure: `${signedMoney(r.estimate)} per booking (95 % range ${signedMoney(r.low)} to ${signedMoney(r.high)})`,
    meaning: verdict(
      r,
      "bookings with suggestions are worth more",
      "bookings with suggestions are worth less",
    ),
  };
}

/**
 * "+1.8 points of visits booked (95 % range -6.4 to +9.9 points)". With fewer than two bookings
 * on either side the interval means nothing (with none on both it collapses to "0 to 0", which
 * reads as certainty): "Not enough visits yet" instead (attack 16b, R1-9).
 */
export function conversionWords(
  r: Range | null,
  bookings?: { treatment: number; control: number },
): { figure: string; meaning: string } {
  const tooFew = bookings && (bookings.treatment < 2 || bookings.control < 2);
  if (!r || tooFew || r.low === r.high)
    return {
      figure: "Not enough visits yet",
      meaning: "Needs at least two booked visits on each side.",
    };
  return {
    figure: `${signedPoints(r.estimate)} of visits booked (95 % range ${signedPoints(r.low)} to ${signedPoints(r.high)})`,
    meaning: verdict(r, "more visits book with suggestions", "fewer visits book with suggestions"),
  };
}

export const percentOf = (f: number | null) =>
  f === null ? "–" : `${Math.round(f * 1000) / 10} %`;
