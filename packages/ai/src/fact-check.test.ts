// The safety net under a model's reply: every price, date, time and menu item is checked against
// the turn's tool results and the catalog (testing/catalog.ts: Premium $80/$40 a guest, lobster
// tail $10 a portion, start times 12, 3, 5, 6 and 7:30 pm, today Tuesday 2026-11-24).
import { describe, expect, it } from "vitest";
import {
  checkReply,
  datesIn,
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
