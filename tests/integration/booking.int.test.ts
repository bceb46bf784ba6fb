import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AppError,
  cancelBooking,
  confirmHeldBooking,
  issueAccessToken,
  createBooking,
  eventTiming,
  expireHolds,
  getAvailability,
  rescheduleBooking,
  type CreateBookingInput,
} from "@myhibachi/core";
import { pgErrorCode } from "@myhibachi/db";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { setupEnv, type Env } from "./helpers";

// "Now" is fixed; events are a couple of weeks later (past the 48 h notice).
const NOW = new Date("2026-06-01T17:00:00Z");
const DATE = "2026-06-13";
let env: Env;
beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  // Rate limits have their own tests (booking-integrity); here many bookings share an email.
  await env.t.db.businessSettings.update({ where: { id: 1 }, data: { bookingRateLimit: 1000 } });
});
afterAll(async () => env?.close());

const deps = () => ({ cache: env.cache, now: () => NOW });
function input(i: number, over: Partial<CreateBookingInput> = {}): CreateBookingInput {
  return {
    idempotencyKey: `key-${i}-${Math.random().toString(36).slice(2)}`,
    date: DATE,
    startMinute: 17 * 60,
    selection: classicSelection(10),
    address: FIXTURE_ADDRESS,
    contact: { name: `Guest ${i}`, email: `guest${i}@example.com`, phone: "408-555-0100" },
    ...over,
  };
}

