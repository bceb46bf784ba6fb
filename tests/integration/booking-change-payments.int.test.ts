// Changing the party of a booking paid online (Stripe mode, issue 13 point 6): a lower total than
// what was paid gives the difference back to the card (a refund row the worker sends to Stripe,
// from the balance, never the tip), once even when two changes arrive together; a higher total
// raises the balance due. Real Postgres, Redis, BullMQ worker and the `stripe` SDK against the
// local fake Stripe.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminBookingDetail,
  computeQuote,
  createBooking,
  loadCatalogFromDb,
  recordPaymentAtEvent,
  resolveLocation,
  type QuoteSelection,
} from "@myhibachi/core";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import type { FakeStripe } from "../support/fake-stripe";
import { staffActor } from "./after-booking-support";
import type { Env } from "./helpers";
import { dateIn, sessionOf, startStripeStack, waitFor, type StripeStack } from "./payments-support";

let stack: StripeStack;
let env: Env;
let fake: FakeStripe;

beforeAll(async () => {
  stack = await startStripeStack({ chefs: 2 });
  ({ env, fake } = stack);
}, 60_000);
afterAll(() => stack?.close());

const booking = (id: string) => env.t.db.booking.findUniqueOrThrow({ where: { id } });
const site = () => stack.customer();

let n = 0;
/** A booking `days` ahead for 10 adults whose deposit and balance (with a $50 tip) are paid. */
async function paidInFull(days: number) {
  n++;
  const b = await createBooking(
    env.t.db,
    {
      idempotencyKey: `change-pay-${n}-${Math.random()}`,
      date: dateIn(days),
      startMinute: 17 * 60,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: {
        name: `Payer ${n}`,
        email: `payer${n}-${Date.now()}@example.com`,
        phone: "408-555-0100",
      },
    },
    stack.bookingDeps(),
  );
  await fake.pay(sessionOf(b.checkoutUrl!));
  await fake.settled();
  await waitFor(async () => (await booking(b.id)).status === "CONFIRMED", "deposit confirmed");
  const bal = await site().booking.payBalance({
    id: b.id,
    token: b.accessToken,
    tip: { kind: "custom", cents: 5_000 },
  });
  await fake.pay(sessionOf(bal.url));
  await fake.settled();
  await waitFor(
    () =>
      env.t.db.payment.findFirst({
        where: { bookingId: b.id, kind: "BALANCE", status: "SUCCEEDED" },
      }),
    "balance paid",
  );
  return { id: b.id, token: b.accessToken };
}

async function quoteOf(selection: QuoteSelection) {
  const catalog = await loadCatalogFromDb(env.t.db);
  const loc = await resolveLocation(env.t.db, catalog, FIXTURE_ADDRESS.postalCode);
  return computeQuote(catalog, loc.zone, selection);
}

