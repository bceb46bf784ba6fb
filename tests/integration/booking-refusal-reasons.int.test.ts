// Why a time can't be booked, in words that are true (attack finding F23). A time that was never
// free for the party (no chef works that day, the party would run past the chef's hours, the chef
// is off, more chefs than we have) says so, with the day and the time; "just booked by someone
// else" is kept for the real race: the time was free when the customer looked and another party
// took it before theirs was saved. Booking and moving a booking say the same. The expected
// sentences are written here by hand (day names from Intl), not borrowed from the code under test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AppError,
  createBooking,
  getAvailability,
  rescheduleBooking,
  type CreateBookingInput,
} from "@myhibachi/core";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { dayIn, staffActor, withoutBookingLimits } from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
let chefId: string;
beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  await withoutBookingLimits(env);
  chefId = env.biz.chefIds[0]!;
});
afterAll(async () => env?.close());

const SIX_PM = 18 * 60;

/** The first `weekday` (0 Sunday .. 6 Saturday) at least `days` from today, as YYYY-MM-DD. */
function nextWeekday(weekday: number, days: number): string {
  for (let d = days; ; d++) {
    const date = dayIn(d);
    if (new Date(`${date}T12:00:00Z`).getUTCDay() === weekday) return date;
  }
}

/** "Saturday, March 14" */
const dayWords = (date: string) =>
  new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    weekday: "long",
    month: "long",
    day: "numeric",
  }).format(new Date(`${date}T12:00:00Z`));

let n = 0;
function request(date: string, over: Partial<CreateBookingInput> = {}): CreateBookingInput {
  n++;
  return {
    idempotencyKey: `reason-${n}-${Math.random().toString(36).slice(2)}`,
    date,
    startMinute: SIX_PM,
    selection: classicSelection(10),
    address: FIXTURE_ADDRESS,
    contact: { name: `Guest ${n}`, email: `reason${n}@example.com`, phone: "408-555-0100" },
    ...over,
  };
}

const deps = () => ({ cache: env.cache });

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "the request is refused").toBeInstanceOf(AppError);
  return err as AppError;
}

/** Chef hours on one weekday for the length of a test (the schedule changes go through the cache). */
async function withHours(
  weekday: number,
  hours: { startMinute: number; endMinute: number } | null,
  fn: () => Promise<void>,
) {
  const db = env.t.db;
  await db.chefWorkingHours.deleteMany({ where: { chefId, weekday } });
  if (hours) await db.chefWorkingHours.create({ data: { chefId, weekday, ...hours } });
  await env.cache.invalidate("chefs");
  try {
    await fn();
  } finally {
    await db.chefWorkingHours.deleteMany({ where: { chefId, weekday } });
    await db.chefWorkingHours.create({
      data: { chefId, weekday, startMinute: 10 * 60, endMinute: 23 * 60 },
    });
    await env.cache.invalidate("chefs");
  }
}

const NOT_A_RACE = /just booked|someone else|already booked/i;

