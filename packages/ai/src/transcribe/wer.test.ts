import { describe, expect, it } from "vitest";
import { normalWords, wordErrorRate, wordErrors } from "./wer";

describe("word error rate", () => {
  it("normalises case and punctuation, keeping apostrophes inside words", () => {
    expect(normalWords("What's free, Saturday at 6-30?")).toEqual([
      "what's",
      "free",
      "saturday",
      "at",
      "6",
      "30",
    ]);
    expect(normalWords("I\u2019d like it")).toEqual(["i'd", "like", "it"]);
  });

  it("counts the fewest substitutions, deletions and insertions", () => {
    expect(wordErrors("book a table for eight", "book a table for eight")).toMatchObject({
      errors: 0,
      words: 5,
    });
    expect(wordErrors("book a table for eight", "look a table for")).toEqual({
      substitutions: 1,
      deletions: 1,
      insertions: 0,
      errors: 2,
      words: 5,
    });
    expect(wordErrors("for twelve people", "for we'll all people")).toEqual({
      substitutions: 1,
      deletions: 0,
      insertions: 1,
      errors: 2,
      words: 3,
    });
    expect(wordErrors("show me the menu", "")).toMatchObject({ deletions: 4, errors: 4 });
    expect(wordErrors("", "um")).toMatchObject({ insertions: 1, errors: 1, words: 0 });
  });

  it("a corpus's rate is its total errors over its total reference words", () => {
    // 1 error in 2 words and 0 in 8: 10%, not the mean of 50% and 0%.
    expect(
      wordErrorRate([
        ["hello there", "hello their"],
        ["one two three four five six seven eight", "one two three four five six seven eight"],
      ]),
    ).toBeCloseTo(0.1);
    expect(wordErrorRate([])).toBe(0);
  });
});
