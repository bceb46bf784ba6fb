// The phone and SMS assistant after the sixth attack (issue 17, docs/attacks/issue17-r6.md: H1,
// H3, H4, H5). Webhooks as Twilio sends them, to the real handlers; the truth is the booking table
// and the calendar (getAvailability), never the assistant's code. Other phrasings than the
// held-out re-check (issue17-r6-heldout.mjs.txt) on purpose.
import { describe, expect, it } from "vitest";
import { getAvailability, getCatalog } from "@myhibachi/core";
import { phoneHarness, proteinsOf } from "./phone-harness";

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
  return slots.find((s) => s.startMinute === minute)!;
}

describe("H1/H3: 'N people in our group …' is a part of the party, never its size", () => {
  it("'two guests in my party are vegetarian' keeps the 10 guests", async () => {
    const phone = nextPhone();
    await call(
      [
        "Book hibachi for 10 people on April 6th at 6 pm, zip 95125",
        "two guests in my party are vegetarian",
      ],
      phone,
    );
    const [h] = await holdsOf(phone);
    expect(h!.adults + h!.children).toBe(10);
    expect(JSON.stringify(h!.dietaryProfile)).toMatch(/vegetarian","guests":2/);
  });

  it("by text, '3 people in our group want filet mignon' is three filets for the 10", async () => {
    const phone = nextPhone();
    await text(phone, "Book for 10 adults on April 7th at 6 pm zip 95125");
    await text(phone, "3 people in our group want filet mignon");
    const holds = await holdsOf(phone);
    expect(holds).toHaveLength(1);
    expect(holds[0]!.adults).toBe(10);
    expect(proteinsOf(holds[0]!)["filet-mignon"]).toBe(3);
  });

  it("'there are 12 people in our party' is still the party", async () => {
    const phone = nextPhone();
    await call(["there are 12 people in our party, can we book April 8th at 6 pm in 95125"], phone);
    const [h] = await holdsOf(phone);
    expect(h!.adults + h!.children).toBe(12);
  });
});

describe("H2: 'including 3 vegetarians' is three of them", () => {
  it("the hold keeps 10 guests, 3 of them vegetarian, and meat for the other 7", async () => {
    const phone = nextPhone();
    await call(
      ["Book hibachi for 10 people with 3 vegans on April 15th at 6 pm, zip 95125"],
      phone,
    );
    const [h] = await holdsOf(phone);
    expect(h!.adults + h!.children).toBe(10);
    expect(JSON.stringify(h!.dietaryProfile)).toMatch(/vegan","guests":3/);
    const catalog = await getCatalog(ph.env.t.db, ph.env.cache);
    const vegan = new Set(
      catalog.items.filter((i) => i.dietaryTags.includes("vegan")).map((i) => i.slug),
    );
    const perGuest = catalog.packages.find((p) => p.active)!.proteinsPerGuest;
    const portions = Object.entries(proteinsOf(h!));
    expect(portions.filter(([s]) => vegan.has(s)).reduce((a, [, n]) => a + n, 0)).toBe(
      3 * perGuest,
    );
    expect(portions.filter(([s]) => !vegan.has(s)).reduce((a, [, n]) => a + n, 0)).toBe(
      7 * perGuest,
    );
  });
});

describe("H5: ages are never times", () => {
  it("'9 adults and 3 kids under 12 … at 5 pm' holds 5 PM, the children counted", async () => {
    const phone = nextPhone();
    await call(["Book for 9 adults and 3 kids under 12 on April 9th at 5 pm, zip 95125"], phone);
    const [h] = await holdsOf(phone);
    expect(h!.startsAt).toEqual((await slotAt("2027-04-09", 17 * 60, 12)).startsAt);
    expect([h!.adults, h!.children]).toEqual([9, 3]);
  });
});

describe("H4: texts sent together", () => {
  it("two texts from one phone at the same moment make one hold (the second moves it)", async () => {
    const phone = nextPhone();
    await Promise.all([
      text(phone, "Book for 10 people on April 12th at 6 pm zip 95125"),
      text(phone, "Book for 10 people on April 13th at 6 pm zip 95125"),
    ]);
    expect(await holdsOf(phone)).toHaveLength(1);
  });

  it("the same text sent twice at once holds the party once", async () => {
    const phone = nextPhone();
    const replies = await Promise.all([
      text(phone, "Book for 10 people on April 14th at 6 pm zip 95125"),
      text(phone, "Book for 10 people on April 14th at 6 pm zip 95125"),
    ]);
    expect(await holdsOf(phone)).toHaveLength(1);
    expect(replies.join(" ")).not.toMatch(/already taken/);
  });
});

describe("M1: one open hold per phone number", () => {
  it("calling again from the number moves its hold to the new date, and says so", async () => {
    const phone = nextPhone();
    await call(["Book hibachi for 10 people on April 20th at 6 pm, zip 95125"], phone);
    const [first] = await holdsOf(phone);
    const [said] = (
      await call(["Book hibachi for 10 people on April 22nd at 6 pm, zip 95125"], phone)
    ).slice(-1);
    const holds = await holdsOf(phone);
    expect(holds).toHaveLength(1);
    expect(holds[0]!.id).toBe(first!.id);
    expect(holds[0]!.startsAt).toEqual((await slotAt("2027-04-22", 18 * 60, 10)).startsAt);
    expect(said).toMatch(/moved your hold/i);
    // The day it had is free again.
    expect(await slotAt("2027-04-20", 18 * 60, 10)).toBeDefined();
  });

  it("two calls from one number at the same moment hold one party", async () => {
    const phone = nextPhone();
    await Promise.all([
      call(["Book hibachi for 10 people on April 21st at 6 pm, zip 95125"], phone),
      call(["Book hibachi for 10 people on April 21st at 6 pm, zip 95125"], phone),
    ]);
    expect(await holdsOf(phone)).toHaveLength(1);
  });

  it("a call, then a text from the same number: still one hold", async () => {
    const phone = nextPhone();
    await call(["Book hibachi for 10 people on April 23rd at 6 pm, zip 95125"], phone);
    await text(phone, "Book for 12 people on April 24th at 6 pm zip 95125");
    const holds = await holdsOf(phone);
    expect(holds).toHaveLength(1);
    expect(holds[0]!.adults + holds[0]!.children).toBe(12);
  });
});

describe("M3: people listed are counted one by one", () => {
  it("'my wife and I are vegetarian' is two vegetarians", async () => {
    const phone = nextPhone();
    await call(
      [
        "Book hibachi for 10 people on April 26th at 6 pm, zip 95125",
        "Ana Ruiz",
        "my wife and I are vegetarian",
      ],
      phone,
    );
    const [h] = await holdsOf(phone);
    expect(h!.adults + h!.children).toBe(10);
    expect(JSON.stringify(h!.dietaryProfile)).toMatch(/vegetarian","guests":2/);
  });

  it("'the birthday girl is gluten free and 4 of the guests are kids': one gluten-free, four children", async () => {
    const phone = nextPhone();
    await call(
      [
        "Book hibachi for 10 people on April 27th at 6 pm, zip 95125",
        "Ana Ruiz",
        "the birthday girl is gluten free and 4 of the guests are kids",
      ],
      phone,
    );
    const [h] = await holdsOf(phone);
    expect([h!.adults, h!.children]).toEqual([6, 4]);
    expect(JSON.stringify(h!.dietaryProfile)).toMatch(/gluten-free","guests":1/);
  });
});

describe("M4: the questions every caller asks", () => {
  it("'what packages do you have?' names each package with its prices", async () => {
    const catalog = await getCatalog(ph.env.t.db, ph.env.cache);
    const [said] = await call(["what packages do you have?"], nextPhone()).then((r) => r.slice(-1));
    for (const p of catalog.packages.filter((x) => x.active)) {
      expect(said).toContain(p.name);
      expect(said).toContain(String(Math.round(p.adultPriceCents / 100)));
    }
  });

  it("'can you repeat that?' says the last answer again; 'what was the reference again?' gives the hold's code", async () => {
    const phone = nextPhone();
    const said = await call(
      [
        "Book hibachi for 10 people on April 29th at 6 pm, zip 95125",
        "sorry, can you repeat that?",
        "what was the reference again?",
      ],
      phone,
    );
    const [h] = await holdsOf(phone);
    const spelled = h!.code.replace(/^HB-/, "").split("").join(" ");
    expect(said[said.length - 2]).toContain(spelled);
    expect(said[said.length - 2]).toMatch(/^Sure\./);
    expect(said[said.length - 1]).toMatch(/reference is H B/);
    expect(said[said.length - 1]).toContain(spelled);
  });

  it("by text, 'cancel it please' asks first, and YES lets the hold go", async () => {
    const phone = nextPhone();
    await text(phone, "Book for 10 people on April 30th at 6 pm zip 95125");
    expect(await holdsOf(phone)).toHaveLength(1);
    expect(await text(phone, "cancel it please")).toMatch(
      /Shall I let go of your hold .*Reply YES or NO/,
    );
    expect(await holdsOf(phone)).toHaveLength(1);
    expect(await text(phone, "yes")).toMatch(/let your hold go/);
    expect(await holdsOf(phone)).toHaveLength(0);
  });
});

describe("L3: an allergy taken back comes off the hold", () => {
  it("'never mind, no one has an allergy' after 'one guest has a shellfish allergy'", async () => {
    const phone = nextPhone();
    const said = await call(
      [
        "Book hibachi for 10 people on May 3rd at 6 pm, zip 95125",
        "Ana Ruiz",
        "one guest has a shellfish allergy",
        "never mind, no one has an allergy",
      ],
      phone,
    );
    const [h] = await holdsOf(phone);
    expect(JSON.stringify(h!.dietaryProfile ?? {})).not.toMatch(/shellfish/);
    expect(said[said.length - 1]).toMatch(/taken the allergy off/);
  });

  it("by text, 'scratch the allergy, that was a mistake'", async () => {
    const phone = nextPhone();
    await text(phone, "Book for 10 people on May 4th at 6 pm zip 95125");
    await text(phone, "one guest is allergic to peanuts");
    expect(JSON.stringify((await holdsOf(phone))[0]!.dietaryProfile)).toMatch(/peanuts/);
    await text(phone, "scratch the allergy, that was a mistake");
    expect(JSON.stringify((await holdsOf(phone))[0]!.dietaryProfile ?? {})).not.toMatch(/peanuts/);
  });
});

describe("L6: a big party at a time with too few chefs free", () => {
  it("is told it needs more chefs than are free then, not 'already taken'", async () => {
    await call(["Book hibachi for 10 people on May 6th at 6 pm, zip 95125"], nextPhone());
    await call(["Book hibachi for 10 people on May 6th at 6 pm, zip 95125"], nextPhone());
    const catalog = await getCatalog(ph.env.t.db, ph.env.cache);
    const big = catalog.settings.maxGuestsPerChef * 2;
    // The truth: 6 PM is still free for 10 guests, not for the big party.
    expect(await slotAt("2027-05-06", 18 * 60, 10)).toBeDefined();
    expect(await slotAt("2027-05-06", 18 * 60, big)).toBeUndefined();
    const [said] = (
      await call([`Book hibachi for ${big} people on May 6th at 6 pm, zip 95125`], nextPhone())
    ).slice(-1);
    expect(said).toMatch(new RegExp(`party of ${big} needs 2 chefs`));
    expect(said).not.toMatch(/already taken/);
  });
});
