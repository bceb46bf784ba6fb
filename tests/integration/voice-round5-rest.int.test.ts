// The phone and SMS assistant after the fifth attack (issue 17, docs/attacks/issue17-r5.md: M5,
// L1b, L3, L4, L7, L8 and the rest). Webhooks are sent as Twilio sends them to the real handlers;
// the truth is the database (held rows, their menu and dietary profile, the conversation's flag),
// the calendar (getAvailability) and the menu's own dietary tags, never the assistant's code.
// The held-out re-check (issue17-r5-heldout.mjs.txt) uses other phrasings on purpose.
import { describe, expect, it } from "vitest";
import { getAvailability, getCatalog } from "@myhibachi/core";
import type { Booking } from "@myhibachi/db";
import { phoneHarness, proteinsOf } from "./phone-harness";

/** Tuesday 2026-12-01 10:00 in Los Angeles (PST). Never the machine's clock. */
const NOW = new Date("2026-12-01T18:00:00Z");

const ph = phoneHarness({ now: NOW, chefs: 3 });
const { call, text, nextPhone, holdsOf } = ph;

/** Portions in the held menu of included proteins the menu tags vegetarian (its own tags). */
async function vegetarianPortions(b: Booking): Promise<number> {
  const catalog = await getCatalog(ph.env.t.db, ph.env.cache);
  const veg = new Set(
    catalog.items
      .filter((i) => i.kind === "PROTEIN" && i.dietaryTags.includes("vegetarian"))
      .map((i) => i.slug),
  );
  return Object.entries(proteinsOf(b))
    .filter(([slug]) => veg.has(slug))
    .reduce((a, [, n]) => a + n, 0);
}

async function perGuest() {
  const catalog = await getCatalog(ph.env.t.db, ph.env.cache);
  return catalog.packages.find((p) => p.active)!.proteinsPerGuest;
}

/** The calendar's free start times that day for the party, in order. */
async function free(date: string, guests: number) {
  return (
    await getAvailability(
      ph.env.t.db,
      { from: date, to: date, guests, postalCode: "95125" },
      { cache: ph.env.cache, now: NOW },
    )
  ).slots;
}

