import { afterEach, describe, expect, it } from "vitest";
import {
  extractDate,
  extractGuests,
  extractSlots,
  extractTime,
  menuIndexOf,
  menuSlots,
} from "./extract";

const TZ = "America/Los_Angeles";
const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe("dates, times and guests from text", () => {
  for (const serverTz of ["UTC", "Asia/Tokyo"]) {
    it(`"next Saturday for 12 at 6pm" means the same party whatever the server's TZ (${serverTz})`, () => {
      process.env.TZ = serverTz;
      // 2026-11-28 05:30 UTC is still Friday evening (Nov 27) in Los Angeles but Saturday in
      // UTC and Tokyo: "next Saturday" must be read in the business's zone.
      const now = new Date("2026-11-28T05:30:00Z");
      expect(extractSlots("next Saturday for 12 at 6pm", now, TZ)).toMatchObject({
        date: "2026-11-28",
        startMinute: 18 * 60,
        guests: 12,
      });
      // On a Tuesday morning in LA.
      expect(
        extractSlots("next Saturday for 12 at 6pm", new Date("2026-11-24T18:00:00Z"), TZ),
      ).toMatchObject({
        date: "2026-11-28",
        startMinute: 1080,
        guests: 12,
      });
    });
  }

  it("reads the common ways people write dates", () => {
    const now = new Date("2026-11-24T18:00:00Z");
    const d = (s: string) => extractDate(s, now, TZ);
    expect(d("tomorrow")).toEqual({ date: "2026-11-25" });
    expect(d("this saturday")).toEqual({ date: "2026-11-28" });
    expect(d("on sunday")).toEqual({ date: "2026-11-29", weekdayOnly: 0 });
    expect(d("Dec 12th")).toEqual({ date: "2026-12-12" });
    expect(d("12 December")).toEqual({ date: "2026-12-12" });
    expect(d("12/19")).toEqual({ date: "2026-12-19" });
    expect(d("1/9")).toEqual({ date: "2027-01-09" }); // already past this year: next year
    expect(d("2027-02-14")).toEqual({ date: "2027-02-14" });
    expect(d("this weekend")).toEqual({ from: "2026-11-28", to: "2026-11-29" });
    expect(d("next weekend")).toEqual({ from: "2026-12-05", to: "2026-12-06" });
    expect(d("feb 30")).toEqual({});
    expect(d("how much is it")).toEqual({});
  });

  it("reads times and does not mistake guest counts or dates for them", () => {
    expect(extractTime("at 6pm")).toBe(1080);
    expect(extractTime("7:30 pm works")).toBe(19 * 60 + 30);
    expect(extractTime("at 6")).toBe(1080);
    expect(extractTime("noon")).toBe(720);
    expect(extractTime("18:00")).toBe(1080);
    expect(extractTime("for 12 people")).toBeUndefined();
    expect(extractTime("12/19 please")).toBeUndefined();
  });

  it("reads guest counts in many forms", () => {
    expect(extractGuests("party of 15")).toMatchObject({ guests: 15 });
    expect(extractGuests("12 ppl")).toMatchObject({ guests: 12 });
    expect(extractGuests("we're about 20")).toMatchObject({ guests: 20 });
    expect(extractGuests("a dozen guests")).toMatchObject({ guests: 12 });
    expect(extractGuests("10 adults and 4 kids")).toEqual({ guests: 14, adults: 10, children: 4 });
    expect(extractGuests("for 12 at 6pm")).toMatchObject({ guests: 12 });
    expect(extractGuests("dec 12 at 6pm")).toEqual({});
    expect(extractGuests("one guest has celiac")).toEqual({});
  });

  it("reads texting style, couples and misspelled months (development trace v5)", () => {
    const now = new Date("2026-11-28T20:00:00Z");
    expect(extractSlots("book 12ppl sat dec 12 at 6", now, TZ)).toMatchObject({
      guests: 12,
      date: "2026-12-12",
    });
    expect(extractGuests("15pax")).toMatchObject({ guests: 15 });
    expect(extractGuests("twelve couples plus 3 kids")).toEqual({
      guests: 27,
      adults: 24,
      children: 3,
    });
    expect(extractSlots("febuary 13 at 6pm for 10", now, TZ)).toMatchObject({
      date: "2027-02-13",
      startMinute: 18 * 60,
      guests: 10,
    });
    // A whole date on the weekday asked is the day meant, whatever the holiday's date.
    expect(extractSlots("Saturday before Memorial Day, May 22", now, TZ).date).toBe("2027-05-22");
    expect(extractSlots("the saturday before memorial day", now, TZ).date).toBe("2027-05-29");
    // Spanish texting: "sab" and "10 d abril".
    expect(
      extractSlots("tienen el sab 10 d abril a las 6?? somos 15 adultos y 4 niños", now, TZ),
    ).toMatchObject({ date: "2027-04-10", startMinute: 18 * 60, adults: 15, children: 4 });
    expect(
      extractSlots(
        "bummer. then do the Saturday before Memorial Day weekend, May 22, same time, premium",
        now,
        TZ,
      ).date,
    ).toBe("2027-05-22");
  });

  it("a day just gone, said with its weekday or its year, is that day (it has passed)", () => {
    const monday = new Date("2026-11-30T20:00:00Z");
    expect(extractSlots("Saturday November 28", monday, TZ).date).toBe("2026-11-28");
    expect(extractSlots("Saturday, November 28, 2026", monday, TZ).date).toBe("2026-11-28");
    // Without a weekday, or with next year's weekday, the coming one.
    expect(extractSlots("november 28", monday, TZ).date).toBe("2027-11-28");
    expect(extractSlots("Sunday November 28", monday, TZ).date).toBe("2027-11-28");
  });

  it("finds ZIP codes, booking codes and emails", () => {
    const s = extractSlots("booking HB-QX7K2M for jo@example.com in 95125", new Date(), TZ);
    expect(s).toMatchObject({
      postalCode: "95125",
      bookingCode: "HB-QX7K2M",
      email: "jo@example.com",
    });
  });
});

