import { describe, expect, it } from "vitest";
import {
  bookingMoney,
  paidAtTheEvent,
  paidTowardTotalCents,
  paymentMethodWords,
  paymentsMode,
  stripeConfigFrom,
  PAY_AT_EVENT_NOTICE,
  type MoneyBooking,
  type MoneyPayment,
  type MoneyRefund,
} from "./index";

const booking = (over: Partial<MoneyBooking> = {}): MoneyBooking => ({
  status: "CONFIRMED",
  paymentMode: "STRIPE",
  totalCents: 111021,
  depositCents: 10000,
  balanceCents: 101021,
  timeZone: "America/Los_Angeles",
  ...over,
});
// 2026-12-01 07:30 UTC is still November 30 in Los Angeles.
const paidAt = new Date("2026-12-01T07:30:00Z");
const deposit = (over: Partial<MoneyPayment> = {}): MoneyPayment => ({
  id: "p1",
  kind: "DEPOSIT",
  method: "STRIPE",
  status: "SUCCEEDED",
  amountCents: 10000,
  tipCents: 0,
  refundedCents: 0,
  paidAt,
  createdAt: paidAt,
  ...over,
});
const refund = (over: Partial<MoneyRefund> = {}): MoneyRefund => ({
  id: "r1",
  paymentId: "p1",
  amountCents: 10000,
  status: "SUCCEEDED",
  reason: "CANCELLATION_POLICY",
  createdAt: new Date("2026-12-05T20:00:00Z"),
  succeededAt: new Date("2026-12-05T20:00:05Z"),
  ...over,
});
const kinds = (m: ReturnType<typeof bookingMoney>) => m.lines.map((l) => l.kind);

describe("bookingMoney", () => {
  it("pay at the event: says no payment is taken online and claims nothing", () => {
    const m = bookingMoney(booking({ paymentMode: "PAY_AT_EVENT" }), [], []);
    expect(m.mode).toBe("pay_at_event");
    expect(kinds(m)).toEqual(["pay_at_event"]);
    expect(m.headline).toBe(PAY_AT_EVENT_NOTICE);
    expect([m.headline, ...m.lines.map((l) => l.label)].join(" ")).not.toMatch(/deposit|refund/i);
    expect(m.depositPaid).toBe(false);
    expect(m.balanceDueCents).toBe(111021);
  });

  it("a held Stripe booking: deposit due now, nothing charged yet", () => {
    const m = bookingMoney(
      booking({ status: "HELD" }),
      [deposit({ status: "PENDING", paidAt: null })],
      [],
    );
    expect(kinds(m)).toEqual(["deposit_due", "balance_due"]);
    expect(m.headline).toMatch(
      /Pay the \$100\.00 deposit to confirm: nothing has been charged yet/,
    );
    expect(m.paidCents).toBe(0);
  });

  it("deposit paid: dated on the event's calendar, balance due at the event", () => {
    const m = bookingMoney(booking(), [deposit()], []);
    expect(m.lines[0]).toMatchObject({
      kind: "deposit_paid",
      label: "Deposit paid on November 30, 2026",
      amountCents: 10000,
    });
    expect(m.lines[1]).toMatchObject({ kind: "balance_due", amountCents: 101021 });
    expect(m.headline).toBe("Deposit of $100.00 paid on November 30, 2026.");
    expect(m.depositPaid).toBe(true);
  });

  it("cancelled early: refunded line, nothing due", () => {
    const m = bookingMoney(booking({ status: "CANCELLED" }), [deposit()], [refund()]);
    expect(kinds(m)).toEqual(["deposit_paid", "refunded"]);
    expect(m.refundedCents).toBe(10000);
    expect(m.paidLessRefundedCents).toBe(0);
    expect(m.balanceDueCents).toBe(0);
    expect(m.headline).toMatch(/\$100\.00 was refunded/);
  });

  it("a refund on its way is not shown as refunded", () => {
    const m = bookingMoney(
      booking({ status: "CANCELLED" }),
      [deposit()],
      [refund({ status: "PENDING", succeededAt: null })],
    );
    expect(kinds(m)).toEqual(["deposit_paid", "refund_pending"]);
    expect(m.refundedCents).toBe(0);
    expect(m.refundPendingCents).toBe(10000);
  });

  it("an expired unpaid hold: nothing charged", () => {
    const m = bookingMoney(
      booking({ status: "EXPIRED" }),
      [deposit({ status: "CANCELED", paidAt: null })],
      [],
    );
    expect(kinds(m)).toEqual(["nothing_charged"]);
    expect(m.headline).toBe("Nothing was charged.");
  });

  it("balance and tip paid: nothing left to pay", () => {
    const m = bookingMoney(
      booking({ status: "COMPLETED" }),
      [
        deposit(),
        deposit({
          id: "p2",
          kind: "BALANCE",
          method: "CASH",
          amountCents: 101021,
          tipCents: 20000,
        }),
      ],
      [],
    );
    expect(kinds(m)).toEqual(["deposit_paid", "balance_paid", "tip_paid"]);
    expect(m.lines[1]!.label).toBe("Balance paid in cash at the event on November 30, 2026");
    expect(m.balanceDueCents).toBe(0);
    expect(m.tipCents).toBe(20000);
    expect(m.paidCents).toBe(131021);
  });
});

