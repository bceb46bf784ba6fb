// The safety net under a model's reply: every price, date, time and menu item is checked against
// the turn's tool results and the catalog (testing/catalog.ts: Premium $80/$40 a guest, lobster
// tail $10 a portion, start times 12, 3, 5, 6 and 7:30 pm, today Tuesday 2026-11-24).
import { describe, expect, it } from "vitest";
import {
  checkReply,
  datesIn,
  internalsIn,
  moneyIn,
  repairInstruction,
  timesIn,
  type Evidence,
} from "./fact-check";
import { TEST_NOW, testCatalog } from "./testing/catalog";

const quote = {
  package: "Premium Hibachi",
  guests: 12,
  lines: ["Premium Hibachi: 10 adults × $80.00, 2 children × $40.00 = $880.00"],
  subtotal: "$880.00",
  travelFee: "$0.00",
  tax: "$82.54",
  total: "$962.54",
  deposit: "$100.00",
  suggestedGratuity: "$176.00",
};
const slots = {
  requested: "2026-12-12",
  slots: ["Saturday, December 12 (2026-12-12) 5 pm [startMinute 1020]"],
};

const ev = (over: Partial<Evidence> = {}): Evidence => ({
  catalog: testCatalog(),
  now: TEST_NOW,
  toolData: [quote, slots],
  frames: [{ guests: 12, adults: 10, children: 2, packageSlug: "premium" }],
  ...over,
});

describe("reading figures", () => {
  it("reads money, dates and times as people write them", () => {
    expect(moneyIn("total $1,234.50, deposit $100 or 45 dollars").map((m) => m.value)).toEqual([
      { cents: 123_450, whole: false },
      { cents: 10_000, whole: true },
      { cents: 4_500, whole: true },
    ]);
    expect(
      datesIn(
        "Saturday, December 12 or Dec 13th, el 14 de diciembre, 2027-01-02",
        "2026-11-24",
      ).map((d) => d.value),
    ).toEqual([
      { date: "2026-12-12", weekday: 6 },
      { date: "2026-12-13" },
      { date: "2026-12-14" },
      { date: "2027-01-02" },
    ]);
    // Without a year: the next one (January is next year in late November).
    expect(datesIn("January 9", "2026-11-24")[0]!.value.date).toBe("2027-01-09");
    expect(datesIn("February 30", "2026-11-24")[0]!.value.date).toBeNull();
    expect(timesIn("at 5 pm, 7:30 PM or 18:00").map((t) => t.value)).toEqual([1020, 1170, 1080]);
  });
});

describe("checking a model's reply", () => {
  it("lets a reply through whose every figure comes from the tools or the menu", () => {
    const reply =
      "For 10 adults and 2 kids with Premium Hibachi ($80.00 per adult, $40.00 per child): food $880.00, tax $82.54, total $962.54. " +
      "A $100 deposit holds Saturday, December 12 at 5 pm. Lobster tail is $10 a portion, so 12 of them add $120.";
    expect(checkReply(reply, ev())).toEqual([]);
  });

  it("catches a total the quote never gave, and says the right one", () => {
    const problems = checkReply("Your total comes to $1,062.54 with tax.", ev());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: "money", said: "$1,062.54" });
    expect(problems[0]!.fix).toContain("$962.54");
  });

  it("catches an item's wrong price even when the amount is another figure of the turn", () => {
    // $40.00 is the child price, but not the price of a lobster tail.
    const problems = checkReply("The lobster tail upgrade is $40.00 per portion.", ev());
    expect(problems).toEqual([
      expect.objectContaining({
        kind: "money",
        said: "$40.00",
        fix: expect.stringContaining("$10.00"),
      }),
    ]);
    expect(repairInstruction(problems)).toContain("Lobster tail is $10.00 per portion");
  });

  it("catches a wrong weekday, an unreal date, a date nobody gave and a time we don't start at", () => {
    const kinds = (text: string) => checkReply(text, ev()).map((p) => p.kind);
    expect(kinds("See you Friday, December 12!")).toEqual(["weekday"]);
    expect(kinds("How about February 30?")).toEqual(["date"]);
    expect(kinds("December 19 is free too.")).toEqual(["date"]);
    expect(kinds("We can start at 4:15 pm.")).toEqual(["time"]);
  });

  it("names an item that is off the menu", () => {
    expect(checkReply("Add truffle rice for your guests!", ev())).toEqual([
      expect.objectContaining({ kind: "item", said: "Truffle rice" }),
    ]);
  });

  it("accepts a figure rounded to whole dollars and the party's counts times a menu price", () => {
    expect(
      checkReply(
        "About $963 in all; 2 lobster tails are $20.",
        ev({ frames: [{ items: { "lobster-tail": 2 } }] }),
      ),
    ).toEqual([]);
  });
});

