// Why a time can't be booked, in words that are true (attack findings F23, G1). A time that was
// never free for the party (no chef works that day, the party would run past the chef's hours,
// the chef is off, more chefs than we have) says so, with the day and the time; "just booked by
// someone else" is kept for the real race: the time was free when the customer looked (the
// calendar's answer carries `asOf`, the wizard sends it back as `seenAt`) and another party took
// it before theirs was saved. Booked before they looked: "already booked"; a client that doesn't
// say when it looked: "not available". Booking and moving a booking say the same. The expected
// sentences are written here by hand (day names from Intl), not borrowed from the code under test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AppError,
  changeBookingStatus,
  createBooking,
  rescheduleBooking,
  type CreateBookingInput,
} from "@myhibachi/core";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { customerRouter, handleTrpc } from "@myhibachi/api";
import { dayIn, staffActor, withoutBookingLimits } from "./after-booking-support";
import { customerServerDeps, setupEnv, type Env } from "./helpers";

let env: Env;
let server: ReturnType<typeof customerServerDeps>;
let chefId: string;
beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  await withoutBookingLimits(env);
  server = customerServerDeps(env);
  chefId = env.biz.chefIds[0]!;
});
afterAll(async () => {
  await server?.close();
  await env?.close();
});

/** Staff confirm a booking (a held one can't be moved). */
async function confirm(bookingId: string) {
  await changeBookingStatus(
    env.t.db,
    { bookingId, action: "confirm", actor: await staffActor(env) },
    deps(),
  );
}

const SIX_PM = 18 * 60;

/** The first `weekday` (0 Sunday .. 6 Saturday) at least `days` from today, as YYYY-MM-DD. */
function nextWeekday(weekday: number, days: number): string {
  for (let d = days; ; d++) {
    const date = dayIn(d);
    if (new Date(`${date}T12:00:00Z`).getUTCDay() === weekday) return date;
  }
}

/** "Saturday, March 14", and ", 2027" when it isn't this year (in the business's zone). */
const dayWords = (date: string) =>
  new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    weekday: "long",
    month: "long",
    day: "numeric",
  }).format(new Date(`${date}T12:00:00Z`)) +
  (date.slice(0, 4) === dayIn(0).slice(0, 4) ? "" : `, ${date.slice(0, 4)}`);

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
        new RegExp(`^We don't have a chef free at 6:00 PM on ${dayWords(saturday)}\\.`),
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
        new RegExp(`^We don't have a chef free at 6:00 PM on ${dayWords(sunday)}\\.`),
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
      new RegExp(`^We don't have a chef free at 6:00 PM on ${dayWords(monday)}\\.`),
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
        `^A party of 30 needs 2 chefs, and we don't have 2 chefs free at 6:00 PM on ${dayWords(tuesday)}\\.`,
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

  it("too far ahead: the last bookable day in words, not as YYYY-MM-DD (attack H8)", async () => {
    const s = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    const last = dayIn(s.bookingWindowDays);
    const err = await refusal(
      createBooking(env.t.db, request(dayIn(s.bookingWindowDays + 3)), deps()),
    );
    expect(err.code).toBe("BAD_REQUEST");
    // "Saturday, May 29" (with the year when the last day isn't in this year).
    expect(err.message).toBe(
      `We take bookings up to ${s.bookingWindowDays} days ahead. Please choose a date on or before ${dayWords(last)}.`,
    );
    expect(err.message).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(err.details).toEqual({ field: "date" });
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
        new RegExp(`^We don't have a chef free at 6:00 PM on ${dayWords(thursday)}\\.`),
      );
      expect(err.message).not.toMatch(NOT_A_RACE);
    });
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    expect(row.startsAt.getTime()).toBe(b.startsAt.getTime());
  });
});