describe("payments mode", () => {
  it("is pay at the event without both Stripe secrets", () => {
    const warnings: string[] = [];
    expect(paymentsMode(stripeConfigFrom({}, (w) => warnings.push(w)))).toBe("pay_at_event");
    expect(
      paymentsMode(stripeConfigFrom({ STRIPE_SECRET_KEY: "sk_test_x" }, (w) => warnings.push(w))),
    ).toBe("pay_at_event");
    expect(warnings[0]).toMatch(/STRIPE_WEBHOOK_SECRET is missing/);
    const cfg = stripeConfigFrom({
      STRIPE_SECRET_KEY: "sk_test_x",
      STRIPE_WEBHOOK_SECRET: "whsec_x",
      STRIPE_API_HOST: "127.0.0.1",
      STRIPE_API_PORT: "4010",
      STRIPE_API_PROTOCOL: "http",
    });
    expect(paymentsMode(cfg)).toBe("stripe");
    expect(cfg).toMatchObject({ host: "127.0.0.1", port: 4010, protocol: "http" });
  });

  it("the balance paid after the deposit: the headline says paid in full, not 'deposit paid'", () => {
    const balanceAt = new Date("2026-12-12T03:00:00Z");
    const m = bookingMoney(
      booking(),
      [
        deposit(),
        deposit({
          id: "p2",
          kind: "BALANCE",
          amountCents: 101021,
          tipCents: 15000,
          paidAt: balanceAt,
          createdAt: balanceAt,
        }),
      ],
      [],
    );
    expect(m.balanceDueCents).toBe(0);
    expect(m.headline).toBe("Paid in full: $1,110.21, last payment on December 11, 2026.");
  });

  it("pay at the event, part recorded by staff: what was paid and what is still due", () => {
    const m = bookingMoney(
      booking({ paymentMode: "PAY_AT_EVENT" }),
      [deposit({ kind: "BALANCE", method: "CASH", amountCents: 50000 })],
      [],
    );
    expect(m.headline).toBe("$500.00 paid; $610.21 due at the event.");
  });

  describe("paid above the total (a change lowered it)", () => {
    // $1,110.21 paid in full; the total is now $900.00: $210.21 paid above it.
    const full = (over: Partial<MoneyPayment> = {}) =>
      deposit({ id: "p2", kind: "BALANCE", amountCents: 101021, ...over });
    const lowered = booking({ totalCents: 90000, balanceCents: 80000 });

    it("paid in person: owed back by our team, never 'paid in full'", () => {
      const m = bookingMoney(lowered, [deposit({ method: "CASH" }), full({ method: "CASH" })], []);
      expect(m.owedBackCents).toBe(21021);
      expect(m.balanceDueCents).toBe(0);
      expect(m.lines.at(-1)).toMatchObject({ kind: "owed_back", amountCents: 21021 });
      expect(m.headline).toBe(
        "You're owed a refund of $210.21: you've paid $1,110.21 and the total is now $900.00. Our team will return it to you directly (it was paid in person).",
      );
    });

    it("for staff: the same figures about the customer, never 'you'", () => {
      const payments = [deposit({ method: "CASH" }), full({ method: "CASH" })];
      const m = bookingMoney(lowered, payments, [], [], "staff");
      expect(m.owedBackCents).toBe(bookingMoney(lowered, payments, []).owedBackCents);
      expect(m.headline).toBe(
        "The customer is owed $210.21: they paid $1,110.21 and the total is now $900.00. Our team will return it to them directly (it was paid in person).",
      );
      expect(m.lines.at(-1)!.label).toBe(
        "Paid above the new total, to be refunded to the customer by our team",
      );
      for (const text of [m.headline, ...m.lines.map((l) => l.label)])
        expect(text).not.toMatch(/\byou/i);
      const unpaid = bookingMoney(booking({ paymentMode: "PAY_AT_EVENT" }), [], [], [], "staff");
      expect(unpaid.headline).toBe(
        "No payment is taken online: the customer pays the full total at the event.",
      );
    });

    it("the card refund on its way or made: nothing more is owed; a failed one is owed again", () => {
      const change = refund({ paymentId: "p2", amountCents: 21021, reason: "BOOKING_CHANGE" });
      for (const status of ["PENDING", "SUCCEEDED"] as const) {
        const m = bookingMoney(lowered, [deposit(), full()], [{ ...change, status }]);
        expect(m.owedBackCents).toBe(0);
        expect(kinds(m)).not.toContain("owed_back");
      }
      const failed = bookingMoney(lowered, [deposit(), full()], [{ ...change, status: "FAILED" }]);
      expect(failed.owedBackCents).toBe(21021);
      expect(failed.headline).toMatch(
        /^You're owed a refund of \$210\.21: .* We'll refund it to you\.$/,
      );
    });

    it("a duplicate payment already refunded is not owed twice; a cancelled booking owes by its own terms", () => {
      const dup = bookingMoney(
        booking(),
        [deposit(), full(), deposit({ id: "p3", kind: "BALANCE", amountCents: 101021 })],
        [refund({ paymentId: "p3", amountCents: 101021, reason: "DUPLICATE_PAYMENT" })],
      );
      expect(dup.owedBackCents).toBe(0);
      const cancelled = bookingMoney(
        { ...lowered, status: "CANCELLED" },
        [deposit({ method: "CASH" }), full({ method: "CASH" })],
        [],
      );
      expect(cancelled.owedBackCents).toBe(0);
    });
  });
});

