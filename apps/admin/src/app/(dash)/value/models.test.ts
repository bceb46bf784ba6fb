import { describe, expect, it } from "vitest";
import { expectedCount, ggBoundaryWords } from "./models";

describe("the value page's Gamma-Gamma fit in words (attack R1-13)", () => {
  it("a fit whose p ran off: each customer's own average", () => {
    expect(ggBoundaryWords({ p: 4_894_092.8, q: 3.1, v: 0.0029 })).toMatch(/their own average/);
  });
  it("a fit whose q ran off (the demo since one-time customers): the overall average, in dollars", () => {
    // v·p/(q-1) = 564,729,555,619.9 × 8.7021 / 4,484,254,169.6 = 1,095.91 (worked by hand).
    expect(
      ggBoundaryWords({ p: 8.702122815602026, q: 4484254170.62247, v: 564729555619.9131 }),
    ).toBe(
      "The value of a booking: customers' usual spend barely differs from one to another, so every customer's booking is valued at the overall average, $1,095.91.",
    );
  });
  it("says nothing of a fit inside its range (CDNOW's published fit)", () => {
    expect(ggBoundaryWords({ p: 6.2496, q: 3.7442, v: 15.4435 })).toBeNull();
    expect(ggBoundaryWords(undefined)).toBeNull();
  });
});

describe("an expected count of bookings (attack 15 round 2, F12)", () => {
  it("never prints 0.0 beside a value above nothing", () => {
    expect(expectedCount(4.04)).toBe("4.0");
    expect(expectedCount(1)).toBe("1.0");
    expect(expectedCount(0.041)).toBe("0.04");
    expect(expectedCount(0.0004)).toBe("under 0.01");
    expect(expectedCount(0)).toBe("0");
  });
});