describe("a reply that shows fields, ids or raw data instead of words", () => {
  // What the tools of a booking turn gave: a hold (its id is internal, its code is the
  // customer's) and the slots, as create_booking_hold and check_availability tell the model.
  const hold = {
    id: "cm3x9k2p40000qz8f7h1a2b3c",
    code: "HB-D00566",
    date: "2026-11-28",
    startMinute: 1080,
    when: "Saturday, November 28 at 6 pm",
    guests: 10,
    total: "$650.00",
    link: "/book/finish/cm3x9k2p40000qz8f7h1a2b3c?token=k7_Q-x9zZ",
  };
  const held = (over: Partial<Evidence> = {}) =>
    ev({ toolData: [hold, slots], frames: [{ guests: 10, adults: 10 }], ...over });
  const internal = (text: string) =>
    checkReply(text, held())
      .filter((p) => p.kind === "internal")
      .map((p) => p.said);

  it("refuses field names, ids, JSON and key=value, the way it refuses a wrong price", () => {
    expect(
      internal("You're booked Saturday, November 28 (startMinute 1080) for 10 guests."),
    ).toEqual(["startMinute"]);
    expect(internal("Done! holdId cm3x9k2p40000qz8f7h1a2b3c, total $650.00.")).toEqual([
      "holdId",
      "cm3x9k2p40000qz8f7h1a2b3c",
    ]);
    expect(internal('Here you go: {"date":"2026-11-28","startMinute":1080,"guests":10}')).toEqual([
      '"date"',
      '"startMinute"',
      '"guests"',
    ]);
    expect(internal("Your party at postalCode=95125 is in our local zone.")).toEqual([
      "postalCode",
    ]);
    expect(internal("guests=10, date=2026-11-28: all set.")).toEqual(["guests", "date"]);
    expect(internal("Premium is priceCents 8000 per adult.")).toEqual(["priceCents"]);
    expect(internal("I ran get_quote: travel_fee $0.00, pricing PER_PERSON.")).toEqual([
      "get_quote",
      "travel_fee",
      "PER_PERSON",
    ]);
    expect(internal("Your reference is 3f2b8c1e-4d5a-4b6c-9e7f-1a2b3c4d5e6f.")).toEqual([
      "3f2b8c1e-4d5a-4b6c-9e7f-1a2b3c4d5e6f",
    ]);
    expect(internal("Saturday, November 28 6 pm [startMinute 1080] is free.")).toEqual([
      "startMinute",
    ]);
    const [problem] = checkReply("Held: startMinute 1080.", held());
    expect(problem).toMatchObject({ kind: "internal", said: "startMinute" });
    expect(repairInstruction([problem!])).toContain("plain words");
  });

  it("lets through what customers are shown: times, prices, dates, booking codes, links, emails", () => {
    const good = [
      "You're all set: Saturday, November 28 at 6 pm for 10 guests, $650.00 in all. Your booking code is HB-D00566.",
      "I've held HB-D00566 for you; finish it here: /book/finish/cm3x9k2p40000qz8f7h1a2b3c?token=k7_Q-x9zZ",
      "Finish at https://myhibachi.example/book/finish/cm3x9k2p40000qz8f7h1a2b3c?token=k7_Q-x9zZ (held 15 minutes).",
      "Questions? Write to events_team@myhibachi.example or call (555) 010-0000.",
      "Gluten-free? Our follow-up e-mail lists allergens; the tip (20%) is suggested, never charged.",
      "El sábado 28 de noviembre a las 6 pm para 10 personas: $650.00 en total.",
      "Premium Hibachi is $80.00 per adult and $40.00 per child: 10 adults come to $800.00.",
    ];
    for (const text of good) expect(checkReply(text, held()), text).toEqual([]);
  });

  it("reads nothing internal in plain prose", () => {
    expect(
      internalsIn("A 6 pm start on Saturday suits a party of 12; the chef arrives at 5 pm."),
    ).toEqual([]);
  });
});
