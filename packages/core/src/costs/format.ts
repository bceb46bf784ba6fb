// Formatting of AI cost (integer micro-dollars) for people. Integer arithmetic, rounding half up.

/** "$1,234.57" (cents) or, with digits = 4, "$0.0123". */
export function formatMicros(micros: number, digits: 2 | 4 = 2): string {
  const sign = micros < 0 ? "-" : "";
  const unit = digits === 2 ? 10_000 : 100;
  const scaled = Math.floor((Math.abs(micros) + unit / 2) / unit);
  const den = 10 ** digits;
  const whole = Math.floor(scaled / den).toLocaleString("en-US");
  return `${sign}$${whole}.${String(scaled % den).padStart(digits, "0")}`;
}

/** "+12.5%", "-3.0%", or "new" when there was nothing before. */
export function formatChange(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? "0.0%" : "new";
  const pct = ((current - previous) / previous) * 100;
  return `${pct >= 0 ? "+" : ""}${pct.toFixed(1)}%`;
}

export const centsToMicros = (cents: number) => cents * 10_000;

/** Cents for a dollar or more, tenths of a cent below (AI calls are cheap one by one). */
export const formatCost = (micros: number) =>
  formatMicros(micros, Math.abs(micros) < 1_000_000 ? 4 : 2);
