// Deposits on Stripe Checkout, end to end below the browser: the real `stripe` SDK against the
// local Stripe-compatible server (tests/support/fake-stripe.ts), the app's real webhook route,
// the real worker processors on BullMQ, real Postgres and Redis.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AppError,
  applyPaid,
  cancelBooking,
  closeEndedCheckouts,
  createBooking,
  expireHolds,
  getAvailability,
  loadBookingMoney,
  processStripeEvent,
  refundPaymentByOwner,
  sessionFacts,
  type BookingDeps,
  type CreateBookingInput,
  type PaymentsGateway,
} from "@myhibachi/core";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import type { FakeStripe } from "../support/fake-stripe";
import { startWebhookReceiver, type WebhookReceiver } from "../../bench/_payments-harness";
import type { Env } from "./helpers";
import {
  DAY,
  dateIn,
  sessionOf,
  startStripeStack,
  waitFor,
  type StripeStack,
} from "./payments-support";

let stack: StripeStack;
let env: Env;
let fake: FakeStripe;
let gateway: PaymentsGateway;
let receiver: WebhookReceiver;

beforeAll(async () => {
  stack = await startStripeStack({ chefs: 1 });
  ({ env, fake, gateway, receiver } = stack);
}, 60_000);

afterAll(() => stack?.close());

const deps = (over: Partial<BookingDeps> = {}) => stack.bookingDeps(over);

let n = 0;
function input(
  date: string,
  startMinute = 17 * 60,
  over: Partial<CreateBookingInput> = {},
): CreateBookingInput {
  n++;
  return {
    idempotencyKey: `pay-${n}-${Math.random().toString(36).slice(2)}`,
    date,
    startMinute,
    selection: classicSelection(10),
    address: FIXTURE_ADDRESS,
    contact: { name: `Payer ${n}`, email: `payer${n}@example.com`, phone: "408-555-0100" },
    ...over,
  };
}

const booking = (id: string) => env.t.db.booking.findUniqueOrThrow({ where: { id } });
const depositPayments = (bookingId: string) =>
  env.t.db.payment.findMany({ where: { bookingId, kind: "DEPOSIT", status: "SUCCEEDED" } });
const allProcessed = () =>
  waitFor(
    async () => (await env.t.db.stripeEvent.count({ where: { processedAt: null } })) === 0,
    "events processed",
  );

