import { describe, expect, it } from "vitest";
import { recognize } from "./intents";
import { residueOf } from "./understanding";

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
