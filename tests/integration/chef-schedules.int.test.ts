// The chefs' schedules (operation listChefSchedules, served by the REST and GraphQL surfaces):
// weekly hours, time off and the time live bookings hold each chef, in a window of at most six
// weeks, read in the same number of queries however many chefs there are.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addTimeOff,
  AppError,
  createBooking,
  createChef,
  operations,
  runOperation,
  type CallerUser,
  type OperationContext,
} from "@myhibachi/core";
import type { Db } from "@myhibachi/db";
import { addDays, zonedParts } from "@myhibachi/shared";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { setupEnv, type Env } from "./helpers";
import { createUser } from "./admin-helpers";

const NOW = new Date();
const TODAY = zonedParts(NOW, "America/Los_Angeles").date;
const DATE = addDays(TODAY, 14);

let env: Env;
let staff: CallerUser;
let customer: CallerUser;
beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  staff = await createUser(env.t.db, "STAFF");
  customer = await createUser(env.t.db, "CUSTOMER");
});
afterAll(async () => env?.close());

/** The database with a count of the queries the operation sends (each model call is one). */
function countingDb(db: Db) {
  let queries = 0;
  const counted = db.$extends({
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          queries++;
          return query(args);
        },
      },
    },
  });
  return { db: counted as unknown as Db, queries: () => queries };
}

const ctxFor = (user: CallerUser | null, db: Db = env.t.db): OperationContext => ({
  db,
  cache: env.cache,
  now: () => NOW,
  caller: { user, address: null, surface: "internal" },
});

const schedules = (input: unknown, user: CallerUser | null = staff, db?: Db) =>
  runOperation(operations.listChefSchedules, ctxFor(user, db), input);

async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("listChefSchedules", () => {
  it("shows each chef's weekly hours, time off and the bookings holding them in the window", async () => {
    const booking = await createBooking(
      env.t.db,
      {
        idempotencyKey: `schedule-${Math.random()}`,
        date: DATE,
        startMinute: 18 * 60,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact: { name: "Guest", email: "guest@example.com", phone: "408-555-0100" },
      },
      { cache: env.cache, now: () => NOW },
    );
    const { chefId: busy } = await env.t.db.bookingChef.findFirstOrThrow({
      where: { bookingId: booking.id, live: true },
    });
    const off = env.biz.chefIds.find((id) => id !== busy)!;
    await addTimeOff(
      env.t.db,
      {
        actor: { userId: staff.id, role: "STAFF" },
        chefId: off,
        from: `${DATE}T00:00`,
        to: `${DATE}T23:59`,
        reason: "Wedding",
      },
      { cache: env.cache, now: () => NOW },
    );

    const r = await schedules({ from: DATE, to: DATE });
    expect(r.timeZone).toBe("America/Los_Angeles");
    expect(r.chefs.map((c) => c.id).sort()).toEqual([...env.biz.chefIds].sort());
    for (const c of r.chefs) expect(c.weeklyHours).toHaveLength(7);
    const held = r.chefs.flatMap((c) => c.blocks.map((b) => ({ chef: c.id, ...b })));
    expect(held).toEqual([
      expect.objectContaining({ chef: busy, bookingId: booking.id, code: booking.code }),
    ]);
    expect(held[0]!.blockStart.getTime()).toBeLessThan(booking.startsAt.getTime());
    expect(r.chefs.find((c) => c.id === off)!.timeOff).toEqual([
      expect.objectContaining({ reason: "Wedding" }),
    ]);

    // The days before: nothing booked, nobody off.
    const before = await schedules({ from: addDays(DATE, -7), to: addDays(DATE, -1) });
    expect(before.chefs.every((c) => c.blocks.length === 0 && c.timeOff.length === 0)).toBe(true);
  });

  it("reads the same number of queries for 2 chefs as for 6", async () => {
    const range = { from: DATE, to: addDays(DATE, 41) };
    await schedules(range); // the business's settings are read through the cache
    const two = countingDb(env.t.db);
    await schedules(range, staff, two.db);
    for (let i = 0; i < 4; i++)
      await createChef(
        env.t.db,
        {
          actor: { userId: staff.id, role: "STAFF" },
          chef: { name: `Extra Chef ${i}`, email: `extra${i}@fixture.test` },
        },
        { cache: env.cache },
      );
    const six = countingDb(env.t.db);
    const r = await schedules(range, staff, six.db);
    expect(r.chefs).toHaveLength(6);
    expect(two.queries()).toBeGreaterThan(0);
    expect(six.queries()).toBe(two.queries());
  });

  it("refuses a window over six weeks, or ending before it starts, in words", async () => {
    const long = await refusal(schedules({ from: DATE, to: addDays(DATE, 43) }));
    expect(long.code).toBe("BAD_REQUEST");
    expect(long.message).toMatch(/at most six weeks/);
    const backwards = await refusal(schedules({ from: DATE, to: addDays(DATE, -1) }));
    expect(backwards.message).toMatch(/on or after the start date/);
  });

  it("is for staff only, refused before the input is read", async () => {
    expect((await refusal(schedules("junk", null))).code).toBe("UNAUTHORIZED");
    expect((await refusal(schedules("junk", customer))).code).toBe("FORBIDDEN");
  });
});