describe("a booking reference spelled out (issue 17 r4 L7)", () => {
  it.each([
    "I have a hold H B B B R Y 2 5, can you change it to 20 guests?",
    "I have a hold HB BBRY25, can you change it to 20 guests?",
    "I have a hold H B dash B B R Y 2 5, can you change it to 20 guests?",
    "I have a hold H.B.B.B.R.Y.2.5, can you change it to 20 guests?",
    "I have a hold HB-BBRY25, can you change it to 20 guests?",
  ])("%s", (text) => {
    const s = extractSlots(text, new Date(), TZ);
    expect(s.bookingCode).toBe("HB-BBRY25");
    // Its letters and digits are neither a party nor a ZIP.
    expect(s.guests).toBe(20);
    expect(s.postalCode).toBeUndefined();
  });

  it("a code's five digits are not a ZIP; other capitals are no code", () => {
    const s = extractSlots("my reference is H B 9 5 1 2 5 K, zip 94536", new Date(), TZ);
    expect(s).toMatchObject({ bookingCode: "HB-95125K", postalCode: "94536" });
    expect(extractSlots("HBO at 6 PM for 10 people", new Date(), TZ).bookingCode).toBeUndefined();
    expect(extractSlots("H B, 10 people", new Date(), TZ).bookingCode).toBeUndefined();
  });
});