describe("deposits on Stripe Checkout", () => {
  it("a web booking is held until the deposit is paid, then confirmed, with 'deposit paid' in its email", async () => {
    const b = await createBooking(env.t.db, input(dateIn(20)), deps());
    expect(b.status).toBe("HELD");
    expect(b.paymentMode).toBe("STRIPE");
    expect(b.checkoutUrl).toMatch(/\/pay\/cs_test_/);
    expect(b.holdExpiresAt).not.toBeNull();
    // Every Stripe call carried an idempotency key.
    expect(fake.requests.filter((r) => r.method === "POST").every((r) => r.idempotencyKey)).toBe(
      true,
    );

    await fake.pay(sessionOf(b.checkoutUrl!));
    await fake.settled();
    const after = await waitFor(async () => {
      const x = await booking(b.id);
      return x.status === "CONFIRMED" ? x : null;
    }, "booking confirmed");
    expect(after.holdExpiresAt).toBeNull();
    const money = await loadBookingMoney(env.t.db, b.id);
    expect(money.depositPaid).toBe(true);
    expect(money.lines[0]!.label).toMatch(/^Deposit paid on /);
    const mail = await waitFor(
      () =>
        env.t.db.emailMessage.findFirst({
          where: { idempotencyKey: `booking.confirmed:${b.id}:` },
        }),
      "confirmation email",
    );
    expect(mail.text).toMatch(/Deposit paid on .*: \$100\.00/);

    // The success redirect arriving after the webhook changes nothing.
    const session = await gateway.stripe.checkout.sessions.retrieve(sessionOf(b.checkoutUrl!));
    const again = await applyPaid(env.t.db, sessionFacts(session as never, new Date()), deps());
    expect(again.changed).toBe(false);
    expect(await depositPayments(b.id)).toHaveLength(1);
  });

  it("the success redirect before the webhook confirms once; the late webhook changes nothing", async () => {
    fake.webhookUrl = null; // Stripe is slow to deliver
    const b = await createBooking(env.t.db, input(dateIn(21)), deps());
    await fake.pay(sessionOf(b.checkoutUrl!));
    const session = await gateway.stripe.checkout.sessions.retrieve(sessionOf(b.checkoutUrl!));
    const first = await applyPaid(env.t.db, sessionFacts(session as never, new Date()), deps());
    expect(first.changed).toBe(true);
    expect((await booking(b.id)).status).toBe("CONFIRMED");
    fake.webhookUrl = receiver.url;
    for (const e of fake.events.slice(-2)) await fake.deliver(e);
    await allProcessed();
    expect(await depositPayments(b.id)).toHaveLength(1);
    expect(
      await env.t.db.bookingEvent.count({ where: { bookingId: b.id, type: "deposit-paid" } }),
    ).toBe(1);
  });

  it("duplicated and reordered webhooks leave the same end state", async () => {
    fake.webhookUrl = null;
    const b = await createBooking(env.t.db, input(dateIn(22)), deps());
    const before = fake.events.length;
    await fake.pay(sessionOf(b.checkoutUrl!));
    const sent = fake.events.slice(before); // checkout.session.completed, payment_intent.succeeded
    expect(sent.map((e) => e.event.type)).toEqual([
      "checkout.session.completed",
      "payment_intent.succeeded",
    ]);
    fake.webhookUrl = receiver.url;
    // Reversed, and each one three times.
    for (const e of [...sent].reverse())
      for (let i = 0; i < 3; i++) expect(await fake.deliver(e)).toBe(200);
    await allProcessed();
    expect(
      await env.t.db.stripeEvent.count({ where: { id: { in: sent.map((e) => e.event.id) } } }),
    ).toBe(2);
    expect((await booking(b.id)).status).toBe("CONFIRMED");
    const paid = await depositPayments(b.id);
    expect(paid).toHaveLength(1);
    expect(paid[0]!.amountCents).toBe(10_000);
    expect(await env.t.db.refund.count({ where: { bookingId: b.id } })).toBe(0);
    expect(
      await env.t.db.bookingEvent.count({ where: { bookingId: b.id, type: "deposit-paid" } }),
    ).toBe(1);
  });

  it("two webhooks for the same payment processed at the same time apply it once", async () => {
    fake.webhookUrl = null;
    const b = await createBooking(env.t.db, input(dateIn(23)), deps());
    const before = fake.events.length;
    await fake.pay(sessionOf(b.checkoutUrl!));
    const sent = fake.events.slice(before);
    fake.webhookUrl = receiver.url;
    // Stored first (no job), then processed concurrently: both events, each twice.
    const noQueue = await startWebhookReceiver({ db: env.t.db, payments: gateway });
    for (const e of sent) expect(await fake.deliver(e, noQueue.url)).toBe(200);
    await noQueue.close();
    const ids = sent.map((e) => e.event.id);
    const outcomes = await Promise.all(
      [...ids, ...ids].map((id) => processStripeEvent(env.t.db, id, deps())),
    );
    expect(outcomes.filter((o) => o.startsWith("deposit paid"))).toHaveLength(1);
    expect(await depositPayments(b.id)).toHaveLength(1);
    expect(
      await env.t.db.bookingEvent.count({ where: { bookingId: b.id, type: "deposit-paid" } }),
    ).toBe(1);
  });

  it("a bad signature is refused with 400 and nothing is stored", async () => {
    const before = await env.t.db.stripeEvent.count();
    const payload = JSON.stringify({
      id: "evt_forged",
      object: "event",
      type: "checkout.session.completed",
      created: 1,
      data: { object: {} },
    });
    const forged = await fetch(receiver.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "stripe-signature": fake.sign(payload, "whsec_not_ours"),
      },
      body: payload,
    });
    expect(forged.status).toBe(400);
    const unsigned = await fetch(receiver.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: payload,
    });
    expect(unsigned.status).toBe(400);
    // A real signature over another body doesn't pass either.
    const tampered = await fetch(receiver.url, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": fake.sign(payload) },
      body: payload.replace("evt_forged", "evt_forged2"),
    });
    expect(tampered.status).toBe(400);
    expect(await env.t.db.stripeEvent.count()).toBe(before);
  });

  it("a correctly signed body that isn't a usable Stripe event is a 400 with a reason, stores nothing, and is never a 500", async () => {
    const before = await env.t.db.stripeEvent.count();
    const ok = { id: "evt_shape", object: "event", type: "x", created: 1, data: { object: {} } };
    const { created: _c, ...noCreated } = ok;
    const { id: _i, ...noId } = ok;
    const { type: _t, ...noType } = ok;
    const { data: _d, ...noData } = ok;
    const bodies: [string, RegExp][] = [
      [JSON.stringify({ id: "evt_x", type: "x" }), /created/],
      [JSON.stringify({ hello: 1 }), /id/],
      [JSON.stringify(noCreated), /created/],
      [JSON.stringify(noId), /id/],
      [JSON.stringify(noType), /type/],
      [JSON.stringify(noData), /data/],
      [JSON.stringify({ ...ok, created: "yesterday" }), /created/],
      [JSON.stringify({ ...ok, created: 1.5 }), /created/],
      [JSON.stringify({ ...ok, created: 1e20 }), /created/],
      [JSON.stringify({ ...ok, created: -5 }), /created/],
      [JSON.stringify({ ...ok, id: 42 }), /id/],
      [JSON.stringify({ ...ok, id: "" }), /id/],
      [JSON.stringify({ ...ok, type: ["x"] }), /type/],
      [JSON.stringify({ ...ok, data: { object: "cs_1" } }), /data/],
      [JSON.stringify({ ...ok, id: "evt_\u0000" }), /NUL/],
      [JSON.stringify({ ...ok, data: { object: { note: "a\u0000b" } } }), /NUL/],
      ["null", /./],
      ["42", /./],
      ['"evt"', /./],
      ["[]", /./],
    ];
    for (const [body, reason] of bodies) {
      const res = await fetch(receiver.url, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": fake.sign(body) },
        body,
      });
      const answer = (await res.json()) as { error?: string };
      expect(res.status, `${body}: ${answer.error}`).toBe(400);
      expect(answer.error, body).toMatch(/usable Stripe event|JSON|signature/);
      expect(answer.error, body).toMatch(reason);
    }
    expect(await env.t.db.stripeEvent.count()).toBe(before);
  });
});

