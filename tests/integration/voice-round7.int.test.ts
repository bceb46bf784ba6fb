// The phone and SMS assistant after the seventh attack (issue 17, docs/attacks/issue17-r7.md: H1
// to H4). Webhooks as Twilio sends them, to the real handlers; the truth is the booking table and
// the calendar (getAvailability), never the assistant's code. The report's phrasings; the
// held-out re-check (issue17-r7-heldout.mjs.txt) uses others.
import { describe, expect, it } from "vitest";
import { getAvailability } from "@myhibachi/core";
import { phoneHarness } from "./phone-harness";

/** Tuesday 2026-12-01 10:00 in Los Angeles (PST). Never the machine's clock. */
const NOW = new Date("2026-12-01T18:00:00Z");

const ph = phoneHarness({ now: NOW, chefs: 3 });
const { call, text, nextPhone, holdsOf } = ph;

/** The calendar's slot that day at `minute` for the party (its instant). */
async function slotAt(date: string, minute: number, guests: number) {
  const { slots } = await getAvailability(
    ph.env.t.db,
    { from: date, to: date, guests, postalCode: "95125" },
    { cache: ph.env.cache, now: NOW },
  );
  return slots.find((s) => s.startMinute === minute);
}

const guestsOf = async (phone: string) => {
  const [h] = await holdsOf(phone);
  return h ? h.adults + h.children : undefined;
};

describe("H1: group sizes said the ordinary way", () => {
  it.each([
    ["a dozen and a half people", 18, "March 1st"],
    ["2 dozen people", 24, "March 2nd"],
    ["three families of four", 12, "March 3rd"],
    ["our two families, 5 people each", 10, "March 4th"],
    ["my family of five and my sister's family of six", 11, "March 5th"],
    ["eleven people plus me", 12, "March 8th"],
  ])("%j is %i guests", async (said, n, day) => {
    const phone = nextPhone();
    await call([`Book hibachi for ${said} on ${day} at 6 pm, zip 95125`], phone);
    expect(await guestsOf(phone)).toBe(n);
  });
});

describe("H2: a month said apart from its day", () => {
  it.each([
    ["in February on the 10th", "2027-02-10"],
    ["next month on the 15th", "2027-01-15"],
    ["on the 20th of next month", "2027-01-20"],
    ["the first Sunday of next month", "2027-01-03"],
  ])("%j holds %s", async (said, date) => {
    const phone = nextPhone();
    await call([`Book hibachi for 10 people ${said} at 7:30 pm, zip 95125`], phone);
    const [h] = await holdsOf(phone);
    expect(h!.startsAt).toEqual((await slotAt(date, 19 * 60 + 30, 10))!.startsAt);
  });

  it("by text, 'in jan on the 20th' is January 20", async () => {
    const phone = nextPhone();
    await text(phone, "book for 10 people in jan on the 20th at 6pm zip 95125");
    const [h] = await holdsOf(phone);
    expect(h!.startsAt).toEqual((await slotAt("2027-01-20", 18 * 60, 10))!.startsAt);
  });
});

describe("H3: a value taken back in the same breath", () => {
  it("'at 3 pm, no sorry, 5 pm' holds 5 PM", async () => {
    const phone = nextPhone();
    await call(
      ["Book hibachi for 10 people on March 12th at 3 pm, no sorry, 5 pm, zip 95125"],
      phone,
    );
    const [h] = await holdsOf(phone);
    expect(h!.startsAt).toEqual((await slotAt("2027-03-12", 17 * 60, 10))!.startsAt);
  });

  it("a later 'can we change it to 3, no wait, 5' moves the hold to 5 PM", async () => {
    const phone = nextPhone();
    await call(
      [
        "Book hibachi for 10 people on March 15th at 6 pm, zip 95125",
        "can we change it to 3, no wait, 5",
      ],
      phone,
    );
    const holds = await holdsOf(phone);
    expect(holds).toHaveLength(1);
    expect(holds[0]!.startsAt).toEqual((await slotAt("2027-03-15", 17 * 60, 10))!.startsAt);
  });

  it("'for 10 people, scratch that, 14 people' is 14 guests", async () => {
    const phone = nextPhone();
    await call(
      ["Book hibachi for 10 people, scratch that, 14 people on March 16th at 6 pm, zip 95125"],
      phone,
    );
    expect(await guestsOf(phone)).toBe(14);
  });
});

describe("H4: the diet of all but a few", () => {
  it.each([
    ["all but 2 of us are vegetarian", "vegetarian", 8],
    ["everybody except 3 people is vegan", "vegan", 7],
    ["only 2 people eat meat, the rest are vegetarian", "vegetarian", 8],
  ])("%j on a 10-guest hold: %s for %i, the party stays 10", async (said, diet, n) => {
    const phone = nextPhone();
    await call(
      ["Book hibachi for 10 people on March 18th at 6 pm, zip 95125", "Pat Yu", said],
      phone,
    );
    const [h] = await holdsOf(phone);
    expect(h!.adults + h!.children).toBe(10);
    expect(JSON.stringify(h!.dietaryProfile)).toContain(`"value":"${diet}","guests":${n}`);
  });
});

describe("M5: babies and toddlers are children of the party", () => {
  it.each([
    ["ten adults and a baby", [10, 1], "March 22nd"],
    ["8 adults, 2 kids and a baby", [8, 3], "March 23rd"],
    ["10 adults and our twin babies", [10, 2], "March 24th"],
  ] as const)("%j is %j", async (said, [adults, children], day) => {
    const phone = nextPhone();
    await call([`Book hibachi for ${said} on ${day} at 6 pm, zip 95125`], phone);
    const [h] = await holdsOf(phone);
    expect([h!.adults, h!.children]).toEqual([adults, children]);
  });
});

describe("M3: a price question does not change the hold", () => {
  it("'how much more would it cost to add 2 kids?' quotes 12 guests and keeps the hold at 10; 'change my hold' then moves it", async () => {
    const phone = nextPhone();
    const said = await call(
      [
        "Book hibachi for 10 adults on March 25th at 6 pm, zip 95125",
        "how much more would it cost to add 2 kids?",
      ],
      phone,
    );
    const [h] = await holdsOf(phone);
    expect([h!.adults, h!.children]).toEqual([10, 0]);
    expect(said.at(-1)).toMatch(/unchanged/);
    const phone2 = nextPhone();
    await call(
      [
        "Book hibachi for 10 adults on March 26th at 6 pm, zip 95125",
        "what if we switched to premium, how much would that be?",
        "ok change my hold",
      ],
      phone2,
    );
    const [h2] = await holdsOf(phone2);
    expect((h2!.selection as { packageSlug?: string }).packageSlug).toMatch(/premium/);
  });
});
