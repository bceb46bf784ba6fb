// Staff enter a booking taken by phone (bookings.create on the admin API, operation
// createBookingForStaff): the same booking as online, confirmed at once, the customer emailed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBooking, eventTiming, recomputeCustomerLoyalty } from "@myhibachi/core";
import type { SessionUser } from "@myhibachi/auth";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { setupEnv, type Env } from "./helpers";
import { adminCallers, createUser, type AdminCallers } from "./admin-helpers";
import { dateIn, startStripeStack, type StripeStack } from "./payments-support";
import { customerCaller, pastBookingOf } from "./after-booking-support";

const NOW = new Date("2026-06-01T17:00:00Z");
const DATE = "2026-06-13";
let env: Env;
let callers: AdminCallers;
const sent: { to: string; subject: string; text: string }[] = [];

beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  callers = await adminCallers(
    env,
    () => NOW,
    async (e) => {
      sent.push(e);
    },
  );
});
afterAll(async () => env?.close());

const request = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: `phone-${Math.random().toString(36).slice(2)}`,
  date: DATE,
  startMinute: 17 * 60,
  selection: classicSelection(10),
  address: FIXTURE_ADDRESS,
  contact: { name: "Pat Phone", email: "pat.phone@example.com", phone: "408-555-0142" },
  allergies: "One guest avoids shellfish",
  ...over,
});

