import { describe, expect, it } from "vitest";
import { streamGate } from "./openai";

/** Streams `text` a character at a time through the gate; what the browser was shown. */
function stream(text: string, wrong: (t: string) => boolean) {
  const shown: string[] = [];
  const gate = streamGate(
    (t) => shown.push(t),
    (t) => (wrong(t) ? ["wrong"] : []),
  );
  for (let i = 1; i <= text.length; i++) gate.push(text.slice(0, i));
  if (!wrong(text)) gate.done(text);
  return shown;
}

describe("a streaming reply is shown only as far as the safety net passes it", () => {
  it("shows plain words as they come, each a finished word, and the whole reply at the end", () => {
    const shown = stream("Our chefs bring the grill.", () => false);
    expect(shown).toEqual([
      "Our",
      "Our chefs",
      "Our chefs bring",
      "Our chefs bring the",
      "Our chefs bring the grill.",
    ]);
  });

  it("never shows half a number: $4 of $43 waits for the last digit", () => {
    // A checker that passes $4 (an edamame price) but refuses $43.
    const shown = stream("That is $43 per guest.", (t) => /\$43/.test(t));
    expect(shown).toEqual(["That", "That is"]);
    expect(shown.some((t) => t.includes("$4"))).toBe(false);
  });

  it("stops at a refused figure for good, even when later words would pass alone", () => {
    const shown = stream("Ten adults come to $4,321.00 in all, tax included.", (t) =>
      t.includes("$4,321"),
    );
    expect(shown.at(-1)).toBe("Ten adults come to");
  });
});
