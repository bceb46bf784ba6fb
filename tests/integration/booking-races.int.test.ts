// Issue 9, point 3: every pair of booking state changes, sent at the same moment, 50 times each.
// After every pair: no live chef block belongs to a booking that is not live, every live block
// spans exactly the booking's current time (widened by the travel and cleanup buffers), a live
// booking holds the chefs it needs, the end state is one a person could explain, and every
// request that lost got a readable 4xx (never an unexpected error, i.e. never a 500).
// And Postgres itself refuses raw SQL that breaks the block invariant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AppError,
  cancelBooking,
  changeBookingStatus,
  confirmHeldBooking,
  createBooking,
  createHold,
  expireHolds,
  finishHeldBooking,
  issueAccessToken,
  reassignBooking,
  rescheduleBooking,
  type Actor,
} from "@myhibachi/core";
import { addDays } from "@myhibachi/shared";
import { pgErrorCode } from "@myhibachi/db";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { localDateTime, setupEnv, type Env } from "./helpers";
import { createUser } from "./admin-helpers";

const N = 50;
const NOW = new Date("2026-06-01T17:00:00Z");
const DAY_A = "2026-06-16";
const DAY_B = "2026-06-23";
const FIVE_PM = 17 * 60;
const NOON = 12 * 60;
const HALF_SEVEN = 19 * 60 + 30;
/** Readable refusals a person can act on; anything else is a bug (a 500 over HTTP). */
const READABLE = new Set(["CONFLICT", "PRECONDITION_FAILED", "BAD_REQUEST", "NOT_FOUND"]);

let env: Env;
let staff: { userId: string; role: "STAFF" };
beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  const u = await createUser(env.t.db, "STAFF");
  staff = { userId: u.id, role: "STAFF" };
});
afterAll(async () => env?.close());

const deps = (now = NOW) => ({ cache: env.cache, now: () => now });
const staffActor = (): Actor => ({ kind: "staff", userId: staff.userId, role: "STAFF" });
let seq = 0;

async function book(date = DAY_A, startMinute = FIVE_PM) {
  const n = ++seq;
  const b = await createBooking(
    env.t.db,
    {
      idempotencyKey: `race-${n}-${Math.random().toString(36).slice(2)}`,
      date,
      startMinute,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: { name: `Racer ${n}`, email: `racer${n}@example.com`, phone: "408-555-0100" },
    },
    deps(),
  );
  return { id: b.id, token: b.accessToken };
}

/** The invariant, checked in SQL over the whole database (not only the booking under test). */
async function assertBlocksConsistent() {
  const bad = await env.t.db.$queryRaw<{ id: string; status: string }[]>`
    SELECT b."id", b."status"::text AS status
      FROM "BookingChef" bc
      JOIN "Booking" b ON b."id" = bc."bookingId"
      CROSS JOIN "BusinessSettings" s
     WHERE bc."live"
       AND (b."status" NOT IN ('HELD', 'PENDING', 'CONFIRMED', 'COMPLETED')
            OR bc."blockStart" <> b."startsAt" - make_interval(mins => s."travelBufferMinutes")
            OR bc."blockEnd" <> b."endsAt" + make_interval(mins => s."cleanupBufferMinutes"))`;
  expect(bad, "live chef blocks that don't match a live booking's current time").toEqual([]);
  const unheld = await env.t.db.$queryRaw<{ id: string; n: bigint }[]>`
    SELECT b."id", count(bc."id") AS n
      FROM "Booking" b
      LEFT JOIN "BookingChef" bc ON bc."bookingId" = b."id" AND bc."live"
     WHERE b."status" IN ('PENDING', 'CONFIRMED', 'COMPLETED')
        OR (b."status" = 'HELD' AND b."holdExpiresAt" > ${NOW})
     GROUP BY b."id"
    HAVING count(bc."id") <> 1`;
  expect(unheld, "live bookings of 10 guests hold exactly one chef").toEqual([]);
}

function assertReadable(results: PromiseSettledResult<unknown>[]) {
  for (const r of results) {
    if (r.status === "fulfilled") continue;
    const e = r.reason as unknown;
    expect(e, `unexpected error: ${String(e)}`).toBeInstanceOf(AppError);
    expect(READABLE.has((e as AppError).code), (e as AppError).message).toBe(true);
    expect((e as AppError).message.length).toBeGreaterThan(10);
  }
}