describe("staff enter a booking taken by phone", () => {
  it("stores it as an ADMIN booking, confirmed at the chosen time for the quote's total, and emails the customer", async () => {
    const staff = callers.caller("STAFF");
    const req = request();
    const quote = await staff.bookings.quote({
      selection: req.selection,
      postalCode: FIXTURE_ADDRESS.postalCode,
    });
    const made = await staff.bookings.create(req);
    expect(made.status).toBe("CONFIRMED");
    expect(made.replayed).toBe(false);
    expect(made.totalCents).toBe(quote.totalCents);

    const b = await env.t.db.booking.findUniqueOrThrow({
      where: { id: made.id },
      include: { events: true, chefs: true },
    });
    expect(b.source).toBe("ADMIN");
    expect(b.status).toBe("CONFIRMED");
    expect(b.holdExpiresAt).toBeNull();
    expect(b.startsAt).toEqual(eventTiming(env.biz.settings, DATE, 17 * 60, 10).startsAt);
    expect(b.totalCents).toBe(quote.totalCents);
    expect(b.contactEmail).toBe("pat.phone@example.com");
    expect(b.allergies).toBe("One guest avoids shellfish");
    expect(b.chefs).toHaveLength(1);
    // The history and the audit log name the staff member who took the call.
    const staffId = callers.users.STAFF.id;
    expect(b.events[0]).toMatchObject({ type: "created", actor: `staff:${staffId}` });
    const audit = await env.t.db.auditLog.findFirst({
      where: { entity: "booking", entityId: made.id, action: "booking.create" },
    });
    expect(audit?.actorId).toBe(staffId);
    // The customer is linked by their email, never to the staff member's account.
    const customer = await env.t.db.customer.findUniqueOrThrow({ where: { id: b.customerId! } });
    expect(customer.userId).toBeNull();

    // The customer gets their booking email, with the manage link; nothing to confirm.
    const mail = sent.filter((e) => e.to === "pat.phone@example.com");
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`Your hibachi party is confirmed (${made.code})`);
    expect(mail[0]!.text).toContain("Manage your booking: http://127.0.0.1:3999/");
    expect(mail[0]!.text).not.toMatch(/Confirm my booking/);
    // Staff are not told about their own booking: no bell entry, no staff email.
    expect(await env.t.db.costAlert.count({ where: { rule: "booking" } })).toBe(0);
    expect(
      await env.t.db.emailMessage.count({
        where: { idempotencyKey: { startsWith: "staff-notice" } },
      }),
    ).toBe(0);
  });

  it("a second call with the same idempotency key returns the same booking and emails nobody again", async () => {
    const staff = callers.caller("STAFF");
    const req = request({ startMinute: 12 * 60, date: "2026-06-20" });
    const first = await staff.bookings.create(req);
    const before = sent.length;
    const again = await staff.bookings.create(req);
    expect(again.id).toBe(first.id);
    expect(again.replayed).toBe(true);
    expect(sent.length).toBe(before);
    expect(await env.t.db.booking.count({ where: { idempotencyKey: req.idempotencyKey } })).toBe(1);
  });

  it("the same key with other details is refused, naming why, and books nothing", async () => {
    const staff = callers.caller("STAFF");
    const req = request({ startMinute: 12 * 60, date: "2026-06-21" });
    await staff.bookings.create(req);
    const count = await env.t.db.booking.count();
    const err = await staff.bookings
      .create({ ...req, startMinute: 17 * 60 })
      .catch((e: unknown) => e as { code: string; cause?: { details?: { reason?: string } } });
    expect((err as { code: string }).code).toBe("UNPROCESSABLE_CONTENT");
    // The form reads the reason (the error's data over HTTP: the AppError's details).
    expect((err as { cause?: { details?: { reason?: string } } }).cause?.details?.reason).toBe(
      "idempotency-key-reused",
    );
    expect(await env.t.db.booking.count()).toBe(count);
  });

  it("an address in another state than the ZIP's is refused beside the state field", async () => {
    const count = await env.t.db.booking.count();
    const err = (await callers
      .caller("STAFF")
      .bookings.create(
        request({ date: "2026-06-29", address: { ...FIXTURE_ADDRESS, state: "NV" } }),
      )
      .catch((e: unknown) => e)) as {
      code: string;
      message: string;
      cause?: { details?: { field?: string } };
    };
    expect(err.code).toBe("BAD_REQUEST");
    // The field it is about (the form puts the sentence beside State); the words name no path.
    expect(err.cause?.details?.field).toBe("address.state");
    expect(err.message).toMatch(/is in CA, not NV/);
    expect(err.message).not.toMatch(/address\.state|[{}]/);
    expect(await env.t.db.booking.count()).toBe(count);
  });

  it("is not held to the customer rate limit", async () => {
    await env.t.db.businessSettings.update({ where: { id: 1 }, data: { bookingRateLimit: 1 } });
    await env.cache.invalidate("catalog");
    const staff = callers.caller("STAFF");
    const days = ["2026-06-22", "2026-06-23", "2026-06-24"];
    for (const date of days) {
      const made = await staff.bookings.create(request({ date, startMinute: 12 * 60 }));
      expect(made.status).toBe("CONFIRMED");
    }
    await env.t.db.businessSettings.update({ where: { id: 1 }, data: { bookingRateLimit: 1000 } });
  });

  it("a busy time is refused with a human message and writes nothing", async () => {
    // A customer booked the only chef online first.
    await createBooking(
      env.t.db,
      {
        ...request({
          date: "2026-06-27",
          contact: { name: "Online", email: "online@example.com", phone: "408-555-0101" },
        }),
      } as Parameters<typeof createBooking>[1],
      { cache: env.cache, now: () => NOW },
    );
    const count = await env.t.db.booking.count();
    const customers = await env.t.db.customer.count();
    const err = await callers
      .caller("STAFF")
      .bookings.create(
        request({
          date: "2026-06-27",
          contact: { name: "Late", email: "late@example.com", phone: "408-555-0102" },
        }),
      )
      .catch((e: unknown) => e as { code: string; message: string });
    expect((err as { code: string }).code).toBe("CONFLICT");
    const message = (err as { message: string }).message;
    expect(message).toMatch(/booked|not available/i);
    expect(message).not.toMatch(/[{}]|_|\bid\b|selection\.|startMinute/);
    expect(await env.t.db.booking.count()).toBe(count);
    expect(await env.t.db.customer.count()).toBe(customers);
  });

  it("refuses a customer or anonymous caller, writing nothing", async () => {
    const count = await env.t.db.booking.count();
    for (const who of ["CUSTOMER", "anonymous"] as const) {
      const err = await callers
        .caller(who)
        .bookings.create(request({ date: "2026-06-28" }))
        .catch((e: unknown) => e as { code: string });
      expect((err as { code: string }).code).toBe(
        who === "CUSTOMER" ? "FORBIDDEN" : "UNAUTHORIZED",
      );
    }
    expect(await env.t.db.booking.count()).toBe(count);
  });
});

