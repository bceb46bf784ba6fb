// What a caller says on the phone (and by SMS) is understood as said (issue 17, second attack:
// docs/attacks/issue17-r2.md M3, M4, L3, L4, L5). The webhooks are sent exactly as Twilio sends
// them (form-encoded, signed with the SDK's own algorithm) to the real handlers; the truth is the
// booking table (the HELD rows, their start and party) against instants computed by hand in
// America/Los_Angeles, and `findAvailability` for whether a time is free.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { handleVoiceGather, handleVoiceIncoming } from "@myhibachi/api";
import { operations, runOperation } from "@myhibachi/core";
import type { Booking } from "@myhibachi/db";
import { BUSINESS, phoneHarness } from "./phone-harness";
import { readTwiml } from "./twilio-support";

/**
 * Tuesday 2026-12-01 10:00 in Los Angeles (PST, UTC-8): "December 15" is 2026-12-15, two weeks
 * ahead (the notice is 48 hours). Never the machine's clock.
 */
const NOW = new Date("2026-12-01T18:00:00Z");
/** A local time in Los Angeles in December or January (PST, UTC-8) as an instant. */
const pst = (date: string, hour: number, minute = 0) =>
  new Date(
    Date.UTC(
      Number(date.slice(0, 4)),
      Number(date.slice(5, 7)) - 1,
      Number(date.slice(8, 10)),
      hour + 8,
      minute,
    ),
  ).toISOString();

const ph = phoneHarness({
  now: NOW,
  chefs: 3,
  // Phone hours of our own (the fixture's default is every day 9 to 9): Mon-Fri 9 to 5,
  // Saturday 10 to 2, closed Sunday.
  async prepare(env) {
    const weekday = { open: 9 * 60, close: 17 * 60 };
    await env.t.db.businessSettings.update({
      where: { id: 1 },
      data: {
        phoneHours: [null, weekday, weekday, weekday, weekday, weekday, { open: 600, close: 840 }],
        version: { increment: 1 },
      },
    });
    await env.cache.invalidate("catalog");
  },
});
const { call, text, nextPhone, heldRows, heldSince, fromTwilio } = ph;
const base = (sid: string, phone: string) => ({
  AccountSid: ph.fake.accountSid,
  CallSid: sid,
  From: phone,
  To: BUSINESS,
  Direction: "inbound",
});
const twiml = readTwiml;
const party = (b: Booking) => b.adults + b.children;

/** Whether `startMinute` on `date` is free for `guests` at 95125, as the core computes it. */
async function free(date: string, startMinute: number, guests: number) {
  const r = await runOperation(
    operations.findAvailability,
    {
      db: ph.env.t.db,
      cache: ph.env.cache,
      now: () => NOW,
      caller: { user: null, address: null, surface: "internal" },
    },
    { from: date, to: date, guests, postalCode: "95125", startMinute },
  );
  return r.slots.some((s) => s.date === date && s.startMinute === startMinute);
}

