// Attack R5-3: a double-click on Continue moved two steps (the button stays in the same place,
// so the second click pressed the next step's Continue). One step per intended press.
import { describe, expect, it } from "vitest";
import { CONTINUE_SETTLE_MS, isEchoPress } from "./wizard-nav";

describe("Continue: one step per press", () => {
  it("ignores the second click of a double-click", () => {
    expect(isEchoPress(2, 10_000, null)).toBe(true);
    expect(isEchoPress(3, 10_000, 1_000)).toBe(true);
  });

  it("ignores a press that lands just after the step changed", () => {
    expect(isEchoPress(1, 1_000 + 120, 1_000)).toBe(true);
    expect(isEchoPress(0, 1_000 + CONTINUE_SETTLE_MS - 1, 1_000)).toBe(true);
  });

  it("takes a single click, and the keyboard's Enter (detail 0), once the step has settled", () => {
    expect(isEchoPress(1, 5_000, null)).toBe(false);
    expect(isEchoPress(0, 5_000, null)).toBe(false);
    expect(isEchoPress(1, 1_000 + CONTINUE_SETTLE_MS, 1_000)).toBe(false);
    expect(isEchoPress(0, 1_000 + 2_000, 1_000)).toBe(false);
  });
});
