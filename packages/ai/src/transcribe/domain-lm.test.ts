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