const dollars = (c: number) =>
  `$${(c / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const changeRefunds = (bookingId: string) =>
  env.t.db.refund.findMany({ where: { bookingId, reason: "BOOKING_CHANGE" } });

// The fixture's prices, worked out by hand (Classic Hibachi at $60.00 an adult, 9.38% sales tax
// on the food rounded half up, no travel fee at the fixture address, a $100.00 deposit):
//   12 adults: $720.00 + $67.536 -> $67.54 = $787.54
//   11 adults: $660.00 + $61.908 -> $61.91 = $721.91
//   10 adults: $600.00 + $56.28            = $656.28
const TOTAL_12 = 78_754;
const TOTAL_11 = 72_191;
const TOTAL_10 = 65_628;
const DEPOSIT = 10_000;

/** A confirmed booking for `adults` whose deposit was paid online, and its link. */
async function depositPaid(days: number, adults: number, name: string) {
  n++;
  const made = await createBooking(
    env.t.db,
    {
      idempotencyKey: `change-net-${n}-${Math.random()}`,
      date: dateIn(days),
      startMinute: 17 * 60,
      selection: classicSelection(adults),
      address: FIXTURE_ADDRESS,
      contact: { name, email: `net${n}-${Date.now()}@example.com`, phone: "408-555-0100" },
    },
    stack.bookingDeps(),
  );
  await fake.pay(sessionOf(made.checkoutUrl!));
  await fake.settled();
  await waitFor(async () => (await booking(made.id)).status === "CONFIRMED", "deposit confirmed");
  return { id: made.id, token: made.accessToken };
}

/**
 * The deposit paid a second time, on another Checkout page for it (a second tab): the webhook
 * engine refunds that second payment in full (DUPLICATE_PAYMENT) and the worker sends it to
 * Stripe. Returns the refund once Stripe has made it.
 */
async function depositPaidTwice(bookingId: string) {
  const b = await booking(bookingId);
  const row = await env.t.db.payment.create({
    data: {
      bookingId,
      kind: "DEPOSIT",
      method: "STRIPE",
      status: "PENDING",
      amountCents: b.depositCents,
      idempotencyKey: `second-deposit-${bookingId}`,
    },
  });
  const metadata = { bookingId, paymentId: row.id, kind: "DEPOSIT", bookingCode: b.code };
  const session = await stack.gateway.stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: b.depositCents,
          product_data: { name: `Deposit: booking ${b.code}` },
        },
      },
    ],
    metadata,
    payment_intent_data: { metadata },
    success_url: "http://127.0.0.1:3999/ok",
  });
  await fake.pay(session.id);
  await fake.settled();
  return waitFor(
    () =>
      env.t.db.refund.findFirst({
        where: { paymentId: row.id, reason: "DUPLICATE_PAYMENT", status: "SUCCEEDED" },
      }),
    "the second deposit refunded at Stripe",
  );
}

describe("changing a party paid online", () => {
  it("fewer guests: the difference is refunded from the balance (not the tip) and reaches Stripe; more guests later raise the balance due", async () => {
    const b = await paidInFull(20);
    const oldTotal = (await booking(b.id)).totalCents;
    const balance = await env.t.db.payment.findFirstOrThrow({
      where: { bookingId: b.id, kind: "BALANCE", status: "SUCCEEDED" },
    });
    expect(balance.tipCents).toBe(5_000);
    const eight = await quoteOf(classicSelection(8));
    const back = oldTotal - eight.totalCents;
    expect(back).toBeGreaterThan(0);

    // Before confirming: the new total and the refund, in words.
    const preview = await site().booking.previewChange({ ...b, selection: classicSelection(8) });
    expect(preview.plan!.money).toMatchObject({
      oldTotalCents: oldTotal,
      newTotalCents: eight.totalCents,
      paidCents: oldTotal,
      refundCents: back,
      balanceDueAfterCents: 0,
    });
    expect(preview.plan!.money.sentence).toBe(
      `The total goes from ${dollars(oldTotal)} to ${dollars(eight.totalCents)}. You've paid ${dollars(oldTotal)} so far. That's more than the new total, so we'll refund ${dollars(back)} to your card (it usually shows within 5-10 business days). Your deposit and its cancellation terms stay as they are.`,
    );

    const done = await site().booking.change({
      ...b,
      selection: classicSelection(8),
      expectedTotalCents: eight.totalCents,
    });
    expect(done.refundCents).toBe(back);
    const refunds = await changeRefunds(b.id);
    expect(refunds.map((r) => [r.paymentId, r.amountCents])).toEqual([[balance.id, back]]);
    await waitFor(
      async () => (await changeRefunds(b.id)).every((r) => r.status === "SUCCEEDED"),
      "the refund sent to Stripe",
    );
    const paidBalance = await env.t.db.payment.findUniqueOrThrow({ where: { id: balance.id } });
    expect(paidBalance.refundedCents).toBe(back);
    const page = await site().booking.get(b);
    expect(page.booking.totalCents).toBe(eight.totalCents);
    expect(page.money.balanceDueCents).toBe(0);
    expect(page.money.lines.map((l) => l.kind)).toContain("refunded");

    // Later, 12 guests: what was kept (the new total) counts, the refund doesn't.
    const twelve = await quoteOf(classicSelection(12));
    const grow = await site().booking.previewChange({ ...b, selection: classicSelection(12) });
    expect(grow.plan!.money).toMatchObject({
      paidCents: eight.totalCents,
      refundCents: 0,
      balanceDueBeforeCents: 0,
      balanceDueAfterCents: twelve.totalCents - eight.totalCents,
    });
    expect(grow.plan!.money.sentence).toContain(
      `The balance due goes from $0.00 to ${dollars(twelve.totalCents - eight.totalCents)}.`,
    );
    await site().booking.change({
      ...b,
      selection: classicSelection(12),
      expectedTotalCents: twelve.totalCents,
    });
    const after = await site().booking.get(b);
    expect(after.money.balanceDueCents).toBe(twelve.totalCents - eight.totalCents);
    expect(await changeRefunds(b.id)).toHaveLength(1);
  }, 60_000);

  it("a balance page opened before the change (old amount) is closed, at Stripe too; a new one asks for the new balance", async () => {
    n++;
    const made = await createBooking(
      env.t.db,
      {
        idempotencyKey: `change-open-${n}-${Math.random()}`,
        date: dateIn(24),
        startMinute: 17 * 60,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact: {
          name: "Open Page",
          email: `open${n}-${Date.now()}@example.com`,
          phone: "408-555-0100",
        },
      },
      stack.bookingDeps(),
    );
    await fake.pay(sessionOf(made.checkoutUrl!));
    await fake.settled();
    await waitFor(async () => (await booking(made.id)).status === "CONFIRMED", "deposit confirmed");
    const b = { id: made.id, token: made.accessToken };
    const old = await site().booking.payBalance({ ...b, tip: { kind: "none" } });
    const oldSession = sessionOf(old.url);
    expect(fake.sessions.get(oldSession)!.status).toBe("open");

    await site().booking.change({
      ...b,
      selection: classicSelection(12),
      expectedTotalCents: (await quoteOf(classicSelection(12))).totalCents,
    });
    const oldRow = await env.t.db.payment.findFirstOrThrow({
      where: { bookingId: b.id, kind: "BALANCE", stripeCheckoutSessionId: oldSession },
    });
    expect(oldRow.status).toBe("CANCELED");
    expect(fake.sessions.get(oldSession)!.status).toBe("expired");
    // A new page asks for the balance of the new total.
    const after = await site().booking.get(b);
    const fresh = await site().booking.payBalance({ ...b, tip: { kind: "none" } });
    expect(sessionOf(fresh.url)).not.toBe(oldSession);
    expect(fresh.amountCents).toBe(after.money.balanceDueCents);
  }, 60_000);

  it("deposit online, the rest paid in person, then fewer guests: the card gets back what it can, staff see the rest owed to the customer, and the customer reads both", async () => {
    n++;
    // 12 adults: $720.00 + 9.38% tax ($67.54) = $787.54; 10 adults: $600.00 + $56.28 = $656.28
    // (the fixture's prices, worked out by hand). $131.26 was paid above the new total: the
    // $100.00 deposit (online) goes back to the card, the other $31.26 was paid in person.
    const made = await createBooking(
      env.t.db,
      {
        idempotencyKey: `change-mixed-${n}-${Math.random()}`,
        date: dateIn(26),
        startMinute: 17 * 60,
        selection: classicSelection(12),
        address: FIXTURE_ADDRESS,
        contact: {
          name: "Mixed Payer",
          email: `mixed${n}-${Date.now()}@example.com`,
          phone: "408-555-0100",
        },
      },
      stack.bookingDeps(),
    );
    expect((await booking(made.id)).totalCents).toBe(78_754);
    await fake.pay(sessionOf(made.checkoutUrl!));
    await fake.settled();
    await waitFor(async () => (await booking(made.id)).status === "CONFIRMED", "deposit confirmed");
    const b = { id: made.id, token: made.accessToken };
    const owner = await staffActor(env);
    // Staff record the rest ($687.54) paid by card at the door, ahead of the party.
    await recordPaymentAtEvent(
      env.t.db,
      { bookingId: b.id, method: "CARD_IN_PERSON" },
      { userId: owner.userId, role: "OWNER" },
      { cache: env.cache },
    );
    expect((await adminBookingDetail(env.t.db, b.id)).owedBack).toBeNull();

    const done = await site().booking.change({
      ...b,
      selection: classicSelection(10),
      expectedTotalCents: 65_628,
    });
    expect(done.refundCents).toBe(10_000);
    expect(done.money).toContain("we'll refund $100.00 to your card");
    expect(done.money).toMatch(/\$31\.26/);
    expect(done.money).toMatch(/refund/i);
    await waitFor(
      async () => (await changeRefunds(b.id)).every((r) => r.status === "SUCCEEDED"),
      "the refund sent to Stripe",
    );

    const detail = await adminBookingDetail(env.t.db, b.id);
    expect(detail.owedBack).toMatchObject({ cents: 3_126 });
    expect(detail.owedBack!.sentence).toMatch(/\$31\.26/);
    expect(detail.owedBack!.sentence).toMatch(/in person/);
    const page = await site().booking.get(b);
    expect(page.money.balanceDueCents).toBe(0);
    expect(page.money.owedBackCents).toBe(3_126);
    expect(page.money.headline).toMatch(/owed a refund of \$31\.26/);
  }, 60_000);

  it("the same change sent twice at once refunds once; two different changes at once never give back more than was paid above the final total", async () => {
    const b = await paidInFull(22);
    const oldTotal = (await booking(b.id)).totalCents;
    const eight = await quoteOf(classicSelection(8));
    const same = await Promise.allSettled([
      site().booking.change({
        ...b,
        selection: classicSelection(8),
        expectedTotalCents: eight.totalCents,
      }),
      site().booking.change({
        ...b,
        selection: classicSelection(8),
        expectedTotalCents: eight.totalCents,
      }),
    ]);
    expect(same.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect((await changeRefunds(b.id)).map((r) => r.amountCents)).toEqual([
      oldTotal - eight.totalCents,
    ]);
    expect(
      await env.t.db.bookingEvent.count({ where: { bookingId: b.id, type: "party-changed" } }),
    ).toBe(1);

    const c = await paidInFull(23);
    const seven = await quoteOf(classicSelection(7));
    const nine = await quoteOf(classicSelection(9));
    const both = await Promise.allSettled([
      site().booking.change({
        ...c,
        selection: classicSelection(7),
        expectedTotalCents: seven.totalCents,
      }),
      site().booking.change({
        ...c,
        selection: classicSelection(9),
        expectedTotalCents: nine.totalCents,
      }),
    ]);
    expect(both.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    const final = await booking(c.id);
    const refunded = (await changeRefunds(c.id)).reduce((t, r) => t + r.amountCents, 0);
    const page = await site().booking.get(c);
    // What was paid, less what went back, plus what is still due, is exactly the final total.
    expect(oldTotal - refunded + page.money.balanceDueCents).toBe(final.totalCents);
    expect([seven.totalCents, nine.totalCents]).toContain(final.totalCents);
    expect(refunded).toBeLessThanOrEqual(oldTotal - seven.totalCents);
  }, 90_000);
});

