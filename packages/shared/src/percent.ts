// Rates for people: the database keeps basis points (938 = 9.38%), owners type and read percent.

/** 938 -> "9.38", 2000 -> "20", 1250 -> "12.5" (for an input's value). */
export function bpsToPercent(bps: number): string {
  const sign = bps < 0 ? "-" : "";
  const abs = Math.abs(Math.round(bps));
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return `${sign}${whole}${frac ? `.${frac}` : ""}`;
}

/** 938 -> "9.38%". */
export const formatBps = (bps: number) => `${bpsToPercent(bps)}%`;

/**
 * What an owner typed as a percentage ("9.38", "9.38 %", "20") in basis points (938, 2000);
 * null when it isn't a percentage with at most two decimals.
 */
export function percentToBps(s: string): number | null {
  const t = s.trim().replace(/\s*%$/, "");
  if (!/^\d{1,5}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ""] = t.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

/**
 * How a figure moved from one period to the next, for a trend line: "+12.5%", "-3.0%"; "new"
 * when there was nothing before and "no change" for nothing twice. Below `minBase` a percentage
 * says nothing useful (3 cents to $8.55 is "+28,400%"), so the absolute change is shown instead,
 * written by `format` ("+$8.52").
 */
export function describeChange(
  current: number,
  previous: number,
  opts: { minBase?: number; format?: (n: number) => string } = {},
): string {
  if (current === previous) return "no change";
  if (previous === 0) return "new";
  const diff = current - previous;
  const sign = diff > 0 ? "+" : "-";
  if (opts.format && Math.abs(previous) < (opts.minBase ?? 0))
    return `${sign}${opts.format(Math.abs(diff))}`;
  const pct = (Math.abs(diff) / Math.abs(previous)) * 100;
  return `${sign}${pct.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}
