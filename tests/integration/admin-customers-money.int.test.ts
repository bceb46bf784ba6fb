// What the owner reads on the staff Customers page and a customer's page (attack finding H13):
// "Spent" is money really received (payments that went through, less refunds), never the total
// of a booking nobody paid; "Last event" is one that has taken place, and a booking still to come
// is shown apart as "Next event". Both pages read one core function (`customerHistories`).
// Real Postgres and Redis, through the admin router as the pages call it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBooking, listBookings } from "@myhibachi/core";
import { addDays, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { setupEnv, type Env } from "./helpers";
import { adminCallers, type AdminCallers } from "./admin-helpers";

const TZ = "America/Los_Angeles";
const REAL_NOW = new Date();
const DAY = addDays(zonedParts(REAL_NOW, TZ).date, 14); // past the 48 h notice
const at = (date: string, hour: number) => zonedTimeToUtc(date, hour * 60, TZ);

let env: Env;
let admin: AdminCallers;
let clock = REAL_NOW;
beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  admin = await adminCallers(env, () => clock);
});
afterAll(async () => env?.close());

let n = 0;
const EMAIL = "dana.spent@example.com";
const book = (date: string, guests: number) =>
  createBooking(
    env.t.db,
    {
      idempotencyKey: `spent-${++n}-${Math.random()}`,
      date,
      startMinute: 17 * 60,
      selection: classicSelection(guests),
      address: FIXTURE_ADDRESS,
      contact: { name: "Dana Spent", email: EMAIL, phone: "408-555-0177" },
    },
    { cache: env.cache, now: () => REAL_NOW },
  );

describe("the Customers page: Spent, Last event and Next event", () => {
  it("a customer with a paid past event, an unpaid future booking and a refund", async () => {
    const db = env.t.db;
    const staff = admin.caller("STAFF");
    clock = REAL_NOW;
    const past = await book(DAY, 10);
    const future = await book(addDays(DAY, 7), 12);
    const cancelled = await book(addDays(DAY, 3), 14);
    for (const b of [past, future]) await staff.bookings.setStatus({ id: b.id, action: "confirm" });
    await staff.bookings.cancel({ id: cancelled.id, reason: "The customer called to cancel." });
    const row = (id: string) => db.booking.findUniqueOrThrow({ where: { id } });
    const pastRow = await row(past.id);
    const futureRow = await row(future.id);
    expect((await row(cancelled.id)).status).toBe("CANCELLED");
    const customerId = pastRow.customerId!;
    expect(futureRow.customerId).toBe(customerId);

    // The past event: paid in full in cash at the event, with a tip; then staff complete it.
    clock = at(DAY, 18);
    const paid = await staff.bookings.recordPayment({
      id: past.id,
      method: "CASH",
      tipCents: 5_000,
      idempotencyKey: "spent-form-0001",
    });
    expect(paid.amountCents).toBe(pastRow.totalCents);
    clock = new Date(pastRow.endsAt.getTime() + 60_000);
    await staff.bookings.setStatus({ id: past.id, action: "complete" });

    // Part of that payment went back to the customer (the owner's refund, made).
    const REFUNDED = 4_000;
    await db.refund.create({
      data: {
        paymentId: paid.paymentId,
        bookingId: past.id,
        amountCents: REFUNDED,
        reason: "OWNER",
        status: "SUCCEEDED",
        succeededAt: clock,
        requestedBy: `staff:${admin.users.OWNER.id}`,
        idempotencyKey: `spent-refund-${past.id}`,
      },
    });
    await db.payment.update({
      where: { id: paid.paymentId },
      data: { refundedCents: REFUNDED },
    });
    // A refund Stripe refused for good gave nothing back: it changes nothing.
    await db.refund.create({
      data: {
        paymentId: paid.paymentId,
        bookingId: past.id,
        amountCents: 1_000,
        reason: "OWNER",
        status: "FAILED",
        failedAt: clock,
        requestedBy: `staff:${admin.users.OWNER.id}`,
        idempotencyKey: `spent-refund-failed-${past.id}`,
      },
    });
    // The future booking is unpaid: a Checkout page left open and one that failed are no money.
    for (const [status, key] of [
      ["PENDING", "open"],
      ["FAILED", "failed"],
    ] as const)
      await db.payment.create({
        data: {
          bookingId: future.id,
          kind: "DEPOSIT",
          method: "STRIPE",
          status,
          amountCents: futureRow.depositCents || 10_000,
          idempotencyKey: `spent-${key}-${future.id}`,
        },
      });

    // Three days after the past event, four before the future one: what the owner sees.
    clock = at(addDays(DAY, 3), 12);
    const expectedSpent = pastRow.totalCents - REFUNDED;
    const list = (await staff.staff.customers.list({ search: EMAIL })).customers;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: customerId,
      bookings: 2,
      spentCents: expectedSpent,
      bookedCents: pastRow.totalCents + futureRow.totalCents,
      lastEventAt: pastRow.startsAt,
      nextEventAt: futureRow.startsAt,
    });
    // Never the sum of booking totals (what the column used to show), nor the tip.
    expect(list[0]!.spentCents).not.toBe(pastRow.totalCents + futureRow.totalCents);

    // The customer's page says the same, from the same function, and each booking's paid part.
    const one = await staff.staff.customers.get({ id: customerId });
    expect(one).toMatchObject({
      spentCents: expectedSpent,
      bookedCents: pastRow.totalCents + futureRow.totalCents,
      bookingCount: 2,
      lastEventAt: pastRow.startsAt,
      nextEventAt: futureRow.startsAt,
    });
    const paidOf = (id: string) => one.bookings.find((b) => b.id === id)!.paidCents;
    expect(paidOf(past.id)).toBe(expectedSpent);
    expect(paidOf(future.id)).toBe(0);
    expect(paidOf(cancelled.id)).toBe(0);

    // Once the future event has taken place it becomes the last one, and nothing is next.
    clock = new Date(futureRow.endsAt.getTime() + 60_000);
    const later = (await staff.staff.customers.list({ search: EMAIL })).customers[0]!;
    expect(later.lastEventAt).toEqual(futureRow.startsAt);
    expect(later.nextEventAt).toBeNull();
    expect(later.spentCents).toBe(expectedSpent);
    clock = REAL_NOW;
  });

  it("a customer with no bookings: nothing spent, no last or next event", async () => {
    const c = await env.t.db.customer.create({
      data: { name: "New Face", email: "new.face@example.com", phone: "4085550178" },
    });
    const staff = admin.caller("STAFF");
    const [row] = (await staff.staff.customers.list({ search: "new.face@" })).customers;
    expect(row).toMatchObject({
      id: c.id,
      bookings: 0,
      spentCents: 0,
      bookedCents: 0,
      lastEventAt: null,
      nextEventAt: null,
    });
    expect(await staff.staff.customers.get({ id: c.id })).toMatchObject({
      spentCents: 0,
      bookingCount: 0,
      lastEventAt: null,
      nextEventAt: null,
      bookings: [],
    });
  });
});

