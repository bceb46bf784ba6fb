// The cancellation policy across a reschedule (the late-cancel loophole): once a booking's
// free-cancellation deadline has passed, moving the event doesn't make the deposit refundable
// again; a move made before the deadline moves the deadline with the event. And the deposit
// terms the review step and the emails state for an event already inside the window.
// Real Postgres, Redis, BullMQ worker and the `stripe` SDK against the local fake Stripe.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cancelBooking,
  composeBookingEmail,
  createBooking,
  depositTerms,
  moneyCancellationTerms,
  rescheduleBooking,
  rescheduleDepositTerms,
} from "@myhibachi/core";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import type { FakeStripe } from "../support/fake-stripe";
import type { Env } from "./helpers";
import {
  CUSTOMER_URL,
  dateIn,
  sessionOf,
  startStripeStack,
  waitFor,
  type StripeStack,
} from "./payments-support";

const HOUR = 3600_000;
let stack: StripeStack;
let env: Env;
let fake: FakeStripe;

beforeAll(async () => {
  stack = await startStripeStack({ chefs: 2 });
  ({ env, fake } = stack);
}, 60_000);

afterAll(() => stack?.close());

const deps = (now?: Date) => stack.bookingDeps(now ? { now: () => now } : {});
const customer = () => stack.customer();

const settingsRow = () => env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
const booking = (id: string) => env.t.db.booking.findUniqueOrThrow({ where: { id } });

