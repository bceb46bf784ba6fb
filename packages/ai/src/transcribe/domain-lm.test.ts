import { describe, expect, it } from "vitest";
import { buildArpa, cardinalWords, domainSentences, ordinalWords, spokenHint } from "./domain-lm";

describe("the local recognizer's language model", () => {
  it("says numbers, dates and menu names as people do", () => {
    expect([1, 2, 12, 20, 26, 30, 31].map(ordinalWords)).toEqual([
      "first",
      "second",
      "twelfth",
      "twentieth",
      "twenty sixth",
      "thirtieth",
      "thirty first",
    ]);
    expect([8, 25, 60, 72].map(cardinalWords)).toEqual([
      "eight",
      "twenty five",
      "sixty",
      "seventy two",
    ]);
    expect(spokenHint("Sushi platter (40 pieces)")).toBe("sushi platter");
    expect(spokenHint("NY strip steak")).toBe("new york strip steak");
    expect(spokenHint("Surf & Turf for 2")).toBe("surf and turf for two");
  });

  it("makes the same sentences from the same menu, with the menu's names among them", () => {
    const a = domainSentences(["Filet mignon", "Yakisoba noodles"], 2000);
    expect(domainSentences(["Filet mignon", "Yakisoba noodles"], 2000)).toEqual(a);
    expect(a.some((s) => s.includes("filet mignon"))).toBe(true);
    expect(a.some((s) => s.includes("yakisoba noodles"))).toBe(true);
    expect(a.every((s) => /^[a-z' ]+$/.test(s))).toBe(true);
  });

  it("has cancelling and moving a booking said bare, and dates said as a month and its day", () => {
    const all = domainSentences(["Filet mignon"]);
    const count = (re: RegExp) => all.filter((s) => re.test(s)).length;
    // Attack 17-r4 L5: "cancel my booking" was heard as "can I book you", "on may twentieth" as
    // "on the twentieth". Said bare, with no "I want to" before it:
    expect(count(/^cancel my booking$/)).toBeGreaterThan(0);
    expect(count(/^cancel (my|the|our) (booking|reservation)\b/)).toBeGreaterThan(10);
    expect(
      count(/^(reschedule|change|move) (my|the|our) (booking|reservation|party)\b/),
    ).toBeGreaterThan(30);
    expect(count(/^i need to cancel$/)).toBeGreaterThan(0);
    expect(count(/\bon may twentieth\b/)).toBeGreaterThan(0);
    // The date alone, as the answer to "which day?": a month and its day, some with "on".
    const MONTH =
      "(january|february|march|april|may|june|july|august|september|october|november|december)";
    const ORDINAL = "((twenty|thirty) )?\\w+(st|nd|rd|th)";
    expect(count(new RegExp(`^(on )?${MONTH} ${ORDINAL}$`))).toBeGreaterThan(300);
    expect(count(new RegExp(`^on ${MONTH} ${ORDINAL}$`))).toBeGreaterThan(100);
  });

  it("writes a trigram ARPA model whose counts match its sections and whose words are all there", () => {
    const arpa = buildArpa(["book it", "book a table", "hold it"], {
      general: new Map([["hello", 1]]),
      generalWeight: 0.1,
    });
    const count = (n: number) => Number(new RegExp(`ngram ${n}=(\\d+)`).exec(arpa)![1]);
    const section = (n: number) =>
      arpa.split(`\\${n}-grams:\n`)[1]!.split("\n\n")[0]!.split("\n").filter(Boolean);
    for (const n of [1, 2, 3]) expect(section(n)).toHaveLength(count(n));
    const unigrams = section(1).map((l) => l.split(" ")[1]);
    expect(unigrams).toEqual(
      expect.arrayContaining(["<s>", "</s>", "book", "it", "a", "table", "hold", "hello"]),
    );
    // Unigram probabilities (all but <s>) sum to one.
    const sum = section(1)
      .filter((l) => !l.includes("<s> "))
      .reduce((s, l) => s + 10 ** Number(l.split(" ")[0]), 0);
    expect(sum).toBeCloseTo(1, 3);
    expect(arpa.trimEnd().endsWith("\\end\\")).toBe(true);
  });
});
