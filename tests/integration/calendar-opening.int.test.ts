// The calendars open on the first month with a free day (attack finding G12). Late in a month the
// 48-hour notice leaves no free day in it, and the customer used to see an all-grey month. The
// availability answer for a month now says where the first free day is from that month on
// (`firstFreeDate`, searched past the month up to the end of the booking window, `lastDate`), so
// the wizard and the reschedule calendar open there; null when nothing is free in the whole
// window (the calendar says so). Moving a booking: its own time is no time to move to. Through
// the customer site's own procedures, with the clock set late in March.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeBookingStatus, createBooking } from "@myhibachi/core";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { customerCaller, staffActor, withoutBookingLimits } from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  await withoutBookingLimits(env);
});
afterAll(async () => env?.close());

/** Tuesday, March 30, 2027, 8 pm in San Jose: 48 hours' notice reaches past the end of March. */
const NOW = new Date("2027-03-31T03:00:00Z");
const now = () => NOW;
const site = () => customerCaller(env, null, now);
const month = (from: string, to: string) =>
  site().booking.availability({ from, to, guests: 10, postalCode: FIXTURE_ADDRESS.postalCode });

describe("where the calendar opens", () => {
  it("nothing left in March: March's answer points at April 2, the first free day", async () => {
    const march = await month("2027-03-01", "2027-03-31");
    expect(march.slots).toEqual([]);
    // April 1's times all start before the notice runs out (8 pm): the 2nd is the first day.
    expect(march.firstFreeDate).toBe("2027-04-02");
    expect(march.lastDate).toBe("2027-09-26"); // 180 days from March 30
    const april = await month("2027-04-01", "2027-04-30");
    expect(april.slots[0]?.date).toBe("2027-04-02");
    expect(april.firstFreeDate).toBe("2027-04-02");
  });

  it("nothing free in the whole booking window: firstFreeDate is null (the calendar says so)", async () => {
    const chefId = env.biz.chefIds[0]!;
    const hours = await env.t.db.chefWorkingHours.findMany({ where: { chefId } });
    await env.t.db.chefWorkingHours.deleteMany({ where: { chefId } });
    await env.cache.invalidate("chefs");
    try {
      const march = await month("2027-03-01", "2027-03-31");
      expect(march).toMatchObject({ slots: [], firstFreeDate: null, lastDate: "2027-09-26" });
    } finally {
      await env.t.db.chefWorkingHours.createMany({
        data: hours.map(({ id: _id, ...h }) => h),
      });
      await env.cache.invalidate("chefs");
    }
  });

  it("moving a booking: a month whose only free time is the booking's own opens on the next free day", async () => {
    // One start time a day (6 pm), so the booking's day has no other time to move to.
    const before = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    await env.t.db.businessSettings.update({
      where: { id: 1 },
      data: { slotStartMinutes: [18 * 60], version: { increment: 1 } },
    });
    await env.cache.invalidate("catalog");
    try {
      const deps = { cache: env.cache, now };
      const b = await createBooking(
        env.t.db,
        {
          idempotencyKey: `opening-${Math.random().toString(36).slice(2)}`,
          date: "2027-04-10",
          startMinute: 18 * 60,
          selection: classicSelection(10),
          address: FIXTURE_ADDRESS,
          contact: { name: "Mo Ver", email: "mover@example.com", phone: "408-555-0100" },
        },
        deps,
      );
      await changeBookingStatus(
        env.t.db,
        { bookingId: b.id, action: "confirm", actor: await staffActor(env) },
        deps,
      );
      const ref = { id: b.id, token: b.accessToken };
      const day = await site().booking.rescheduleTimes({
        ...ref,
        from: "2027-04-10",
        to: "2027-04-10",
      });
      expect(day.slots.map((s) => [s.date, s.current])).toEqual([["2027-04-10", true]]);
      expect(day.firstFreeDate).toBe("2027-04-11");
      // A new party sees April 10 as taken, and the 2nd as its first free day.
      expect((await month("2027-04-01", "2027-04-30")).firstFreeDate).toBe("2027-04-02");
    } finally {
      await env.t.db.businessSettings.update({
        where: { id: 1 },
        data: { slotStartMinutes: before.slotStartMinutes, version: { increment: 1 } },
      });
      await env.cache.invalidate("catalog");
    }
  });
});