/** The site's own tRPC endpoint as the wizard calls it: the status and the message it shows. */
async function site(
  path: string,
  input: unknown,
  get = false,
): Promise<{
  status: number;
  message: string;
  data: Record<string, unknown>;
  details: Details;
  /** Which input fields were refused (the words name none). */
  fields: Record<string, string>;
}> {
  const url = `http://127.0.0.1:3999/api/trpc/${path}`;
  const envelope = JSON.stringify({ json: input });
  const req = get
    ? new Request(`${url}?input=${encodeURIComponent(envelope)}`)
    : new Request(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: envelope,
      });
  const res = await handleTrpc(req, customerRouter, server);
  const body = (await res.json()) as {
    error?: {
      json: { message: string; data?: { details?: Details; fields?: Record<string, string> } };
    };
    result?: { data: { json: Record<string, unknown> } };
  };
  return {
    status: res.status,
    message: body.error?.json.message ?? "",
    data: body.result?.data.json ?? {},
    details: body.error?.json.data?.details ?? null,
    fields: body.error?.json.data?.fields ?? {},
  };
}
type Details = { alternatives?: { date: string; startMinute: number }[] } | null;

/** The wizard's calendar for a day: its free start times and when they were read (`asOf`). */
async function calendar(date: string) {
  const r = await site(
    "booking.availability",
    { from: date, to: date, guests: 10, postalCode: FIXTURE_ADDRESS.postalCode },
    true,
  );
  expect(r.status, r.message).toBe(200);
  const slots = r.data.slots as { startMinute: number }[];
  return { asOf: String(r.data.asOf), free: slots.map((s) => s.startMinute) };
}

const JUST_BOOKED =
  /^Sorry, that time was just booked by someone else\. These times are still free: /;

