// The stepper's number box reads what was typed exactly or not at all: "-2" used to become 1 (the
// minus dropped, then clamped) and "1e3" became 13 (letters dropped). A number outside the limits
// is held to them and said (attack R5-5: 75 adults became 60 with no word, 0 adults reverted
// silently), and typing after a 0 shows the number typed, not "02". Expected answers written
// here by hand.
import { describe, expect, it } from "vitest";
import { parseStepperInput, stepperEdit } from "./stepper";

const NOT = { error: "Enter a whole number from 0 to 2" };

describe("parseStepperInput", () => {
  it("takes whole numbers within the range exactly", () => {
    expect(parseStepperInput("0", 0, 2)).toEqual({ value: 0, typed: 0 });
    expect(parseStepperInput("2", 0, 2)).toEqual({ value: 2, typed: 2 });
    expect(parseStepperInput(" 3 ", 0, 12)).toEqual({ value: 3, typed: 3 });
    expect(parseStepperInput("007", 0, 12)).toEqual({ value: 7, typed: 7 });
  });

  it("never turns other text into a number", () => {
    for (const t of ["-2", "1e3", "2.5", "abc", "", "   ", "+1", "1 2", "0x1", "١"]) {
      expect(parseStepperInput(t, 0, 2), t).toEqual(NOT);
    }
  });

  it("holds a number above the max to the max and says it was held", () => {
    expect(parseStepperInput("5", 0, 2)).toEqual({ value: 2, typed: 5, capped: true });
    expect(parseStepperInput("99999999999999999999999", 0, 2)).toMatchObject({
      value: 2,
      capped: true,
    });
  });

  it("marks a number below the min, to be held to the min", () => {
    expect(parseStepperInput("0", 1, 12)).toEqual({ value: 1, typed: 0, below: true });
  });
});

describe("stepperEdit", () => {
  it("keeps what was typed, says why, and doesn't change the value for junk", () => {
    expect(stepperEdit("-2", 1, 0, 2)).toEqual({
      text: "-2",
      message: "Enter a whole number from 0 to 2",
      invalid: true,
    });
    expect(stepperEdit("1e3", 1, 0, 2)).toMatchObject({ text: "1e3", invalid: true });
    expect(stepperEdit("1e3", 1, 0, 2).commit).toBeUndefined();
  });

  it("holds to the max with a message (the caller's words, else 'At most N.')", () => {
    expect(stepperEdit("9", 1, 0, 2, "At most 2 for your party")).toEqual({
      text: "2",
      message: "At most 2 for your party",
      invalid: false,
      commit: 2,
    });
    expect(stepperEdit("9", 1, 0, 2).message).toBe("At most 2.");
  });

  it("says the limit in the caller's words, made from the number typed", () => {
    const words = (n: number) =>
      `Parties are up to 60 guests online. For a party of ${n}, call us at (408) 555-0142.`;
    expect(stepperEdit("75", 7, 1, 60, words)).toEqual({
      text: "60",
      message: "Parties are up to 60 guests online. For a party of 75, call us at (408) 555-0142.",
      invalid: false,
      commit: 60,
    });
  });

  it("says a number below the min while typing, and hands nothing on until the box is left", () => {
    expect(stepperEdit("0", 4, 1, 60, undefined, "At least 1 adult.")).toEqual({
      text: "0",
      message: "At least 1 adult.",
      invalid: true,
      below: true,
    });
    expect(stepperEdit("0", 4, 1, 60).message).toBe("At least 1.");
  });

  it("hands a valid new number on, quietly, shown as a number ('02' is 2)", () => {
    expect(stepperEdit("02", 0, 0, 10)).toEqual({
      text: "2",
      message: null,
      invalid: false,
      commit: 2,
    });
    expect(stepperEdit("1", 1, 0, 2).commit).toBeUndefined();
  });
});
