// Issue 12, points 4-6 without Stripe keys (the demo's pay-at-the-event mode), against the real
// Postgres: staff record what was paid at the event (who may, audit row, nothing twice), every
// payment gets one receipt email whatever the retries, a receipt is shown only to its booking's
// holder, the balance email goes out once per booking and never asks for an online payment, and
// the owner's figures equal what the database holds (summed here with SQL of our own).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminRouter, createCallerFactory, customerRouter, type Context } from "@myhibachi/api";
import {
  createBooking,
  ownerOverview,
  storeDueBalanceEmails,
  storeMissingReceipts,
} from "@myhibachi/core";
import type { Role } from "@myhibachi/db";
import { addDays, formatCents, formatInstant, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { setupEnv, type Env } from "./helpers";
import { createUser } from "./admin-helpers";

const TZ = "America/Los_Angeles";
const NOW = new Date();
const TODAY = zonedParts(NOW, TZ).date;
const CUSTOMER_URL = "http://127.0.0.1:3999";

let env: Env;
let users: Record<Role, Awaited<ReturnType<typeof createUser>>>;

function baseCtx(): Omit<Context, "user" | "headers"> {
  const db = env.t.db;
  return {
    db,
    redis: env.redis,
    cache: env.cache,
    auth: {} as Context["auth"],
    sendEmail: async (m) => {
      await db.emailMessage.upsert({
        where: { idempotencyKey: m.idempotencyKey },
        create: m,
        update: {},
      });
    },
    customerUrl: CUSTOMER_URL,
    cookieSecret: "c".repeat(40),
    now: () => new Date(),
  };
}
const admin = (who: Role | "anonymous", now?: Date) =>
  createCallerFactory(adminRouter)({
    ...baseCtx(),
    ...(now ? { now: () => now } : {}),
    user: who === "anonymous" ? null : users[who],
    headers: new Headers(),
  } as Context);
const customer = (user: Context["user"] = null) =>
  createCallerFactory(customerRouter)({ ...baseCtx(), user, headers: new Headers() } as Context);

let n = 0;
/** A confirmed pay-at-the-event booking `days` days from today at 5 pm. */
async function confirmedBooking(days: number, email = `guest${++n}@example.com`) {
  const b = await createBooking(
    env.t.db,
    {
      idempotencyKey: `pay-${n}-${Math.random()}`,
      date: addDays(TODAY, days),
      startMinute: [12 * 60, 15 * 60, 17 * 60, 19 * 60 + 30][n % 4]!,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: { name: `Guest ${n}`, email, phone: "408-555-0100" },
    },
    { cache: env.cache },
  );
  await env.t.db.booking.update({
    where: { id: b.id },
    data: { status: "CONFIRMED", holdExpiresAt: null, confirmedAt: new Date() },
  });
  return { id: b.id, token: b.accessToken, code: b.code, totalCents: b.totalCents, n };
}

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return typeof code === "string" ? code : String(err);
  }
}

beforeAll(async () => {
  env = await setupEnv({ chefs: 4 });
  users = {
    CUSTOMER: await createUser(env.t.db, "CUSTOMER"),
    STAFF: await createUser(env.t.db, "STAFF"),
    OWNER: await createUser(env.t.db, "OWNER"),
  };
});
afterAll(async () => env?.close());