describe("the Customers page: every customer reachable, a page at a time, sorted", () => {
  it("205 customers: pages of 100 with the total; money paid and next event sort across pages; a search narrows the total", async () => {
    const db = env.t.db;
    const staff = admin.caller("STAFF");
    clock = REAL_NOW;
    const num = (i: number) => String(i).padStart(3, "0");
    // pager-204 is the newest customer, pager-000 the oldest.
    await db.customer.createMany({
      data: Array.from({ length: 205 }, (_, i) => ({
        name: `Pager ${num(i)}`,
        email: `pager-${num(i)}@example.com`,
        createdAt: new Date(REAL_NOW.getTime() - (205 - i) * 60_000),
      })),
    });
    const list = (input: Parameters<typeof staff.staff.customers.list>[0]) =>
      staff.staff.customers.list({ search: "pager-", ...input });

    const first = await list({});
    expect(first).toMatchObject({ total: 205, page: 1, pageSize: 100 });
    expect(first.customers).toHaveLength(100);
    expect(first.customers[0]!.email).toBe("pager-204@example.com");
    const second = await list({ page: 2 });
    expect(second.customers).toHaveLength(100);
    const third = await list({ page: 3 });
    expect(third).toMatchObject({ total: 205, page: 3 });
    expect(third.customers.map((c) => c.email)).toEqual(
      [4, 3, 2, 1, 0].map((i) => `pager-${num(i)}@example.com`),
    );
    // Every customer exactly once over the three pages.
    const seen = new Set([first, second, third].flatMap((p) => p.customers.map((c) => c.id)));
    expect(seen.size).toBe(205);
    expect((await list({ page: 4 })).customers).toEqual([]);

    // Two of the oldest customers (on the last page, newest first) pay: the bigger payer leads
    // the list sorted by money paid, the other comes second, on page 1.
    const payer = async (i: number, daysAhead: number, cents: number) => {
      const b = await createBooking(
        db,
        {
          idempotencyKey: `pager-${i}-${Math.random()}`,
          date: addDays(DAY, daysAhead),
          startMinute: 17 * 60,
          selection: classicSelection(10),
          address: FIXTURE_ADDRESS,
          contact: {
            name: `Pager ${num(i)}`,
            email: `pager-${num(i)}@example.com`,
            phone: "408-555-0101",
          },
        },
        { cache: env.cache, now: () => REAL_NOW },
      );
      await staff.bookings.setStatus({ id: b.id, action: "confirm" });
      await db.payment.create({
        data: {
          bookingId: b.id,
          kind: "DEPOSIT",
          method: "STRIPE",
          status: "SUCCEEDED",
          amountCents: cents,
          idempotencyKey: `pager-paid-${b.id}`,
        },
      });
      const row = await db.booking.findUniqueOrThrow({ where: { id: b.id } });
      const c = await db.customer.findUniqueOrThrow({ where: { id: row.customerId! } });
      expect(c.email).toBe(`pager-${num(i)}@example.com`);
      return row;
    };
    const big = await payer(1, 12, 20_000);
    const small = await payer(3, 10, 5_000);

    const bySpent = await list({ sort: "spent" });
    expect(bySpent.total).toBe(205);
    expect(bySpent.customers.slice(0, 3).map((c) => [c.email, c.spentCents])).toEqual([
      ["pager-001@example.com", 20_000],
      ["pager-003@example.com", 5_000],
      // Then nobody has paid: newest first.
      ["pager-204@example.com", 0],
    ]);
    const spentLast = await list({ sort: "spent", page: 3 });
    expect(spentLast.customers.map((c) => c.email)).toEqual(
      [6, 5, 4, 2, 0].map((i) => `pager-${num(i)}@example.com`),
    );

    // Soonest upcoming event first; customers without one after, newest first.
    const byNext = await list({ sort: "nextEvent" });
    expect(byNext.customers.slice(0, 3).map((c) => [c.email, c.nextEventAt])).toEqual([
      ["pager-003@example.com", small.startsAt],
      ["pager-001@example.com", big.startsAt],
      ["pager-204@example.com", null],
    ]);

    const byName = await list({ sort: "name", page: 3 });
    expect(byName.customers.map((c) => c.name)).toEqual(
      [200, 201, 202, 203, 204].map((i) => `Pager ${num(i)}`),
    );

    // A search narrows the total: pager-010 to pager-019.
    const narrow = await staff.staff.customers.list({ search: "pager-01" });
    expect(narrow).toMatchObject({ total: 10, page: 1 });
    expect(narrow.customers).toHaveLength(10);

    // Pages start at 1; no unknown sort.
    await expect(list({ page: 0 })).rejects.toThrow();
    await expect(list({ sort: "cheapest" as never })).rejects.toThrow();
  });
});