describe("paidTowardTotalCents: paid, net of every refund made or on its way", () => {
  // $1,110.21 total: the $100.00 deposit paid twice (p1, p3), the $1,010.21 balance with a $150 tip.
  const balance = deposit({ id: "p2", kind: "BALANCE", amountCents: 101021, tipCents: 15000 });
  const second = deposit({ id: "p3" });

  it("a duplicate payment refunded (or its refund on its way) doesn't count; a failed refund does", () => {
    const dup = refund({ id: "r3", paymentId: "p3", reason: "DUPLICATE_PAYMENT" });
    expect(paidTowardTotalCents([deposit(), second], [dup])).toBe(10000);
    expect(paidTowardTotalCents([deposit(), second], [{ ...dup, status: "PENDING" }])).toBe(10000);
    expect(paidTowardTotalCents([deposit(), second], [{ ...dup, status: "FAILED" }])).toBe(20000);
    const m = bookingMoney(booking(), [deposit(), second], [dup]);
    expect(m.balanceDueCents).toBe(101021);
    expect(m.owedBackCents).toBe(0);
  });

  it("whatever the reason; a payment that never went through counts for nothing", () => {
    for (const reason of ["OWNER", "EXTERNAL", "BOOKING_CHANGE", "CANCELLATION_POLICY"])
      expect(
        paidTowardTotalCents(
          [deposit(), balance],
          [refund({ paymentId: "p2", amountCents: 1021, reason })],
        ),
      ).toBe(110000);
    expect(paidTowardTotalCents([deposit({ status: "FAILED" })], [])).toBe(0);
  });

  it("a refund that gave the tip back too takes off no more than the payment paid towards the total", () => {
    const all = refund({ id: "r2", paymentId: "p2", amountCents: 116021, reason: "OWNER" });
    expect(paidTowardTotalCents([deposit(), balance], [all])).toBe(10000);
    // The payment's refundedCents repeats the refund rows: it is never taken off as well.
    expect(paidTowardTotalCents([deposit(), { ...balance, refundedCents: 116021 }], [all])).toBe(
      10000,
    );
    expect(bookingMoney(booking(), [deposit(), balance], [all]).balanceDueCents).toBe(101021);
  });
});

