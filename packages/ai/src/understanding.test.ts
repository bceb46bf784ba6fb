import { describe, expect, it } from "vitest";
import { menuIndexOf } from "./extract";
import { recognize } from "./intents";
import type { Memory } from "./providers/types";
import { bareNumber, residueOf, understand } from "./understanding";

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

describe("a bare number said as a choice", () => {
  it.each([
    ["7 would be ideal", 7],
    ["lets say 5.", 5],
    ["ok go with 6 then", 6],
    ["ideally 7", 7],
    ["6 works best", 6],
    ["hmm, 5 would be great", 5],
  ])("%s -> %d", (text, n) => expect(bareNumber(text)).toBe(n));
});

describe("a message read in its conversation", () => {
  // Tuesday 2026-12-01, 10:00 in Los Angeles; Saturday January 23 2027 at 6 pm for 10 adults.
  const now = new Date("2026-12-01T18:00:00Z");
  const menuKb = {
    version: "t",
    timeZone: "America/Los_Angeles",
    menu: { key: "t", entries: [], nearWords: [] },
    cities: [],
  } as never;
  const party: Memory = {
    date: "2027-01-23",
    startMinute: 1080,
    guests: 10,
    adults: 10,
    children: 0,
    postalCode: "95125",
    lastIntent: "availability",
    partyIntent: "availability",
  };
  const known = (text: string, memory: Memory = party) =>
    understand(text, memory, menuKb, now).known;

  it("a weekday said as a reason does not move the party", () => {
    expect(known("could we do 5 instead? grandpa has church sunday morning")).toMatchObject({
      date: "2027-01-23",
      startMinute: 1020,
    });
    expect(known("book it please, my wife will confirm the guest list on monday")).toMatchObject({
      date: "2027-01-23",
      startMinute: 1080,
    });
  });

  it("a bare hour with a part of the day, or settled on, is the time", () => {
    const noTime: Memory = { ...party, startMinute: undefined };
    expect(known("dinner time, 7:30 would be perfect", noTime).startMinute).toBe(1170);
    expect(known("5 or 6 are both ok, let's say 5", noTime).startMinute).toBe(1020);
    expect(known("7 would be ideal", noTime).startMinute).toBe(1140);
  });

  it("the party said again replaces it: the last split, the total at the end", () => {
    expect(
      known("my brother comes with his wife and their 3 kids, so that makes 12 adults and 3 kids"),
    ).toMatchObject({ guests: 15, adults: 12, children: 3 });
    expect(known("8 coworkers and their partners, so 16 total")).toMatchObject({
      guests: 16,
      adults: 16,
      children: 0,
    });
  });
});

describe("a bare number is not a day of the month", () => {
  it("reads 'March 11 works' as a date, and 'the earlier one, 5' as 5", () => {
    expect(bareNumber("ok, Thursday March 11 works for everyone")).toBeUndefined();
    expect(bareNumber("ok then the earlier one, 5. please hold")).toBe(5);
  });
});

describe("a booking named by its reference (issue 17 r4 L7)", () => {
  const ask = "I have a hold H B B B R Y 2 5, can you change it to 20 guests?";
  const held = {
    id: "b1",
    code: "HB-BBRY25",
    date: "2026-12-17",
    startMinute: 18 * 60,
    guests: 10,
    children: 0,
    postalCode: "95125",
  };

  it("not this conversation's hold: a change asked about that booking, no new party", () => {
    for (const memory of [{}, { hold: { ...held, code: "HB-OTHER1" } }] as Memory[]) {
      const u = understand(ask, memory, kb, NOW);
      expect(u.recognition.intent).toBe("booking_status");
      expect(u.recognition.also).not.toContain("booking_request");
      expect(u.recognition.slots.bookingCode).toBe("HB-BBRY25");
      expect(u.recognition.slots.topic?.split("+")).toContain("change");
      expect(u.known.guests).toBe(memory.guests);
    }
    // Asked about, not changed: the booking's status.
    const status = understand("what's the status of HB-BBRY25?", {}, kb, NOW);
    expect(status.recognition.intent).toBe("booking_status");
    expect(status.recognition.slots.topic ?? "").not.toContain("change");
  });

  it("this conversation's own hold: the change is the hold's", () => {
    const u = understand(ask, { hold: held, guests: 10, postalCode: "95125" } as Memory, kb, NOW);
    expect(u.recognition.intent).toBe("booking_request");
    expect(u.known.guests).toBe(20);
  });
});

describe("counts of diets and dishes read in a conversation (issue 17 r5 H1, H2)", () => {
  const now = new Date("2026-12-01T18:00:00Z");
  const kbFilet = {
    version: "t",
    timeZone: "America/Los_Angeles",
    menu: menuIndexOf({
      items: [
        { slug: "filet-mignon", name: "Filet mignon", priceCents: 500, active: true },
        { slug: "lobster-tail", name: "Lobster tail", priceCents: 1000, active: true },
      ],
    }),
    cities: [],
  } as never;
  const party: Memory = {
    date: "2027-01-23",
    startMinute: 1080,
    guests: 10,
    adults: 10,
    children: 0,
    postalCode: "95125",
  };
  const known = (text: string) => understand(text, party, kbFilet, now).known;
  it.each([
    ["add filet mignon for five people", { "filet-mignon": 5 }],
    ["add 5 filet mignons", { "filet-mignon": 5 }],
    ["upgrade 4 people to lobster", { "lobster-tail": 4 }],
    ["add lobster tail for 3 guests", { "lobster-tail": 3 }],
  ])("%s: the dish's count; the party stays 10", (text, items) => {
    expect(known(text)).toMatchObject({ guests: 10, adults: 10, children: 0, items });
  });
  it.each(["two of us are vegetarian", "two guests are vegetarian", "eleven of us are vegetarian"])(
    "%s: the party stays 10",
    (text) => {
      expect(known(text)).toMatchObject({ guests: 10, adults: 10, children: 0 });
    },
  );
});
