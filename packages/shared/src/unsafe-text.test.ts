import { describe, expect, it } from "vitest";
import {
  describeInvisibleText,
  findInvisibleText,
  invisibleTextProblem,
  withoutBidiControls,
} from "./unsafe-text";

describe("findInvisibleText: text that would read differently from what was typed", () => {
  it("finds every bidirectional control character, anywhere (attack round 2, G2 and G6)", () => {
    const bidi = [
      ..."\u202A\u202B\u202C\u202D\u202E",
      ..."\u2066\u2067\u2068\u2069",
      ..."\u200E\u200F\u061C",
    ];
    for (const c of bidi)
      expect(findInvisibleText(`Loved it ${c}evil`), c.codePointAt(0)!.toString(16)).toBe("bidi");
    expect(findInvisibleText("Loved it \u202Eevil\u202C and \u200B\u200Bzero width")).toBe("bidi");
    expect(findInvisibleText("Still \u202Ethinking {{eventDate}}")).toBe("bidi");
  });

  it("finds a text made only of zero-width or blank-looking characters", () => {
    expect(findInvisibleText("\u200B\u200B\u200B\u200B")).toBe("invisible");
    expect(findInvisibleText(" \u200C\u200D \uFEFF\u2060 ")).toBe("invisible");
    expect(findInvisibleText("\u3164\u00AD")).toBe("invisible");
  });

  it("lets ordinary text through: words, accents, RTL scripts, emoji built with joiners, spaces alone", () => {
    for (const ok of [
      "Loved it, thanks!",
      "Crème brûlée was perfect",
      "שלום, תודה רבה",
      "مرحبا",
      "Our family 👨\u200D👩\u200D👧 loved it",
      "zero\u200Bwidth inside a word",
      "   ",
      "",
    ])
      expect(findInvisibleText(ok), JSON.stringify(ok)).toBeNull();
  });

  it("says what to do, naming the field", () => {
    expect(describeInvisibleText("bidi", "comment")).toBe(
      "The comment contains an invisible character that changes the direction of the text (such as a right-to-left override), so it would read differently from what was typed. Take it out and try again.",
    );
    expect(describeInvisibleText("invisible", "subject")).toBe(
      "The subject is made only of invisible characters (such as zero-width spaces), so it would look empty. Write it in words.",
    );
    expect(invisibleTextProblem("\u200B", "subject")).toMatch(/^The subject is made only of/);
    expect(invisibleTextProblem("fine", "subject")).toBeNull();
  });
});

describe("withoutBidiControls: stored text shown as it is stored", () => {
  it("takes every direction control out and leaves the rest", () => {
    expect(withoutBidiControls("Loved it \u202Eevil\u202C and \u2067x\u2069 \u200Fy")).toBe(
      "Loved it evil and x y",
    );
    expect(withoutBidiControls("שלום 👨\u200D👩")).toBe("שלום 👨\u200D👩");
  });
});