describe("M3: a spoken correction of the date moves the hold", () => {
  it("phone: 'not the 15th, the 16th' moves the hold to December 16 at 6 PM, the 15th released", async () => {
    expect(await free("2026-12-15", 18 * 60, 10)).toBe(true);
    expect(await free("2026-12-16", 18 * 60, 10)).toBe(true);
    const before = await heldRows();
    const phone = nextPhone();
    const sid = `CA${randomBytes(16).toString("hex")}`;
    let { action } = await twiml(
      await handleVoiceIncoming(fromTwilio("/api/twilio/voice", base(sid, phone)), ph.deps),
    );
    const sayNow = async (speech: string) => {
      const t = await twiml(
        await handleVoiceGather(
          fromTwilio(action!, { ...base(sid, phone), SpeechResult: speech, Confidence: "0.9" }),
          ph.deps,
        ),
      );
      action = t.action;
      return t.said;
    };
    await sayNow("Book December 15 at 6 pm for 10 people, zip 95125");
    const first = await heldSince(before);
    expect(first).toHaveLength(1);
    expect(first[0]!.startsAt.toISOString()).toBe(pst("2026-12-15", 18));
    expect(party(first[0]!)).toBe(10);
    // Their own hold is theirs: never "taken" when they ask about it.
    const again = await sayNow("is December 15 at 6 pm free?");
    expect(again).not.toMatch(/taken|not free|booked/i);
    expect(again).toMatch(/six p m/);

    const moved = await sayNow("no wait, not the 15th, the 16th");
    const after = await heldSince(before);
    expect(after).toHaveLength(1);
    expect(after[0]!.startsAt.toISOString()).toBe(pst("2026-12-16", 18));
    expect(party(after[0]!)).toBe(10);
    expect(moved).not.toMatch(/taken/i);
    // The 15th is free again (the earlier day released).
    expect(await free("2026-12-15", 18 * 60, 10)).toBe(true);
  });

  it("SMS: the same correction moves the texted hold", async () => {
    const phone = nextPhone();
    const before = await heldRows();
    await text(phone, "Book December 15 at 6 pm for 10 people, zip 95125");
    const first = await heldSince(before);
    expect(first).toHaveLength(1);
    expect(first[0]!.startsAt.toISOString()).toBe(pst("2026-12-15", 18));
    await text(phone, "no wait, not the 15th, the 16th");
    const after = await heldSince(before);
    expect(after).toHaveLength(1);
    expect(after[0]!.startsAt.toISOString()).toBe(pst("2026-12-16", 18));
    expect(party(after[0]!)).toBe(10);
  });

  it("without a hold, 'not the 15th, the 16th' replaces the date asked about", async () => {
    const before = await heldRows();
    const [, fixed, held] = await call([
      "Is December 15 free for 10 people in 95125?",
      "sorry, not the 15th, the 16th",
      "6 pm please, hold it",
    ]);
    expect(fixed).toMatch(/December 16/);
    expect(held).toBeTruthy();
    const after = await heldSince(before);
    expect(after).toHaveLength(1);
    expect(after[0]!.startsAt.toISOString()).toBe(pst("2026-12-16", 18));
  });
});

describe("M4: a time said as a wish is held when it is free", () => {
  const wishes: [string, string][] = [
    ["I want December 14 at 6 pm for 10 people, zip 95125", "2026-12-14"],
    ["We'd like December 17 at 6 pm for 10 people, zip 95125", "2026-12-17"],
    ["We need hibachi for December 18 at 6 pm for 10 people, zip 95125", "2026-12-18"],
    ["I'd like December 19 at 6 pm for 10 people, zip 95125", "2026-12-19"],
  ];
  for (const [wish, date] of wishes)
    it(`"${wish}" holds 6 PM on ${date}`, async () => {
      expect(await free(date, 18 * 60, 10)).toBe(true);
      const before = await heldRows();
      await call([wish]);
      const after = await heldSince(before);
      expect(after).toHaveLength(1);
      expect(after[0]!.startsAt.toISOString()).toBe(pst(date, 18));
      expect(party(after[0]!)).toBe(10);
    });

  it("a time asked for that is taken: said so, nearby free times offered, nothing held", async () => {
    // December 22 at 6 PM taken by other callers until no chef is left for it.
    for (let i = 0; i < 5 && (await free("2026-12-22", 18 * 60, 10)); i++)
      await call(["Book December 22 at 6 pm for 10 people, zip 95125"]);
    expect(await free("2026-12-22", 18 * 60, 10)).toBe(false);
    const before = await heldRows();
    const [said] = await call(["I want December 22 at 6 pm for 10 people, zip 95125"]);
    expect(await heldSince(before)).toHaveLength(0);
    expect(said).toMatch(/six p m/);
    expect(said).toMatch(/not free|taken|booked/i);
    // At least one free time is offered, and it is free.
    expect(said).toMatch(/still free|free/i);
    const anyFree = await Promise.all(
      [12 * 60, 15 * 60, 17 * 60, 19 * 60 + 30].map((m) => free("2026-12-22", m, 10)),
    );
    if (anyFree.some(Boolean)) expect(said).toMatch(/December 22|twelve|noon|three|five|seven/);
  });

  it("a free time asked about (not as a wish) is said first", async () => {
    expect(await free("2026-12-23", 19 * 60 + 30, 10)).toBe(true);
    const [said] = await call(["Is December 23 at 7:30 pm free for 10 people in 95125?"]);
    const list = said.slice(said.indexOf("December 23"));
    expect(list).toMatch(/^December 23: seven thirty p m/);
  });
});

