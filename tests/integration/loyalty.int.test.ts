// Loyalty (issue 14, points 1-3) on a real database: the tier follows completed bookings at the
// boundaries, a cancellation or refund takes points back and can drop the tier, a completion
// recomputed any number of times writes one ledger entry and one tier-up email, a signed-in
// Silver customer's quote carries the 10 % line (and the booking stores it) while a visitor's has
// none, and nobody reads another customer's loyalty.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  changeBookingStatus,
  kitchenOrdersOf,
  operations,
  recomputeAllLoyalty,
  recomputeCustomerLoyalty,
  runOperation,
  settleRefund,
  tierUpKey,
} from "@myhibachi/core";
import type { SessionUser } from "@myhibachi/auth";
import { classicSelection } from "@myhibachi/seed/fixtures";
import { createUser } from "./admin-helpers";
import {
  book,
  customerCaller,
  pastBookingOf,
  dayIn,
  staffActor,
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

async function newCustomer(email = `c-${randomBytes(5).toString("hex")}@example.test`) {
  return env.t.db.customer.create({ data: { name: "Loyal Customer", email } });
}

/** A past event of the customer's (after-booking-support's pastBooking, ten-plus days before NOW). */
const pastBooking = (
  customerId: string,
  opts: { status?: "COMPLETED" | "CANCELLED"; totalCents?: number; paid?: boolean } = {},
) => pastBookingOf(env, customerId, NOW, opts);

async function ledgerOf(customerId: string) {
  return env.t.db.loyaltyLedger.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } });
}

describe("the tier follows completed bookings", () => {
  it.each([
    [0, "Bronze"],
    [3, "Bronze"],
    [4, "Silver"],
    [9, "Silver"],
    [10, "Gold"],
  ])("%i completed bookings: %s", async (count, tier) => {
    const c = await newCustomer();
    for (let i = 0; i < count; i++) await pastBooking(c.id);
    // A cancelled booking never counts.
    await pastBooking(c.id, { status: "CANCELLED", paid: false });
    const r = await recomputeCustomerLoyalty(env.t.db, c.id, NOW);
    expect(r.tier?.name).toBe(tier);
    expect(r.completedBookings).toBe(count);
    expect(r.lifetimeValueCents).toBe(count * 60_000);
    expect(r.points).toBe(count * 600);
    const row = await env.t.db.customerLoyalty.findUniqueOrThrow({
      where: { customerId: c.id },
      include: { tier: true },
    });
    expect(row.tier.name).toBe(tier);
    expect((await ledgerOf(c.id)).filter((e) => e.kind === "EARN")).toHaveLength(count);
  });
});