describe("paid in person ahead of the event", () => {
  // Paid in cash on November 29 (Los Angeles) for a December 12 event.
  const early = new Date("2026-11-29T18:00:00Z");
  const cash = (at: Date) =>
    deposit({ id: "p9", kind: "BALANCE", method: "CASH", amountCents: 50000, paidAt: at });
  const event = booking({
    paymentMode: "PAY_AT_EVENT",
    startsAt: new Date("2026-12-13T03:30:00Z"),
  });

  it("another day than the event's: 'paid in cash on …', never 'at the event'", () => {
    const m = bookingMoney(event, [cash(early)], []);
    expect(m.lines[0]!.label).toBe("Balance paid in cash on November 29, 2026");
    expect(m.lines.map((l) => l.label).join(" ")).not.toMatch(/paid in cash at the event/);
  });

  it("on the event's own day (its time zone, evening UTC-next-day included): 'at the event'", () => {
    // 2026-12-13T06:00Z is still December 12 in Los Angeles.
    const m = bookingMoney(event, [cash(new Date("2026-12-13T06:00:00Z"))], []);
    expect(m.lines[0]!.label).toBe("Balance paid in cash at the event on December 12, 2026");
    const card = bookingMoney(
      event,
      [{ ...cash(early), method: "CARD_IN_PERSON", tipCents: 1000 }],
      [],
    );
    expect(card.lines.map((l) => l.label)).toEqual(
      expect.arrayContaining([
        "Balance paid by card in person on November 29, 2026",
        "Gratuity paid by card in person on November 29, 2026",
      ]),
    );
  });

  it("one rule for every place that says it (paidAtTheEvent, paymentMethodWords): the event's day on its calendar", () => {
    const party = { startsAt: new Date("2026-12-13T03:30:00Z"), timeZone: "America/Los_Angeles" };
    // December 12 in Los Angeles, morning and late evening (already December 13 in UTC).
    for (const at of ["2026-12-12T17:00:00Z", "2026-12-13T07:59:00Z"])
      expect(paidAtTheEvent(new Date(at), party), at).toBe(true);
    // The day before and the day after, on the party's calendar.
    for (const at of ["2026-12-12T07:59:00Z", "2026-12-13T08:00:00Z"])
      expect(paidAtTheEvent(new Date(at), party), at).toBe(false);
    expect(paymentMethodWords("CASH", new Date("2026-12-12T20:00:00Z"), party)).toBe(
      "in cash at the event",
    );
    expect(paymentMethodWords("CASH", early, party)).toBe("in cash");
    expect(paymentMethodWords("CARD_IN_PERSON", early, party)).toBe("by card in person");
    expect(paymentMethodWords("STRIPE", early, party)).toBe("online");
    // Without the event's start: as before, at the event.
    expect(paymentMethodWords("CASH", early, { timeZone: party.timeZone })).toBe(
      "in cash at the event",
    );
  });
});
