/**
 * From transactions to the BTYD summary (frequency, recency, T, monetary), in the convention of
 * the `lifetimes` library: purchases on the same calendar day are one purchase day (their values
 * summed), frequency counts the purchase days after the first, recency and T are measured from
 * the first purchase day, monetary is the mean value of the repeat purchase days.
 */
import type { RfmRow } from "../types";

export type TimeUnit = "week" | "day";

export interface TransactionRow {
  id: string;
  /** A Date (its UTC calendar day counts) or a "YYYY-MM-DD" / "YYYYMMDD" string. */
  date: Date | string;
  value: number;
}

export const MS_PER_DAY = 86_400_000;

/** Days per unit. */
export function unitDays(unit: TimeUnit): number {
  return unit === "week" ? 7 : 1;
}

/** The day number (days since 1970-01-01) of a Date's UTC calendar day or a YYYY-MM-DD / YYYYMMDD string. */
export function dayNumber(date: Date | string): number {
  if (typeof date === "string") {
    const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(date.trim());
    if (!m) {
      const parsed = new Date(date);
      if (Number.isNaN(parsed.getTime())) throw new RangeError(`not a date: ${date}`);
      return dayNumber(parsed);
    }
    return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
  }
  if (Number.isNaN(date.getTime())) throw new RangeError("invalid Date");
  return Math.round(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) / MS_PER_DAY,
  );
}

/** One customer's purchase days (ascending, distinct) and each day's total value. */
export interface PurchaseHistory {
  id: string;
  days: number[];
  values: number[];
}

/** Groups transactions by customer and calendar day. */
export function purchaseHistories(rows: readonly TransactionRow[]): Map<string, PurchaseHistory> {
  const byId = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const day = dayNumber(row.date);
    let days = byId.get(row.id);
    if (!days) {
      days = new Map();
      byId.set(row.id, days);
    }
    days.set(day, (days.get(day) ?? 0) + row.value);
  }
  const out = new Map<string, PurchaseHistory>();
  for (const [id, days] of byId) {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    out.set(id, { id, days: sorted, values: sorted.map((d) => days.get(d) ?? 0) });
  }
  return out;
}

export interface SummaryOptions {
  /** Last day of the calibration period (inclusive). */
  calibrationEnd: Date | string;
  unit: TimeUnit;
  /** Keep only the customers whose first purchase falls in this range (inclusive days). */
  firstPurchaseIn?: { from?: Date | string; to?: Date | string };
}

/** The summary of one history as of `endDay` (purchases after it are ignored); undefined if none before. */
export function summarizeHistory(
  history: PurchaseHistory,
  endDay: number,
  unit: TimeUnit,
): RfmRow | undefined {
  const perUnit = unitDays(unit);
  let first: number | undefined;
  let last = 0;
  let repeats = 0;
  let repeatValue = 0;
  for (let i = 0; i < history.days.length; i++) {
    const day = history.days[i] ?? 0;
    if (day > endDay) break;
    if (first === undefined) {
      first = day;
    } else {
      repeats++;
      repeatValue += history.values[i] ?? 0;
    }
    last = day;
  }
  if (first === undefined) return undefined;
  return {
    id: history.id,
    frequency: repeats,
    recency: repeats > 0 ? (last - first) / perUnit : 0,
    T: (endDay - first) / perUnit,
    monetary: repeats > 0 ? repeatValue / repeats : 0,
  };
}

/**
 * RFM rows of the customers who bought on or before `calibrationEnd`, in the order of their
 * first appearance in `rows`.
 */
export function summarizeTransactions(
  rows: readonly TransactionRow[],
  options: SummaryOptions,
): RfmRow[] {
  const endDay = dayNumber(options.calibrationEnd);
  const from =
    options.firstPurchaseIn?.from === undefined
      ? -Infinity
      : dayNumber(options.firstPurchaseIn.from);
  const to =
    options.firstPurchaseIn?.to === undefined ? Infinity : dayNumber(options.firstPurchaseIn.to);
  const out: RfmRow[] = [];
  for (const history of purchaseHistories(rows).values()) {
    const first = history.days[0];
    if (first === undefined || first < from || first > to) continue;
    const row = summarizeHistory(history, endDay, options.unit);
    if (row) out.push(row);
  }
  return out;
}
