import { describe, expect, it } from "vitest";
import { ggDegenerate } from "./models";

describe("the value page's Gamma-Gamma fit in words (attack R1-13)", () => {
  it("calls the demo's boundary fit degenerate, not a published fit", () => {
    expect(ggDegenerate({ p: 4_894_092.8, q: 3.1, v: 0.0029 })).toBe(true);
    // CDNOW's published fit.
    expect(ggDegenerate({ p: 6.2496, q: 3.7442, v: 15.4435 })).toBe(false);
    expect(ggDegenerate(undefined)).toBe(false);
  });
});
