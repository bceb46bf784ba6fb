import { describe, expect, it } from "vitest";
import { changesHeldFacts, differsFromHold, updateFrame } from "./frame";
import type { Recognition } from "./intents";
import type { Memory } from "./providers/types";

const NOW = new Date("2026-11-24T18:00:00Z");
const TZ = "America/Los_Angeles";
const said = (slots: Recognition["slots"]): Recognition => ({
  intent: "unknown",
  confidence: 0,
  confident: false,
  also: [],
  scores: {},
  slots,
  normalized: "",
  questionCount: 1,
});

describe("the dialogue frame", () => {
  const start: Memory = {
    date: "2026-12-12",
    startMinute: 1020,
    guests: 10,
    adults: 10,
    children: 0,
    postalCode: "95125",
  };

  it("a new total replaces the party; children said apart split out of it", () => {
    const grown = updateFrame(start, said({ guests: 14 }), NOW, TZ);
    expect(grown).toMatchObject({ guests: 14, adults: 14, children: 0 });
    const kids = updateFrame(grown, said({ children: 4 }), NOW, TZ);
    expect(kids).toMatchObject({ guests: 14, adults: 10, children: 4 });
    // A bare new total keeps the children already counted.
    expect(updateFrame(kids, said({ guests: 16 }), NOW, TZ)).toMatchObject({
      guests: 16,
      adults: 12,
      children: 4,
    });
    // Adults and children both said: exactly that.
    expect(updateFrame(kids, said({ guests: 9, adults: 9, children: 0 }), NOW, TZ)).toMatchObject({
      guests: 9,
      adults: 9,
      children: 0,
    });
  });

  it("another day keeps the time; a bare weekday reads within the week under discussion", () => {
    const moved = updateFrame(start, said({ date: "2026-12-13" }), NOW, TZ);
    expect(moved).toMatchObject({ date: "2026-12-13", startMinute: 1020 });
    // "sunday" said bare after Dec 12: the 13th, not the next Sunday after today.
    const bare = updateFrame(start, said({ date: "2026-11-29", weekdayOnly: 0 }), NOW, TZ);
    expect(bare.date).toBe("2026-12-13");
  });

  it("a package switch, a new ZIP, a city replacing a ZIP", () => {
    const k = updateFrame(start, said({ packageSlug: "premium" }), NOW, TZ);
    expect(k.packageSlug).toBe("premium");
    expect(updateFrame(k, said({ city: "Palo Alto" }), NOW, TZ).postalCode).toBeUndefined();
    expect(updateFrame(k, said({ postalCode: "95014" }), NOW, TZ).postalCode).toBe("95014");
  });

  it("knows when the frame asks for something other than the hold", () => {
    const held: Memory = {
      ...start,
      hold: {
        id: "b1",
        code: "HB-X",
        date: "2026-12-12",
        startMinute: 1020,
        guests: 10,
        children: 0,
        postalCode: "95125",
      },
    };
    expect(differsFromHold(held)).toBe(false);
    const k = updateFrame(held, said({ guests: 12 }), NOW, TZ);
    expect(changesHeldFacts(held, k)).toBe(true);
    expect(differsFromHold(k)).toBe(true);
    expect(changesHeldFacts(held, updateFrame(held, said({ diet: ["vegan"] }), NOW, TZ))).toBe(
      false,
    );
  });
});