describe("points taken back", () => {
  it("a full refund of a completed booking takes its points back and drops Silver to Bronze", async () => {
    const c = await newCustomer();
    const bookings = [];
    for (let i = 0; i < 4; i++) bookings.push(await pastBooking(c.id));
    const before = await recomputeCustomerLoyalty(env.t.db, c.id, NOW);
    expect(before.tier?.name).toBe("Silver");

    const last = bookings[3]!;
    // Refunded in full from Stripe's dashboard: the webhook's settle recomputes at once.
    await settleRefund(
      env.t.db,
      {
        id: `re_${last.id}`,
        amount: 60_000,
        status: "succeeded",
        payment_intent: last.payment!.stripePaymentIntentId,
      },
      { now: () => NOW },
    );
    const refund = await env.t.db.refund.findUniqueOrThrow({
      where: { stripeRefundId: `re_${last.id}` },
    });
    const settled = await env.t.db.customerLoyalty.findUniqueOrThrow({
      where: { customerId: c.id },
      include: { tier: true },
    });
    expect(settled.tier.name).toBe("Bronze");
    const after = await recomputeCustomerLoyalty(env.t.db, c.id, NOW);
    expect(after.tier?.name).toBe("Bronze");
    expect(after.completedBookings).toBe(3);
    expect(after.points).toBe(3 * 600);
    expect(after.lifetimeValueCents).toBe(3 * 60_000);
    const entries = await ledgerOf(c.id);
    expect(entries.filter((e) => e.kind === "REFUND")).toEqual([
      expect.objectContaining({ sourceId: refund.id, bookingId: last.id, points: -600 }),
    ]);
    // Going down a tier sends nothing.
    expect(
      await env.t.db.emailMessage.count({
        where: { idempotencyKey: { startsWith: `tier-up:${c.id}` } },
      }),
    ).toBe(0);
    // Again: nothing new is written.
    await recomputeCustomerLoyalty(env.t.db, c.id, NOW);
    expect(await ledgerOf(c.id)).toHaveLength(entries.length);
  });

  it("a completed booking cancelled after all has its points reversed, once", async () => {
    const c = await newCustomer();
    const b = await pastBooking(c.id, { totalCents: 45_050 });
    expect((await recomputeCustomerLoyalty(env.t.db, c.id, NOW)).points).toBe(450);
    await env.t.db.booking.update({
      where: { id: b.id },
      data: { status: "CANCELLED", cancelledAt: NOW },
    });
    const r = await recomputeCustomerLoyalty(env.t.db, c.id, NOW);
    await recomputeCustomerLoyalty(env.t.db, c.id, NOW);
    expect(r.points).toBe(0);
    expect(r.completedBookings).toBe(0);
    const entries = await ledgerOf(c.id);
    expect(entries.map((e) => [e.kind, e.points])).toEqual([
      ["EARN", 450],
      ["REVERSE", -450],
    ]);
  });

  it("the ledger is append-only: an entry can't be changed", async () => {
    const c = await newCustomer();
    await pastBooking(c.id);
    await recomputeCustomerLoyalty(env.t.db, c.id, NOW);
    const [e] = await ledgerOf(c.id);
    await expect(
      env.t.db.loyaltyLedger.update({ where: { id: e!.id }, data: { points: 100_000 } }),
    ).rejects.toThrow(/append-only/);
  });
});

describe("a completion earns once and a tier-up is told once", () => {
  it("the fourth completion (through the staff operation) moves Bronze to Silver; reruns write nothing twice", async () => {
    // The email carries the owner's own brand from the settings.
    await env.t.db.businessSettings.update({
      where: { id: 1 },
      data: { businessName: "Kenji's Hibachi" },
    });
    const user = await createUser(env.t.db, "CUSTOMER");
    const c = await newCustomer(user.email);
    for (let i = 0; i < 3; i++) await pastBooking(c.id);
    expect((await recomputeCustomerLoyalty(env.t.db, c.id, NOW)).tier?.name).toBe("Bronze");

    const made = await book(env, { date: dayIn(12), email: user.email, confirm: true });
    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id: made.id } });
    expect(b.customerId).toBe(c.id);
    const after = new Date(b.endsAt.getTime() + 3_600_000);
    await changeBookingStatus(
      env.t.db,
      { bookingId: b.id, action: "complete", actor: await staffActor(env) },
      { cache: env.cache, now: () => after },
    );
    const row = await env.t.db.customerLoyalty.findUniqueOrThrow({
      where: { customerId: c.id },
      include: { tier: true },
    });
    expect(row.tier.name).toBe("Silver");
    expect(row.completedBookings).toBe(4);

    // The same completion processed again (a retried job, the nightly run, two at once).
    await Promise.all([
      recomputeCustomerLoyalty(env.t.db, c.id, after),
      recomputeCustomerLoyalty(env.t.db, c.id, after),
    ]);
    await recomputeAllLoyalty(env.t.db, after);
    const earns = (await ledgerOf(c.id)).filter((e) => e.bookingId === b.id);
    expect(earns).toEqual([
      expect.objectContaining({ kind: "EARN", points: Math.floor(b.totalCents / 100) }),
    ]);
    const mails = await env.t.db.emailMessage.findMany({
      where: { idempotencyKey: { startsWith: `tier-up:${c.id}:` } },
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.idempotencyKey).toBe(tierUpKey(c.id, row.tierId));
    expect(mails[0]!.to).toBe(user.email);
    expect(mails[0]!.subject).toBe("You're now a Silver member of Kenji's Hibachi");
    expect(mails[0]!.text).toMatch(/\n\nKenji's Hibachi$/);
    expect(mails[0]!.text).not.toContain("MyHibachi");
    expect(mails[0]!.text).toContain("6 bookings away from Gold");
  });
});

