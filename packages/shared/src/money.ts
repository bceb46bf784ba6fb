// Money for people. Amounts are integers: cents for prices, micro-dollars (1e-6 $) for AI cost.
// Integer arithmetic throughout, en-US grouping: "$1,110.21".

/** 111021 -> "$1,110.21"; -500 -> "-$5.00". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, "0")}`;
}

/** Whole dollars, rounded half up (chart axes and other rough figures): 111051 -> "$1,111". */
export function formatWholeDollars(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  return `${sign}$${Math.floor((Math.abs(cents) + 50) / 100).toLocaleString("en-US")}`;
}

/** "12.50", "$1,250" -> 1250 / 125000; null when it isn't a price. */
export function dollarsToCents(s: string): number | null {
  const t = s.trim().replace(/^\$/, "").replace(/,/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const [d, c = ""] = t.split(".");
  return Number(d) * 100 + Number(c.padEnd(2, "0"));
}

/** 1250 -> "12.50" (for an input's value). */
export const centsToDollars = (cents: number) => (cents / 100).toFixed(2);

/** "$1,234.57" (cents) or, with digits = 4, "$0.0123". Rounds half up. */
export function formatMicros(micros: number, digits: 2 | 4 = 2): string {
  const sign = micros < 0 ? "-" : "";
  const unit = digits === 2 ? 10_000 : 100;
  const scaled = Math.floor((Math.abs(micros) + unit / 2) / unit);
  const den = 10 ** digits;
  const whole = Math.floor(scaled / den).toLocaleString("en-US");
  return `${sign}$${whole}.${String(scaled % den).padStart(digits, "0")}`;
}

export const centsToMicros = (cents: number) => cents * 10_000;

/** Cents for a dollar or more, tenths of a cent below (AI calls are cheap one by one). */
export const formatCost = (micros: number) =>
  formatMicros(micros, Math.abs(micros) < 1_000_000 ? 4 : 2);

/** "+12.5%", "-3.0%", or "new" when there was nothing before. */
export function formatChange(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? "0.0%" : "new";
  const pct = ((current - previous) / previous) * 100;
  return `${pct >= 0 ? "+" : ""}${pct.toFixed(1)}%`;
}