const state = (id: string) => env.t.db.booking.findUniqueOrThrow({ where: { id } });
const localTime = (d: Date) => localDateTime(d).replace(",", "");

/** Frees whatever the booking still holds so the next round starts from the same free slots. */
async function release(id: string) {
  const b = await state(id);
  if (["HELD", "PENDING", "CONFIRMED"].includes(b.status))
    await cancelBooking(
      env.t.db,
      { bookingId: id, reason: "round over", actor: staffActor() },
      deps(),
    );
}

async function rounds(
  run: (i: number) => Promise<{
    id: string;
    results: PromiseSettledResult<unknown>[];
    expectEnd: (b: Awaited<ReturnType<typeof state>>) => void;
  }>,
) {
  for (let i = 0; i < N; i++) {
    const { id, results, expectEnd } = await run(i);
    assertReadable(results);
    await assertBlocksConsistent();
    expectEnd(await state(id));
    await release(id);
  }
}

const both = (a: () => Promise<unknown>, b: () => Promise<unknown>) =>
  Promise.allSettled([a(), b()]);

const tokenOf = (b: { token: string }): Actor => ({ kind: "token", token: b.token });
/** The link the confirmation email carries (only an emailed link can confirm a held booking). */
const emailedLink = async (b: { id: string }): Promise<Actor> => ({
  kind: "token",
  token: await issueAccessToken(env.t.db, b.id, { sentByEmail: true }),
});
const reschedule = (b: { id: string; token: string }, date = DAY_B, startMinute = NOON) =>
  rescheduleBooking(env.t.db, { bookingId: b.id, date, startMinute, actor: tokenOf(b) }, deps());
const cancelBy = (b: { id: string; token: string }, actor: Actor = tokenOf(b), now = NOW) =>
  cancelBooking(env.t.db, { bookingId: b.id, reason: "", actor }, deps(now));
const reassign = (bookingId: string, chefId: string) =>
  reassignBooking(
    env.t.db,
    { actor: staff, bookingId, chefIds: [chefId] },
    { cache: env.cache, now: () => NOW },
  );
const staffSets = (bookingId: string, action: "confirm" | "complete", now = NOW) =>
  changeBookingStatus(env.t.db, { bookingId, action, actor: staffActor() }, deps(now));
/** The chefs other than the one the booking has now. */
async function otherChefs(bookingId: string): Promise<string[]> {
  const current = await env.t.db.bookingChef.findFirstOrThrow({
    where: { bookingId, live: true },
  });
  return env.biz.chefIds.filter((c) => c !== current.chefId);
}

