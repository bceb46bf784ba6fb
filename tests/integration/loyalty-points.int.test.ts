// Redeeming and expiring loyalty points (issue 14) on a real database, through the customer
// site's tRPC (the wizard's API path): the POINTS line of a quote and a booking (100 points = $1
// off the food after the other discounts), the balance as the ledger's sum, a retry that redeems
// once, two bookings racing for the same points (one wins, the other hears a 409 it can act on,
// the balance never below zero), a cancellation and an expired hold each giving the points back
// once, and the nightly recompute expiring the points of a customer with no completed booking in
// 24 months (once). Figures are worked out by hand from the fixtures: a past party of $600.00
// earns 600 points.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHold,
  expireHolds,
  finishHeldBooking,
  recomputeAllLoyalty,
  recomputeCustomerLoyalty,
} from "@myhibachi/core";
import type { SessionUser } from "@myhibachi/auth";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { createUser } from "./admin-helpers";
import {
  customerCaller,
  dayIn,
  pastBookingOf,
  signedInMember,
  withoutBookingLimits,
} from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;

beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  await withoutBookingLimits(env);
});
afterAll(async () => {
  await env?.close();
});

const NOW = new Date("2026-12-01T18:00:00Z");
const input = { selection: classicSelection(10), postalCode: "95125" };

/** A signed-in customer (verified) with `pastParties` completed parties of `totalCents` each. */
const member = (pastParties: number, totalCents = 60_000) =>
  signedInMember(env, NOW, { pastParties, totalCents });

const balanceOf = async (customerId: string) =>
  (await env.t.db.loyaltyLedger.aggregate({ where: { customerId }, _sum: { points: true } }))._sum
    .points ?? 0;

let seq = 0;
function bookingInput(user: SessionUser, date: string, extra: Record<string, unknown> = {}) {
  seq++;
  return {
    idempotencyKey: `points-${seq}-${randomBytes(6).toString("hex")}`,
    date,
    startMinute: 17 * 60,
    selection: classicSelection(10),
    address: FIXTURE_ADDRESS,
    contact: { name: user.name, email: user.email, phone: "408-555-0100" },
    ...extra,
  };
}