describe("menu items asked for with a count", () => {
  const words = menuIndexOf({
    items: [
      { slug: "lobster-tail", name: "Lobster tail", priceCents: 1000, active: true },
      { slug: "filet-mignon", name: "Filet mignon", priceCents: 500, active: true },
      { slug: "sushi-platter", name: "Sushi platter (40 pieces)", priceCents: 12000, active: true },
      { slug: "chicken", name: "Hibachi chicken", priceCents: 0, active: true },
    ],
  });
  const extractItems = (text: string, index: typeof words) => menuSlots(text, index).items ?? {};
  it("reads digits and number words next to the item's own words", () => {
    expect(extractItems("we want 4 lobster upgrades too", words)).toEqual({ "lobster-tail": 4 });
    expect(extractItems("add two sushi platters and 3 filet mignon", words)).toEqual({
      "sushi-platter": 2,
      "filet-mignon": 3,
    });
    expect(extractItems("6 lobster tails please", words)).toEqual({ "lobster-tail": 6 });
  });
  it("a count of people asked a dish is its count, not the party (issue 17 r5 H2)", () => {
    const both = (text: string) => {
      const s = extractSlots(text, new Date("2026-11-24T18:00:00Z"), TZ, words);
      return { items: s.items, guests: s.guests, adults: s.adults, of: s.guestsOfItem };
    };
    for (const [text, slug, n] of [
      ["add filet mignon for five people", "filet-mignon", 5],
      ["can 5 of us get filet mignon", "filet-mignon", 5],
      ["upgrade 4 people to lobster", "lobster-tail", 4],
      ["add lobster tail for 3 guests", "lobster-tail", 3],
      ["2 people want the lobster tail", "lobster-tail", 2],
    ] as const)
      expect(both(text), text).toEqual({ items: { [slug]: n }, of: n });
    expect(both("add 5 filet mignons")).toEqual({ items: { "filet-mignon": 5 } });
    // A dish named with the party, not asked for it: the party.
    expect(both("lobster tail for 6 ppl")).toMatchObject({ guests: 6, items: undefined });
    expect(both("add filet mignon for 5 at 6 pm")).toMatchObject({ items: { "filet-mignon": 5 } });
  });
  it("ignores included items, guest counts and prices", () => {
    expect(extractItems("12 chicken for 12 people", words)).toEqual({});
    expect(extractItems("is lobster $10?", words)).toEqual({});
    expect(extractItems("party of 40 pieces of fun", words)).toEqual({});
  });
});

describe("dishes named in a question", () => {
  const dishes = menuIndexOf({
    items: [
      { slug: "gyoza", name: "Pork gyoza", priceCents: 600, active: true },
      { slug: "extra-fried-rice", name: "Extra fried rice", priceCents: 300, active: true },
      { slug: "salmon", name: "Salmon", priceCents: 0, active: true },
      { slug: "steak", name: "NY strip steak", priceCents: 0, active: true },
    ],
  });
  const namedItems = (text: string, index: typeof dishes) => menuSlots(text, index).named ?? [];
  it("finds dishes by their own words, included ones too", () => {
    expect(namedItems("is the gyoza gluten free", dishes)).toEqual(["gyoza"]);
    expect(namedItems("is the fried rice safe for him?", dishes)).toEqual(["extra-fried-rice"]);
    expect(namedItems("what about the salmon and the steaks?", dishes).sort()).toEqual([
      "salmon",
      "steak",
    ]);
    expect(namedItems("what time do you arrive?", dishes)).toEqual([]);
  });
});

describe("holidays people book parties on", () => {
  const now = new Date("2026-11-24T18:00:00Z");
  const d = (s: string) => extractDate(s, now, "America/Los_Angeles").date;
  it("reads them as the next such day", () => {
    expect(d("r u available xmas eve")).toBe("2026-12-24");
    expect(d("christmas day dinner")).toBe("2026-12-25");
    expect(d("new years eve 8pm")).toBe("2026-12-31");
    expect(d("NYE party")).toBe("2026-12-31");
    expect(d("new year's day brunch")).toBe("2027-01-01");
    expect(d("thanksgiving for 10")).toBe("2026-11-26");
    expect(d("4th of july bbq")).toBe("2027-07-04");
    expect(d("mother's day")).toBe("2027-05-09");
    expect(d("labor day weekend")).toBe("2027-09-06");
  });
});

