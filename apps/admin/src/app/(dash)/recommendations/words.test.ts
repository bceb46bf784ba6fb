import { describe, expect, it } from "vitest";
import { conversionWords, orderValueWords, signedMoney, signedPoints } from "./words";

describe("the report in words", () => {
  it("says a difference in dollars with its range", () => {
    expect(orderValueWords({ estimate: 18_230, low: 4_012, high: 31_990 }).figure).toBe(
      "+$182 per booking (95 % range +$40 to +$320)",
    );
    expect(orderValueWords({ estimate: 18_230, low: 4_012, high: 31_990 }).meaning).toMatch(
      /worth more/,
    );
    expect(orderValueWords({ estimate: 500, low: -3_000, high: 4_000 }).meaning).toMatch(
      /not clear/,
    );
    expect(orderValueWords(null).figure).toMatch(/Not enough/);
  });

  it("says conversion in percentage points", () => {
    expect(conversionWords({ estimate: 0.018, low: -0.064, high: 0.099 }).figure).toBe(
      "+1.8 points of visits booked (95 % range -6.4 points to +9.9 points)",
    );
    expect(signedPoints(-0.01)).toBe("-1.0 point");
    expect(signedMoney(-1234)).toBe("-$12");
    expect(signedMoney(-950)).toBe("-$9.50");
    expect(signedMoney(0)).toBe("$0");
  });
});
