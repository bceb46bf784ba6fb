import { describe, expect, it } from "vitest";
import { factDiff, factsOf, vocabulary } from "./_facts";

// A small catalog written here (names as a business would have them), not the seed's.
const vocab = vocabulary([
  { slug: "classic", name: "Classic Hibachi" },
  { slug: "premium", name: "Premium Hibachi" },
  { slug: "lobster-tail", name: "Lobster tail" },
  { slug: "shrimp", name: "Shrimp" },
  { slug: "jumbo-shrimp", name: "Jumbo tiger shrimp" },
  { slug: "sushi-platter", name: "Sushi platter (40 pieces)" },
]);
const facts = (text: string) => [...factsOf(text, vocab)].sort();

describe("factsOf", () => {
  it("reads money amounts in cents, whatever the writing", () => {
    expect(facts("Total $1,234.56, deposit $100 and $60.5 per adult")).toEqual([
      "$1,234.56",
      "$100.00",
      "$60.50",
    ]);
    expect(facts("It's 60 dollars each")).toEqual(["$60.00"]);
    expect(factsOf("$60", vocab)).toEqual(factsOf("$60.00", vocab));
  });

  it("reads the same date however it is written, and weekday labels", () => {
    const dec12 = ["date Dec 12"];
    for (const t of [
      "Dec 12",
      "December 12th",
      "12/12",
      "12/12/2026",
      "2026-12-12",
      "12 de diciembre",
    ])
      expect(facts(t), t).toEqual(dec12);
    expect(facts("Saturday, November 28 (2026-11-28)")).toEqual(["Saturday", "date Nov 28"]);
    expect(facts("open saturdays and el sábado")).toEqual(["Saturday"]);
    expect(facts("Dec 12")).not.toEqual(facts("Dec 19"));
  });

  it("reads times of day in any common form", () => {
    for (const t of ["5:00 PM", "5pm", "5 p.m.", "17:00"]) expect(facts(t), t).toEqual(["5:00 PM"]);
    expect(facts("7:30pm or noon")).toEqual(["12:00 PM", "7:30 PM"]);
  });

  it("reads guest, adult, child and portion counts", () => {
    expect(facts("20 people")).toEqual(["20 guests"]);
    expect(facts("a party of 15")).toEqual(["15 guests"]);
    expect(facts("anything next saturday for 12?")).toEqual(["12 guests", "Saturday"]);
    expect(facts("10 adults and 2 kids")).toEqual(["10 adults", "2 children"]);
    expect(facts("we want 4 lobster upgrades")).toEqual(["4 portions"]);
    expect(facts("twelve guests")).toEqual(["12 guests"]);
  });

  it("does not read times, money, dates or durations as party sizes", () => {
    expect(facts("for 2 hours")).toEqual([]);
    expect(facts("for 48 hours' notice")).toEqual([]);
    expect(facts("book Dec 12 for 20 ppl at 5pm")).toEqual(["20 guests", "5:00 PM", "date Dec 12"]);
    expect(facts("from $60 for 10:00")).toEqual(["$60.00", "10:00 AM"]);
  });

  it("names menu items and packages from the catalog, longest name first, with counts", () => {
    expect(facts("The Premium Hibachi adds jumbo tiger shrimp")).toEqual([
      "item Jumbo tiger shrimp",
      "item Premium Hibachi",
    ]);
    expect(facts("4 lobster tails and the classic")).toEqual([
      "4 × Lobster tail",
      "item Classic Hibachi",
      "item Lobster tail",
    ]);
    // The "40" inside the catalog name is part of the name, not a count.
    expect(facts("Sushi platter (40 pieces): $120")).toEqual([
      "$120.00",
      "item Sushi platter (40 pieces)",
    ]);
    expect(facts("a sushi platter")).toEqual(["item Sushi platter (40 pieces)"]);
    // Words not in the catalog are no facts.
    expect(facts("Hibachi chicken and steak")).toEqual([]);
  });

  it("reads ZIP codes", () => {
    expect(facts("do you come to 95060?")).toEqual(["ZIP 95060"]);
  });

  it("gives nothing for a reply without facts", () => {
    expect(facts("Thanks! Happy to help.")).toEqual([]);
  });
});

describe("factDiff", () => {
  it("lists the facts only one reply has", () => {
    const a = factsOf("Classic Hibachi for 12 guests: $720", vocab);
    const b = factsOf("Premium Hibachi for 12 guests: $960", vocab);
    expect(factDiff(a, b)).toEqual({
      onlyA: ["$720.00", "item Classic Hibachi"],
      onlyB: ["$960.00", "item Premium Hibachi"],
    });
    expect(factDiff(a, factsOf("12 guests, Classic Hibachi, $720.00", vocab))).toEqual({
      onlyA: [],
      onlyB: [],
    });
  });
});