describe(`booking state changes raced in pairs (${N} rounds each)`, { timeout: 240_000 }, () => {
  it("customer cancel x customer reschedule", async () => {
    await rounds(async () => {
      const b = await book();
      const results = await both(
        () => cancelBy(b),
        () => reschedule(b),
      );
      // The cancel always wins in the end (it is allowed before or after the move).
      return { id: b.id, results, expectEnd: (s) => expect(s.status).toBe("CANCELLED") };
    });
  });

  it("customer reschedule x customer reschedule (to two different times)", async () => {
    await rounds(async () => {
      const b = await book();
      const results = await both(
        () => reschedule(b, DAY_B, NOON),
        () => reschedule(b, DAY_B, HALF_SEVEN),
      );
      return {
        id: b.id,
        results,
        expectEnd: (s) => {
          expect(s.status).not.toBe("CANCELLED");
          expect([`${DAY_B} 12:00`, `${DAY_B} 19:30`]).toContain(localTime(s.startsAt));
        },
      };
    });
  });

  it("staff reassign x customer reschedule", async () => {
    await rounds(async () => {
      const b = await book();
      const [other] = await otherChefs(b.id);
      const results = await both(
        () => reassign(b.id, other!),
        () => reschedule(b),
      );
      return {
        id: b.id,
        results,
        expectEnd: (s) => {
          expect(s.status).not.toBe("CANCELLED");
          expect(localTime(s.startsAt)).toBe(`${DAY_B} 12:00`);
        },
      };
    });
  });

  it("staff cancel x staff reassign", async () => {
    await rounds(async () => {
      const b = await book();
      const [other] = await otherChefs(b.id);
      const results = await both(
        () => cancelBy(b, staffActor()),
        () => reassign(b.id, other!),
      );
      return { id: b.id, results, expectEnd: (s) => expect(s.status).toBe("CANCELLED") };
    });
  });

  it("staff reassign x staff reassign (to two different chefs)", async () => {
    await rounds(async () => {
      const b = await book();
      const [one, two] = await otherChefs(b.id);
      const results = await both(
        () => reassign(b.id, one!),
        () => reassign(b.id, two!),
      );
      return { id: b.id, results, expectEnd: (s) => expect(s.status).not.toBe("CANCELLED") };
    });
  });

  it("staff confirm x customer cancel", async () => {
    await rounds(async () => {
      const b = await book();
      const results = await both(
        () => staffSets(b.id, "confirm"),
        () => cancelBy(b),
      );
      // Either order is allowed: confirm then cancel, or cancel (then confirm is refused).
      return { id: b.id, results, expectEnd: (s) => expect(s.status).toBe("CANCELLED") };
    });
  });

  it("staff complete x staff cancel (after the event ended)", async () => {
    await rounds(async (i) => {
      // A completed event keeps its chef: one day per round.
      const b = await book(addDays(DAY_A, i), FIVE_PM);
      await staffSets(b.id, "confirm");
      const after = new Date((await state(b.id)).endsAt.getTime() + 30 * 60_000);
      const results = await both(
        () => staffSets(b.id, "complete", after),
        () => cancelBy(b, staffActor(), after),
      );
      const ok = results.filter((r) => r.status === "fulfilled");
      return {
        id: b.id,
        results,
        // Exactly one wins: a completed event can't be cancelled, a cancelled one not completed.
        expectEnd: (s) => {
          expect(ok).toHaveLength(1);
          expect(["COMPLETED", "CANCELLED"]).toContain(s.status);
        },
      };
    });
  });

  it("staff confirm x customer reschedule", async () => {
    await rounds(async () => {
      const b = await book();
      const results = await both(
        () => staffSets(b.id, "confirm"),
        () => reschedule(b),
      );
      return {
        id: b.id,
        results,
        expectEnd: (s) => {
          expect(s.status).toBe("CONFIRMED");
          expect(localTime(s.startsAt)).toBe(`${DAY_B} 12:00`);
        },
      };
    });
  });

  it("customer cancel x customer cancel", async () => {
    await rounds(async () => {
      const b = await book();
      const results = await both(
        () => cancelBy(b),
        () => cancelBy(b),
      );
      return {
        id: b.id,
        results,
        expectEnd: (s) => {
          expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
          expect(s.status).toBe("CANCELLED");
        },
      };
    });
  });

  it("customer confirm (emailed link) x hold expiry", async () => {
    await rounds(async () => {
      const b = await book();
      const expiry = (await state(b.id)).holdExpiresAt!.getTime();
      const link = await emailedLink(b);
      const results = await both(
        () =>
          confirmHeldBooking(
            env.t.db,
            { bookingId: b.id, actor: link },
            deps(new Date(expiry - 1000)),
          ),
        () => expireHolds(env.t.db, new Date(expiry + 1000)),
      );
      return {
        id: b.id,
        results,
        expectEnd: (s) => expect(["PENDING", "EXPIRED"]).toContain(s.status),
      };
    });
  });

  it("customer confirm x customer cancel", async () => {
    await rounds(async () => {
      const b = await book();
      const link = await emailedLink(b);
      const results = await both(
        () => confirmHeldBooking(env.t.db, { bookingId: b.id, actor: link }, deps()),
        () => cancelBy(b),
      );
      return { id: b.id, results, expectEnd: (s) => expect(s.status).toBe("CANCELLED") };
    });
  });

  it("staff confirm x hold expiry", async () => {
    await rounds(async () => {
      const b = await book();
      const expiry = (await state(b.id)).holdExpiresAt!.getTime();
      const results = await both(
        () => staffSets(b.id, "confirm", new Date(expiry - 1000)),
        () => expireHolds(env.t.db, new Date(expiry + 1000)),
      );
      return {
        id: b.id,
        results,
        expectEnd: (s) => expect(["CONFIRMED", "EXPIRED"]).toContain(s.status),
      };
    });
  });

  it("hold expiry x finishing the hold (chat)", async () => {
    await rounds(async (i) => {
      const hold = await createHold(
        env.t.db,
        {
          idempotencyKey: `race-hold-${i}-${Math.random().toString(36).slice(2)}`,
          date: DAY_A,
          startMinute: FIVE_PM,
          guests: 10,
          postalCode: FIXTURE_ADDRESS.postalCode,
        },
        deps(),
      );
      const expiry = hold.holdExpiresAt!.getTime();
      const results = await both(
        () => expireHolds(env.t.db, new Date(expiry + 1000)),
        () =>
          finishHeldBooking(
            env.t.db,
            {
              bookingId: hold.id,
              token: hold.accessToken,
              selection: classicSelection(10),
              address: FIXTURE_ADDRESS,
              contact: { name: "Finisher", email: `finisher${i}@example.com`, phone: "4085550100" },
            },
            deps(new Date(expiry - 1000)),
          ),
      );
      return {
        id: hold.id,
        results,
        expectEnd: (s) => {
          if (s.status === "EXPIRED") expect(s.customerId).toBeNull();
          else expect(s.customerId).not.toBeNull();
        },
      };
    });
  });
});