describe("holds that end unpaid, and late payments", () => {
  it("an unpaid hold expires, its checkout page is closed, and its time is offered again", async () => {
    const date = dateIn(30);
    const created = new Date();
    const b = await createBooking(env.t.db, input(date, 12 * 60), deps({ now: () => created }));
    const slotsNow = await getAvailability(
      env.t.db,
      { from: date, to: date, guests: 10, postalCode: "95125" },
      { cache: env.cache, now: new Date() },
    );
    expect(slotsNow.slots.some((s) => s.startMinute === 12 * 60)).toBe(false);

    const later = new Date(created.getTime() + 31 * 60_000);
    expect(await expireHolds(env.t.db, later)).toBeGreaterThanOrEqual(1);
    await env.cache.invalidate("calendar");
    const closed = await closeEndedCheckouts(env.t.db, gateway, { now: () => later });
    expect(closed.closed).toBeGreaterThanOrEqual(1);
    expect(fake.sessions.get(sessionOf(b.checkoutUrl!))!.status).toBe("expired");
    expect((await booking(b.id)).status).toBe("EXPIRED");
    const payment = await env.t.db.payment.findFirstOrThrow({ where: { bookingId: b.id } });
    expect(payment.status).toBe("CANCELED");
    const slots = await getAvailability(
      env.t.db,
      { from: date, to: date, guests: 10, postalCode: "95125" },
      { cache: env.cache, now: new Date() },
    );
    expect(slots.slots.some((s) => s.startMinute === 12 * 60)).toBe(true);
    expect((await loadBookingMoney(env.t.db, b.id)).headline).toBe("Nothing was charged.");
    // Its payment page can't be opened for paying any more.
    await expect(fake.pay(sessionOf(b.checkoutUrl!))).rejects.toThrow(/expired/);
  });

  it("a deposit paid after the hold ended re-holds the time while it is still free", async () => {
    fake.webhookUrl = null;
    const date = dateIn(31);
    const created = new Date();
    const b = await createBooking(env.t.db, input(date, 12 * 60), deps({ now: () => created }));
    await fake.pay(sessionOf(b.checkoutUrl!)); // paid, but the webhook is late
    await expireHolds(env.t.db, new Date(created.getTime() + 31 * 60_000));
    expect((await booking(b.id)).status).toBe("EXPIRED");
    fake.webhookUrl = receiver.url;
    for (const e of fake.events.slice(-2)) await fake.deliver(e);
    await allProcessed();
    const after = await booking(b.id);
    expect(after.status).toBe("CONFIRMED");
    expect(await env.t.db.bookingChef.count({ where: { bookingId: b.id, live: true } })).toBe(1);
    expect(await env.t.db.refund.count({ where: { bookingId: b.id } })).toBe(0);
  });

  it("a deposit paid after the hold ended and the time was taken is refunded in full, automatically", async () => {
    fake.webhookUrl = null;
    const date = dateIn(32);
    const created = new Date();
    const late = await createBooking(env.t.db, input(date, 15 * 60), deps({ now: () => created }));
    await fake.pay(sessionOf(late.checkoutUrl!));
    await expireHolds(env.t.db, new Date(created.getTime() + 31 * 60_000));
    // Someone else books the freed time (the only chef) meanwhile, without Stripe.
    const other = await createBooking(env.t.db, input(date, 15 * 60), { cache: env.cache });
    expect(other.status).toBe("HELD");
    fake.webhookUrl = receiver.url;
    for (const e of fake.events.slice(-2)) await fake.deliver(e);
    await allProcessed();
    expect((await booking(late.id)).status).toBe("EXPIRED");
    const refund = await waitFor(
      () => env.t.db.refund.findFirst({ where: { bookingId: late.id, status: "SUCCEEDED" } }),
      "automatic refund",
    );
    expect(refund.reason).toBe("SLOT_UNAVAILABLE");
    expect(refund.amountCents).toBe(10_000);
    expect(fake.refunds.size).toBeGreaterThanOrEqual(1);
    const money = await loadBookingMoney(env.t.db, late.id);
    expect(money.paidLessRefundedCents).toBe(0);
    expect(money.lines.map((l) => l.kind)).toEqual(["deposit_paid", "refunded"]);
  });
});