describe("refunds whatever their reason are not counted as paid", () => {
  it("a deposit paid twice and the second refunded: the balance due counts the deposit once, for the customer, staff, the payment recorded at the event and a later change", async () => {
    const b = await depositPaid(28, 12, "Twice Paid");
    expect((await booking(b.id)).totalCents).toBe(TOTAL_12);
    expect((await booking(b.id)).depositCents).toBe(DEPOSIT);
    const dup = await depositPaidTwice(b.id);
    expect(dup.amountCents).toBe(DEPOSIT);

    // Paid $200.00, $100.00 of it refunded: $100.00 counts, $687.54 is still due.
    const page = await site().booking.get(b);
    expect(page.money.balanceDueCents).toBe(TOTAL_12 - DEPOSIT);
    expect(page.money.owedBackCents).toBe(0);
    expect(page.money.lines.find((l) => l.kind === "balance_due")?.amountCents).toBe(68_754);
    const detail = await adminBookingDetail(env.t.db, b.id);
    expect(detail.money.balanceDueCents).toBe(68_754);
    expect(detail.owedBack).toBeNull();

    // Staff record part of it in cash: $587.54, leaving $100.00.
    const owner = await staffActor(env);
    const actor = { userId: owner.userId, role: "OWNER" as const };
    await recordPaymentAtEvent(
      env.t.db,
      { bookingId: b.id, method: "CASH", amountCents: 58_754 },
      actor,
      { cache: env.cache },
    );
    expect((await site().booking.get(b)).money.balanceDueCents).toBe(10_000);

    // 10 adults: $687.54 kept (not $787.54) against $656.28, so $31.26 goes back to the card
    // (from the deposit kept, the refunded one has nothing left), nothing in person.
    const lower = await site().booking.previewChange({ ...b, selection: classicSelection(10) });
    expect(lower.plan!.money).toMatchObject({
      newTotalCents: TOTAL_10,
      paidCents: 68_754,
      balanceDueBeforeCents: 10_000,
      balanceDueAfterCents: 0,
      refundCents: 3_126,
      settledInPersonCents: 0,
    });
    expect(lower.plan!.money.sentence).toBe(
      "The total goes from $787.54 to $656.28. You've paid $687.54 so far. That's more than the new total, so we'll refund $31.26 to your card (it usually shows within 5-10 business days). Your deposit and its cancellation terms stay as they are.",
    );
    const done = await site().booking.change({
      ...b,
      selection: classicSelection(10),
      expectedTotalCents: TOTAL_10,
    });
    expect(done.refundCents).toBe(3_126);
    const first = await env.t.db.payment.findFirstOrThrow({
      where: { bookingId: b.id, kind: "DEPOSIT", id: { not: dup.paymentId } },
    });
    expect((await changeRefunds(b.id)).map((r) => [r.paymentId, r.amountCents])).toEqual([
      [first.id, 3_126],
    ]);
    await waitFor(
      async () => (await changeRefunds(b.id)).every((r) => r.status === "SUCCEEDED"),
      "the change refund sent to Stripe",
    );
    const after = await site().booking.get(b);
    expect(after.money.balanceDueCents).toBe(0);
    expect(after.money.owedBackCents).toBe(0);
    expect((await adminBookingDetail(env.t.db, b.id)).owedBack).toBeNull();
  }, 60_000);

  it("deposit paid online, fewer guests (part of the deposit back to the card), more guests again: staff record exactly the real balance, and no more", async () => {
    const b = await depositPaid(30, 12, "Down Up");
    const owner = await staffActor(env);
    const actor = { userId: owner.userId, role: "OWNER" as const };
    const code = (await booking(b.id)).code;

    // 11 adults: $721.91, but only the $100.00 deposit was paid: nothing goes back yet.
    // Staff first record $621.91 paid by card ahead of the party: paid in full at 11.
    await site().booking.change({
      ...b,
      selection: classicSelection(11),
      expectedTotalCents: TOTAL_11,
    });
    await recordPaymentAtEvent(
      env.t.db,
      { bookingId: b.id, method: "CARD_IN_PERSON", amountCents: 62_191 },
      actor,
      { cache: env.cache },
    );
    // 10 adults: $656.28, $65.63 paid above it goes back to the card, from the deposit.
    const done = await site().booking.change({
      ...b,
      selection: classicSelection(10),
      expectedTotalCents: TOTAL_10,
    });
    expect(done.refundCents).toBe(6_563);
    await waitFor(
      async () => (await changeRefunds(b.id)).every((r) => r.status === "SUCCEEDED"),
      "the change refund sent to Stripe",
    );
    // 12 adults again: $787.54 less the $656.28 kept ($721.91 paid, $65.63 back) = $131.26 due.
    await site().booking.change({
      ...b,
      selection: classicSelection(12),
      expectedTotalCents: TOTAL_12,
    });
    expect((await site().booking.get(b)).money.balanceDueCents).toBe(13_126);

    // One cent more than is due: refused, naming what is due; nothing written.
    const before = await env.t.db.payment.count({ where: { bookingId: b.id } });
    await expect(
      recordPaymentAtEvent(
        env.t.db,
        { bookingId: b.id, method: "CASH", amountCents: 13_127 },
        actor,
        { cache: env.cache },
      ),
    ).rejects.toThrow(
      `Only $131.26 is still due on booking ${code}; record at most that (a tip goes in the tip field).`,
    );
    expect(await env.t.db.payment.count({ where: { bookingId: b.id } })).toBe(before);

    // Everything due (the default): exactly $131.26, then the booking is paid in full.
    const { payment } = await recordPaymentAtEvent(
      env.t.db,
      { bookingId: b.id, method: "CASH", tipCents: 2_000 },
      actor,
      { cache: env.cache },
    );
    expect(payment).toMatchObject({ amountCents: 13_126, tipCents: 2_000 });
    const page = await site().booking.get(b);
    expect(page.money.balanceDueCents).toBe(0);
    expect(page.money.owedBackCents).toBe(0);
    await expect(
      recordPaymentAtEvent(env.t.db, { bookingId: b.id, method: "CASH", amountCents: 1 }, actor, {
        cache: env.cache,
      }),
    ).rejects.toThrow(`Booking ${code} is paid in full; only a tip can be recorded now.`);
  }, 90_000);
});