describe("dates no one can book", () => {
  const now = new Date("2026-11-24T18:00:00Z");
  it.each(["0001-01-01", "9999-12-31", "99999-12-31", "1-1-1", "our party is on 12/31/0001"])(
    "%s is not a date, and reading it never throws",
    (text) => {
      expect(() => extractSlots(text, now, TZ)).not.toThrow();
      expect(extractSlots(text, now, TZ).date).toBeUndefined();
    },
  );
});

describe("instants and the past are not days to book", () => {
  const now = new Date("2026-11-24T18:00:00Z");
  it.each([
    "THE CHEF WAS 2 HOURS LATE!!! I want a refund",
    "worst service ever!!! refund now",
    "last saturday was great, thanks",
    "we booked 3 days ago",
    "el sábado pasado",
  ])("%s", (text) => {
    const s = extractSlots(text, now, TZ);
    expect(s.date).toBeUndefined();
    expect(s.from).toBeUndefined();
    expect(s.startMinute).toBeUndefined();
  });
});

describe("a ZIP said digit by digit is never a date, a time or a party", () => {
  it("keeps the day, the time and the party said before it", () => {
    const s = extractSlots(
      "Book for twelve adults and three kids on the fifteenth of December at six in the evening, zip nine five one two five",
      new Date("2026-12-01T18:00:00Z"),
      "America/Los_Angeles",
    );
    expect(s).toMatchObject({
      postalCode: "95125",
      adults: 12,
      children: 3,
      guests: 15,
      date: "2026-12-15",
      startMinute: 18 * 60,
    });
  });
});

describe("hundreds said in words (attack round 3, M8)", () => {
  const now = new Date("2026-12-02T18:00:00Z");
  it.each([
    ["Book hibachi for two hundred people on March 24th at 6 pm", 200],
    ["a party of one hundred and twenty people", 120],
    ["we're a hundred guests", 100],
    ["three hundred fifty people", 350],
    ["two dozen people", 24],
    ["twenty five people", 25],
  ])("%j is %i guests", (said, guests) => {
    const s = extractSlots(said, now, "America/Los_Angeles");
    expect((s.adults ?? 0) + (s.children ?? 0) || s.guests).toBe(guests);
  });
});

describe("a ZIP said in pieces on the phone (attack round 6, M2)", () => {
  const zipOf = (t: string) =>
    extractSlots(t, new Date("2026-12-01T18:00:00Z"), "America/Los_Angeles");
  it.each([
    ["book hibachi for 14 people on April 3 at 5 pm, zip code 9 5 1 2 5", "95125", 14],
    ["9 5 1 2 5", "95125", undefined],
    ["zip code 951 25", "95125", undefined],
    ["zip 951 25 for 10 people", "95125", 10],
    ["nine 5 one 2 five", "95125", undefined],
    ["código postal 9 5 1 2 5", "95125", undefined],
  ])("%j is ZIP %s (guests %s)", (text, zip, guests) => {
    const s = zipOf(text);
    expect(s.postalCode).toBe(zip);
    expect(s.guests).toBe(guests);
  });
  it.each(["call me at 408 555 0142", "10 adults 2 kids, 1 2 3", "party of 8 on the 5th at 6 pm"])(
    "%j has no ZIP",
    (text) => {
      expect(zipOf(text).postalCode).toBeUndefined();
    },
  );
});

describe("group sizes and babies said the ordinary way (attack round 7, H1/M5)", () => {
  const at = (t: string) =>
    extractSlots(t, new Date("2026-12-01T18:00:00Z"), "America/Los_Angeles");
  it.each([
    ["a dozen and a half people", 18],
    ["2 dozen guests", 24],
    ["three families of four", 12],
    ["eleven people plus me", 12],
    ["me and 9 friends", 10],
    ["for 10 people, scratch that, 14 people", 14],
  ])("%j is %i guests", (text, n) => {
    expect(at(text).guests).toBe(n);
  });
  it("a baby is a child; a baby shower is no guest", () => {
    expect(at("14 adults and an infant")).toMatchObject({ adults: 14, children: 1 });
    expect(at("for a baby shower of 20 people").children).toBeUndefined();
  });
});