describe("a time that was never free says why", () => {
  it("a day no chef works: the day and time, other free times, and no 'just booked'", async () => {
    const saturday = nextWeekday(6, 21);
    await withHours(6, null, async () => {
      const err = await refusal(createBooking(env.t.db, request(saturday), deps()));
      expect(err.code).toBe("CONFLICT");
      expect(err.message).toMatch(
        new RegExp(`^We don't have a chef free at 6 pm on ${dayWords(saturday)}\\.`),
      );
      expect(err.message).not.toMatch(NOT_A_RACE);
      // Other times the customer can pick (the chef works the days around it).
      const alts = (err.details?.alternatives ?? []) as { date: string }[];
      expect(alts.length).toBeGreaterThan(0);
      expect(alts.every((a) => a.date !== saturday)).toBe(true);
    });
    expect(await env.t.db.booking.count()).toBe(0);
  });

  it("a party that would run past the chef's hours that day", async () => {
    const sunday = nextWeekday(0, 21);
    // The chef works until 7 pm; a 6 pm party of 10 runs until 8 pm.
    await withHours(0, { startMinute: 10 * 60, endMinute: 19 * 60 }, async () => {
      const err = await refusal(createBooking(env.t.db, request(sunday), deps()));
      expect(err.code).toBe("CONFLICT");
      expect(err.message).toMatch(
        new RegExp(`^We don't have a chef free at 6 pm on ${dayWords(sunday)}\\.`),
      );
      expect(err.message).not.toMatch(NOT_A_RACE);
    });
  });

  it("the only chef is off that day", async () => {
    const monday = nextWeekday(1, 21);
    // Off from Sunday afternoon to Tuesday morning, Pacific time: all of Monday.
    const from = new Date(`${monday}T00:00:00Z`);
    const off = await env.t.db.chefTimeOff.create({
      data: {
        chefId,
        startsAt: from,
        endsAt: new Date(from.getTime() + 36 * 3600_000),
        reason: "Vacation",
      },
    });
    await env.cache.invalidate("chefs");
    const err = await refusal(createBooking(env.t.db, request(monday), deps()));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(
      new RegExp(`^We don't have a chef free at 6 pm on ${dayWords(monday)}\\.`),
    );
    expect(err.message).not.toMatch(NOT_A_RACE);
    await env.t.db.chefTimeOff.delete({ where: { id: off.id } });
    await env.cache.invalidate("chefs");
  });

  it("a party that needs more chefs than we have", async () => {
    const tuesday = nextWeekday(2, 21);
    // 25 guests per chef: 30 guests need two, and the business has one.
    const err = await refusal(
      createBooking(env.t.db, request(tuesday, { selection: classicSelection(30) }), deps()),
    );
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(
      new RegExp(
        `^A party of 30 needs 2 chefs, and we don't have 2 chefs free at 6 pm on ${dayWords(tuesday)}\\.`,
      ),
    );
    expect(err.message).not.toMatch(NOT_A_RACE);
  });

  it("too soon: the notice we need, not 'just booked'", async () => {
    const err = await refusal(createBooking(env.t.db, request(dayIn(1)), deps()));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/at least 48 hours' notice/);
    expect(err.message).not.toMatch(NOT_A_RACE);
  });

  it("moving a booking to a day no chef works says the same, and the booking stays", async () => {
    const wednesday = nextWeekday(3, 21);
    const thursday = nextWeekday(4, 21);
    const b = await createBooking(env.t.db, request(wednesday), deps());
    await withHours(4, null, async () => {
      const err = await refusal(
        rescheduleBooking(
          env.t.db,
          { bookingId: b.id, date: thursday, startMinute: SIX_PM, actor: await staffActor(env) },
          deps(),
        ),
      );
      expect(err.code).toBe("CONFLICT");
      expect(err.message).toMatch(
        new RegExp(`^We don't have a chef free at 6 pm on ${dayWords(thursday)}\\.`),
      );
      expect(err.message).not.toMatch(NOT_A_RACE);
    });
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    expect(row.startsAt.getTime()).toBe(b.startsAt.getTime());
  });
});

describe("a time someone else took", () => {
  it("free when the customer looked, taken before their booking was saved: 'just booked'", async () => {
    const friday = nextWeekday(5, 28);
    const seen = await getAvailability(
      env.t.db,
      { from: friday, to: friday, guests: 10, postalCode: FIXTURE_ADDRESS.postalCode },
      { cache: env.cache },
    );
    expect(seen.slots.map((s) => s.startMinute)).toContain(SIX_PM);
    await createBooking(env.t.db, request(friday), deps()); // someone else, a moment earlier
    const err = await refusal(createBooking(env.t.db, request(friday), deps()));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/^Sorry, that time was just booked by someone else\./);
    expect((err.details?.alternatives as unknown[]).length).toBeGreaterThan(0);
  });

  it("moving a booking to a time just taken: 'just booked', and the booking stays", async () => {
    const saturday = nextWeekday(6, 35);
    const sunday = nextWeekday(0, 35);
    const mine = await createBooking(env.t.db, request(saturday), deps());
    await createBooking(env.t.db, request(sunday), deps()); // someone else takes Sunday 6 pm
    const err = await refusal(
      rescheduleBooking(
        env.t.db,
        { bookingId: mine.id, date: sunday, startMinute: SIX_PM, actor: await staffActor(env) },
        deps(),
      ),
    );
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/^Sorry, that time was just booked by someone else\./);
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: mine.id } });
    expect(row.startsAt.getTime()).toBe(mine.startsAt.getTime());
  });

  it("taken days ago (never free for this customer): 'already booked', not 'just booked'", async () => {
    const monday = nextWeekday(1, 35);
    const other = await createBooking(env.t.db, request(monday), deps());
    // That party was booked three days ago.
    await env.t.db.bookingChef.updateMany({
      where: { bookingId: other.id },
      data: { createdAt: new Date(Date.now() - 3 * 24 * 3600_000) },
    });
    const err = await refusal(createBooking(env.t.db, request(monday), deps()));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/^Sorry, that time is already booked\./);
    expect(err.message).not.toMatch(/just booked/);
  });
});
