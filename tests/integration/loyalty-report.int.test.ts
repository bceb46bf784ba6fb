// The owner's loyalty report (issue 14, point 4) on its own database, checked against figures
// worked out by hand from the bookings written here: customers and points per tier, the points
// outstanding (1 per dollar of each completed event, less a refund's dollars), the tier discount
// of a signed-in Silver customer's new booking in the month it was made, and who booked again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recomputeCustomerLoyalty, runOperation, operations } from "@myhibachi/core";
import type { SessionUser } from "@myhibachi/auth";
import { createUser } from "./admin-helpers";
import { book, dayIn, pastBookingOf, TZ, withoutBookingLimits } from "./after-booking-support";
import { todayIn } from "@myhibachi/shared";
import { setupEnv, type Env } from "./helpers";

let env: Env;
beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  await withoutBookingLimits(env);
});
afterAll(async () => env?.close());

const NOW = new Date();

describe("the owner's loyalty report", () => {
  it("tiers, points owed, discounts by month and repeat bookings, as worked out by hand", async () => {
    const db = env.t.db;
    // Silver: 4 completed events of $500 (2,000 points) and a new booking made signed in.
    const u = await createUser(db, "CUSTOMER");
    const silver: SessionUser = {
      id: u.id,
      email: u.email,
      name: u.name,
      role: "CUSTOMER",
      emailVerified: true,
    };
    const s = await db.customer.create({ data: { name: "Sil Ver", email: u.email, userId: u.id } });
    for (let i = 0; i < 4; i++) await pastBookingOf(env, s.id, NOW, { totalCents: 50_000 });
    // Bronze, one completed event of $300 (300 points), never booked again.
    const b = await db.customer.create({ data: { name: "Bron Ze", email: "bronze@example.test" } });
    await pastBookingOf(env, b.id, NOW, { totalCents: 30_000 });
    // Bronze, one completed event of $800 and a cancelled one: the cancellation is no repeat.
    const c = await db.customer.create({
      data: { name: "Can Celled", email: "cancel@example.test" },
    });
    await pastBookingOf(env, c.id, NOW, { totalCents: 80_000 });
    await pastBookingOf(env, c.id, NOW, { status: "CANCELLED" });
    for (const id of [s.id, b.id, c.id]) await recomputeCustomerLoyalty(db, id, NOW);

    const date = dayIn(20);
    const made = await book(env, { date, email: u.email, user: silver, confirm: true });
    const line = await db.bookingLine.findFirst({ where: { bookingId: made.id, code: "LOYALTY" } });
    expect(line?.totalCents).toBeLessThan(0);

    const as = async (role: "OWNER" | "STAFF") => {
      const user: SessionUser = { ...(await createUser(db, role)), role };
      return {
        db,
        cache: env.cache,
        now: () => NOW,
        caller: { user, address: null, surface: "internal" as const },
      };
    };
    const report = await runOperation(operations.getLoyaltyReport, await as("OWNER"), undefined);

    const tier = (name: string) => report.tiers.find((t) => t.name === name)!;
    expect(tier("Silver")).toMatchObject({
      customers: 1,
      points: 2_000,
      repeat: { customers: 1, bookedAgain: 1 },
    });
    expect(tier("Bronze")).toMatchObject({
      customers: 2,
      points: 1_100,
      repeat: { customers: 2, bookedAgain: 0 },
    });
    expect(tier("Gold")).toMatchObject({ customers: 0, points: 0 });
    expect(report.pointsOutstanding).toBe(3_100);
    // Given in the month the booking was made (this month, in the business's time zone).
    const thisMonth = todayIn(TZ, NOW).slice(0, 7);
    expect(report.discountsByMonth.at(-1)).toEqual({
      month: thisMonth,
      discountCents: -line!.totalCents,
      bookings: 1,
    });
    expect(report.discountsByMonth.slice(0, -1).every((m) => m.discountCents === 0)).toBe(true);
    expect(report.discountsByMonth).toHaveLength(12);

    // Staff and customers can't read it.
    await expect(
      runOperation(operations.getLoyaltyReport, await as("STAFF"), undefined),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