describe("M5: a diet or allergy said in the booking sentence", () => {
  it("the hold is said first (day, time, reference, total), the diet noted, and the vegetarians get their protein", async () => {
    const phone = nextPhone();
    const [said] = await call(
      [
        "I'd like to book hibachi for 12 people on March 18th at 5 pm, zip 95125, three of them are vegetarian",
      ],
      phone,
    );
    const [hold] = await holdsOf(phone);
    expect(hold, said).toBeDefined();
    expect(said).toMatch(/^Done, I'm holding Thursday, March 18 at five p m for 12 guests/);
    expect(said).toContain("3 guests are vegetarian");
    expect(said).toMatch(/Total about \d+ dollars/);
    const p = proteinsOf(hold!);
    expect(await vegetarianPortions(hold!)).toBe(3 * (await perGuest()));
    expect(Object.values(p).reduce((a, n) => a + n, 0)).toBe(12 * (await perGuest()));
  });

  it("an allergy in the booking sentence is noted on the hold and said, after the hold", async () => {
    const phone = nextPhone();
    const [said] = await call(
      ["Book a party of 10 on March 19th at 6 pm in 95125, my daughter has a sesame allergy"],
      phone,
    );
    const [hold] = await holdsOf(phone);
    expect(said).toMatch(/^Done, I'm holding Friday, March 19 at six p m/);
    expect(said).toMatch(/Noted: 1 guest avoids sesame/);
    expect(said.indexOf("holding")).toBeLessThan(said.indexOf("Noted"));
    expect(JSON.stringify(hold!.dietaryProfile)).toContain("sesame");
  });

  it("a date past the booking window is refused with its year, whatever diet comes with it", async () => {
    const phone = nextPhone();
    const [said] = await call(
      ["Book for 10 people on July 4th 2028 at 6 pm, zip 95125, one of them is vegan"],
      phone,
    );
    expect(await holdsOf(phone), said).toHaveLength(0);
    expect(said).toContain("Tuesday, July 4, 2028 isn't open yet");
    expect(said).toMatch(/you can book it from \w+, January \d+, 2028/);
  });
});

describe("L1b: a pick corrected by place", () => {
  it("'actually the first one' after 'the second one' moves the one hold to the first time said", async () => {
    const date = "2027-03-23";
    const slots = await free(date, 10);
    expect(slots.length).toBeGreaterThan(2);
    const phone = nextPhone();
    await call(
      [
        "What's open on March 23rd for 10 people in 95125?",
        "the second one",
        "hmm, actually the first one",
      ],
      phone,
    );
    const holds = await holdsOf(phone);
    expect(holds).toHaveLength(1);
    expect(holds[0]!.startsAt).toEqual(slots[0]!.startsAt);
  });
});

describe("L3: a time already taken", () => {
  it("the free times are said by day, the day asked first, and 'the first one' is the first said", async () => {
    const date = "2027-03-24";
    // Noon taken by three parties (three chefs).
    for (let i = 0; i < 3; i++) await call([`Book 10 people on March 24th at noon in 95125`]);
    const phone = nextPhone();
    const [said] = await call([`Book 10 people on March 24th at noon in 95125`], phone);
    expect(await holdsOf(phone)).toHaveLength(0);
    expect(said).toContain("noon is already taken that day");
    const list = said.slice(said.indexOf("still free:"));
    expect(list).toMatch(/^still free: Wednesday, March 24: /);
    const sameDay = (await free(date, 10)).filter((s) => s.date === date);
    await call([`Book 10 people on March 24th at noon in 95125`, "the first one"], phone);
    const [hold] = await holdsOf(phone);
    expect(hold!.startsAt).toEqual(sameDay[0]!.startsAt);
  });
});

describe("L4: names", () => {
  it("by text, 'my name is …' puts the hold under that name; words after I'm that are no name change nothing", async () => {
    const phone = nextPhone();
    await text(phone, "Book for 10 people on March 25th at 6 pm zip 95125");
    const reply = await text(phone, "my name is lena ortiz");
    expect(reply).toMatch(/Lena Ortiz/);
    expect((await holdsOf(phone))[0]!.contactName).toBe("Lena Ortiz");
    await text(phone, "I'm so excited about this");
    expect((await holdsOf(phone))[0]!.contactName).toBe("Lena Ortiz");
  });

  it("on the phone, 'oh and my name is Tomas' is the name; 'so I'm thinking Saturday instead' is not", async () => {
    const phone = nextPhone();
    const said = await call(
      ["Book hibachi for 10 people on March 26th at 6 pm, zip 95125", "oh and my name is Tomas"],
      phone,
    );
    expect(said[1]).toContain("under Tomas");
    expect((await holdsOf(phone))[0]!.contactName).toBe("Tomas");
    const other = nextPhone();
    await call(
      [
        "Book hibachi for 10 people on March 26th at 5 pm, zip 95125",
        "so I'm thinking maybe Saturday instead",
      ],
      other,
    );
    const [moved] = await holdsOf(other);
    expect(moved!.contactName).toBeNull();
  });
});

describe("L7: after a text hand-off", () => {
  it("'anyone there?' is told a person will reply, not greeted as a new thread", async () => {
    const phone = nextPhone();
    await text(phone, "can I talk to a real person please");
    const reply = await text(phone, "hello?? anyone there?");
    expect(reply).toContain("A person from our team will reply right here by text");
    expect(reply).not.toMatch(/I'm the MyHibachi assistant/);
  });
});

describe("L8: phrasings", () => {
  it("'do you work weekends?' and 'which days are you closed?' are answered from the calendar", async () => {
    // The truth: the calendar has free times on the next Saturday and Sunday past the notice.
    expect((await free("2026-12-12", 10)).length).toBeGreaterThan(0);
    expect((await free("2026-12-13", 10)).length).toBeGreaterThan(0);
    const said = await call(["do you guys work weekends?", "which days are you closed?"]);
    expect(said[0]).toMatch(/we cook on Saturdays and Sundays/);
    expect(said[1]).toMatch(/We cook every day of the week/);
  });

  it("during a hold: 'half of them are kids' splits the party; 'filet mignon for 4' is four filets, the party unchanged", async () => {
    const phone = nextPhone();
    await call(
      [
        "Book hibachi for 12 people on March 30th at 6 pm, zip 95125",
        "half of them are kids",
        "filet mignon for 4",
      ],
      phone,
    );
    const holds = await holdsOf(phone);
    expect(holds).toHaveLength(1);
    expect([holds[0]!.adults, holds[0]!.children]).toEqual([6, 6]);
    expect(proteinsOf(holds[0]!)["filet-mignon"]).toBe(4);
  });

  it("during a hold: 'my husband doesn't eat meat' and 'my son is allergic to shrimp' are noted and served", async () => {
    const phone = nextPhone();
    const said = await call(
      [
        "Book hibachi for 10 people on March 31st at 6 pm, zip 95125",
        "my husband doesn't eat meat",
        "my son is allergic to shrimp",
      ],
      phone,
    );
    expect(said[1]).toContain("1 guest is vegetarian");
    expect(said[2]).toContain("1 guest avoids shellfish");
    const [hold] = await holdsOf(phone);
    expect(await vegetarianPortions(hold!)).toBe(await perGuest());
    const profile = JSON.stringify(hold!.dietaryProfile);
    expect(profile).toContain("vegetarian");
    expect(profile).toContain("shellfish");
  });
});

describe("a caller from abroad", () => {
  it("the hold is flagged for a call-back, and the call goes on (no transfer) on the next turn", async () => {
    const phone = "+442071838751";
    const said = await call(
      [
        "Book hibachi for 10 people on April 1st at 6 pm, zip 95125",
        "what's included in the package?",
      ],
      phone,
    );
    expect(said[0]).toContain("I can only text US and Canadian mobile numbers");
    const conv = await ph.env.t.db.conversation.findFirstOrThrow({
      where: { channel: "VOICE", flagReason: { contains: "outside the US" } },
    });
    expect(conv.status).toBe("HANDOFF");
    expect(conv.flagReason).toContain("outside the US");
    expect(said[1]).not.toContain("put you through");
    expect(said[1]).toMatch(/includ/i);
  });
});