let n = 0;
/** A booking `days` ahead whose deposit is paid, then its balance with a $50 tip (online). */
async function paidInFull(days: number) {
  n++;
  const b = await createBooking(
    env.t.db,
    {
      idempotencyKey: `resched-${n}-${Math.random()}`,
      date: dateIn(days),
      startMinute: 17 * 60,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: {
        name: `Mover ${n}`,
        email: `mover${n}-${Date.now()}@example.com`,
        phone: "408-555-0100",
      },
    },
    deps(),
  );
  await fake.pay(sessionOf(b.checkoutUrl!));
  await fake.settled();
  await waitFor(async () => (await booking(b.id)).status === "CONFIRMED", "deposit confirmed");
  const bal = await customer().booking.payBalance({
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
  return b;
}

async function paidPayments(bookingId: string) {
  const ps = await env.t.db.payment.findMany({ where: { bookingId, status: "SUCCEEDED" } });
  return {
    all: ps,
    deposit: ps.find((p) => p.kind === "DEPOSIT")!,
    balance: ps.find((p) => p.kind === "BALANCE")!,
  };
}

/** Cancels at `now` and returns what each payment got back (the Refund rows decided). */
async function cancelAt(b: { id: string; accessToken: string }, now: Date) {
  const c = await cancelBooking(
    env.t.db,
    { bookingId: b.id, reason: "Plans changed", actor: { kind: "token", token: b.accessToken } },
    deps(now),
  );
  const refunds = await env.t.db.refund.findMany({ where: { bookingId: b.id } });
  const refundedOn = (paymentId: string) =>
    refunds.filter((r) => r.paymentId === paymentId).reduce((t, r) => t + r.amountCents, 0);
  return { c, refundedOn };
}

describe("rescheduling and the deposit's free-cancellation deadline", () => {
  it("moved after the deadline: the deposit stays non-refundable, the balance and tip paid ahead come back", async () => {
    const s = await settingsRow();
    const b = await paidInFull(10);
    const oldStart = (await booking(b.id)).startsAt;
    // Inside the free-cancellation window, still before the online reschedule cutoff.
    const hoursBefore = (s.freeCancellationHours + s.rescheduleCutoffHours) / 2;
    expect(hoursBefore).toBeLessThan(s.freeCancellationHours);
    expect(hoursBefore).toBeGreaterThan(s.rescheduleCutoffHours);
    const now = new Date(oldStart.getTime() - hoursBefore * HOUR);
    const deadline = new Date(oldStart.getTime() - s.freeCancellationHours * HOUR);

    // Before confirming the move, the customer is told the deposit stays non-refundable.
    const before = rescheduleDepositTerms(await booking(b.id), s, now);
    expect(before.keepsDeadline).toBe(true);
    expect(before.sentence).toMatch(/has passed: if you move the booking/);

    const moved = await rescheduleBooking(
      env.t.db,
      {
        bookingId: b.id,
        date: dateIn(20),
        startMinute: 18 * 60,
        actor: { kind: "token", token: b.accessToken },
      },
      deps(now),
    );
    expect(moved.startsAt.getTime()).toBeGreaterThan(oldStart.getTime());
    expect(moved.depositRefundableUntil?.toISOString()).toBe(deadline.toISOString());
    // The new time's own terms say so plainly.
    const after = depositTerms(moved, s, now);
    expect(after.refundableNow).toBe(false);
    expect(after.sentence).toMatch(/passed before this booking was moved/);

    // The preview the customer reads before cancelling, and the cancellation, agree.
    const later = new Date(now.getTime() + HOUR);
    const { all, deposit, balance } = await paidPayments(b.id);
    const keptShare = Math.floor((deposit.amountCents * s.lateCancellationRefundBps) / 10_000);
    const expected = balance.amountCents + balance.tipCents + keptShare;
    const preview = moneyCancellationTerms(await booking(b.id), s, all, later);
    expect(preview.refundCents).toBe(expected);
    expect(preview.summary).toMatch(/deadline passed before the booking was moved/);
    const { c, refundedOn } = await cancelAt(b, later);
    expect(c.status).toBe("CANCELLED");
    expect(c.refundCents).toBe(expected);
    expect(refundedOn(deposit.id)).toBe(keptShare);
    expect(refundedOn(balance.id)).toBe(balance.amountCents + balance.tipCents);
  }, 60_000);

  it("moved before the deadline: the deadline moves with the event and the deposit is refunded in full", async () => {
    const s = await settingsRow();
    const b = await paidInFull(11);
    const oldStart = (await booking(b.id)).startsAt;
    const now = new Date(oldStart.getTime() - (s.freeCancellationHours + 24) * HOUR);
    expect(rescheduleDepositTerms(await booking(b.id), s, now).keepsDeadline).toBe(false);

    const moved = await rescheduleBooking(
      env.t.db,
      {
        bookingId: b.id,
        date: dateIn(21),
        startMinute: 18 * 60,
        actor: { kind: "token", token: b.accessToken },
      },
      deps(now),
    );
    expect(moved.depositRefundableUntil).toBeNull();
    // Cancelled after the OLD deadline, well before the new one: full refund of everything.
    const later = new Date(oldStart.getTime() - (s.freeCancellationHours - 12) * HOUR);
    expect(later.getTime()).toBeLessThan(moved.startsAt.getTime() - s.freeCancellationHours * HOUR);
    const { all, deposit, balance } = await paidPayments(b.id);
    const everything = all.reduce((t, p) => t + p.amountCents + p.tipCents, 0);
    expect(moneyCancellationTerms(await booking(b.id), s, all, later).refundCents).toBe(everything);
    const { c, refundedOn } = await cancelAt(b, later);
    expect(c.refundCents).toBe(everything);
    expect(refundedOn(deposit.id)).toBe(deposit.amountCents);
    expect(refundedOn(balance.id)).toBe(balance.amountCents + balance.tipCents);
  }, 60_000);
});

describe("deposit terms for an event already inside the free-cancellation window", () => {
  it("the terms, and the booking's email, say the deposit is not refundable because the event is too close", async () => {
    const s = await settingsRow();
    const startsAt = new Date(Date.now() + 10 * 24 * HOUR);
    const now = new Date(startsAt.getTime() - (s.freeCancellationHours - 10) * HOUR);
    const tz = s.timeZone;
    const late = depositTerms({ startsAt, paymentMode: "STRIPE", timeZone: tz }, s, now);
    expect(late.refundableNow).toBe(false);
    expect(late.sentence).toBe(
      `This event is less than ${s.freeCancellationHours} hours away, so the deposit is not refundable.`,
    );
    const early = depositTerms(
      { startsAt, paymentMode: "STRIPE", timeZone: tz },
      s,
      new Date(startsAt.getTime() - (s.freeCancellationHours + 1) * HOUR),
    );
    expect(early.refundableNow).toBe(true);
    expect(early.sentence).toMatch(/^Cancel by .+ for a full deposit refund; /);
    // Pay at the event: nothing is charged, so nothing is said about refunds.
    expect(
      depositTerms({ startsAt, paymentMode: "PAY_AT_EVENT", timeZone: tz }, s, now).sentence,
    ).toBeNull();

    // A booking made that close: its email says the same (held, deposit not paid yet).
    n++;
    const b = await createBooking(
      env.t.db,
      {
        idempotencyKey: `close-${n}-${Math.random()}`,
        date: dateIn(10),
        startMinute: 17 * 60,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact: { name: "Close", email: `close${n}@example.com`, phone: "408-555-0100" },
      },
      deps(),
    );
    const row = await booking(b.id);
    const closeNow = new Date(row.startsAt.getTime() - (s.freeCancellationHours - 10) * HOUR);
    const mail = await composeBookingEmail(
      env.t.db,
      { type: "booking.held", bookingId: b.id },
      CUSTOMER_URL,
      closeNow,
    );
    expect(mail!.text).toContain(
      `This event is less than ${s.freeCancellationHours} hours away, so the deposit is not refundable.`,
    );
    const calm = await composeBookingEmail(
      env.t.db,
      { type: "booking.held", bookingId: b.id },
      CUSTOMER_URL,
    );
    expect(calm!.text).toMatch(/Cancel by .+ for a full deposit refund/);
  }, 60_000);
});