describe("paid at the event (staff)", () => {
  it("staff record the balance and a tip: the payment, a history line and an audit row; the booking shows it", async () => {
    const b = await confirmedBooking(10);
    const before = await customer().booking.payments({ id: b.id, token: b.token });
    expect(before.money.mode).toBe("pay_at_event");
    expect(before.money.headline).toBe(
      "No payment is taken online: you pay the full total at the event.",
    );
    expect(before.balance.online).toBe(false);
    expect(before.balance.notice).toContain("No payment is taken online");
    expect(before.receipts).toEqual([]);

    const r = await admin("STAFF").bookings.recordPayment({
      id: b.id,
      method: "CASH",
      tipCents: 15_000,
      idempotencyKey: "form-key-0001",
    });
    expect(r).toMatchObject({ amountCents: b.totalCents, tipCents: 15_000, replayed: false });

    const rows = await env.t.db.payment.findMany({ where: { bookingId: b.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "BALANCE",
      method: "CASH",
      status: "SUCCEEDED",
      amountCents: b.totalCents,
      tipCents: 15_000,
      recordedById: users.STAFF.id,
    });
    const audit = await env.t.db.auditLog.findMany({
      where: { entity: "booking", entityId: b.id, action: "booking.paymentRecorded" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(users.STAFF.id);
    expect(
      await env.t.db.bookingEvent.count({ where: { bookingId: b.id, type: "payment.recorded" } }),
    ).toBe(1);

    const after = await customer().booking.payments({ id: b.id, token: b.token });
    expect(after.money.lines.map((l) => l.kind)).toEqual(["balance_paid", "tip_paid"]);
    // Recorded today for a party on a later day: paid ahead, not "at the event" (attack G6).
    expect(after.money.lines[0]!.label).toMatch(/^Balance paid in cash on /);
    expect(after.money.balanceDueCents).toBe(0);
    expect(after.balance.notice).toBe("Paid in full. Thank you!");
    expect(after.receipts).toHaveLength(1);
    expect(after.receipts[0]).toMatchObject({
      kind: "payment",
      number: `${b.code}-R1`,
      amountCents: b.totalCents + 15_000,
    });

    // The same form sent again (a double click, a retried request) records nothing more.
    const again = await admin("STAFF").bookings.recordPayment({
      id: b.id,
      method: "CASH",
      tipCents: 15_000,
      idempotencyKey: "form-key-0001",
    });
    expect(again.replayed).toBe(true);
    expect(await env.t.db.payment.count({ where: { bookingId: b.id } })).toBe(1);
    expect(
      await env.t.db.auditLog.count({
        where: { entityId: b.id, action: "booking.paymentRecorded" },
      }),
    ).toBe(1);
  });

  it("money recorded on the event's own day is 'at the event' everywhere; recorded ahead it never is (G6)", async () => {
    /** What each place says about the booking's one payment. */
    async function said(b: Awaited<ReturnType<typeof confirmedBooking>>) {
      const page = await customer().booking.payments({ id: b.id, token: b.token });
      const [receiptRef] = page.receipts;
      const receipt = await customer().booking.receipt({
        id: b.id,
        token: b.token,
        receiptId: receiptRef!.id,
      });
      const staffBooking = await admin("STAFF").bookings.get({ id: b.id });
      const audit = await admin("OWNER").owner.audit({ entity: "booking", entityId: b.id });
      return {
        page: page.money.lines.map((l) => l.label),
        receipt: receipt.method,
        history: staffBooking.history.find((h) => h.sentence.includes(" recorded "))?.sentence,
        audit: audit.items.find((i) => i.action === "booking.paymentRecorded")?.sentence,
      };
    }
    const who = users.STAFF.name;

    // On the party's day (its calendar), an hour before it starts: at the event.
    const onTheDay = await confirmedBooking(18);
    const start = (await env.t.db.booking.findUniqueOrThrow({ where: { id: onTheDay.id } }))
      .startsAt;
    const date = formatInstant(start, TZ, "longDate");
    await admin("STAFF", new Date(start.getTime() - 3600_000)).bookings.recordPayment({
      id: onTheDay.id,
      method: "CASH",
    });
    const total = formatCents(onTheDay.totalCents);
    expect(await said(onTheDay)).toEqual({
      page: [`Balance paid in cash at the event on ${date}`],
      receipt: "Cash, paid at the event",
      history: `${who} (staff) recorded ${total} paid in cash at the event.`,
      audit: `${who} recorded ${total} paid in cash at the event for booking ${onTheDay.code} (Guest ${onTheDay.n}).`,
    });

    // Paid by card today, for a party 19 days on: how it was paid, never "at the event".
    const ahead = await confirmedBooking(19);
    await admin("STAFF").bookings.recordPayment({ id: ahead.id, method: "CARD_IN_PERSON" });
    const today = formatInstant(new Date(), TZ, "longDate");
    const aheadTotal = formatCents(ahead.totalCents);
    expect(await said(ahead)).toEqual({
      page: [`Balance paid by card in person on ${today}`],
      receipt: "Card, paid in person",
      history: `${who} (staff) recorded ${aheadTotal} paid by card in person.`,
      audit: `${who} recorded ${aheadTotal} paid by card in person for booking ${ahead.code} (Guest ${ahead.n}).`,
    });
  });

  it("history and audit rows written before they kept how it was paid: the same rule, from the event's start (G6)", async () => {
    const b = await confirmedBooking(20);
    const start = (await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).startsAt;
    const onTheDay = new Date(start.getTime() - 3600_000);
    const legacy = async (at: Date, method: "CASH" | "CARD_IN_PERSON", amountCents: number) => {
      await env.t.db.bookingEvent.create({
        data: {
          bookingId: b.id,
          type: "payment.recorded",
          actor: `staff:${users.STAFF.id}`,
          data: { paymentId: "gone", method, amountCents, tipCents: 0 },
          createdAt: at,
        },
      });
      await env.t.db.auditLog.create({
        data: {
          actorId: users.STAFF.id,
          action: "booking.paymentRecorded",
          entity: "booking",
          entityId: b.id,
          before: { dueCents: b.totalCents },
          // As the in-person form stored it then ("cash", "card at the event").
          after: { method: method === "CASH" ? "cash" : "card at the event", amountCents },
          createdAt: at,
        },
      });
    };
    await legacy(new Date(), "CARD_IN_PERSON", 10_000);
    await legacy(onTheDay, "CASH", 20_000);
    const history = (await admin("STAFF").bookings.get({ id: b.id })).history
      .map((h) => h.sentence)
      .filter((x) => x.includes(" recorded "));
    const who = users.STAFF.name;
    expect(history).toEqual([
      `${who} (staff) recorded $100.00 paid by card in person.`,
      `${who} (staff) recorded $200.00 paid in cash at the event.`,
    ]);
    const audit = (await admin("OWNER").owner.audit({ entity: "booking", entityId: b.id })).items
      .filter((i) => i.action === "booking.paymentRecorded")
      .map((i) => i.sentence.replace(` for booking ${b.code} (Guest ${b.n}).`, ""));
    // Newest first: the one on the party's day, then today's.
    expect(audit).toEqual([
      `${who} recorded $200.00 paid in cash at the event`,
      `${who} recorded $100.00 paid by card in person`,
    ]);
  });

  it("a customer can't record a payment and an anonymous caller is asked to sign in; nothing is written", async () => {
    const b = await confirmedBooking(11);
    expect(
      await codeOf(admin("CUSTOMER").bookings.recordPayment({ id: b.id, method: "CASH" })),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(admin("anonymous").bookings.recordPayment({ id: b.id, method: "CASH" })),
    ).toBe("UNAUTHORIZED");
    expect(await codeOf(admin("CUSTOMER").bookings.payments({ id: b.id }))).toBe("FORBIDDEN");
    expect(await env.t.db.payment.count({ where: { bookingId: b.id } })).toBe(0);
  });

  it("more than is due, a cancelled booking or nothing at all is refused with a reason, and writes nothing", async () => {
    const b = await confirmedBooking(12);
    const audits = await env.t.db.auditLog.count();
    const tooMuch = admin("OWNER").bookings.recordPayment({
      id: b.id,
      method: "CARD_IN_PERSON",
      amountCents: b.totalCents + 1,
    });
    await expect(tooMuch).rejects.toThrow(
      `Only ${formatCents(b.totalCents)} is still due on booking ${b.code}`,
    );
    expect(await codeOf(tooMuch)).toBe("BAD_REQUEST");
    await expect(
      admin("OWNER").bookings.recordPayment({ id: b.id, method: "CASH", amountCents: 0 }),
    ).rejects.toThrow("Enter what the customer paid");
    await expect(
      admin("OWNER").bookings.recordPayment({ id: b.id, method: "CASH", amountCents: -5 }),
    ).rejects.toThrow("can't be negative");
    expect(await env.t.db.auditLog.count()).toBe(audits);
    await admin("STAFF").bookings.cancel({ id: b.id, reason: "Rained out" });
    const afterCancel = await env.t.db.auditLog.count(); // the cancellation itself is audited
    await expect(
      admin("OWNER").bookings.recordPayment({ id: b.id, method: "CASH" }),
    ).rejects.toThrow(`Booking ${b.code} is cancelled: there is nothing to pay.`);
    expect(await env.t.db.payment.count({ where: { bookingId: b.id } })).toBe(0);
    // Nothing more was audited: no payment was recorded.
    expect(await env.t.db.auditLog.count()).toBe(afterCancel);
  });

  it("a partial payment leaves the rest due, and the staff view lists every payment", async () => {
    const b = await confirmedBooking(13);
    await admin("STAFF").bookings.recordPayment({
      id: b.id,
      method: "CARD_IN_PERSON",
      amountCents: 30_000,
    });
    const v = await admin("STAFF").bookings.payments({ id: b.id });
    expect(v.money.balanceDueCents).toBe(b.totalCents - 30_000);
    expect(v.money.lines.map((l) => l.kind)).toEqual(["balance_paid", "balance_due"]);
    expect(v.payments).toHaveLength(1);
    expect(v.payments[0]!.recordedBy).toBe(users.STAFF.name);
    expect(v.canRecordPayment).toBe(true);
    // The rest paid: nothing more to record, and the headline says so.
    await admin("STAFF").bookings.recordPayment({ id: b.id, method: "CASH" });
    const paid = await admin("STAFF").bookings.payments({ id: b.id });
    expect(paid.money.balanceDueCents).toBe(0);
    expect(paid.money.headline).toMatch(/^Paid in full/);
    expect(paid.canRecordPayment).toBe(false);
  });
});

describe("receipts", () => {
  it("each payment gets exactly one receipt email, whatever the retries and races", async () => {
    const b = await confirmedBooking(14, "receipt-once@example.com");
    await admin("STAFF").bookings.recordPayment({ id: b.id, method: "CASH", amountCents: 50_000 });
    await admin("STAFF").bookings.recordPayment({ id: b.id, method: "CASH" });
    // The operation stored the receipts already; the worker's job (twice, concurrently) adds none.
    await Promise.all([
      storeMissingReceipts(env.t.db, { now: new Date(), customerUrl: CUSTOMER_URL }),
      storeMissingReceipts(env.t.db, { now: new Date(), customerUrl: CUSTOMER_URL }),
    ]);
    const mails = await env.t.db.emailMessage.findMany({
      where: { to: "receipt-once@example.com", idempotencyKey: { startsWith: "receipt:" } },
      orderBy: { createdAt: "asc" },
    });
    expect(mails).toHaveLength(2);
    expect(mails[0]!.subject).toBe(`Receipt ${b.code}-R1 from MyHibachi`);
    // Recorded today for a party 14 days on: paid in person, not "at the event" (G6).
    expect(mails[0]!.text).toContain("Cash, paid in person");
    expect(mails[0]!.text).not.toContain("at the event");
    expect(mails[0]!.text).toContain("Total paid");
    expect(mails[0]!.text).toContain(formatCents(50_000));
    expect(mails[1]!.text).toContain(`still to pay ${formatCents(0)}`);
    expect(mails[1]!.text).toMatch(
      new RegExp(`${CUSTOMER_URL}/bookings/${b.id}/receipts/\\w+\\?token=`),
    );
  });

  it("a payment whose receipt was never stored (the app died after commit) gets it from the job, once", async () => {
    const b = await confirmedBooking(15, "receipt-late@example.com");
    const p = await env.t.db.payment.create({
      data: {
        bookingId: b.id,
        kind: "BALANCE",
        method: "CARD_IN_PERSON",
        status: "SUCCEEDED",
        amountCents: b.totalCents,
        idempotencyKey: `late-${b.id}`,
        paidAt: new Date(),
      },
    });
    const first = await storeMissingReceipts(env.t.db, {
      now: new Date(),
      customerUrl: CUSTOMER_URL,
    });
    expect(first.map((e) => e.idempotencyKey)).toContain(`receipt:payment:${p.id}`);
    const second = await storeMissingReceipts(env.t.db, {
      now: new Date(),
      customerUrl: CUSTOMER_URL,
    });
    expect(second.map((e) => e.idempotencyKey)).not.toContain(`receipt:payment:${p.id}`);
    expect(
      await env.t.db.emailMessage.count({ where: { idempotencyKey: `receipt:payment:${p.id}` } }),
    ).toBe(1);
  });

  it("a receipt opens with the emailed link or as the signed-in customer, and never for someone else", async () => {
    const owner = await createUser(env.t.db, "CUSTOMER");
    const mine = await confirmedBooking(16, owner.email);
    await admin("STAFF").bookings.recordPayment({ id: mine.id, method: "CASH" });
    const mail = await env.t.db.emailMessage.findFirstOrThrow({
      where: { to: owner.email, idempotencyKey: { startsWith: "receipt:payment:" } },
    });
    const [, receiptId, token] = /\/receipts\/(\w+)\?token=([\w-]+)/.exec(mail.text)!;
    const viaLink = await customer().booking.receipt({ id: mine.id, token, receiptId: receiptId! });
    expect(viaLink).toMatchObject({
      kind: "payment",
      number: `${mine.code}-R1`,
      totalCents: mine.totalCents,
      method: "Cash, paid in person",
      account: { balanceDueCents: 0 },
    });
    const asOwner = await customer({ ...owner, role: "CUSTOMER" }).booking.receipt({
      id: mine.id,
      receiptId: receiptId!,
    });
    expect(asOwner.number).toBe(viaLink.number);
    // The signed-in customer may go on to the booking; the receipt link's holder may not.
    expect(asOwner.canOpenBooking).toBe(true);
    expect(viaLink.canOpenBooking).toBe(false);

    // Someone else's booking, token and account.
    const other = await confirmedBooking(17);
    const stranger = await createUser(env.t.db, "CUSTOMER");
    expect(await codeOf(customer().booking.receipt({ id: mine.id, receiptId: receiptId! }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await codeOf(
        customer().booking.receipt({ id: mine.id, token: other.token, receiptId: receiptId! }),
      ),
    ).toBe("NOT_FOUND");
    // The other booking's own link can't show this booking's receipt.
    expect(
      await codeOf(
        customer().booking.receipt({ id: other.id, token: other.token, receiptId: receiptId! }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(
        customer({ ...stranger, role: "CUSTOMER" }).booking.receipt({
          id: mine.id,
          receiptId: receiptId!,
        }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("a receipt email's link shows the receipts only: it can't open, cancel, reschedule or pay the booking, nor show its address or contact", async () => {
    const b = await confirmedBooking(18, "forwarded-receipt@example.com");
    await admin("STAFF").bookings.recordPayment({ id: b.id, method: "CASH" });
    const mail = await env.t.db.emailMessage.findFirstOrThrow({
      where: { to: "forwarded-receipt@example.com", idempotencyKey: { startsWith: "receipt:" } },
    });
    const [, receiptId, token] = /\/receipts\/(\w+)\?token=([\w-]+)/.exec(mail.text)!;
    const row = await env.t.db.bookingAccessToken.findMany({
      where: { bookingId: b.id },
      orderBy: { createdAt: "asc" },
    });
    expect(row.map((r) => r.scope)).toEqual(["MANAGE", "RECEIPTS"]);

    // The receipt itself (any receipt of that booking) opens, without address or contact.
    const receipt = await customer().booking.receipt({ id: b.id, token, receiptId: receiptId! });
    expect(receipt.number).toBe(`${b.code}-R1`);
    expect(receipt.canOpenBooking).toBe(false);
    const shown = JSON.stringify(receipt);
    for (const secret of ["forwarded-receipt@example.com", "408-555-0100", FIXTURE_ADDRESS.line1])
      expect(shown).not.toContain(secret);

    // Everything else refuses it as if the booking didn't exist, signed out or signed in.
    const stranger = await createUser(env.t.db, "CUSTOMER");
    const before = await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    const day = addDays(TODAY, 25);
    for (const c of [customer(), customer({ ...stranger, role: "CUSTOMER" })]) {
      const refused = {
        get: await codeOf(c.booking.get({ id: b.id, token })),
        payments: await codeOf(c.booking.payments({ id: b.id, token })),
        cancel: await codeOf(c.booking.cancel({ id: b.id, token, reason: "forwarded" })),
        reschedule: await codeOf(
          c.booking.reschedule({ id: b.id, token, date: day, startMinute: 17 * 60 }),
        ),
        confirm: await codeOf(c.booking.confirm({ id: b.id, token })),
        payBalance: await codeOf(c.booking.payBalance({ id: b.id, token, tip: { kind: "none" } })),
        payDeposit: await codeOf(c.booking.payDeposit({ id: b.id, token })),
      };
      expect(refused).toEqual({
        get: "NOT_FOUND",
        payments: "NOT_FOUND",
        cancel: "NOT_FOUND",
        reschedule: "NOT_FOUND",
        confirm: "NOT_FOUND",
        payBalance: "NOT_FOUND",
        payDeposit: "NOT_FOUND",
      });
    }
    const after = await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    expect(after).toEqual(before);

    // The booking's own link (and the confirmation emails' links) still manage it.
    const managed = await customer().booking.get({ id: b.id, token: b.token });
    expect(managed.booking.id).toBe(b.id);
  });
});

describe("the balance email before the event", () => {
  it("goes out once per booking in the window, never asks to pay online without Stripe, and never twice", async () => {
    await env.t.db.businessSettings.update({
      where: { id: 1 },
      data: { balanceLinkDaysBefore: 3 },
    });
    // The scheduler runs "8 days from now": the first booking is 2 days away, the second 9.
    const soon = await confirmedBooking(10, "soon@example.com");
    await confirmedBooking(17, "later@example.com");
    const paid = await confirmedBooking(10, "paid-already@example.com");
    await admin("STAFF").bookings.recordPayment({ id: paid.id, method: "CASH" });

    const now = new Date(Date.now() + 8 * 86400_000);
    const runs = await Promise.all([
      storeDueBalanceEmails(env.t.db, { now, onlinePayments: false, customerUrl: CUSTOMER_URL }),
      storeDueBalanceEmails(env.t.db, { now, onlinePayments: false, customerUrl: CUSTOMER_URL }),
    ]);
    const again = await storeDueBalanceEmails(env.t.db, {
      now,
      onlinePayments: false,
      customerUrl: CUSTOMER_URL,
    });
    expect(again).toEqual([]);
    const sent = runs.flat().map((e) => e.to);
    expect(sent.filter((to) => to === "soon@example.com")).toHaveLength(1);
    expect(sent).not.toContain("later@example.com");
    expect(sent).not.toContain("paid-already@example.com");

    const rows = await env.t.db.emailMessage.findMany({
      where: { idempotencyKey: `balance:${soon.id}` },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.subject).toBe(`Your hibachi party is coming up (${soon.code})`);
    expect(rows[0]!.text).toContain(
      `No payment is taken online: you pay the balance of ${formatCents(soon.totalCents)} at the event`,
    );
    expect(rows[0]!.text).not.toContain("/balance");
    expect(rows[0]!.text).not.toMatch(/pay .* now|secure payment/i);
    // Its link opens the booking.
    const token = /\?token=([\w-]+)/.exec(rows[0]!.text)![1]!;
    expect((await customer().booking.payments({ id: soon.id, token })).code).toBe(soon.code);
    // The staff view shows it went out.
    expect((await admin("STAFF").bookings.payments({ id: soon.id })).balanceEmail?.subject).toBe(
      rows[0]!.subject,
    );
  });

  it("is never sent when the owner set it to 0 days", async () => {
    await env.t.db.businessSettings.update({
      where: { id: 1 },
      data: { balanceLinkDaysBefore: 0 },
    });
    const b = await confirmedBooking(30, "never@example.com");
    const out = await storeDueBalanceEmails(env.t.db, {
      now: new Date(Date.now() + 29 * 86400_000),
      onlinePayments: false,
      customerUrl: CUSTOMER_URL,
    });
    expect(out).toEqual([]);
    expect(
      await env.t.db.emailMessage.count({ where: { idempotencyKey: `balance:${b.id}` } }),
    ).toBe(0);
    await env.t.db.businessSettings.update({
      where: { id: 1 },
      data: { balanceLinkDaysBefore: 3 },
    });
  });

  it("without Stripe the balance can't be paid online: the page says so and paying is refused", async () => {
    const b = await confirmedBooking(20);
    await expect(
      customer().booking.payBalance({ id: b.id, token: b.token, tip: { kind: "none" } }),
    ).rejects.toThrow("No payment is taken online");
    expect(await env.t.db.payment.count({ where: { bookingId: b.id } })).toBe(0);
  });
});

describe("the owner's figures equal the database", () => {
  it("payments report: per day, deposits held, balances due, disputes, against our own SQL", async () => {
    const db = env.t.db;
    // Money with known days: two payments yesterday, a refund today, a dispute, a held deposit.
    // Refunds of every kind: c's deposit partly refunded by the owner; e's deposit with a refund
    // on its way and a failed one, and a payment at the event refunded with its tip.
    const a = await confirmedBooking(25);
    const c = await confirmedBooking(26);
    const e = await confirmedBooking(27);
    const yesterday = zonedTimeToUtc(addDays(TODAY, -1), 12 * 60, TZ);
    const today = zonedTimeToUtc(TODAY, 0, TZ);
    const dep = await db.payment.create({
      data: {
        bookingId: a.id,
        kind: "DEPOSIT",
        method: "STRIPE",
        status: "SUCCEEDED",
        amountCents: 10_000,
        idempotencyKey: `dep-${a.id}`,
        paidAt: yesterday,
      },
    });
    await db.payment.create({
      data: {
        bookingId: c.id,
        kind: "DEPOSIT",
        method: "STRIPE",
        status: "SUCCEEDED",
        amountCents: 10_000,
        refundedCents: 4_000,
        idempotencyKey: `dep-${c.id}`,
        paidAt: yesterday,
      },
    });
    const cDep = await db.payment.findUniqueOrThrow({ where: { idempotencyKey: `dep-${c.id}` } });
    await db.refund.create({
      data: {
        paymentId: cDep.id,
        bookingId: c.id,
        amountCents: 4_000,
        reason: "OWNER",
        status: "SUCCEEDED",
        idempotencyKey: `ref-${c.id}`,
        requestedBy: "test",
        succeededAt: new Date(today.getTime() + 60_000),
      },
    });
    const eDep = await db.payment.create({
      data: {
        bookingId: e.id,
        kind: "DEPOSIT",
        method: "STRIPE",
        status: "SUCCEEDED",
        amountCents: 10_000,
        idempotencyKey: `dep-${e.id}`,
        paidAt: yesterday,
      },
    });
    const eCash = await db.payment.create({
      data: {
        bookingId: e.id,
        kind: "BALANCE",
        method: "CASH",
        status: "SUCCEEDED",
        amountCents: 20_000,
        tipCents: 5_000,
        refundedCents: 25_000,
        idempotencyKey: `cash-${e.id}`,
        paidAt: yesterday,
      },
    });
    for (const [payment, amountCents, status, reason] of [
      [eDep, 3_000, "PENDING", "DUPLICATE_PAYMENT"],
      [eDep, 2_000, "FAILED", "OWNER"],
      [eCash, 25_000, "SUCCEEDED", "OWNER"],
    ] as const)
      await db.refund.create({
        data: {
          paymentId: payment.id,
          bookingId: e.id,
          amountCents,
          reason,
          status,
          idempotencyKey: `ref-${payment.id}-${status}`,
          requestedBy: "test",
          succeededAt: status === "SUCCEEDED" ? new Date(today.getTime() + 60_000) : null,
          failedAt: status === "FAILED" ? new Date() : null,
        },
      });
    // An open checkout (nothing paid yet) counts nowhere.
    await db.payment.create({
      data: {
        bookingId: a.id,
        kind: "BALANCE",
        method: "STRIPE",
        status: "PENDING",
        amountCents: 50_000,
        idempotencyKey: `open-${a.id}`,
      },
    });
    await db.paymentDispute.create({
      data: {
        id: `dp_${a.id}`,
        paymentId: dep.id,
        bookingId: a.id,
        amountCents: 10_000,
        reason: "fraudulent",
        status: "needs_response",
        lastEventAt: new Date(),
        openedAt: new Date(),
      },
    });

    const from = addDays(TODAY, -6);
    const r = await admin("OWNER").owner.payments({ from, to: TODAY });

    // Independent truth: SQL over the tables, days cut in the business zone by Postgres itself.
    const perDay = await db.$queryRaw<{ day: string; paid: bigint; tips: bigint; n: bigint }[]>`
      SELECT to_char(("paidAt" AT TIME ZONE ${TZ})::date, 'YYYY-MM-DD') AS day,
             SUM("amountCents") AS paid, SUM("tipCents") AS tips, COUNT(*) AS n
        FROM "Payment" WHERE status = 'SUCCEEDED'
         AND ("paidAt" AT TIME ZONE ${TZ})::date BETWEEN ${from}::date AND ${TODAY}::date
       GROUP BY 1`;
    const refundsPerDay = await db.$queryRaw<{ day: string; cents: bigint }[]>`
      SELECT to_char(("succeededAt" AT TIME ZONE ${TZ})::date, 'YYYY-MM-DD') AS day,
             SUM("amountCents") AS cents
        FROM "Refund" WHERE status = 'SUCCEEDED'
         AND ("succeededAt" AT TIME ZONE ${TZ})::date BETWEEN ${from}::date AND ${TODAY}::date
       GROUP BY 1`;
    expect(r.daily).toHaveLength(7);
    for (const d of r.daily) {
      const p = perDay.find((x) => x.day === d.date);
      const f = refundsPerDay.find((x) => x.day === d.date);
      expect({ date: d.date, paid: d.paidCents, tips: d.tipCents, n: d.payments }).toEqual({
        date: d.date,
        paid: Number(p?.paid ?? 0),
        tips: Number(p?.tips ?? 0),
        n: Number(p?.n ?? 0),
      });
      expect(d.refundedCents).toBe(Number(f?.cents ?? 0));
    }
    expect(r.daily.find((d) => d.date === addDays(TODAY, -1))!.paidCents).toBeGreaterThanOrEqual(
      20_000,
    );
    expect(r.daily.find((d) => d.date === TODAY)!.refundedCents).toBeGreaterThanOrEqual(4_000);

    // Net paid, our own way: each succeeded payment less the refunds on it that went through or
    // are on their way (not failed ones, whatever their reason), before the tip, never below 0.
    const [held] = await db.$queryRaw<{ cents: bigint; n: bigint }[]>`
      SELECT COALESCE(SUM(GREATEST(0, p."amountCents" - COALESCE(
               (SELECT SUM(r."amountCents") FROM "Refund" r
                 WHERE r."paymentId" = p.id AND r.status <> 'FAILED'), 0))), 0) AS cents,
             COUNT(DISTINCT p."bookingId") AS n
        FROM "Payment" p JOIN "Booking" b ON b.id = p."bookingId"
       WHERE p.kind = 'DEPOSIT' AND p.status = 'SUCCEEDED'
         AND b."startsAt" > now() AND b.status IN ('HELD', 'PENDING', 'CONFIRMED')`;
    expect(r.depositsHeld).toEqual({ cents: Number(held!.cents), bookings: Number(held!.n) });
    // a's 10,000, c's 6,000 left after the owner's refund, e's 7,000 with 3,000 on its way back.
    expect(r.depositsHeld.cents).toBeGreaterThanOrEqual(23_000);

    const dueRows = await db.$queryRaw<{ id: string; d: bigint }[]>`
      SELECT b.id, b."totalCents" - COALESCE((
               SELECT SUM(GREATEST(0, p."amountCents" - COALESCE(
                        (SELECT SUM(r."amountCents") FROM "Refund" r
                          WHERE r."paymentId" = p.id AND r.status <> 'FAILED'), 0)))
                 FROM "Payment" p
                WHERE p."bookingId" = b.id AND p.status = 'SUCCEEDED'), 0) AS d
        FROM "Booking" b
       WHERE b.status IN ('PENDING', 'CONFIRMED') AND b."startsAt" > now()`;
    const due = new Map(dueRows.filter((x) => x.d > 0n).map((x) => [x.id, Number(x.d)]));
    expect(r.balancesUpcoming.cents).toBe([...due.values()].reduce((s, d) => s + d, 0));
    expect(r.balancesUpcoming.bookings).toBe(due.size);
    for (const x of r.balancesUpcoming.list) expect(x.dueCents).toBe(due.get(x.id));
    const listed = (id: string) => r.balancesUpcoming.list.find((x) => x.id === id)!;
    expect(listed(a.id).dueCents).toBe(a.totalCents - 10_000);
    // The owner's refund of 4,000 is due again; so is what is on its way back to e's card; the
    // refunded cash payment counts for nothing (its tip went back too), the failed refund not at all.
    expect(listed(c.id)).toMatchObject({
      paidTowardTotalCents: 6_000,
      dueCents: c.totalCents - 6_000,
    });
    expect(listed(e.id)).toMatchObject({
      paidTowardTotalCents: 7_000,
      dueCents: e.totalCents - 7_000,
    });

    // The report says what every booking's own page says is due (staff page and customer page).
    const live = await db.booking.findMany({
      where: { status: { in: ["PENDING", "CONFIRMED"] }, startsAt: { gt: new Date() } },
      select: { id: true },
    });
    const shown = new Map<string, number>();
    for (const { id } of live) {
      const page = (await admin("STAFF").bookings.payments({ id })).money.balanceDueCents;
      if (page > 0) shown.set(id, page);
    }
    expect(shown).toEqual(due);
    for (const x of r.balancesUpcoming.list) expect(x.dueCents).toBe(shown.get(x.id));
    for (const b of [c, e])
      expect(
        (await customer().booking.payments({ id: b.id, token: b.token })).money.balanceDueCents,
      ).toBe(listed(b.id).dueCents);

    expect(r.disputes).toMatchObject({ open: 1, openCents: 10_000, lost: 0 });

    // Staff may not see the owner's figures.
    expect(await codeOf(admin("STAFF").owner.payments({}))).toBe("FORBIDDEN");
    // A reversed range is a 400 a person can act on.
    await expect(admin("OWNER").owner.payments({ from: TODAY, to: from })).rejects.toThrow(
      "The first day must not be after the last day",
    );
  });

  it("overview revenue counts only money paid (less refunds), not unpaid bookings", async () => {
    const db = env.t.db;
    // An unpaid confirmed booking and a paid one next week.
    await confirmedBooking(5);
    const paid = await confirmedBooking(5);
    await admin("STAFF").bookings.recordPayment({
      id: paid.id,
      method: "CASH",
      amountCents: 20_000,
    });
    const o = await ownerOverview(db, { now: () => new Date() });

    const [truth] = await db.$queryRaw<{ cents: bigint }[]>`
      SELECT (SELECT COALESCE(SUM(p."amountCents"), 0) FROM "Payment" p
                JOIN "Booking" b ON b.id = p."bookingId"
               WHERE p.status = 'SUCCEEDED'
                 AND (b."startsAt" AT TIME ZONE ${TZ})::date
                     BETWEEN ${o.months[1]!.from}::date AND ${o.months[1]!.to}::date)
           - (SELECT COALESCE(SUM(r."amountCents"), 0) FROM "Refund" r
                JOIN "Booking" b ON b.id = r."bookingId"
               WHERE r.status = 'SUCCEEDED'
                 AND (b."startsAt" AT TIME ZONE ${TZ})::date
                     BETWEEN ${o.months[1]!.from}::date AND ${o.months[1]!.to}::date) AS cents`;
    expect(o.months[1]!.revenueCents).toBe(Number(truth!.cents));
    const totalsBooked = await db.booking.aggregate({
      where: { status: { in: ["PENDING", "CONFIRMED", "COMPLETED"] } },
      _sum: { totalCents: true },
    });
    // The old figure (every pending/confirmed total) is far above what was really paid.
    expect(o.daily.reduce((s, d) => s + d.revenueCents, 0)).toBeLessThan(
      totalsBooked._sum.totalCents!,
    );
    const day = o.daily.find((d) => d.date === addDays(TODAY, 5))!;
    const [dayTruth] = await db.$queryRaw<{ cents: bigint }[]>`
      SELECT COALESCE(SUM(p."amountCents"), 0) AS cents FROM "Payment" p
        JOIN "Booking" b ON b.id = p."bookingId"
       WHERE p.status = 'SUCCEEDED'
         AND (b."startsAt" AT TIME ZONE ${TZ})::date = ${addDays(TODAY, 5)}::date`;
    expect(day.revenueCents).toBe(Number(dayTruth!.cents));
    expect(day.revenueCents).toBeGreaterThanOrEqual(20_000);
  });
});