describe("the quote engine prices a signed-in customer's tier", () => {
  let silver: SessionUser;
  let silverCustomerId: string;
  const input = { selection: classicSelection(10), postalCode: "95125" };

  beforeAll(async () => {
    const u = await createUser(env.t.db, "CUSTOMER");
    silver = { id: u.id, email: u.email, name: u.name, role: "CUSTOMER", emailVerified: true };
    const c = await newCustomer(u.email);
    silverCustomerId = c.id;
    for (let i = 0; i < 5; i++) await pastBooking(c.id);
    await recomputeCustomerLoyalty(env.t.db, c.id, NOW);
  });

  it("a Silver customer's quote has the 10 % line and, with no appetizer ordered, the free appetizer as a line at zero saying how to use it; the total is the sum of the lines", async () => {
    const anon = await customerCaller(env, null).booking.quote(input);
    const q = await customerCaller(env, silver).booking.quote(input);
    const loyalty = q.lines.find((l) => l.code === "LOYALTY");
    expect(loyalty).toMatchObject({ label: "Silver member: 10 % off food" });
    expect(loyalty!.totalCents).toBe(-Math.floor((anon.subtotalCents * 1000 + 5000) / 10000));
    expect(q.lines.filter((l) => l.code === "PERK")).toEqual([
      expect.objectContaining({
        label: "Silver member: add an appetizer, one serving per guest is free",
        totalCents: 0,
      }),
    ]);
    expect(q.totalCents).toBe(q.lines.reduce((s, l) => s + l.totalCents, 0));
    expect(q.subtotalCents).toBe(anon.subtotalCents + loyalty!.totalCents);
    expect(q.totalCents).toBeLessThan(anon.totalCents);
    // The same question, the same answer (deterministic).
    expect(await customerCaller(env, silver).booking.quote(input)).toEqual(q);
  });

  it("a visitor's quote, and an unverified account's, has no loyalty line", async () => {
    const anon = await customerCaller(env, null).booking.quote(input);
    expect(anon.lines.some((l) => l.code === "LOYALTY" || l.code === "PERK")).toBe(false);
    expect(anon.totalCents).toBe(anon.lines.reduce((s, l) => s + l.totalCents, 0));
    const unverified = await customerCaller(env, { ...silver, emailVerified: false }).booking.quote(
      input,
    );
    expect(unverified.lines.some((l) => l.code === "LOYALTY")).toBe(false);
  });

  it("the booking a Silver customer makes stores the discount line and its terms; a change of party keeps them", async () => {
    const made = await book(env, { date: dayIn(15), email: silver.email, user: silver });
    const b = await env.t.db.booking.findUniqueOrThrow({
      where: { id: made.id },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    expect(b.customerId).toBe(silverCustomerId);
    expect(b.lines.find((l) => l.code === "LOYALTY")?.label).toBe("Silver member: 10 % off food");
    expect(b.totalCents).toBe(b.lines.reduce((s, l) => s + l.totalCents, 0));
    expect(b.loyalty).toMatchObject({ tierName: "Silver", discountBps: 1000 });

    // A bigger party, re-priced with the terms the booking was made with.
    const caller = customerCaller(env, silver);
    const selection = classicSelection(12);
    const preview = await caller.booking.previewChange({ id: b.id, selection });
    const planned = preview.plan!.quote;
    expect(planned.lines.find((l) => l.code === "LOYALTY")?.label).toBe(
      "Silver member: 10 % off food",
    );
    await caller.booking.change({ id: b.id, selection, expectedTotalCents: planned.totalCents });
    const changed = await env.t.db.booking.findUniqueOrThrow({
      where: { id: b.id },
      include: { lines: true },
    });
    expect(changed.adults).toBe(12);
    expect(changed.totalCents).toBe(planned.totalCents);
    expect(changed.lines.find((l) => l.code === "LOYALTY")?.totalCents).toBe(
      planned.lines.find((l) => l.code === "LOYALTY")!.totalCents,
    );
  });

  it("Silver's free appetizer: gyoza for 10 guests is free, named, stored on the booking and kept on a change of party even after the owner drops the perk", async () => {
    // Seed menu: Pork gyoza, $6.00 a serving (per guest). The appetizer costs a Silver member
    // nothing: the 10 servings come off before the 10 %.
    const withGyoza = await customerCaller(env, silver).booking.quote({
      ...input,
      selection: { ...classicSelection(10), extras: { gyoza: 10 } },
    });
    const without = await customerCaller(env, silver).booking.quote(input);
    const gyoza = withGyoza.lines.find((l) => l.code === "APPETIZER")!;
    expect(gyoza).toMatchObject({ label: "Pork gyoza", quantity: 10, totalCents: 6_000 });
    expect(withGyoza.lines.filter((l) => l.code === "PERK")).toEqual([
      expect.objectContaining({
        label: "Silver member: Pork gyoza free for 10 guests",
        detail: "One serving per guest: 10 servings × $6.00",
        quantity: 10,
        unitCents: -600,
        totalCents: -6_000,
      }),
    ]);
    // Free before the 10 %: the same food, discount and total as without the gyoza.
    expect(withGyoza.subtotalCents).toBe(without.subtotalCents);
    expect(withGyoza.totalCents).toBe(without.totalCents);
    expect(withGyoza.totalCents).toBe(withGyoza.lines.reduce((s, l) => s + l.totalCents, 0));

    const made = await book(env, {
      date: dayIn(16),
      email: silver.email,
      user: silver,
      extras: { gyoza: 10 },
    });
    const b = await env.t.db.booking.findUniqueOrThrow({
      where: { id: made.id },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    expect(b.lines.find((l) => l.code === "PERK")).toMatchObject({
      label: "Silver member: Pork gyoza free for 10 guests",
      totalCents: -6_000,
    });
    expect(b.totalCents).toBe(b.lines.reduce((s, l) => s + l.totalCents, 0));

    // The owner drops the perk; the booking keeps the terms it was made with.
    const owner = await createUser(env.t.db, "OWNER");
    const ctx = {
      db: env.t.db,
      cache: env.cache,
      now: () => NOW,
      caller: {
        user: { ...owner, role: "OWNER" } as SessionUser,
        address: null,
        surface: "internal" as const,
      },
    };
    const s = (await runOperation(operations.listLoyaltyTiers, ctx, undefined)).find(
      (t) => t.name === "Silver",
    )!;
    const perksBefore = s.perks;
    await runOperation(operations.updateLoyaltyTier, ctx, {
      id: s.id,
      tier: { perks: perksBefore.filter((p) => p.code !== "FREE_APPETIZER_UPGRADE") },
    });
    try {
      const caller = customerCaller(env, silver);
      const selection = { ...classicSelection(12), extras: { gyoza: 12 } };
      const planned = (await caller.booking.previewChange({ id: b.id, selection })).plan!.quote;
      expect(planned.lines.find((l) => l.code === "PERK")).toMatchObject({
        label: "Silver member: Pork gyoza free for 12 guests",
        totalCents: -7_200,
      });
      await caller.booking.change({ id: b.id, selection, expectedTotalCents: planned.totalCents });
      const changed = await env.t.db.booking.findUniqueOrThrow({
        where: { id: b.id },
        include: { lines: { orderBy: { position: "asc" } }, package: true },
      });
      expect(changed.lines.find((l) => l.code === "PERK")?.label).toBe(
        "Silver member: Pork gyoza free for 12 guests",
      );
      expect(changed.totalCents).toBe(changed.lines.reduce((s, l) => s + l.totalCents, 0));
      // The kitchen order lists the gyoza the chef brings (the free servings are in the order).
      const [kitchen] = await kitchenOrdersOf(env.t.db, [changed]);
      expect(kitchen!.extras).toEqual([
        { slug: "gyoza", name: "Pork gyoza", count: 12, unit: "serving" },
      ]);
      // A new quote follows the owner's edit: no free appetizer.
      const next = await caller.booking.quote({ ...input, selection });
      expect(next.lines.some((l) => l.code === "PERK")).toBe(false);
    } finally {
      await runOperation(operations.updateLoyaltyTier, ctx, {
        id: s.id,
        tier: { perks: perksBefore },
      });
    }
  });

  it("the owner's new discount prices the next quote", async () => {
    const owner = await createUser(env.t.db, "OWNER");
    const ownerSession: SessionUser = { ...owner, role: "OWNER" };
    const ctx = {
      db: env.t.db,
      cache: env.cache,
      now: () => NOW,
      caller: { user: ownerSession, address: null, surface: "internal" as const },
    };
    const tiers = await runOperation(operations.listLoyaltyTiers, ctx, undefined);
    const s = tiers.find((t) => t.name === "Silver")!;
    expect(s.customers).toBeGreaterThan(0);
    await runOperation(operations.updateLoyaltyTier, ctx, {
      id: s.id,
      tier: { discountBps: 1200 },
    });
    try {
      const q = await customerCaller(env, silver).booking.quote(input);
      expect(q.lines.find((l) => l.code === "LOYALTY")?.label).toBe("Silver member: 12 % off food");
    } finally {
      await runOperation(operations.updateLoyaltyTier, ctx, {
        id: s.id,
        tier: { discountBps: 1000 },
      });
    }
  });
});

describe("getMyLoyalty: one's own, never anyone else's", () => {
  it("tells a customer their tier and progress, and another customer only theirs", async () => {
    const a = await createUser(env.t.db, "CUSTOMER");
    const b = await createUser(env.t.db, "CUSTOMER");
    const ca = await newCustomer(a.email);
    for (let i = 0; i < 2; i++) await pastBooking(ca.id);
    await recomputeCustomerLoyalty(env.t.db, ca.id, NOW);
    const sa: SessionUser = { ...a, role: "CUSTOMER" };
    const sb: SessionUser = { ...b, role: "CUSTOMER" };

    const mine = await customerCaller(env, sa).account.loyalty();
    expect(mine).toMatchObject({
      tier: { name: "Bronze", discountBps: 500 },
      completedBookings: 2,
      points: 1200,
      progress: { nextTier: "Silver", bookingsToNext: 2, sentence: "2 bookings away from Silver" },
    });
    const theirs = await customerCaller(env, sb).account.loyalty();
    expect(theirs.completedBookings).toBe(0);
    expect(theirs.points).toBe(0);
    expect(theirs.progress.sentence).toBe("4 bookings away from Silver");
    // Not verified: nothing (anyone can sign up with someone else's address).
    const fake = await customerCaller(env, { ...sa, emailVerified: false }).account.loyalty();
    expect(fake.completedBookings).toBe(0);
    expect(fake.tier).toBeNull();

    await expect(customerCaller(env, null).account.loyalty()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const ctx = {
      db: env.t.db,
      cache: env.cache,
      now: () => NOW,
      caller: { user: sa, address: null, surface: "internal" as const },
    };
    await expect(runOperation(operations.listLoyaltyTiers, ctx, undefined)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      runOperation(operations.updateLoyaltyTier, ctx, {
        id: "tier_silver",
        tier: { discountBps: 5000 },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