describe("a time someone else took: 'just booked' only when it was free when the customer looked", () => {
  it("the wizard saw it free (it sends the calendar's asOf as seenAt), then another party took it", async () => {
    const friday = nextWeekday(5, 28);
    const seen = await calendar(friday);
    expect(seen.free).toContain(SIX_PM);
    await createBooking(env.t.db, request(friday), deps()); // someone else, a moment later
    const r = await site("booking.create", { ...request(friday), seenAt: seen.asOf });
    expect(r.status).toBe(409);
    expect(r.message).toMatch(JUST_BOOKED);
    expect(r.details?.alternatives?.length).toBeGreaterThan(0);
  });

  it("booked two minutes before the customer looked (a time never offered to them): 'already booked', not 'just booked'", async () => {
    const saturday = nextWeekday(6, 28);
    // Another party booked it minutes ago (as the demo seed books at seed time): recent, but
    // before this customer's calendar was loaded, so it was never shown to them as free.
    const other = await createBooking(env.t.db, request(saturday), deps());
    await env.t.db.bookingChef.updateMany({
      where: { bookingId: other.id },
      data: { createdAt: new Date(Date.now() - 2 * 60_000) },
    });
    const seen = await calendar(saturday);
    expect(seen.free).not.toContain(SIX_PM);
    const r = await site("booking.create", { ...request(saturday), seenAt: seen.asOf });
    expect(r.status).toBe(409);
    expect(r.message).toMatch(/^Sorry, that time is already booked\. These times are still free: /);
    expect(r.message).not.toMatch(/just booked|someone else/);
  });

  it("booked three seconds before the customer looked (attack H1): 'already booked' too", async () => {
    const sunday = nextWeekday(0, 56);
    const other = await createBooking(env.t.db, request(sunday), deps());
    await env.t.db.bookingChef.updateMany({
      where: { bookingId: other.id },
      data: { createdAt: new Date(Date.now() - 3_000) },
    });
    const seen = await calendar(sunday);
    expect(seen.free).not.toContain(SIX_PM);
    const r = await site("booking.create", { ...request(sunday), seenAt: seen.asOf });
    expect(r.status).toBe(409);
    expect(r.message).toMatch(/^Sorry, that time is already booked\./);
  });

  it("an API client that doesn't say when it looked: the plain 'not available', with the nearest free times", async () => {
    const monday = nextWeekday(1, 28);
    await createBooking(env.t.db, request(monday), deps()); // taken seconds ago
    const r = await site("booking.create", request(monday));
    expect(r.status).toBe(409);
    expect(r.message).toMatch(/^Sorry, that time is not available\. These times are still free: /);
    expect(r.message).not.toMatch(/just booked|someone else|already booked/);
    const alts = r.details?.alternatives ?? [];
    expect(alts.length).toBeGreaterThan(0);
    expect(alts.some((a) => a.date === monday && a.startMinute === SIX_PM)).toBe(false);
  });

  it("seenAt as epoch milliseconds says the same; a retry after the calendar reloaded is the same booking", async () => {
    const tuesday = nextWeekday(2, 42);
    const seen = await calendar(tuesday);
    await createBooking(env.t.db, request(tuesday), deps());
    const r = await site("booking.create", {
      ...request(tuesday),
      seenAt: Date.parse(seen.asOf),
    });
    expect(r.status).toBe(409);
    expect(r.message).toMatch(JUST_BOOKED);
    // The same request sent again with a newer seenAt (its answer was lost, the calendar
    // refreshed meanwhile) returns the first booking, not "other details".
    const wednesday = nextWeekday(3, 42);
    const mine = request(wednesday);
    const first = await site("booking.create", {
      ...mine,
      seenAt: (await calendar(wednesday)).asOf,
    });
    expect(first.status, first.message).toBe(200);
    const again = await site("booking.create", { ...mine, seenAt: new Date().toISOString() });
    expect(again.status, again.message).toBe(200);
    expect(again.data).toMatchObject({ id: first.data.id, replayed: true });
  });

  it("a seenAt in the future or not a time: a readable 400, nothing booked", async () => {
    const thursday = nextWeekday(4, 42);
    const before = await env.t.db.booking.count();
    const future = await site("booking.create", {
      ...request(thursday),
      seenAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(future.status).toBe(400);
    expect(future.message).toMatch(
      /^When you loaded the free times can't be in the future: send the time the availability answer was read, or leave it out\.$/,
    );
    const junk = await site("booking.create", { ...request(thursday), seenAt: "yesterday" });
    expect(junk.status).toBe(400);
    expect(junk.message).toMatch(/^Send when you loaded the free times as an ISO 8601 date-time/);
    // The words name no field (attack H8: "(seenAt)"); the error's fields say which.
    for (const r of [future, junk]) {
      expect(r.message).not.toMatch(/seenAt|asOf/);
      expect(Object.keys(r.fields)).toEqual(["seenAt"]);
    }
    expect(await env.t.db.booking.count()).toBe(before);
    // A clock a minute fast is fine.
    const fast = await site("booking.create", {
      ...request(thursday),
      seenAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(fast.status, fast.message).toBe(200);
  });

  it("moving a booking to a time just taken, after the reschedule calendar showed it free: 'just booked', and the booking stays", async () => {
    const saturday = nextWeekday(6, 35);
    const sunday = nextWeekday(0, 35);
    const mine = await createBooking(env.t.db, request(saturday), deps());
    await confirm(mine.id);
    const times = await site(
      "booking.rescheduleTimes",
      { id: mine.id, token: mine.accessToken, from: sunday, to: sunday },
      true,
    );
    expect(times.status, times.message).toBe(200);
    expect((times.data.slots as { startMinute: number }[]).map((s) => s.startMinute)).toContain(
      SIX_PM,
    );
    await createBooking(env.t.db, request(sunday), deps()); // someone else takes Sunday 6 pm
    const r = await site("booking.reschedule", {
      id: mine.id,
      token: mine.accessToken,
      date: sunday,
      startMinute: SIX_PM,
      seenAt: times.data.asOf,
    });
    expect(r.status).toBe(409);
    expect(r.message).toMatch(JUST_BOOKED);
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: mine.id } });
    expect(row.startsAt.getTime()).toBe(mine.startsAt.getTime());
    // Without seenAt (an API client): the plain reason.
    const plain = await site("booking.reschedule", {
      id: mine.id,
      token: mine.accessToken,
      date: sunday,
      startMinute: SIX_PM,
    });
    expect(plain.status).toBe(409);
    expect(plain.message).toMatch(/^Sorry, that time is not available\./);
  });
});