describe("refunds by the policy", () => {
  async function paidBooking(days: number, startMinute = 17 * 60) {
    const b = await createBooking(env.t.db, input(dateIn(days), startMinute), deps());
    await fake.pay(sessionOf(b.checkoutUrl!));
    await fake.settled();
    await waitFor(async () => (await booking(b.id)).status === "CONFIRMED", "confirmed");
    return b;
  }

  it("cancelling early refunds the deposit; a Stripe error leaves the booking cancelled and the refund is retried to success", async () => {
    const b = await paidBooking(40);
    // The SDK itself retries a 500 twice (same key): four failures fail the first job attempt.
    fake.failRefunds(4);
    const cancelled = await cancelBooking(
      env.t.db,
      { bookingId: b.id, reason: "Plans changed", actor: { kind: "token", token: b.accessToken } },
      deps(),
    );
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.refundCents).toBe(10_000);
    // The first tries fail at Stripe: the refund waits, the booking stays cancelled.
    await waitFor(
      async () => (await env.t.db.refund.findFirst({ where: { bookingId: b.id } }))?.lastError,
      "a failed try",
    );
    expect((await booking(b.id)).status).toBe("CANCELLED");
    expect((await loadBookingMoney(env.t.db, b.id)).lines.map((l) => l.kind)).toContain(
      "refund_pending",
    );
    const refund = await waitFor(
      () => env.t.db.refund.findFirst({ where: { bookingId: b.id, status: "SUCCEEDED" } }),
      "the refund retried to success",
      30_000,
    );
    expect(refund.attempts).toBeGreaterThanOrEqual(2);
    expect(refund.amountCents).toBe(10_000);
    expect((await booking(b.id)).status).toBe("CANCELLED");
    const payment = await env.t.db.payment.findFirstOrThrow({
      where: { bookingId: b.id, status: "SUCCEEDED" },
    });
    expect(payment.refundedCents).toBe(10_000);
    // Stripe refunded once, whatever the retries and the refund webhooks.
    expect(
      [...fake.refunds.values()].filter(
        (r) => (r.metadata as { refundId?: string }).refundId === refund.id,
      ),
    ).toHaveLength(1);
    await allProcessed();
    expect(
      (await env.t.db.payment.findFirstOrThrow({ where: { id: payment.id } })).refundedCents,
    ).toBe(10_000);
    const money = await loadBookingMoney(env.t.db, b.id);
    expect(money.refundedCents).toBe(10_000);
    expect(money.lines.find((l) => l.kind === "refunded")!.label).toMatch(/^Refunded on /);
  }, 40_000);

  it("cancelling late refunds nothing (default policy), and the customer is told so before confirming", async () => {
    const b = await paidBooking(3, 19 * 60 + 30); // 3 days ahead: inside 72 h? not yet; use terms at a later now
    const now = new Date(Date.now() + 2 * DAY); // ~1 day before the event
    const { moneyCancellationTerms } = await import("@myhibachi/core");
    const row = await booking(b.id);
    const payments = await env.t.db.payment.findMany({ where: { bookingId: b.id } });
    const settings = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    const terms = moneyCancellationTerms(row, settings, payments, now);
    expect(terms.refundCents).toBe(0);
    expect(terms.summary).toMatch(/not refundable/);
    const c = await cancelBooking(
      env.t.db,
      { bookingId: b.id, reason: "", actor: { kind: "token", token: b.accessToken } },
      deps({ now: () => now }),
    );
    expect(c.refundCents).toBe(0);
    expect(await env.t.db.refund.count({ where: { bookingId: b.id } })).toBe(0);
  });

  it("the owner refunds part of a deposit, audited; more than what is left is refused", async () => {
    const b = await paidBooking(41);
    const payment = (await depositPayments(b.id))[0]!;
    const ownerUser = await env.t.db.user.create({
      data: { id: `u-owner-${n}`, name: "Owner", email: `owner${n}@x.test`, role: "OWNER" },
    });
    const actor = { userId: ownerUser.id, role: "OWNER" as const };
    await refundPaymentByOwner(
      env.t.db,
      { actor, bookingId: b.id, paymentId: payment.id, amountCents: 2_500, note: "Late chef" },
      deps(),
    );
    await expect(
      refundPaymentByOwner(
        env.t.db,
        { actor, bookingId: b.id, paymentId: payment.id, amountCents: 9_000, note: null },
        deps(),
      ),
    ).rejects.toThrow(AppError);
    await waitFor(
      () => env.t.db.refund.findFirst({ where: { bookingId: b.id, status: "SUCCEEDED" } }),
      "owner refund sent",
    );
    expect(
      await env.t.db.auditLog.count({ where: { action: "payment.refund", entityId: b.id } }),
    ).toBe(1);
    expect((await booking(b.id)).status).toBe("CONFIRMED");
  });
});

