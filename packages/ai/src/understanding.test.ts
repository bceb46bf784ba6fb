import { describe, expect, it } from "vitest";
import { recognize } from "./intents";
import { bareNumber, residueOf } from "./understanding";

const NOW = new Date("2026-11-24T18:00:00Z");
const kb = {
  menu: { key: "t", entries: [{ slug: "gyoza", words: ["gyoza"] }], nearWords: [] },
  cities: ["San Jose"],
} as never;
const residue = (text: string) => {
  const r = recognize(text, NOW, "America/Los_Angeles");
  return residueOf(r.normalized, kb, r.slots);
};

describe("what of a message nothing understood (the residue)", () => {
  it("filler, intent words and entities read into slots are explained", () => {
    expect(residue("Any vegetarian options for my guests?")).toEqual([]);
    expect(residue("hey do u guys have vegetarian food? thx")).toEqual([]);
    expect(residue("what's free next Saturday for 12 people?")).toEqual([]);
  });

  it("a figure no slot read is not explained: 'one guest' read as nobody", () => {
    const text = "one guest has celiac, can you do gluten-free??";
    const r = recognize(text, NOW, "America/Los_Angeles");
    expect(r.slots.guests !== undefined || residue(text).includes("one")).toBe(true);
    expect(residue("is it gluten free")).toEqual([]);
  });

  it("words about something the assistant doesn't model stay", () => {
    expect(residue("can you cook inside our garage")).toContain("garage");
    expect(residue("do you do weddings on a boat")).toContain("boat");
  });
});

describe("a bare number said as a correction", () => {
  it.each([
    ["actually 30", 30],
    ["fine, it'll be 16 instead", 16],
    ["can it be 23?", 23],
    ["some dropped out, 14 final. see you then", 14],
    ["we cut it down to 40 then", 40],
    ["ok 6 works", 6],
    ["how about 3?", 3],
  ])("%s -> %d", (text, n) => expect(bareNumber(text)).toBe(n));

  it.each([
    "we have 2 dogs, is that ok?",
    "give me 10 minutes",
    "it's apt 12",
    "call 408 555 0142",
    "is $50 the fee?",
    "ok 7:30 then",
    "at 6 instead",
    "the 12th works",
    "3 or 4 maybe",
  ])("%s -> nothing", (text) => expect(bareNumber(text)).toBeUndefined());
});
