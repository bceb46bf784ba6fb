import { describe, expect, it } from "vitest";
import { extractSlots } from "./extract";
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

  it("'we'll also have 4 kids' adds children; 'actually 9 adults' keeps the children said", () => {
    const read = (m: Memory, text: string) =>
      updateFrame(m, said(extractSlots(text, NOW, TZ)), NOW, TZ);
    expect(read(start, "oh and we'll also have 4 kids")).toMatchObject({
      guests: 14,
      adults: 10,
      children: 4,
    });
    const family = read(start, "8 adults and 3 kids");
    expect(family).toMatchObject({ guests: 11, adults: 8, children: 3 });
    expect(read(family, "actually 9 adults")).toMatchObject({ guests: 12, adults: 9, children: 3 });
    expect(read(family, "actually 9 adults and no kids")).toMatchObject({
      guests: 9,
      adults: 9,
      children: 0,
    });
    expect(read(family, "make it 14 people")).toMatchObject({ guests: 14, children: 3 });
  });

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

  it("a time moved by an amount moves the chosen time; children said 'on top' add to the party", () => {
    expect(updateFrame(start, said({ moveMinutes: 60 }), NOW, TZ).startMinute).toBe(1080);
    expect(updateFrame(start, said({ moveMinutes: -30 }), NOW, TZ).startMinute).toBe(990);
    // Nothing chosen yet: nothing to move.
    const { startMinute: _t, ...noTime } = start;
    expect(updateFrame(noTime, said({ moveMinutes: 60 }), NOW, TZ).startMinute).toBeUndefined();
    const more = updateFrame(start, said(extractSlots("oh and 3 kids", NOW, TZ)), NOW, TZ);
    expect(more).toMatchObject({ guests: 13, adults: 10, children: 3 });
  });

  it("two times offered as a choice: none is chosen until one is picked", () => {
    const from = (m: Memory, text: string) =>
      updateFrame(m, said(extractSlots(text, NOW, TZ)), NOW, TZ);
    const { startMinute: _t, ...noTime } = start;
    const asked = from(noTime, "is friday feb 26 open, 5 or 7:30?");
    expect(asked.startMinute).toBeUndefined();
    expect(from(asked, "the earlier one pls, the kids need to be in bed").startMinute).toBe(
      17 * 60,
    );
    expect(from(asked, "let's go with the later one").startMinute).toBe(19 * 60 + 30);
    expect(from(asked, "la segunda que dije, apártala").startMinute).toBe(19 * 60 + 30);
    // A day and a time on each side: the pick brings its day.
    const two = from(noTime, "Saturday Feb 27 at 3, or Sunday Feb 28 at 6?");
    expect(from(two, "both work? let's do the second option then")).toMatchObject({
      date: "2027-02-28",
      startMinute: 18 * 60,
    });
    // Of a longer list (the assistant's free times): by place, taken back, corrected (attack 5 M2, L1).
    const five = [720, 900, 1020, 1080, 1170].map((m) => ({ date: "2027-02-26", startMinute: m }));
    const list = { ...noTime, options: five };
    for (const [text, minute] of [
      ["the first one please", 720],
      ["not the first one, the second one", 900],
      ["the last one, no wait, the first one", 720],
      ["the second to last one", 1080],
      ["the 4th one", 1080],
      ["the fourth one", 1080],
      ["number two", 900],
      ["option 3 please", 1020],
      ["the middle one", 1020],
      ["the fifth one", 1170],
      ["let's go with the last one", 1170],
    ] as const)
      expect(from(list, text).startMinute, text).toBe(minute);
    expect(from(list, "the sixth one").startMinute, "past the list").toBeUndefined();
    expect(from(list, "the 4th one").date, "not the 4th of a month").toBe("2027-02-26");
    // A time taken back is not the time (attack 5 M3).
    expect(extractSlots("not noon, 3 pm please", NOW, TZ).startMinute).toBe(900);
    expect(extractSlots("not 6 but 7:30", NOW, TZ).startMinute).toBe(19 * 60 + 30);
    expect(extractSlots("noon, not 3 pm", NOW, TZ).startMinute).toBe(720);
    // Not a pick: "on second thought", "the first time"; counts and days of the month are no times.
    expect(extractSlots("on second thought, premium", NOW, TZ).pick).toBeUndefined();
    expect(extractSlots("it's the first time we do this", NOW, TZ).pick).toBeUndefined();
    expect(extractSlots("10 or 12 people on the 5th or 6th", NOW, TZ).options).toBeUndefined();
    // A time chosen after the choice is the time.
    const chosen = extractSlots(
      "oh so its either 6 or 7:30? ok 7:30 works then, lock it in",
      NOW,
      TZ,
    );
    expect(chosen.options).toBeUndefined();
    expect(chosen.startMinute).toBe(19 * 60 + 30);
    // "3 hours earlier" moves the chosen time.
    expect(extractSlots("could we move it 3 hours earlier?", NOW, TZ).moveMinutes).toBe(-180);
  });

  it("people leaving come off the party; more adults and kids on top add to both", () => {
    const from = (m: Memory, text: string) =>
      updateFrame(m, said(extractSlots(text, NOW, TZ)), NOW, TZ);
    const sixteen: Memory = { ...start, guests: 16, adults: 16 };
    expect(from(sixteen, "2 couples just bailed on us smh. can you change it")).toMatchObject({
      guests: 12,
      adults: 12,
      children: 0,
    });
    const withKids: Memory = { ...start, guests: 14, adults: 10, children: 4 };
    expect(from(withKids, "minus 2 kids")).toMatchObject({ guests: 12, adults: 10, children: 2 });
    expect(
      from(
        { ...start, guests: 15, adults: 15 },
        "update: 3 more adults rsvp'd yes, and now 2 kids are coming on top of that",
      ),
    ).toMatchObject({ guests: 20, adults: 18, children: 2 });
    expect(
      from({ ...start, guests: 14, adults: 8, children: 6 }, "ah y plus my in-laws, 2 adultos más"),
    ).toMatchObject({ guests: 16, adults: 10, children: 6 });
    // Nobody to take off yet: the party stays unknown.
    const { guests: _g, adults: _a, children: _c, ...noParty } = start;
    expect(from(noParty, "3 people can't make it").guests).toBeUndefined();
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

describe("a day read against the date under discussion (today Tue 2026-12-01)", () => {
  const today = new Date("2026-12-01T18:00:00Z");
  const party: Memory = {
    startMinute: 1080,
    guests: 12,
    adults: 12,
    children: 0,
    postalCode: "95123",
  };
  const on = (date: string): Memory => ({ ...party, date });
  const after = (k: Memory, text: string) =>
    updateFrame(k, { slots: extractSlots(text, today, TZ) }, today, TZ);

  it("a day of the month alone is read in the month under discussion", () => {
    // Friday Jan 15 2027 under discussion.
    expect(after(on("2027-01-15"), "no wait, I meant the 29th").date).toBe("2027-01-29");
    expect(after(on("2027-01-15"), "sorry the 10th, same time").date).toBe("2027-01-10");
    // Nothing under discussion: the next such day from today.
    expect(after(party, "the 29th").date).toBe("2026-12-29");
  });

  it("a weekday with a day of the month prefers that month when both agree", () => {
    // Saturday May 22 2027 under discussion: Friday the 21st is May 21.
    expect(after(on("2027-05-22"), "or friday the 21st?").date).toBe("2027-05-21");
    // Sat Feb 6 2027: Sunday the 7th is the next day.
    expect(after(on("2027-02-06"), "sunday the 7th instead").date).toBe("2027-02-07");
    // Jan 15 under discussion, but Jan 13 is a Wednesday: the first Saturday the 13th after.
    expect(after(on("2027-01-15"), "saturday the 13th").date).toBe("2027-02-13");
  });

  it("a day said from it keeps the time and the party", () => {
    const sat = on("2027-01-23"); // a Saturday
    for (const [text, date] of [
      ["let's do the sunday after", "2027-01-24"],
      ["actually the following saturday", "2027-01-30"],
      ["a week later, same time", "2027-01-30"],
      ["could you push it 2 weeks?", "2027-02-06"],
      ["move it up a day", "2027-01-22"],
      ["the friday before", "2027-01-22"],
      ["the day after, sunday", "2027-01-24"],
      ["friday of the following week", "2027-01-29"],
      ["el día siguiente", "2027-01-24"],
      ["mejor una semana después", "2027-01-30"],
      ["el sábado siguiente", "2027-01-30"],
      ["un día antes", "2027-01-22"],
    ] as const) {
      expect(after(sat, text), text).toMatchObject({ ...party, date });
    }
  });

  it("a day said from nothing changes nothing; a weekday after nothing is the next one", () => {
    expect(after(party, "the week after").date).toBeUndefined();
    expect(after(party, "the following friday").date).toBe("2026-12-04");
  });

  it("a bare weekday near a day too soon is the coming one, never a past one", () => {
    // Wednesday Dec 2 was asked (too soon); "how about sun" is Sunday Dec 6, not Nov 29.
    expect(after(on("2026-12-02"), "how about sun then").date).toBe("2026-12-06");
    // Still within the week under discussion when that day is ahead.
    expect(after(on("2027-01-23"), "sunday?").date).toBe("2027-01-24");
  });

  it("a weekday of next week counts from today, not from the date under discussion", () => {
    expect(after(on("2027-01-23"), "friday next week").date).toBe("2026-12-11");
  });
});

describe("items for the whole party", () => {
  it("'lobster for everyone' is one per guest of the party as it is", () => {
    const k: Memory = { guests: 12, adults: 12, children: 0 };
    const next = updateFrame(k, said({ itemsForEveryone: ["lobster-tail"] }), NOW, TZ);
    expect(next.items).toEqual({ "lobster-tail": 12 });
    // Said with a new count in the same message: the new count.
    const grown = updateFrame(k, said({ guests: 15, itemsForEveryone: ["lobster-tail"] }), NOW, TZ);
    expect(grown.items).toEqual({ "lobster-tail": 15 });
    // No party yet: nothing to count.
    expect(
      updateFrame({}, said({ itemsForEveryone: ["lobster-tail"] }), NOW, TZ).items,
    ).toBeUndefined();
  });
});

describe("a count of people said for a dish (issue 17 r5 H2)", () => {
  const party: Memory = { guests: 10, adults: 10, children: 0 };
  it("is the dish's count when a party is known", () => {
    const k = updateFrame(party, said({ items: { "filet-mignon": 5 }, guestsOfItem: 5 }), NOW, TZ);
    expect([k.guests, k.adults, k.children, k.items]).toEqual([10, 10, 0, { "filet-mignon": 5 }]);
  });
  it("is the party too while none is known", () => {
    const k = updateFrame({}, said({ items: { "filet-mignon": 10 }, guestsOfItem: 10 }), NOW, TZ);
    expect([k.guests, k.adults, k.children, k.items]).toEqual([10, 10, 0, { "filet-mignon": 10 }]);
  });
});
