// Priority booking (issue 14, point 3): a loyalty tier's members may book further ahead than the
// business's booking window (LoyaltyTier.extraWindowDays: Silver +30, Gold +60 by default). The
// truth is written here by hand from the numbers: the fixture business books 180 days ahead, so
// a visitor or a Bronze customer books up to day 180, Silver up to day 210 and Gold up to day 240;
// day 225 (window + 45) is Gold's alone. Never read back from the code under test.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations, recomputeCustomerLoyalty, runOperation } from "@myhibachi/core";
import type { SessionUser } from "@myhibachi/auth";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { createUser } from "./admin-helpers";
import {
  customerCaller,
  dayIn,
  pastBookingOf,
  withoutBookingLimits,
} from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
let gold: SessionUser;
let silver: SessionUser;
let bronze: SessionUser;
let owner: SessionUser;

const FAR = 225; // the business's 180 days + 45
const PAST = new Date(Date.now() - 40 * 86400_000);

async function member(completed: number): Promise<SessionUser> {
  const u = await createUser(env.t.db, "CUSTOMER");
  const c = await env.t.db.customer.create({ data: { name: u.name, email: u.email } });
  for (let i = 0; i < completed; i++) await pastBookingOf(env, c.id, PAST);
  await recomputeCustomerLoyalty(env.t.db, c.id, new Date());
  return { id: u.id, email: u.email, name: u.name, role: "CUSTOMER", emailVerified: true };
}

const ownerCtx = () => ({
  db: env.t.db,
  cache: env.cache,
  now: () => new Date(),
  caller: { user: owner, address: null, surface: "internal" as const },
});

const request = (user: SessionUser | null, date: string, startMinute = 17 * 60) => ({
  idempotencyKey: `prio-${randomBytes(6).toString("hex")}`,
  date,
  startMinute,
  selection: classicSelection(10),
  address: FIXTURE_ADDRESS,
  contact: {
    name: user?.name ?? "Visiting Vi",
    email: user?.email ?? `vi-${randomBytes(4).toString("hex")}@example.com`,
    phone: "408-555-0177",
  },
});

/** The site's booking request (operation createBooking) as `user` (null: a visitor). */
const bookAs = (user: SessionUser | null, date: string, startMinute?: number) =>
  customerCaller(env, user).booking.create(request(user, date, startMinute));

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a refusal");
};

/** "Wednesday, July 14"-style day as the refusal names it: the last bookable day. */
const longDay = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString("en-US", {
    weekday: "long",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });

async function setGoldExtra(days: number) {
  const tiers = await runOperation(operations.listLoyaltyTiers, ownerCtx(), undefined);
  const g = tiers.find((t) => t.name === "Gold")!;
  await runOperation(operations.updateLoyaltyTier, ownerCtx(), {
    id: g.id,
    tier: { extraWindowDays: days },
  });
}

beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  await withoutBookingLimits(env);
  const settings = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
  // The numbers every expectation below is written from.
  expect(settings.bookingWindowDays).toBe(180);
  const o = await createUser(env.t.db, "OWNER");
  owner = { ...o, role: "OWNER", emailVerified: true };
  gold = await member(10);
  silver = await member(5);
  bronze = await member(0);
});
afterAll(async () => env?.close());

describe("a Gold customer books further ahead than the window; others are refused", () => {
  it("the default tiers: Bronze 0, Silver 30, Gold 60 extra days", async () => {
    const tiers = await runOperation(operations.listLoyaltyTiers, ownerCtx(), undefined);
    expect(tiers.map((t) => [t.name, t.extraWindowDays])).toEqual([
      ["Bronze", 0],
      ["Silver", 30],
      ["Gold", 60],
    ]);
  });

  it("a visitor and a Bronze customer are refused day 225: up to 180 days ahead", async () => {
    for (const who of [null, bronze]) {
      const err = await refusal(bookAs(who, dayIn(FAR)));
      expect(err.message).toContain("We take bookings up to 180 days ahead.");
      expect(err.message).toContain(`on or before ${longDay(dayIn(180))}`);
    }
  });

  it("a Silver customer is refused day 225 (their window is 210 days), and told so", async () => {
    const err = await refusal(bookAs(silver, dayIn(FAR)));
    expect(err.message).toContain("As a Silver member you can book up to 210 days ahead.");
    expect(err.message).toContain(`on or before ${longDay(dayIn(210))}`);
  });

  it("availability: Gold's lists day 225 and ends at day 240; a visitor's says beyond the window of 180", async () => {
    const input = { from: dayIn(FAR), to: dayIn(FAR), guests: 10, postalCode: "95125" };
    // The visitor first, then Gold, then the visitor again: the slots cache never mixes them.
    const before = await customerCaller(env, null).booking.availability(input);
    const mine = await customerCaller(env, gold).booking.availability(input);
    const after = await customerCaller(env, null).booking.availability(input);
    for (const v of [before, after]) {
      expect(v.slots).toEqual([]);
      expect(v.lastDate).toBe(dayIn(180));
      expect(v.unavailable).toMatchObject({
        kind: "beyond_window",
        lastDate: dayIn(180),
        bookingWindowDays: 180,
      });
    }
    expect(mine.unavailable).toBeNull();
    expect(mine.lastDate).toBe(dayIn(240));
    expect(mine.slots.map((s) => s.date)).toContain(dayIn(FAR));
    const bronzeView = await customerCaller(env, bronze).booking.availability(input);
    expect(bronzeView.unavailable).toMatchObject({ kind: "beyond_window", bookingWindowDays: 180 });
  });

  it("a Gold customer books day 225 through the site's booking operation", async () => {
    const made = await bookAs(gold, dayIn(FAR));
    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id: made.id } });
    expect(b.status).not.toBe("CANCELLED");
    expect(b.loyalty).toMatchObject({ tierName: "Gold", extraWindowDays: 60 });
    // And day 241 is past even Gold's window.
    const err = await refusal(bookAs(gold, dayIn(241)));
    expect(err.message).toContain("As a Gold member you can book up to 240 days ahead.");
  });

  it("Gold's own loyalty says the window and the perk in numbers", async () => {
    const mine = await customerCaller(env, gold).account.loyalty();
    expect(mine.bookingWindowDays).toBe(240);
    expect(mine.tier?.perks.map((p) => p.label)).toContain(
      "Book up to 240 days ahead (60 more than our usual 180)",
    );
    const visitorView = await customerCaller(env, bronze).account.loyalty();
    expect(visitorView.bookingWindowDays).toBe(180);
  });

  it("staff booking by phone for the Gold customer's email may take day 225; for a visitor's, not", async () => {
    const staffCtx = { ...ownerCtx() };
    const forGold = await runOperation(operations.createBookingForStaff, staffCtx, {
      ...request(gold, dayIn(FAR), 18 * 60),
      contact: { name: "Gold Member", email: gold.email.toUpperCase(), phone: "408-555-0178" },
    });
    expect(forGold.status).toBe("CONFIRMED");
    const freeForGold = await runOperation(operations.findAvailabilityForStaff, staffCtx, {
      from: dayIn(FAR),
      to: dayIn(FAR),
      guests: 10,
      postalCode: "95125",
      email: gold.email,
    });
    expect(freeForGold.lastDate).toBe(dayIn(240));
    const err = await refusal(
      runOperation(operations.createBookingForStaff, staffCtx, request(null, dayIn(FAR))),
    );
    expect(err.message).toContain("We take bookings up to 180 days ahead.");
  });
});