describe("phone numbers are kept in one form, however they were typed", () => {
  it("a booking typed '408.555.0142' shows '(408) 555-0142' and staff find it by any spelling", async () => {
    const db = env.t.db;
    const staff = admin.caller("STAFF");
    const b = await createBooking(
      db,
      {
        idempotencyKey: `phone-${Math.random()}`,
        date: addDays(DAY, 21),
        startMinute: 17 * 60,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact: { name: "Ravi Dotted", email: "ravi.dotted@example.com", phone: "408.555.0142" },
      },
      { cache: env.cache, now: () => REAL_NOW },
    );
    const row = await db.booking.findUniqueOrThrow({
      where: { id: b.id },
      select: { contactPhone: true, customer: { select: { phone: true } } },
    });
    expect(row).toEqual({ contactPhone: "(408) 555-0142", customer: { phone: "(408) 555-0142" } });
    for (const typed of [
      "4085550142",
      "+1 408 555 0142",
      "1-408-555-0142",
      "(408) 555-0142",
      "555-0142",
    ]) {
      const found = await staff.staff.customers.list({ search: typed });
      expect(
        found.customers.map((c) => c.name),
        typed,
      ).toEqual(["Ravi Dotted"]);
      const bookings = await listBookings(db, { search: typed }, TZ);
      expect(
        bookings.map((x) => x.code),
        typed,
      ).toEqual([b.code]);
    }
    // A number from abroad is written the international way.
    const abroad = await createBooking(
      db,
      {
        idempotencyKey: `phone-${Math.random()}`,
        date: addDays(DAY, 22),
        startMinute: 17 * 60,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact: { name: "Ann Abroad", email: "ann.abroad@example.com", phone: "+44 20-7946-0958" },
      },
      { cache: env.cache, now: () => REAL_NOW },
    );
    expect((await db.booking.findUniqueOrThrow({ where: { id: abroad.id } })).contactPhone).toBe(
      "+44 20 7946 0958",
    );
  });
});
