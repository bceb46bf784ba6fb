// Issue 11, point 4: when the assistant can't offer a time it says the real reason: too soon (the
// notice window), beyond the booking window, outside the service area, a party too large (and
// what to do instead), a day or hour we don't cook (no chef works that weekday or hour, chefs off
// for a holiday or vacation), or every chef busy (with the nearest free times). Each case is set
// up in the database and the reply is checked for the reason and the facts from the settings, in
// English and Spanish. The expected words are written here, not borrowed from the phrasebook.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTool } from "@myhibachi/ai";
import { createHold, getCatalog } from "@myhibachi/core";
import { NOW, setupAi, visitor, type AiEnv } from "./ai-support";

let env: AiEnv;
beforeAll(async () => {
  env = await setupAi({ chefs: 1 });
});
afterAll(async () => env?.closeAll());

const settings = () => env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });

describe("the real reason a time can't be offered", () => {
  it("tomorrow is too soon: the notice window and the earliest day", async () => {
    const s = await settings();
    const r = await env.ask(
      env.customer({ visitorId: visitor() }),
      "are you free tomorrow for 10 people?",
    );
    expect(r.content).toMatch(/too soon/);
    expect(r.content).toContain(`${s.minNoticeHours} hours`);
    expect(r.content).not.toMatch(/fully booked/i);
  });

  it("a date beyond the booking window says when it opens", async () => {
    const s = await settings();
    const r = await env.ask(
      env.customer({ visitorId: visitor() }),
      "do you have anything on August 1 2027 for 12?",
    );
    expect(r.content).toContain(`${s.bookingWindowDays} days ahead`);
    expect(r.content).not.toMatch(/fully booked/i);
  });

  it("a ZIP outside the service area is said to be outside it", async () => {
    const r = await env.ask(
      env.customer({ visitorId: visitor() }),
      "is December 12 free for 10 people in 10001?",
    );
    expect(r.content).toMatch(/(don't|do not) (yet )?(serve|cover|travel)|outside/i);
    expect(r.content).not.toMatch(/fully booked/i);
  });

  it("a party over the limit is told the limit and what to do instead", async () => {
    const s = await settings();
    const r = await env.ask(
      env.customer({ visitorId: visitor() }),
      "can you do December 12 for 200 people?",
    );
    expect(r.content).toContain(String(s.maxGuests));
    expect(r.content).toContain(s.phone);
    expect(r.content).not.toMatch(/fully booked/i);
  });
});

describe("every chef busy", () => {
  it("a day with every start time taken says so and offers the nearest free times", async () => {
    const s = await settings();
    // One chef: a booking at each start time of Saturday December 12 fills the day.
    const v = env.customer({ visitorId: visitor() });
    for (const minute of s.slotStartMinutes) {
      const hour = minute / 60;
      const h = Math.floor(hour) % 12 || 12;
      const m = minute % 60 ? `:${String(minute % 60).padStart(2, "0")}` : "";
      const other = env.customer({ visitorId: visitor() });
      await env.ask(
        other,
        `book December 12 at ${h}${m}${hour >= 12 ? "pm" : "am"} for 6 people in 95125`,
      );
    }
    const live = await env.t.db.booking.count({ where: { status: "HELD" } });
    expect(live).toBeGreaterThan(0);
    const r = await env.ask(v, "is Saturday December 12 free for 10 people?");
    expect(r.content).toMatch(/fully booked/i);
    // The nearest free times are real: the tool's slots are all after that day.
    expect(r.extras.slots?.length).toBeGreaterThan(0);
    expect(r.extras.slots!.every((x) => x.date > "2026-12-12")).toBe(true);
    // Asking to hold a taken time says it is taken (not "fully booked", not a race) and offers
    // free times; the next time said continues the booking.
    const taken = await env.ask(v, "ok then please hold December 12 at 5pm for 10 people in 95125");
    expect(taken.content).toMatch(/5:00 PM is already taken that day/);
    expect(taken.content).toMatch(/still free/);
  });
});

/** Today in these tests is Tuesday 2026-11-24 (ai-support NOW); the one chef works every day. */
const MONDAY = "2026-12-07";
const WEDNESDAY = "2026-12-09";
const THURSDAY = "2026-12-10";
const FULLY_BOOKED = /fully booked|already taken|ya está ocupado|no tenemos lugar|ya no hay lugar/i;

const chefId = () => env.biz.chefIds[0]!;

/** The chef's hours on one weekday replaced for the length of `fn` (null: not working). */
async function withHours(
  weekday: number,
  hours: { startMinute: number; endMinute: number } | null,
  fn: () => Promise<void>,
) {
  const db = env.t.db;
  const before = await db.chefWorkingHours.findMany({ where: { chefId: chefId(), weekday } });
  await db.chefWorkingHours.deleteMany({ where: { chefId: chefId(), weekday } });
  if (hours) await db.chefWorkingHours.create({ data: { chefId: chefId(), weekday, ...hours } });
  await env.cache.invalidate("chefs");
  try {
    await fn();
  } finally {
    await db.chefWorkingHours.deleteMany({ where: { chefId: chefId(), weekday } });
    await db.chefWorkingHours.createMany({
      data: before.map(({ id: _id, ...h }) => h),
    });
    await env.cache.invalidate("chefs");
  }
}

/** The chef off for all of `date` (Los Angeles) for the length of `fn`: a vacation. */
async function withDayOff(date: string, fn: () => Promise<void>) {
  const off = await env.t.db.chefTimeOff.create({
    data: {
      chefId: chefId(),
      // Midnight to midnight, Pacific standard time (UTC-8) in December.
      startsAt: new Date(`${date}T08:00:00Z`),
      endsAt: new Date(new Date(`${date}T08:00:00Z`).getTime() + 24 * 3600_000),
      reason: "Family vacation",
    },
  });
  await env.cache.invalidate("chefs");
  try {
    await fn();
  } finally {
    await env.t.db.chefTimeOff.delete({ where: { id: off.id } });
    await env.cache.invalidate("chefs");
  }
}

describe("a day or hour we don't cook is not 'fully booked'", () => {
  it("a weekday no chef works: we don't cook on Mondays, and the nearest free times", async () => {
    await withHours(1, null, async () => {
      const en = await env.ask(
        env.customer({ visitorId: visitor() }),
        "is Monday December 7 free for 10 people in 95125?",
      );
      expect(en.content).toMatch(
        /we don't cook on Mondays, so we can't come on Monday, December 7/,
      );
      expect(en.content).not.toMatch(FULLY_BOOKED);
      expect(en.extras.slots?.length).toBeGreaterThan(0);
      expect(en.extras.slots!.every((x) => x.date > MONDAY)).toBe(true);

      const es = await env.ask(
        env.customer({ visitorId: visitor() }),
        "¿tienen lugar el lunes 7 de diciembre para 10 personas? código postal 95125",
      );
      expect(es.content).toMatch(
        /no cocinamos los lunes, así que no podemos ir el lunes 7 de diciembre/,
      );
      expect(es.content).not.toMatch(FULLY_BOOKED);
    });
  });

  it("a weekday only chefs of nearer areas work: we don't cook in your area then", async () => {
    // Our chef is off Mondays; a second chef works Mondays in the local zone only.
    const local = await env.t.db.chef.create({
      data: {
        name: "Local Mondays",
        email: "local-mondays@example.com",
        workingHours: { create: [{ weekday: 1, startMinute: 10 * 60, endMinute: 23 * 60 }] },
        serviceZones: { create: [{ zoneId: env.biz.zoneIds[0]! }] },
      },
    });
    try {
      await withHours(1, null, async () => {
        // Oakland is in the Extended zone.
        const en = await env.ask(
          env.customer({ visitorId: visitor() }),
          "is Monday December 7 free for 10 people in 94610?",
        );
        expect(en.content).toMatch(
          /we don't cook in your area on Mondays, so we can't come on Monday, December 7/,
        );
        expect(en.content).not.toMatch(FULLY_BOOKED);
        const es = await env.ask(
          env.customer({ visitorId: visitor() }),
          "¿tienen lugar el lunes 7 de diciembre para 10 personas? código postal 94610",
        );
        expect(es.content).toMatch(/no cocinamos en su zona los lunes/);
        expect(es.content).not.toMatch(FULLY_BOOKED);
        // In the local zone that Monday is open.
        const near = await env.ask(
          env.customer({ visitorId: visitor() }),
          "is Monday December 7 free for 10 people in 95125?",
        );
        expect(near.extras.slots?.some((x) => x.date === MONDAY)).toBe(true);
      });
    } finally {
      await env.t.db.chef.delete({ where: { id: local.id } });
      await env.cache.invalidate("chefs");
    }
  });

  it("holding a time on that weekday says why, offers free times, and holds nothing", async () => {
    await withHours(1, null, async () => {
      const before = await env.t.db.booking.count();
      const en = await env.ask(
        env.customer({ visitorId: visitor() }),
        "please book Monday December 7 at 6pm for 10 people in 95125",
      );
      expect(en.content).toMatch(/we don't cook on Mondays/);
      expect(en.content).not.toMatch(FULLY_BOOKED);
      expect(en.content).not.toMatch(/just booked|someone else/);
      const es = await env.ask(
        env.customer({ visitorId: visitor() }),
        "quiero reservar el lunes 7 de diciembre a las 6 de la tarde para 10 personas, código postal 95125",
      );
      expect(es.content).toMatch(/no cocinamos los lunes/);
      // The nearest free times, said in Spanish too.
      expect(es.content).toMatch(/siguen libres: .*martes 8 de diciembre: \d/);
      expect(es.content).not.toMatch(FULLY_BOOKED);
      expect(await env.t.db.booking.count()).toBe(before);
    });
  });

  it("a vacation closes the day: closed, our chefs are off", async () => {
    await withDayOff(WEDNESDAY, async () => {
      const en = await env.ask(
        env.customer({ visitorId: visitor() }),
        "do you have Wednesday December 9 for 12 people in 95125?",
      );
      expect(en.content).toMatch(
        /we're closed on Wednesday, December 9: our chefs are off that day/,
      );
      expect(en.content).not.toMatch(FULLY_BOOKED);
      expect(en.extras.slots!.every((x) => x.date > WEDNESDAY)).toBe(true);
      const es = await env.ask(
        env.customer({ visitorId: visitor() }),
        "¿tienen lugar el miércoles 9 de diciembre para 12 personas? código postal 95125",
      );
      expect(es.content).toMatch(
        /estamos cerrados el miércoles 9 de diciembre: nuestros chefs tienen el día libre/,
      );
      expect(es.content).not.toMatch(FULLY_BOOKED);
    });
  });

  it("an hour nobody works that day: we don't cook then, and that day's free times", async () => {
    // Thursdays from 3 pm only: noon is closed, the evening is free.
    await withHours(4, { startMinute: 15 * 60, endMinute: 23 * 60 }, async () => {
      const en = await env.ask(
        env.customer({ visitorId: visitor() }),
        "is Thursday December 10 at 12pm free for 10 people in 95125?",
      );
      expect(en.content).toMatch(
        /we don't cook at 12:00 PM on Thursday, December 10: no chef works then/,
      );
      expect(en.content).not.toMatch(FULLY_BOOKED);
      expect(en.extras.slots?.some((x) => x.date === THURSDAY && x.startMinute === 18 * 60)).toBe(
        true,
      );
      const es = await env.ask(
        env.customer({ visitorId: visitor() }),
        "¿está libre el jueves 10 de diciembre a las 12 para 10 personas? código postal 95125",
      );
      expect(es.content).toMatch(/no cocinamos a las 12:00 PM el jueves 10 de diciembre/);
      expect(es.content).not.toMatch(FULLY_BOOKED);
    });
  });
});

describe("dates inside the notice window are never 'fully booked'", () => {
  it("the tool result says too soon, with the first bookable date, from the settings", async () => {
    const s = await settings();
    const res = await runTool(
      {
        db: env.t.db,
        cache: env.cache,
        catalog: await getCatalog(env.t.db, env.cache),
        now: NOW,
        identity: { userId: null, visitorId: visitor(), address: "198.51.100.7" },
        turnKey: `turn-${visitor()}`,
        siteUrl: "http://127.0.0.1:3999",
      },
      "check_availability",
      { date: "2026-11-25", guests: 10, postalCode: "95125" },
    );
    const data = res.data as {
      unavailable: { kind: string; firstDate: string; minNoticeHours: number };
      whyNotFree: string;
      nothingOnRequestedDate: boolean;
      slots: string[];
    };
    // Tuesday 10:00 + 48 hours: Thursday 10:00, and its noon start is the first one.
    expect(data.unavailable).toEqual({
      kind: "too_soon",
      firstDate: "2026-11-26",
      minNoticeHours: s.minNoticeHours,
    });
    expect(data.whyNotFree).toMatch(/^Too soon: we need at least 48 hours' notice/);
    expect(data.whyNotFree).not.toMatch(/^Fully booked/);
    expect(res.extras?.slots?.[0]?.date).toBe("2026-11-26");
  });

  it("a day partly inside the notice, the rest booked: not 'fully booked'", async () => {
    // Thursday 2026-11-26 at 6 pm is held (asked on Tuesday morning); on Tuesday at 6 pm the
    // notice ends Thursday at 6 pm: noon, 3 and 5 pm are too soon, 6 and 7:30 pm are taken.
    await createHold(
      env.t.db,
      {
        idempotencyKey: `thursday-${visitor()}`,
        date: "2026-11-26",
        startMinute: 18 * 60,
        guests: 10,
        postalCode: "95125",
      },
      { cache: env.cache, now: () => NOW },
    );
    const evening = new Date(NOW.getTime() + 8 * 3600_000);
    const res = await runTool(
      {
        db: env.t.db,
        cache: env.cache,
        catalog: await getCatalog(env.t.db, env.cache),
        now: evening,
        identity: { userId: null, visitorId: visitor(), address: "198.51.100.8" },
        turnKey: `turn-${visitor()}`,
        siteUrl: "http://127.0.0.1:3999",
      },
      "check_availability",
      { date: "2026-11-26", guests: 10, postalCode: "95125" },
    );
    const data = res.data as { unavailable: unknown; whyNotFree: string };
    expect(data.unavailable).toEqual({ kind: "fully_booked", tooSoonBefore: true });
    expect(data.whyNotFree).toBe(
      "The earlier times that day are inside our 48-hour notice, and the later ones are already booked.",
    );
  });

  it("in Spanish: tomorrow is too soon, not taken", async () => {
    const r = await env.ask(
      env.customer({ visitorId: visitor() }),
      "¿tienen lugar mañana para 10 personas?",
    );
    expect(r.content).toMatch(/48 horas de anticipación/);
    expect(r.content).toMatch(/muy pronto/);
    expect(r.content).not.toMatch(FULLY_BOOKED);
  });
});