describe("L3: ordinal dates said in words", () => {
  const cases: [string, string, number][] = [
    [
      "Book for twelve adults and three kids on the fifteenth of December at six in the evening, zip nine five one two five",
      "2026-12-15",
      15,
    ],
    ["Book December twenty-first at 6 pm for 10 people, zip 95125", "2026-12-21", 10],
    ["Book ten people on the 28th of December at 6 pm, zip 95125", "2026-12-28", 10],
    [
      "Book ten people on the twenty-first of January at six in the evening, zip nine five one two five",
      "2027-01-21",
      10,
    ],
  ];
  for (const [speech, date, guests] of cases)
    it(`"${speech}" holds 6 PM on ${date} for ${guests}`, async () => {
      expect(await free(date, 18 * 60, guests)).toBe(true);
      const before = await heldRows();
      await call([speech]);
      const after = await heldSince(before);
      expect(after).toHaveLength(1);
      expect(after[0]!.startsAt.toISOString()).toBe(pst(date, 18));
      expect(party(after[0]!)).toBe(guests);
    });
});

describe("L4: times said in words", () => {
  const cases: [string, string, number, number, number][] = [
    [
      "We need hibachi for a dozen people on December thirtieth at half past seven in the evening, zip 95125",
      "2026-12-30",
      19,
      30,
      12,
    ],
    [
      "Book a dozen people on December twenty-ninth at seven thirty in the evening, zip 95125",
      "2026-12-29",
      19,
      30,
      12,
    ],
    ["Book ten people on December 31 at six in the evening, zip 95125", "2026-12-31", 18, 0, 10],
  ];
  for (const [speech, date, hour, minute, guests] of cases)
    it(`"${speech}" holds ${hour}:${minute} on ${date}`, async () => {
      expect(await free(date, hour * 60 + minute, guests)).toBe(true);
      const before = await heldRows();
      await call([speech]);
      const after = await heldSince(before);
      expect(after).toHaveLength(1);
      expect(after[0]!.startsAt.toISOString()).toBe(pst(date, hour, minute));
      expect(party(after[0]!)).toBe(guests);
    });
});

describe("L5: our hours", () => {
  it("SMS and phone: 'what time do you open?' is answered with the phone hours, not a booking", async () => {
    const phone = nextPhone();
    const open = await text(phone, "what time do you open?");
    expect(open).toContain("9:00 AM");
    expect(open).toContain("5:00 PM");
    expect(open).toMatch(/Sun closed/);
    expect(open).not.toMatch(/how many guests/i);
    const hours = await text(nextPhone(), "what are your hours");
    expect(hours).toContain("5:00 PM");
    const call2 = await text(nextPhone(), "when can I call you");
    expect(call2).toContain("5:00 PM");
    // The cached hours answer is never another question's answer (and the other way round).
    const contact = await text(nextPhone(), "what's your email address?");
    expect(contact).not.toContain("5:00 PM");
    const again = await text(nextPhone(), "what time do you open?");
    expect(again).toBe(open);
    expect(await text(nextPhone(), "what time can we start the party?")).not.toContain(
      "answers the phone",
    );
    const [said] = await call(["what are your hours?"]);
    expect(said).toMatch(/nine a m/);
    expect(said).toMatch(/five p m/);
  });
});