describe("a phone booking for a loyalty member (attack R6-3)", () => {
  let silver: SessionUser;
  const party = { selection: classicSelection(10), postalCode: FIXTURE_ADDRESS.postalCode };
  const linesOf = (ls: readonly { code?: string | null; label: string; totalCents: number }[]) =>
    ls.map((l) => ({ code: l.code ?? null, label: l.label, totalCents: l.totalCents }));

  beforeAll(async () => {
    // A customer account with 5 completed events: Silver (10 % off food, a free appetizer for every guest).
    const u = await createUser(env.t.db, "CUSTOMER");
    silver = { id: u.id, email: u.email, name: u.name, role: "CUSTOMER", emailVerified: true };
    const c = await env.t.db.customer.create({
      data: { name: u.name, email: u.email, userId: u.id },
    });
    for (let i = 0; i < 5; i++) await pastBookingOf(env, c.id, NOW);
    await recomputeCustomerLoyalty(env.t.db, c.id, NOW);
  });

  it("the staff quote and booking for a Silver customer's email carry the 10 % line, as that customer is quoted online", async () => {
    const staff = callers.caller("STAFF");
    const online = await customerCaller(env, silver, () => NOW).booking.quote(party);
    expect(online.lines.find((l) => l.code === "LOYALTY")?.label).toBe(
      "Silver member: 10 % off food",
    );
    // The email as staff typed it from the phone: case and spaces aside.
    const typed = ` ${silver.email.toUpperCase()} `;
    const quote = await staff.bookings.quote({ ...party, email: typed });
    expect(quote.member).toEqual({ name: silver.name, tierName: "Silver", discountBps: 1000 });
    expect(linesOf(quote.lines)).toEqual(linesOf(online.lines));
    expect(quote.totalCents).toBe(online.totalCents);

    const made = await staff.bookings.create(
      request({
        date: "2026-06-14",
        contact: { name: silver.name, email: silver.email.toUpperCase(), phone: "408-555-0142" },
      }),
    );
    expect(made.totalCents).toBe(online.totalCents);
    const b = await env.t.db.booking.findUniqueOrThrow({
      where: { id: made.id },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    // The booking stores the lines the quote showed, and the terms it was priced with.
    expect(linesOf(b.lines)).toEqual(linesOf(quote.lines));
    expect(b.totalCents).toBe(quote.totalCents);
    expect(b.loyalty).toMatchObject({ tierName: "Silver", discountBps: 1000 });
  });

  it("an email no customer account has (or a staff member's) gets no discount", async () => {
    const staff = callers.caller("STAFF");
    const anon = await customerCaller(env, null, () => NOW).booking.quote(party);
    for (const email of ["nobody-here@example.com", callers.users.STAFF.email, undefined]) {
      const q = await staff.bookings.quote({ ...party, ...(email ? { email } : {}) });
      expect(q.member).toBeNull();
      expect(q.lines.some((l) => l.code === "LOYALTY" || l.code === "PERK")).toBe(false);
      expect(q.totalCents).toBe(anon.totalCents);
    }
    const made = await staff.bookings.create(
      request({
        date: "2026-06-15",
        contact: { name: "New Caller", email: "nobody-here@example.com", phone: "408-555-0143" },
      }),
    );
    expect(made.totalCents).toBe(anon.totalCents);
    const b = await env.t.db.booking.findUniqueOrThrow({
      where: { id: made.id },
      include: { lines: true },
    });
    expect(b.lines.some((l) => l.code === "LOYALTY")).toBe(false);
    expect(b.loyalty).toBeNull();
  });
});

describe("a phone booking when deposits are taken online (Stripe)", () => {
  let stack: StripeStack;
  beforeAll(async () => {
    stack = await startStripeStack({ chefs: 1 });
  });
  afterAll(async () => stack?.close());

  it("is confirmed at once and paid with staff, not sent to Stripe's checkout", async () => {
    const staffUser = await createUser(stack.env.t.db, "STAFF");
    const made = await createBooking(
      stack.env.t.db,
      {
        ...request({ date: dateIn(14) }),
        source: "ADMIN",
        staff: { userId: staffUser.id },
      } as Parameters<typeof createBooking>[1],
      stack.bookingDeps(),
    );
    expect(made.status).toBe("CONFIRMED");
    expect(made.paymentMode).toBe("PAY_AT_EVENT");
    expect(made.checkoutUrl ?? null).toBeNull();
    expect(await stack.env.t.db.payment.count({ where: { bookingId: made.id } })).toBe(0);
  });
});