describe("a signed event is a notice: what moved is read from Stripe", () => {
  // An event signed with our secret but saying what Stripe never did (a leaked secret, a replay
  // edited by hand) must move no money: the state comes from Stripe's own objects.
  const send = async (type: string, object: Record<string, unknown>) => {
    const payload = JSON.stringify({
      id: `evt_lie_${Math.random().toString(36).slice(2)}`,
      object: "event",
      type,
      created: Math.floor(Date.now() / 1000),
      data: { object },
    });
    const r = await fetch(receiver.url, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": fake.sign(payload) },
      body: payload,
    });
    expect(r.status).toBe(200);
    await allProcessed();
  };

  it("'completed, paid 1 cent' for an open, unpaid session confirms nothing", async () => {
    fake.webhookUrl = null;
    const b = await createBooking(env.t.db, input(dateIn(55)), deps());
    const sessionId = sessionOf(b.checkoutUrl!);
    const payment = await env.t.db.payment.findFirstOrThrow({ where: { bookingId: b.id } });
    await send("checkout.session.completed", {
      id: sessionId,
      object: "checkout.session",
      payment_status: "paid",
      amount_total: 1,
      payment_intent: "pi_forged",
      metadata: { paymentId: payment.id, bookingId: b.id, kind: "DEPOSIT" },
    });
    expect((await booking(b.id)).status).toBe("HELD");
    expect(await depositPayments(b.id)).toHaveLength(0);
    // The real payment afterwards is applied normally.
    fake.webhookUrl = receiver.url;
    await fake.pay(sessionId);
    await fake.settled();
    await waitFor(async () => (await booking(b.id)).status === "CONFIRMED", "confirmed");
    expect(await depositPayments(b.id)).toHaveLength(1);
  });

  it("a refund or a dispute larger than the payment, or unknown to Stripe, is not recorded as such", async () => {
    const b = await createBooking(env.t.db, input(dateIn(56)), deps());
    await fake.pay(sessionOf(b.checkoutUrl!));
    await fake.settled();
    await waitFor(async () => (await booking(b.id)).status === "CONFIRMED", "confirmed");
    const [paid] = await depositPayments(b.id);
    await send("charge.refunded", {
      id: "ch_forged",
      object: "charge",
      payment_intent: paid!.stripePaymentIntentId,
      amount_refunded: 99_999_900,
      refunds: {
        data: [
          {
            id: "re_forged",
            object: "refund",
            amount: 99_999_900,
            status: "succeeded",
            payment_intent: paid!.stripePaymentIntentId,
          },
        ],
      },
    });
    await send("charge.dispute.created", {
      id: "dp_forged",
      object: "dispute",
      amount: 99_999_900,
      status: "needs_response",
      reason: "fraudulent",
      payment_intent: paid!.stripePaymentIntentId,
      created: Math.floor(Date.now() / 1000),
    });
    // No refund Stripe doesn't know; a dispute never counts more than the payment took.
    expect(await env.t.db.refund.count({ where: { bookingId: b.id } })).toBe(0);
    const money = await loadBookingMoney(env.t.db, b.id);
    expect(money.refundedCents).toBe(0);
    const d = await env.t.db.paymentDispute.findUniqueOrThrow({ where: { id: "dp_forged" } });
    expect(d.amountCents).toBe(paid!.amountCents + paid!.tipCents);
  });
});