describe("moving a booking: as far ahead as its member may book", () => {
  it("a Gold member's booking moves to day 230 (the move's calendar ends at day 240); a Bronze member's can't go to day 225", async () => {
    const made = await bookAs(gold, dayIn(200));
    const moving = customerCaller(env, gold).booking;
    const times = await moving.rescheduleTimes({
      id: made.id,
      token: made.token,
      from: dayIn(230),
      to: dayIn(230),
    });
    expect(times.lastDate).toBe(dayIn(240));
    expect(times.slots.map((s) => s.date)).toContain(dayIn(230));
    const moved = await moving.reschedule({
      id: made.id,
      token: made.token,
      date: dayIn(230),
      startMinute: 17 * 60,
    });
    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id: moved.id } });
    expect(b.startsAt.getTime()).toBe(moved.startsAt.getTime());
    expect(b.startsAt.toLocaleDateString("en-CA", { timeZone: "America/Los_Angeles" })).toBe(
      dayIn(230),
    );

    const theirs = await bookAs(bronze, dayIn(100));
    const err = await refusal(
      customerCaller(env, bronze).booking.reschedule({
        id: theirs.id,
        token: theirs.token,
        date: dayIn(FAR),
        startMinute: 17 * 60,
      }),
    );
    expect(err.message).toContain("We take bookings up to 180 days ahead.");
    const theirTimes = await customerCaller(env, bronze).booking.rescheduleTimes({
      id: theirs.id,
      token: theirs.token,
      from: dayIn(FAR),
      to: dayIn(FAR),
    });
    expect(theirTimes.lastDate).toBe(dayIn(180));
    expect(theirTimes.slots).toEqual([]);
  });
});

describe("the owner edits a tier's extra days", () => {
  it("Gold at 30 extra days: the next request refuses day 225 and the calendar ends at day 210", async () => {
    await setGoldExtra(30);
    try {
      const err = await refusal(bookAs(gold, dayIn(FAR)));
      expect(err.message).toContain("As a Gold member you can book up to 210 days ahead.");
      const view = await customerCaller(env, gold).booking.availability({
        from: dayIn(FAR),
        to: dayIn(FAR),
        guests: 10,
        postalCode: "95125",
      });
      expect(view.lastDate).toBe(dayIn(210));
      expect(view.unavailable).toMatchObject({ kind: "beyond_window", bookingWindowDays: 210 });
    } finally {
      await setGoldExtra(60);
    }
    const view = await customerCaller(env, gold).booking.availability({
      from: dayIn(FAR),
      to: dayIn(FAR),
      guests: 10,
      postalCode: "95125",
    });
    expect(view.lastDate).toBe(dayIn(240));
  });

  it("refuses more than 365 extra days, or a negative number, in words", async () => {
    const tiers = await runOperation(operations.listLoyaltyTiers, ownerCtx(), undefined);
    const g = tiers.find((t) => t.name === "Gold")!;
    for (const [days, said] of [
      [366, "Extra days ahead can be at most 365."],
      [-1, "Extra days ahead can't be below 0."],
      [1.5, "Extra days ahead is a whole number of days."],
    ] as const) {
      const err = await refusal(
        runOperation(operations.updateLoyaltyTier, ownerCtx(), {
          id: g.id,
          tier: { extraWindowDays: days },
        }),
      );
      expect(err.message).toContain(said);
    }
    const after = await runOperation(operations.listLoyaltyTiers, ownerCtx(), undefined);
    expect(after.find((t) => t.name === "Gold")!.extraWindowDays).toBe(60);
  });
});