describe("the database refuses what breaks the block invariant", () => {
  it("a live block for a cancelled booking, a block at another time, or moving a booking without its blocks", async () => {
    const b = await book("2026-08-20", NOON);
    const live = await env.t.db.bookingChef.findFirstOrThrow({
      where: { bookingId: b.id, live: true },
    });
    const other = env.biz.chefIds.find((c) => c !== live.chefId)!;
    const refused = async (sql: string, ...params: unknown[]) => {
      const err = await env.t.db.$executeRawUnsafe(sql, ...params).catch((e: unknown) => e);
      expect(pgErrorCode(err), `Postgres accepted: ${sql}`).toBe("23514");
      expect(String((err as Error).message), String((err as Error).message)).toMatch(
        /BookingChef_live_matches_booking|does not match/,
      );
    };
    // A second live block at a different time (e.g. the old date of a reschedule).
    await refused(
      `INSERT INTO "BookingChef" ("id", "bookingId", "chefId", "blockStart", "blockEnd", "live")
       VALUES ('raw1', $1, $2, $3::timestamptz, $4::timestamptz, true)`,
      b.id,
      other,
      "2026-07-09T18:00:00Z",
      "2026-07-09T22:00:00Z",
    );
    // Moving the booking (and its window) while its block stays at the old time.
    await refused(
      `UPDATE "Booking" SET "startsAt" = "startsAt" + interval '1 day', "endsAt" = "endsAt" + interval '1 day',
              "chefBlockStart" = "chefBlockStart" + interval '1 day', "chefBlockEnd" = "chefBlockEnd" + interval '1 day'
        WHERE "id" = $1`,
      b.id,
    );
    // Stretching a block past the booking's window.
    await refused(
      `UPDATE "BookingChef" SET "blockEnd" = "blockEnd" + interval '2 hours' WHERE "id" = $1`,
      live.id,
    );
    // Cancelling releases the block (trigger); reviving it afterwards is refused.
    await cancelBy(b, staffActor());
    await refused(`UPDATE "BookingChef" SET "live" = true WHERE "bookingId" = $1`, b.id);
    await refused(
      `INSERT INTO "BookingChef" ("id", "bookingId", "chefId", "blockStart", "blockEnd", "live")
       SELECT 'raw2', "id", $2, "chefBlockStart", "chefBlockEnd", true FROM "Booking" WHERE "id" = $1`,
      b.id,
      other,
    );
    await assertBlocksConsistent();
  });

  it("a transaction that moves a booking and its blocks together commits", async () => {
    const b = await book("2026-08-21", NOON);
    await env.t.db.$transaction([
      env.t.db
        .$executeRaw`UPDATE "Booking" SET "startsAt" = "startsAt" + interval '1 day', "endsAt" = "endsAt" + interval '1 day', "chefBlockStart" = "chefBlockStart" + interval '1 day', "chefBlockEnd" = "chefBlockEnd" + interval '1 day' WHERE "id" = ${b.id}`,
      env.t.db
        .$executeRaw`UPDATE "BookingChef" SET "blockStart" = "blockStart" + interval '1 day', "blockEnd" = "blockEnd" + interval '1 day' WHERE "bookingId" = ${b.id}`,
    ]);
    await assertBlocksConsistent();
  });
});