describe("disputes", () => {
  it("a dispute opened and closed, delivered in reverse order, ends closed", async () => {
    fake.webhookUrl = null;
    const b = await createBooking(env.t.db, input(dateIn(50)), deps());
    await fake.pay(sessionOf(b.checkoutUrl!));
    const pi = fake.sessions.get(sessionOf(b.checkoutUrl!))!.payment_intent as string;
    const before = fake.events.length;
    fake.dispute(pi, "lost");
    const sent = fake.events.slice(before - 2); // the payment, then dispute created + closed
    fake.webhookUrl = receiver.url;
    for (const e of sent.slice(0, 2)) await fake.deliver(e);
    // Same second: closed first, created second.
    for (const e of [...sent.slice(2)].reverse()) await fake.deliver(e);
    await allProcessed();
    const d = await env.t.db.paymentDispute.findFirstOrThrow({ where: { bookingId: b.id } });
    expect(d.status).toBe("lost");
    expect(d.closedAt).not.toBeNull();
  });
});

describe("pay at the event (no Stripe keys)", () => {
  it("books as before and never claims a deposit was paid", async () => {
    const b = await createBooking(env.t.db, input(dateIn(60)), { cache: env.cache });
    expect(b.paymentMode).toBe("PAY_AT_EVENT");
    expect(b.checkoutUrl ?? null).toBeNull();
    const money = await loadBookingMoney(env.t.db, b.id);
    expect(money.headline).toBe("No payment is taken online: you pay the full total at the event.");
    expect(money.lines.map((l) => l.label).join(" ")).not.toMatch(/deposit|refund/i);
  });
});