describe("using points on a booking", () => {
  it("a quote takes 1,200 points as $12 off the food after the tier discount; the answer says the balance and the most usable", async () => {
    const m = await member(5); // 3,000 points, Silver (10 %)
    const caller = customerCaller(env, m.user);
    const plain = await caller.booking.quote(input);
    expect(plain.points).toEqual({ balance: 3000, maxRedeemable: 3000, pointsPerDollar: 100 });
    expect(plain.lines.some((l) => l.code === "POINTS")).toBe(false);

    const q = await caller.booking.quote({ ...input, redeemPoints: 1200 });
    const line = q.lines.find((l) => l.code === "POINTS")!;
    expect(line).toMatchObject({ label: "1,200 points used: $12.00 off", totalCents: -1200 });
    const codes = q.lines.map((l) => l.code);
    expect(codes.indexOf("POINTS")).toBeGreaterThan(codes.indexOf("LOYALTY"));
    expect(codes.indexOf("POINTS")).toBeLessThan(codes.indexOf("TRAVEL"));
    expect(q.subtotalCents).toBe(plain.subtotalCents - 1200);
    expect(q.totalCents).toBe(q.lines.reduce((s, l) => s + l.totalCents, 0));
    // The most usable is measured before the points (the same 3,000).
    expect(q.points).toEqual(plain.points);

    // More than the balance: 409 in words; not in steps of 100: 400 beside the field.
    await expect(caller.booking.quote({ ...input, redeemPoints: 3100 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("You have 3,000 points ($30.00) now"),
    });
    await expect(caller.booking.quote({ ...input, redeemPoints: 150 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    // A visitor has no points to use.
    const anon = customerCaller(env, null);
    expect((await anon.booking.quote(input)).points).toBeNull();
    await expect(anon.booking.quote({ ...input, redeemPoints: 100 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Sign in to use your points.",
    });
  });

  it("a booking writes one REDEEM row with the booking (a retry redeems nothing more); cancelling gives them back once", async () => {
    const m = await member(5); // 3,000 points
    const caller = customerCaller(env, m.user);
    const req = bookingInput(m.user, dayIn(20), { redeemPoints: 1200 });
    const made = await caller.booking.create(req);
    const again = await caller.booking.create(req);
    expect(again).toMatchObject({ id: made.id, replayed: true });

    const b = await env.t.db.booking.findUniqueOrThrow({
      where: { id: made.id },
      include: { lines: true },
    });
    expect(b.lines.find((l) => l.code === "POINTS")?.totalCents).toBe(-1200);
    expect(b.totalCents).toBe(b.lines.reduce((s, l) => s + l.totalCents, 0));
    const redeems = await env.t.db.loyaltyLedger.findMany({
      where: { kind: "REDEEM", bookingId: made.id },
    });
    expect(redeems).toEqual([
      expect.objectContaining({ customerId: m.customerId, sourceId: made.id, points: -1200 }),
    ]);
    expect(await balanceOf(m.customerId)).toBe(1800);
    // The customer sees the balance at once (the ledger's sum, not the nightly figure).
    expect((await caller.account.loyalty()).points).toBe(1800);
    expect((await caller.booking.quote(input)).points?.balance).toBe(1800);

    // A change of party keeps the points used.
    const preview = await caller.booking.previewChange({
      id: made.id,
      selection: classicSelection(12),
    });
    expect(preview.plan!.quote.lines.find((l) => l.code === "POINTS")?.totalCents).toBe(-1200);

    await caller.booking.cancel({ id: made.id, reason: "Plans changed" });
    await recomputeCustomerLoyalty(env.t.db, m.customerId, NOW);
    await recomputeCustomerLoyalty(env.t.db, m.customerId, NOW);
    const back = await env.t.db.loyaltyLedger.findMany({
      where: { bookingId: made.id, kind: "REVERSE" },
    });
    expect(back).toEqual([
      expect.objectContaining({ sourceId: `redeem:${made.id}`, points: 1200 }),
    ]);
    expect(await balanceOf(m.customerId)).toBe(3000);
    // Cancelling again is refused and gives nothing more.
    await expect(caller.booking.cancel({ id: made.id, reason: "again" })).rejects.toThrow();
    expect(await balanceOf(m.customerId)).toBe(3000);
  });

  it("two bookings spending the same points at once: one is made, the other is refused with a 409 that says what to do", async () => {
    const m = await member(1, 100_000); // 1,000 points
    const caller = customerCaller(env, m.user);
    const results = await Promise.allSettled([
      caller.booking.create(bookingInput(m.user, dayIn(21), { redeemPoints: 1000 })),
      caller.booking.create(bookingInput(m.user, dayIn(22), { redeemPoints: 1000 })),
    ]);
    const made = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(made).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
      code: "CONFLICT",
      message:
        "You have 0 points ($0.00) now: not enough to use 1,000 (were they just used on another booking?). Book without points.",
    });
    expect(await balanceOf(m.customerId)).toBe(0);
    // Only the booking that was made exists (the refused one wrote nothing).
    const live = await env.t.db.booking.count({
      where: { customerId: m.customerId, startsAt: { gt: NOW }, status: { not: "CANCELLED" } },
    });
    expect(live).toBe(1);
  });

  it("points can't be used on a booking made with someone else's email, nor by an unconfirmed account", async () => {
    const m = await member(2); // 1,200 points
    const caller = customerCaller(env, m.user);
    const req = bookingInput(m.user, dayIn(23), { redeemPoints: 100 });
    await expect(
      caller.booking.create({ ...req, contact: { ...req.contact, email: "other@example.com" } }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("made with your own email"),
    });
    await expect(
      customerCaller(env, { ...m.user, emailVerified: false }).booking.create(req),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await balanceOf(m.customerId)).toBe(1200);
  });

  it("a held booking that expires gives its points back once", async () => {
    const m = await member(2); // 1,200 points
    const caller = customerCaller(env, m.user);
    const made = await caller.booking.create(
      bookingInput(m.user, dayIn(24), { redeemPoints: 500 }),
    );
    expect(await balanceOf(m.customerId)).toBe(700);
    // As if it waited for a deposit that never came (Stripe mode holds it until then).
    const past = new Date(Date.now() - 60_000);
    await env.t.db.booking.update({
      where: { id: made.id },
      data: { status: "HELD", holdExpiresAt: past },
    });
    expect(await expireHolds(env.t.db, new Date())).toBeGreaterThanOrEqual(1);
    await expireHolds(env.t.db, new Date());
    await recomputeCustomerLoyalty(env.t.db, m.customerId, NOW);
    expect(
      await env.t.db.loyaltyLedger.findMany({
        where: { sourceId: `redeem:${made.id}` },
        select: { kind: true, points: true },
      }),
    ).toEqual([{ kind: "REVERSE", points: 500 }]);
    expect(await balanceOf(m.customerId)).toBe(1200);
  });
});

describe("points on the finish-a-hold page", () => {
  it("finishing a chat hold with points writes the POINTS line and one REDEEM; finishing again writes nothing more", async () => {
    const m = await member(2); // 1,200 points
    const hold = await createHold(
      env.t.db,
      {
        idempotencyKey: `points-hold-${randomBytes(6).toString("hex")}`,
        date: dayIn(26),
        startMinute: 12 * 60,
        guests: 10,
        postalCode: FIXTURE_ADDRESS.postalCode,
      },
      { cache: env.cache },
    );
    const finish = {
      bookingId: hold.id,
      token: hold.accessToken,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: { name: m.user.name, email: m.user.email, phone: "408-555-0100" },
      user: m.user,
      redeemPoints: 1200,
    };
    const b = await finishHeldBooking(env.t.db, finish, { cache: env.cache });
    await finishHeldBooking(env.t.db, finish, { cache: env.cache });
    const lines = await env.t.db.bookingLine.findMany({ where: { bookingId: b.id } });
    expect(lines.find((l) => l.code === "POINTS")?.totalCents).toBe(-1200);
    expect(b.totalCents).toBe(lines.reduce((s, l) => s + l.totalCents, 0));
    expect(
      await env.t.db.loyaltyLedger.findMany({
        where: { bookingId: b.id },
        select: { kind: true, points: true },
      }),
    ).toEqual([{ kind: "REDEEM", points: -1200 }]);
    expect(await balanceOf(m.customerId)).toBe(0);
  });
});

describe("points expire after 24 months without a completed booking", () => {
  it("the nightly recompute writes one EXPIRE row for the balance; a customer with a recent party keeps theirs", async () => {
    const quiet = await member(0);
    // Two parties that ended about 25 months before NOW: 1,200 points.
    const longAgo = new Date("2024-11-01T18:00:00Z");
    await pastBookingOf(env, quiet.customerId, longAgo);
    await pastBookingOf(env, quiet.customerId, longAgo);
    const recent = await member(0);
    await pastBookingOf(env, recent.customerId, new Date("2025-01-15T18:00:00Z")); // 23 months

    await recomputeAllLoyalty(env.t.db, NOW);
    await recomputeAllLoyalty(env.t.db, NOW);
    await recomputeCustomerLoyalty(
      env.t.db,
      quiet.customerId,
      new Date(NOW.getTime() + 86_400_000),
    );

    const expired = await env.t.db.loyaltyLedger.findMany({
      where: { customerId: quiet.customerId, kind: "EXPIRE" },
    });
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ points: -1200, bookingId: null });
    expect(expired[0]!.sourceId.startsWith(`${quiet.customerId}:2024-`)).toBe(true);
    expect(expired[0]!.note).toMatch(/^1,200 points expired: no completed booking in 24 months/);
    expect(await balanceOf(quiet.customerId)).toBe(0);
    const row = await env.t.db.customerLoyalty.findUniqueOrThrow({
      where: { customerId: quiet.customerId },
    });
    expect(row.points).toBe(0);

    expect(
      await env.t.db.loyaltyLedger.count({
        where: { customerId: recent.customerId, kind: "EXPIRE" },
      }),
    ).toBe(0);
    expect(await balanceOf(recent.customerId)).toBe(600);
  });
});

describe("the referral code on My bookings", () => {
  it("a confirmed customer gets their code (the same each time); an unconfirmed or new account hears why not", async () => {
    const m = await member(1);
    const caller = customerCaller(env, m.user);
    const first = await caller.account.referralCode();
    expect(first.code).toMatch(/^REF-[A-Z0-9]{6}$/);
    expect(first).toMatchObject({ percentOff: 10, reason: null });
    expect(await caller.account.referralCode()).toEqual(first);
    const row = await env.t.db.referralCode.findUniqueOrThrow({ where: { code: first.code! } });
    expect(row.customerId).toBe(m.customerId);

    expect(
      await customerCaller(env, { ...m.user, emailVerified: false }).account.referralCode(),
    ).toEqual({
      code: null,
      percentOff: null,
      reason: "Confirm your email to get your referral code.",
    });
    const u = await createUser(env.t.db, "CUSTOMER");
    const fresh = await customerCaller(env, {
      id: u.id,
      email: u.email,
      name: u.name,
      role: "CUSTOMER",
      emailVerified: true,
    }).account.referralCode();
    expect(fresh).toEqual({
      code: null,
      percentOff: null,
      reason: "You get your referral code with your first booking.",
    });
    await expect(customerCaller(env, null).account.referralCode()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