describe("booking against the real database", () => {
  it("50 parallel requests for the last free chef: exactly one booking, 49 clear conflicts", async () => {
    // All 50 customers saw the time free in the calendar a moment ago (its answer's asOf).
    const seenAt = new Date();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => createBooking(env.t.db, input(i, { seenAt }), deps())),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(49);
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(AppError);
      expect((f.reason as AppError).code).toBe("CONFLICT");
      expect((f.reason as AppError).message).toMatch(
        /^Sorry, that time was just booked by someone else\./,
      );
    }
    // The conflict offers other times the customer can pick.
    const alts = (failed[0]!.reason as AppError).details?.alternatives as { date: string }[];
    expect(alts.length).toBeGreaterThan(0);
    const live = await env.t.db.bookingChef.count({ where: { live: true } });
    expect(live).toBe(1);
    expect(
      await env.t.db.booking.count({
        where: { startsAt: eventTiming(env.biz.settings, DATE, 1020, 20).startsAt },
      }),
    ).toBe(1);
  });

  it("a retried request with the same idempotency key returns the same booking", async () => {
    const req = input(100, { date: "2026-06-20", startMinute: 12 * 60 });
    const [a, b] = await Promise.all([
      createBooking(env.t.db, req, deps()),
      createBooking(env.t.db, req, deps()),
    ]);
    const c = await createBooking(env.t.db, req, deps());
    expect(a.id).toBe(b.id);
    expect(c.id).toBe(a.id);
    expect(c.replayed).toBe(true);
    expect(await env.t.db.booking.count({ where: { idempotencyKey: req.idempotencyKey } })).toBe(1);
  });

  it("refuses two overlapping bookings of different lengths for one chef", async () => {
    // 25 guests run 135 minutes: 3:00-5:15 pm, chef blocked 2:00-5:45 pm.
    const big = await createBooking(
      env.t.db,
      input(200, { date: "2026-06-27", startMinute: 15 * 60, selection: classicSelection(25) }),
      deps(),
    );
    expect(big.endsAt.getTime() - big.startsAt.getTime()).toBe(135 * 60_000);
    // A short party at 5 pm would need the chef from 4 pm: refused.
    await expect(
      createBooking(
        env.t.db,
        input(201, { date: "2026-06-27", startMinute: 17 * 60, selection: classicSelection(4) }),
        deps(),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // And Postgres itself refuses an overlapping block, whatever the application thinks.
    const booking = await env.t.db.booking.findUniqueOrThrow({ where: { id: big.id } });
    const chefId = env.biz.chefIds[0]!;
    const err = await env.t.db.bookingChef
      .create({
        data: {
          bookingId: booking.id,
          chefId,
          blockStart: new Date(booking.startsAt.getTime() + 3600_000),
          blockEnd: new Date(booking.endsAt.getTime() + 6 * 3600_000),
        },
      })
      .catch((e: unknown) => e);
    expect(pgErrorCode(err)).toBe("23P01");
  });

  it("cancelling frees the chef at once (trigger) and applies the refund policy", async () => {
    const b = await createBooking(
      env.t.db,
      input(300, { date: "2026-07-04", startMinute: 18 * 60 }),
      deps(),
    );
    const before = await getAvailability(
      env.t.db,
      { from: "2026-07-04", to: "2026-07-04", guests: 10, postalCode: "95125" },
      { cache: env.cache, now: NOW },
    );
    expect(before.slots.some((s) => s.startMinute === 18 * 60)).toBe(false);
    // Made online, it is held until the customer confirms it from the emailed link.
    expect(b.status).toBe("HELD");
    await confirmHeldBooking(
      env.t.db,
      {
        bookingId: b.id,
        // The link the confirmation email carries: only an emailed link can confirm.
        actor: {
          kind: "token",
          token: await issueAccessToken(env.t.db, b.id, { sentByEmail: true }),
        },
      },
      deps(),
    );
    const customer = await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    expect(customer.status).toBe("PENDING");
    const cancelled = await cancelBooking(
      env.t.db,
      {
        bookingId: b.id,
        reason: "Rain",
        actor: { kind: "customer", customerIds: [customer.customerId!] },
      },
      deps(),
    );
    expect(cancelled.status).toBe("CANCELLED");
    // No Stripe here ("pay at the event"): nothing was paid online, so nothing is refunded
    // (the Stripe refund policy is tested in payments.int.test.ts).
    expect(cancelled.refundCents).toBe(0);
    expect(await env.t.db.bookingChef.count({ where: { bookingId: b.id, live: true } })).toBe(0);
    const after = await getAvailability(
      env.t.db,
      { from: "2026-07-04", to: "2026-07-04", guests: 10, postalCode: "95125" },
      { cache: env.cache, now: NOW },
    );
    expect(after.slots.some((s) => s.startMinute === 18 * 60)).toBe(true);
    // Another customer cannot touch it.
    await expect(
      cancelBooking(
        env.t.db,
        {
          bookingId: b.id,
          reason: "x",
          actor: { kind: "customer", customerIds: ["someone-else"] },
        },
        deps(),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("late cancellation keeps the deposit", async () => {
    const b = await createBooking(
      env.t.db,
      input(400, { date: "2026-07-11", startMinute: 12 * 60 }),
      deps(),
    );
    const late = new Date(b.startsAt.getTime() - 24 * 3600_000);
    const c = await cancelBooking(
      env.t.db,
      { bookingId: b.id, reason: "", actor: { kind: "token", token: b.accessToken } },
      { cache: env.cache, now: () => late },
    );
    expect(c.refundCents).toBe(0);
  });

  it("reschedules to a free time and refuses a taken one", async () => {
    const a = await createBooking(
      env.t.db,
      input(500, { date: "2026-07-18", startMinute: 12 * 60 }),
      deps(),
    );
    const b = await createBooking(
      env.t.db,
      input(501, { date: "2026-07-18", startMinute: 19 * 60 + 30 }),
      deps(),
    );
    const moved = await rescheduleBooking(
      env.t.db,
      {
        bookingId: a.id,
        date: "2026-07-19",
        startMinute: 15 * 60,
        actor: { kind: "token", token: a.accessToken },
      },
      deps(),
    );
    expect(moved.startsAt.toISOString()).toBe("2026-07-19T22:00:00.000Z");
    await expect(
      rescheduleBooking(
        env.t.db,
        {
          bookingId: a.id,
          date: "2026-07-18",
          startMinute: 18 * 60,
          actor: { kind: "token", token: a.accessToken },
        },
        deps(),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).status).toBe(
      b.status,
    );

    // Moving it to the time it already has: refused in words; nothing written, nothing sent.
    const eventsBefore = await env.t.db.bookingEvent.count({ where: { bookingId: a.id } });
    const chefsBefore = await env.t.db.bookingChef.findMany({ where: { bookingId: a.id } });
    const sent: unknown[] = [];
    const same = await rescheduleBooking(
      env.t.db,
      {
        bookingId: a.id,
        date: "2026-07-19",
        startMinute: 15 * 60,
        actor: { kind: "token", token: a.accessToken },
      },
      { ...deps(), notify: async (n: unknown) => void sent.push(n) },
    ).catch((e: unknown) => e);
    expect(same).toBeInstanceOf(AppError);
    expect((same as AppError).code).toBe("BAD_REQUEST");
    expect((same as AppError).message).toMatch(
      /^That's already your booking's time\. It stays on .+; pick/,
    );
    expect(sent).toEqual([]);
    expect(await env.t.db.bookingEvent.count({ where: { bookingId: a.id } })).toBe(eventsBefore);
    expect(await env.t.db.bookingChef.findMany({ where: { bookingId: a.id } })).toEqual(
      chefsBefore,
    );
  });

  it("an unconfirmed booking expires by itself and its time becomes bookable again", async () => {
    const h = await createBooking(
      env.t.db,
      input(600, { date: "2026-07-25", startMinute: 17 * 60 }),
      deps(),
    );
    expect(h.status).toBe("HELD");
    expect(h.holdExpiresAt!.getTime()).toBe(NOW.getTime() + 30 * 60_000);
    const later = new Date(NOW.getTime() + 31 * 60_000);
    // No sweeper needed: the next booking attempt expires stale holds first.
    const b = await createBooking(
      env.t.db,
      input(601, { date: "2026-07-25", startMinute: 17 * 60 }),
      { cache: env.cache, now: () => later },
    );
    expect(b.status).toBe("HELD");
    expect((await env.t.db.booking.findUniqueOrThrow({ where: { id: h.id } })).status).toBe(
      "EXPIRED",
    );
    expect(await expireHolds(env.t.db, later)).toBe(0);
  });

  it("rejects bad input before saving anything", async () => {
    const count = await env.t.db.booking.count();
    const customers = await env.t.db.customer.count();
    await expect(
      createBooking(env.t.db, input(700, { date: "2026-05-01" }), deps()),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/past/) });
    await expect(
      createBooking(env.t.db, input(701, { date: "2026-06-02" }), deps()),
    ).rejects.toMatchObject({ message: expect.stringMatching(/48 hours/) });
    await expect(
      createBooking(env.t.db, input(702, { date: "2027-06-02" }), deps()),
    ).rejects.toMatchObject({ message: expect.stringMatching(/180 days/) });
    await expect(
      createBooking(
        env.t.db,
        input(703, { address: { ...FIXTURE_ADDRESS, postalCode: "95814" } }),
        deps(),
      ),
    ).rejects.toMatchObject({ message: expect.stringMatching(/outside our service area/) });
    await expect(
      createBooking(
        env.t.db,
        input(704, { address: { ...FIXTURE_ADDRESS, postalCode: "10001" } }),
        deps(),
      ),
    ).rejects.toMatchObject({ message: expect.stringMatching(/outside our service area/) });
    await expect(
      createBooking(env.t.db, input(705, { startMinute: 17 * 60 + 7 }), deps()),
    ).rejects.toMatchObject({ message: expect.stringMatching(/start time/) });
    await expect(
      createBooking(env.t.db, input(706, { selection: classicSelection(500) }), deps()),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await env.t.db.booking.count()).toBe(count);
    expect(await env.t.db.customer.count()).toBe(customers);
  });

  it("booking under someone else's email never links their history to your account", async () => {
    const victim = "victim@example.com";
    await createBooking(
      env.t.db,
      input(800, {
        date: "2026-08-01",
        startMinute: 12 * 60,
        contact: { name: "Vic", email: victim, phone: "408-555-0111" },
      }),
      deps(),
    );
    const mkUser = async (email: string, emailVerified: boolean) =>
      env.t.db.user.create({
        data: {
          id: `u-${Math.random().toString(36).slice(2)}`,
          email: `${Math.random().toString(36).slice(2)}-${email}`,
          name: "U",
          emailVerified,
        },
      });
    const attacker = await mkUser("attacker@example.com", false);
    // Signed in as someone else, booking with the victim's email: no link.
    await createBooking(
      env.t.db,
      input(801, {
        date: "2026-08-02",
        startMinute: 12 * 60,
        contact: { name: "Eve", email: victim, phone: "408-555-0112" },
        user: { id: attacker.id, email: attacker.email, emailVerified: false },
      }),
      deps(),
    );
    // An unverified account that claims the victim's email: still no link to the existing record.
    await createBooking(
      env.t.db,
      input(802, {
        date: "2026-08-03",
        startMinute: 12 * 60,
        contact: { name: "Eve", email: victim, phone: "408-555-0112" },
        user: { id: attacker.id, email: victim, emailVerified: false },
      }),
      deps(),
    );
    let rec = await env.t.db.customer.findUniqueOrThrow({ where: { email: victim } });
    expect(rec.userId).toBeNull();
    expect(rec.name).toBe("Vic"); // not rewritten by other people's bookings
    // The real owner, verified by an emailed link, is linked.
    const owner = await env.t.db.user.create({
      data: { id: "u-owner-victim", email: victim, name: "Vic", emailVerified: true },
    });
    await createBooking(
      env.t.db,
      input(803, {
        date: "2026-08-04",
        startMinute: 12 * 60,
        contact: { name: "Vic", email: victim, phone: "408-555-0111" },
        user: { id: owner.id, email: victim, emailVerified: true },
      }),
      deps(),
    );
    rec = await env.t.db.customer.findUniqueOrThrow({ where: { email: victim } });
    expect(rec.userId).toBe(owner.id);
  });
});
