import { describe, expect, it } from "vitest";
import {
  centsToDollars,
  dollarsToCents,
  formatCents,
  formatChange,
  formatCost,
  formatMicros,
  formatWholeDollars,
} from "./money";

describe("money for people", () => {
  it("prints cents as dollars with grouping", () => {
    expect(formatCents(111021)).toBe("$1,110.21");
    expect(formatCents(5)).toBe("$0.05");
    expect(formatCents(0)).toBe("$0.00");
    expect(formatCents(-500)).toBe("-$5.00");
    expect(formatCents(123456789)).toBe("$1,234,567.89");
  });

  it("rounds whole dollars half up", () => {
    expect(formatWholeDollars(111049)).toBe("$1,110");
    expect(formatWholeDollars(111050)).toBe("$1,111");
    expect(formatWholeDollars(-250)).toBe("-$3");
  });

  it("reads what an owner types as a price, and refuses what isn't one", () => {
    expect(dollarsToCents("12.5")).toBe(1250);
    expect(dollarsToCents(" $1,250.05 ")).toBe(125005);
    expect(dollarsToCents("12.345")).toBeNull();
    expect(dollarsToCents("-3")).toBeNull();
    expect(dollarsToCents("")).toBeNull();
    expect(centsToDollars(1250)).toBe("12.50");
  });

  it("prints AI cost in micro-dollars, with more digits below a dollar", () => {
    expect(formatMicros(1_234_567_890)).toBe("$1,234.57");
    expect(formatMicros(12_345, 4)).toBe("$0.0123");
    expect(formatCost(12_345)).toBe("$0.0123");
    expect(formatCost(2_500_000)).toBe("$2.50");
    expect(formatChange(110, 100)).toBe("+10.0%");
    expect(formatChange(0, 0)).toBe("0.0%");
    expect(formatChange(5, 0)).toBe("new");
  });
});
