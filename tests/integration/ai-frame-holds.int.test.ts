// Issue 11, point 3: the dialogue frame. A chat that changes its mind ends in ONE hold that is
// exactly what the customer last asked for: a party size corrected upward, another day at the
// same time, children split out of the total, a switch of package. Checked against the database
// (the held booking) and the quote engine (a selection written here by hand, not the assistant's).
import { runTool } from "@myhibachi/ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  anotherChatsTools,
  expectedTotal as totalFor,
  localDateTime as local,
  NOW,
  setupAi,
  visitor,
  type AiEnv,
} from "./ai-support";

let env: AiEnv;
beforeAll(async () => {
  env = await setupAi({ chefs: 2 });
});
afterAll(async () => env?.closeAll());

const expectedTotal = (pkg: string, adults: number, children: number, zip: string) =>
  totalFor(env, pkg, adults, children, zip);

/** Live chat holds in the database (HELD, not expired), newest first. */
async function liveHolds() {
  return env.t.db.booking.findMany({
    where: { status: "HELD", source: "CHAT", holdExpiresAt: { gt: NOW } },
    include: { package: true },
    orderBy: { createdAt: "desc" },
  });
}

describe("a hold follows the conversation's corrections", () => {
  it("'that day doesn't work, same everything but the day after?' after a hold moves it, keeping the time and party", async () => {
    const v = env.customer({ visitorId: visitor() });
    const before = (await liveHolds()).length;
    await env.ask(v, "Hold Friday December 18 at 5pm for 9 adults and 3 kids, zip 95125");
    let holds = await liveHolds();
    expect(holds.length).toBe(before + 1);
    const id = holds[0]!.id;
    expect(local(holds[0]!.startsAt)).toBe("2026-12-18, 17:00");
    // A question mark, no "instead" or "change": still a change of the held day.
    const moved = await env.ask(
      v,
      "hmm fridays don't work for grandma. same everything but the saturday after?",
    );
    expect(moved.content).toMatch(/Saturday, December 19/);
    holds = await liveHolds();
    expect(holds.length).toBe(before + 1);
    expect(holds[0]).toMatchObject({ id, adults: 9, children: 3 });
    expect(local(holds[0]!.startsAt)).toBe("2026-12-19, 17:00");
  });

  it("corrected size, another day at the same time, kids split out, premium: one hold, exactly that", async () => {
    const v = env.customer({ visitorId: visitor() });
    const before = (await liveHolds()).length;

    const first = await env.ask(
      v,
      "I'd like to book Saturday December 12 at 5pm for 10 people, zip 95125",
    );
    expect(first.content).toMatch(/holding/i);
    let holds = await liveHolds();
    expect(holds.length).toBe(before + 1);
    const id = holds[0]!.id;
    expect(holds[0]).toMatchObject({ adults: 10, children: 0, postalCode: "95125" });
    expect(local(holds[0]!.startsAt)).toBe("2026-12-12, 17:00");

    // 1. The party grows: the same hold, now for 14.
    const grown = await env.ask(v, "actually we'll be 14 people");
    expect(grown.content).toMatch(/14 guests/);
    holds = await liveHolds();
    expect(holds.length).toBe(before + 1);
    expect(holds[0]).toMatchObject({ id, adults: 14, children: 0 });

    // 2. Another day, same time: moved, the Saturday released.
    const moved = await env.ask(v, "can we do Sunday the 13th instead, same time");
    expect(moved.content).toMatch(/Sunday, December 13/);
    holds = await liveHolds();
    expect(holds.length).toBe(before + 1);
    expect(holds[0]!.id).toBe(id);
    expect(local(holds[0]!.startsAt)).toBe("2026-12-13, 17:00");

    // 3. Four of them are children: priced as children.
    const kids = await env.ask(v, "make that 10 adults and 4 kids");
    expect(kids.content).toMatch(/10 adults, 4 children/);
    holds = await liveHolds();
    expect(holds.length).toBe(before + 1);
    expect(holds[0]).toMatchObject({ id, adults: 10, children: 4 });
    expect(holds[0]!.totalCents).toBe(await expectedTotal("classic", 10, 4, "95125"));

    const classic = await expectedTotal("classic", 10, 4, "95125");
    expect(kids.content).toContain(
      `$${(classic / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`,
    );

    // 4. The premium package instead.
    const premium = await env.ask(v, "let's switch to the premium package");
    holds = await liveHolds();
    expect(holds.length).toBe(before + 1);
    expect(holds[0]!.package.slug).toBe("premium");
    const total = await expectedTotal("premium", 10, 4, "95125");
    expect(holds[0]!.totalCents).toBe(total);
    // The reply restates what is held, with the total the database has.
    const dollars = `$${(total / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
    expect(premium.content).toContain(dollars);
    expect(premium.content).toMatch(/Sunday, December 13/);
    expect(premium.content).toMatch(/10 adults, 4 children/);
    expect(premium.content).toMatch(/Premium/);
  });

  it("a question about another day answers it and leaves the hold alone until asked to move", async () => {
    const v = env.customer({ visitorId: visitor() });
    await env.ask(v, "please book Saturday December 19 at 6pm for 8 people in 95125");
    const [held] = await liveHolds();
    expect(held).toMatchObject({ adults: 8 });
    const asked = await env.ask(v, "is friday the 18th free too?");
    expect(asked.content).toMatch(/Friday, December 18/);
    let holds = await liveHolds();
    expect(holds.find((h) => h.id === held!.id)).toBeTruthy();
    expect(local(holds.find((h) => h.id === held!.id)!.startsAt)).toBe("2026-12-19, 18:00");
    const go = await env.ask(v, "ok book that instead");
    expect(go.content).toMatch(/moved/i);
    holds = await liveHolds();
    const mine = holds.filter((h) => h.id === held!.id);
    expect(mine.length).toBe(1);
    expect(local(mine[0]!.startsAt)).toBe("2026-12-18, 18:00");
  });

  it("a hold another chat made can't be moved by naming its id: a new hold is made instead", async () => {
    const a = env.customer({ visitorId: visitor() });
    await env.ask(a, "book Saturday December 26 at 12pm for 6 people, 95125");
    const [theirs] = await liveHolds();
    // Another visitor's chat calls the hold tool with that id, as a manipulated model could.
    const tools = await anotherChatsTools(env, "203.0.113.9");
    const r = await runTool(tools, "create_booking_hold", {
      date: "2026-12-26",
      startMinute: 15 * 60,
      guests: 6,
      postalCode: "95125",
      replacesHoldId: theirs!.id,
    });
    expect(r.ok).toBe(true);
    expect((r.data as { id: string }).id).not.toBe(theirs!.id);
    const after = await env.t.db.booking.findUniqueOrThrow({ where: { id: theirs!.id } });
    expect(after.status).toBe("HELD");
    expect(local(after.startsAt)).toBe("2026-12-26, 12:00");
  });

  // After times are offered, people take one in many ways. Each case: its own conversation and
  // date (so the two chefs are free), and the hold in the database must be that date and time.
  const takes: [string, string, string, number][] = [
    [
      "what's free Saturday January 9 for 10 people in 95125?",
      "great, let's do 5pm",
      "2027-01-09",
      17 * 60,
    ],
    [
      "what's free Sunday January 10 for 10 people in 95125?",
      "yes 3pm please",
      "2027-01-10",
      15 * 60,
    ],
    ["what's free Saturday January 16 for 10 people in 95125?", "6pm", "2027-01-16", 18 * 60],
    [
      "is Sunday January 17 at 5pm free for 10 people in 95125?",
      "perfect, hold it",
      "2027-01-17",
      17 * 60,
    ],
    [
      "is Saturday January 23 at 5pm free for 10 people in 95125?",
      "yes please",
      "2027-01-23",
      17 * 60,
    ],
    [
      "is Sunday January 24 at 12pm free for 10 people in 95125?",
      "that works, grab it",
      "2027-01-24",
      12 * 60,
    ],
    [
      "is Saturday January 30 at 6pm free for 10 people in 95125?",
      "sounds good, let's do it",
      "2027-01-30",
      18 * 60,
    ],
    [
      "¿tienen libre el domingo 31 de enero a las 5pm para 10 personas en 95125?",
      "sí, resérvalo por favor",
      "2027-01-31",
      17 * 60,
    ],
  ];
  it.each(takes)("%s / %s: held at that date and time", async (ask, take, date, minute) => {
    const v = env.customer({ visitorId: visitor() });
    await env.ask(v, ask);
    const before = new Set((await liveHolds()).map((h) => h.id));
    await env.ask(v, take);
    const made = (await liveHolds()).filter((h) => !before.has(h.id));
    expect(made.length).toBe(1);
    const hh = String(Math.floor(minute / 60)).padStart(2, "0");
    const mm = String(minute % 60).padStart(2, "0");
    expect(local(made[0]!.startsAt)).toBe(`${date}, ${hh}:${mm}`);
    expect(made[0]).toMatchObject({ adults: 10, postalCode: "95125" });
  });

  it("a quote follows the party's corrections: children split out, then another package", async () => {
    const v = env.customer({ visitorId: visitor() });
    const money = (c: number) =>
      `$${(c / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
    const first = await env.ask(v, "how much for 15 ppl in 95125?");
    expect(first.content).toContain(money(await expectedTotal("classic", 15, 0, "95125")));
    const kids = await env.ask(v, "actually 4 of the 15 are kids");
    expect(kids.content).toContain("11 adults, 4 children");
    expect(kids.content).toContain(money(await expectedTotal("classic", 11, 4, "95125")));
    const premium = await env.ask(v, "make it premium");
    expect(premium.content).toContain(money(await expectedTotal("premium", 11, 4, "95125")));
    const spanish = env.customer({ visitorId: visitor() });
    await env.ask(spanish, "cuánto sale para 12 personas en 95125?");
    const ninos = await env.ask(spanish, "3 de ellos son niños");
    expect(ninos.content).toContain(money(await expectedTotal("classic", 9, 3, "95125")));
  });

  it("'hold it' again for the same thing keeps the same hold, with its link again", async () => {
    const v = env.customer({ visitorId: visitor() });
    const first = await env.ask(v, "please book Saturday February 6 at 5pm for 12 people in 95125");
    const id = (await liveHolds())[0]!.id;
    expect(first.extras.links?.[0]?.href).toContain(id);
    const again = await env.ask(v, "ok hold it");
    expect(again.content).toMatch(/already have/i);
    expect(again.extras.links?.[0]?.href).toContain(`/book/finish/${id}?token=`);
    const mine = (await liveHolds()).filter((h) => h.id === id);
    expect(mine.length).toBe(1);
    expect(
      await env.t.db.booking.count({ where: { status: "HELD", startsAt: mine[0]!.startsAt } }),
    ).toBe(1);
  });

  // Corrections as customers write them, each ending in one hold that is exactly the party.
  async function converse(lines: string[]) {
    const v = env.customer({ visitorId: visitor() });
    const holdIds = new Set<string>();
    let last = "";
    for (const text of lines) {
      const r = await env.ask(v, text);
      last = r.content;
      for (const l of r.extras.links ?? [])
        if (l.href.includes("/book/finish/"))
          holdIds.add(new URL(l.href, "http://x").pathname.split("/").pop()!);
    }
    const live = await env.t.db.booking.findMany({
      where: { id: { in: [...holdIds] }, status: "HELD" },
      include: { package: true },
    });
    return { live, last };
  }

  it.each([
    {
      what: "kids added on top of the adults ('plus 3 kids')",
      lines: ["hibachi for 8 adults on Sunday January 17 at 6pm", "plus 3 kids", "95125, hold it"],
      want: { adults: 8, children: 3 },
    },
    {
      what: "kids added after the hold ('oh and 2 kids too')",
      lines: ["hold Tuesday January 19 at 5pm for 10 adults in 95125", "oh and 2 kids too"],
      want: { adults: 10, children: 2 },
    },
    {
      what: "fewer kids, same adults ('only 1 kid now')",
      lines: [
        "book Sunday January 24 at 3pm for 9 adults and 3 kids, zip 95125",
        "sorry, only 1 kid now",
      ],
      want: { adults: 9, children: 1 },
    },
    {
      what: "a new total with more kids among it ('make it 16 people, 2 more kids')",
      lines: [
        "hold Wednesday February 3 at 6pm for 14 people, 4 of them kids, in 95125",
        "oh wait, make it 16 people, 2 more kids",
      ],
      want: { adults: 10, children: 6 },
    },
    {
      what: "more people, nothing else said ('2 more people are coming')",
      lines: ["hold Thursday February 4 at 3pm for 10 people in 95125", "2 more people are coming"],
      want: { adults: 12, children: 0 },
    },
    {
      what: "more adults ('add 3 more adults')",
      lines: [
        "we need a chef for 7 people on Thursday January 21 at 6pm in 95125",
        "can you add 3 more adults",
        "hold it please",
      ],
      want: { adults: 10, children: 0 },
    },
    {
      what: "a bare new head count after the hold ('it'll be 26 instead')",
      lines: [
        "please hold Friday January 22 at 7:30pm for 30 people, 95125",
        "a few can't come, it'll be 26 instead",
      ],
      want: { adults: 26, children: 0 },
    },
    {
      what: "a head count asked as a question after the hold ('can it be 19?')",
      lines: [
        "hold Saturday January 23 at noon for 14, zip 95125",
        "more cousins are coming, can it be 19?",
      ],
      want: { adults: 19, children: 0 },
    },
    {
      what: "'18 final' among other words",
      lines: [
        "need a hibachi chef sat january 30, 15 people at 5",
        "95125",
        "ok 18 final, hold it",
      ],
      want: { adults: 18, children: 0 },
    },
    {
      what: "Spanish: children counted inside the total ('8 de los 20 son niños')",
      lines: [
        "Quiero reservar el domingo 31 de enero a las 5 de la tarde para 20 personas en 95125",
        "perdón, 8 de los 20 son niños",
      ],
      want: { adults: 12, children: 8 },
    },
  ])("$what", async ({ lines, want }) => {
    const { live, last } = await converse(lines);
    expect(live.length, last).toBe(1);
    expect(live[0], last).toMatchObject(want);
  });

  // The kinds of message the second development trace found misread (issue 11), in other words:
  // each conversation ends in one hold that is exactly the party, at the day and time asked.
  it.each([
    {
      what: "a formal message with labelled fields, and a day said about someone else",
      lines: [
        "Good morning. Occasion: retirement dinner. Date: Friday 2027-02-05. Time: 18:00. Guest count: 21. ZIP: 95125.",
        "Please reserve it; our office manager will confirm the menu next Tuesday.",
      ],
      at: "2027-02-05, 18:00",
      want: { adults: 21, children: 0 },
    },
    {
      what: "grandchildren are children; the last split said is the party",
      lines: [
        "Sunday February 14 at 3pm, zip 95125: 9 adults plus 3 grandchildren",
        "oops my brother's family joins with their 2 kids, so it's 11 adults and 5 kids",
        "book it",
      ],
      at: "2027-02-14, 15:00",
      want: { adults: 11, children: 5 },
    },
    {
      what: "a weekday in a reason is no change of day; a bare 5 after 6 pm is 5 pm",
      lines: [
        "is Saturday March 6 at 6pm open for 8 adults? 95125",
        "can we do 5 instead? grandpa has church sunday morning",
        "hold it",
      ],
      at: "2027-03-06, 17:00",
      want: { adults: 8, children: 0 },
    },
    {
      what: "Spanish: children counted inside the total ('de esos 5 son niños')",
      lines: [
        "queremos el viernes 12 de febrero a las 6 de la tarde, seremos 18 personas, de esos 5 son niños, código 95125",
        "sí, apártelo por favor",
      ],
      at: "2027-02-12, 18:00",
      want: { adults: 13, children: 5 },
    },
    {
      what: "the total said at the end ('13 total')",
      lines: [
        "Friday February 19 at 7:30pm in 95125, my 11 teammates plus the two managers, 13 total. hold it please",
      ],
      at: "2027-02-19, 19:30",
      want: { adults: 13, children: 0 },
    },
    {
      what: "a bare hour with 'evening' is that hour in the evening",
      lines: [
        "any openings Sunday February 21 for 10 people? we're in 95125",
        "evening please, 6 would be great",
        "yes, hold it",
      ],
      at: "2027-02-21, 18:00",
      want: { adults: 10, children: 0 },
    },
    {
      what: "two days in one message: the party's, not the ceremony's",
      lines: [
        "Her graduation ceremony is Friday February 26, so the party should be the day after, Saturday February 27. 20 people at 6pm in 95125. Please hold.",
      ],
      at: "2027-02-27, 18:00",
      want: { adults: 20, children: 0 },
    },
  ])("$what", async ({ lines, at, want }) => {
    const { live, last } = await converse(lines);
    expect(live.length, last).toBe(1);
    expect(live[0], last).toMatchObject(want);
    expect(local(live[0]!.startsAt), last).toBe(at);
  });

  it("a time that is not a start time is said once; the time settled on next is held", async () => {
    const v = env.customer({ visitorId: visitor() });
    // Today is Tuesday November 24: two Saturdays from now is December 5.
    const first = await env.ask(
      v,
      "we'd like to book a chef two saturdays from now, 14 ppl, around 4:30, zip 95125",
    );
    expect(first.content.match(/4:30 PM isn't one of our start times/g)).toHaveLength(1);
    expect(first.content).toMatch(/Saturday, December 5/);
    const { live, last } = await (async () => {
      const r = await env.ask(v, "either 5 or 6 is ok, let's go with 5");
      const holds = await liveHolds();
      return {
        live: holds.filter((h) => r.extras.links?.some((l) => l.href.includes(h.id))),
        last: r.content,
      };
    })();
    expect(live.length, last).toBe(1);
    expect(live[0], last).toMatchObject({ adults: 14, children: 0, postalCode: "95125" });
    expect(local(live[0]!.startsAt)).toBe("2026-12-05, 17:00");
  });

  it("a switch of package said with both names holds the one chosen", async () => {
    const { live, last } = await converse([
      "premium for 10 adults on Sunday February 7 at 3pm, zip 95125",
      "hmm premium is pricey, switch to classic please and hold it",
    ]);
    expect(live.length, last).toBe(1);
    expect(live[0]!.package.slug).toBe("classic");
  });

  it("a time picked with a bare number after a refused time is held ('ok 5 works')", async () => {
    const { live, last } = await converse([
      "hold Saturday February 13 at 4pm for 12, zip 95125",
      "ok 5 works",
    ]);
    expect(live.length, last).toBe(1);
    expect(local(live[0]!.startsAt)).toBe("2027-02-13, 17:00");
  });

  it("'not ready to book yet' after free times holds nothing", async () => {
    const { live } = await converse([
      "are you free Saturday February 20 at 6pm for 15 in 95125?",
      "ok good to know, not ready to book yet, thanks",
    ]);
    expect(live.length).toBe(0);
  });

  it("a city we serve at one ZIP is held at that ZIP", async () => {
    const cities = await env.t.db.servicePostalCode.groupBy({ by: ["city"], _count: true });
    const one = cities.find((c) => c._count === 1)!;
    const zip = await env.t.db.servicePostalCode.findFirstOrThrow({ where: { city: one.city } });
    const { live, last } = await converse([
      `we're in ${one.city}, do you come out there?`,
      "great. Friday February 26, 6pm, 9 adults. Please hold",
    ]);
    expect(live.length, last).toBe(1);
    expect(live[0]!.postalCode).toBe(zip.postalCode);
  });

  it("a taken time, then another day 'same time': that time on the new day is held", async () => {
    // Both chefs busy at 6 pm on Monday January 11.
    for (let i = 0; i < 2; i++)
      await converse(["hold Monday January 11 at 6pm for 10 people in 95125"]);
    const { live, last } = await converse([
      "Monday Jan 11 at 6pm for 10 in 95125, hold it please",
      "what about tuesday the 12th same time",
      "great, hold that",
    ]);
    expect(live.length, last).toBe(1);
    expect(local(live[0]!.startsAt)).toBe("2027-01-12, 18:00");
  });

  // From the fourth development trace's failures, in our own words.
  it("a package dropped after the hold moves the hold to that package", async () => {
    const { live, last } = await converse([
      "please hold Saturday March 20 at 6pm, 12 adults, premium, 95125",
      "that's over our budget, could we go down to classic?",
    ]);
    expect(live.length, last).toBe(1);
    const held = await env.t.db.booking.findUniqueOrThrow({
      where: { id: live[0]!.id },
      include: { package: true },
    });
    expect(held.package.slug).toBe("classic");
  });

  it("the city of the ZIP already given keeps the ZIP", async () => {
    const zip = await env.t.db.servicePostalCode.findFirstOrThrow({
      where: { postalCode: "95125" },
    });
    const { live, last } = await converse([
      "Friday March 19, 6pm, 10 adults, zip 95125",
      `do you charge travel to ${zip.city}?`,
      "ok hold it",
    ]);
    expect(live.length, last).toBe(1);
    expect(live[0]!.postalCode).toBe("95125");
  });

  it("a pause to ask someone, then a yes at the end of a sentence, holds what was offered", async () => {
    const { live, last } = await converse([
      "Sunday March 21 at 5pm for 11 adults in 95125, is that open?",
      "hold on, checking with my husband",
      "alright he's fine with it, go ahead",
    ]);
    expect(live.length, last).toBe(1);
    expect(local(live[0]!.startsAt)).toBe("2027-03-21, 17:00");
  });

  it("'too early, never mind' after a refused time holds nothing", async () => {
    const { live, last } = await converse([
      "Saturday March 27, 9pm start, 10 adults, 95125. book it",
      "7:30 is way too early for us. never mind",
    ]);
    expect(live.length, last).toBe(0);
  });
});
