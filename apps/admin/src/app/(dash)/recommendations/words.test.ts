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

  it("R1-9 says 'Not enough visits yet' for too few bookings or a 0 to 0 range, never a range", () => {
    const zero = { estimate: 0, low: 0, high: 0 };
    expect(conversionWords(zero).figure).toBe("Not enough visits yet");
    expect(conversionWords(zero, { treatment: 0, control: 0 }).figure).toBe(
      "Not enough visits yet",
    );
    const some = { estimate: 0.045, low: 0.003, high: 0.087 };
    expect(conversionWords(some, { treatment: 211, control: 1 }).figure).toBe(
      "Not enough visits yet",
    );
    expect(conversionWords(some, { treatment: 1, control: 16 }).figure).not.toMatch(/range/);
    expect(conversionWords(some, { treatment: 211, control: 16 }).figure).toBe(
      "+4.5 points of visits booked (95 % range +0.3 points to +8.7 points)",
    );
    expect(conversionWords(null).figure).toBe("Not enough visits yet");
  });
});
