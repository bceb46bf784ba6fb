// The balance with Stripe, below the browser: the real `stripe` SDK against the local
// Stripe-compatible server, the app's real webhook route and the real worker on BullMQ. The
// customer picks a tip on the balance page, pays on Checkout, and the booking, its receipts
// (one per payment and refund, emailed once) and the balance email all say what happened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createBooking,
  recordPaymentAtEvent,
  refundPaymentByOwner,
  storeDueBalanceEmails,
} from "@myhibachi/core";
import { formatCents } from "@myhibachi/shared";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import type { FakeStripe } from "../support/fake-stripe";
import type { PaymentWorker } from "../../bench/_payments-harness";
import { createUser } from "./admin-helpers";
import type { Env } from "./helpers";
import {
  DAY,
  dateIn,
  sessionOf,
  startStripeStack,
  waitFor,
  type StripeStack,
  CUSTOMER_URL,
} from "./payments-support";

let stack: StripeStack;
let env: Env;
let fake: FakeStripe;
let worker: PaymentWorker;

beforeAll(async () => {
  stack = await startStripeStack({ chefs: 2 });
  ({ env, fake, worker } = stack);
}, 60_000);

afterAll(() => stack?.close());

const deps = () => stack.bookingDeps();
const customer = () => stack.customer();

let n = 0;
/** A booking whose deposit was paid on Checkout (confirmed by the webhook). */
async function paidDepositBooking(days: number) {
  n++;
  const email = `balance${n}-${Date.now()}@example.com`;
  const b = await createBooking(
    env.t.db,
    {
      idempotencyKey: `bal-${n}-${Math.random()}`,
      date: dateIn(days),
      startMinute: 17 * 60,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: { name: `Balance ${n}`, email, phone: "408-555-0100" },
    },
    deps(),
  );
  await fake.pay(sessionOf(b.checkoutUrl!));
  await fake.settled();
  await waitFor(
    async () =>
      (await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).status === "CONFIRMED",
    "deposit confirmed",
  );
  return { id: b.id, token: b.accessToken, code: b.code, totalCents: b.totalCents, email };
}

describe("the balance on Stripe Checkout, with a tip", () => {
  it("pays the balance and the chosen tip; the booking, receipts and report agree", async () => {
    const b = await paidDepositBooking(20);
    const before = await customer().booking.payments({ id: b.id, token: b.token });
    expect(before.balance.online).toBe(true);
    expect(before.balance.dueCents).toBe(b.totalCents - 10_000);
    expect(before.balance.tips.map((t) => t.label)).toEqual(["15%", "18%", "20%"]);
    expect(before.balance.tips.find((t) => t.suggested)?.label).toBe("20%");
    expect(before.money.lines.map((l) => l.kind)).toEqual(["deposit_paid", "balance_due"]);

    // 18 % first, then the customer changes their mind: a custom $123.45 tip.
    const t18 = before.balance.tips.find((t) => t.label === "18%")!;
    const first = await customer().booking.payBalance({
      id: b.id,
      token: b.token,
      tip: { kind: "percent", bps: t18.bps },
    });
    expect(first).toMatchObject({ amountCents: before.balance.dueCents, tipCents: t18.cents });
    const same = await customer().booking.payBalance({
      id: b.id,
      token: b.token,
      tip: { kind: "percent", bps: t18.bps },
    });
    expect(same.url).toBe(first.url);
    const custom = await customer().booking.payBalance({
      id: b.id,
      token: b.token,
      tip: { kind: "custom", cents: 12_345 },
    });
    expect(custom.url).not.toBe(first.url);
    expect(custom.tipCents).toBe(12_345);
    const attempts = await env.t.db.payment.findMany({
      where: { bookingId: b.id, kind: "BALANCE" },
      orderBy: { createdAt: "asc" },
    });
    expect(attempts.map((p) => p.status)).toEqual(["CANCELED", "PENDING"]);
    // Every Stripe call carried an idempotency key; the replaced page was closed at Stripe.
    expect(fake.requests.filter((r) => r.method === "POST").every((r) => r.idempotencyKey)).toBe(
      true,
    );
    expect(
      fake.requests.some((r) => r.path === `/v1/checkout/sessions/${sessionOf(first.url)}/expire`),
    ).toBe(true);

    await fake.pay(sessionOf(custom.url));
    await fake.settled();
    const paid = await waitFor(
      () =>
        env.t.db.payment.findFirst({
          where: { bookingId: b.id, kind: "BALANCE", status: "SUCCEEDED" },
        }),
      "balance paid",
    );
    expect(paid).toMatchObject({ amountCents: before.balance.dueCents, tipCents: 12_345 });

    const after = await customer().booking.payments({ id: b.id, token: b.token });
    expect(after.money.lines.map((l) => l.kind)).toEqual([
      "deposit_paid",
      "balance_paid",
      "tip_paid",
    ]);
    expect(after.money.balanceDueCents).toBe(0);
    expect(after.money.tipCents).toBe(12_345);
    expect(after.balance).toMatchObject({ online: false, notice: "Paid in full. Thank you!" });
    expect(after.receipts.map((r) => [r.number, r.amountCents])).toEqual([
      [`${b.code}-R1`, 10_000],
      [`${b.code}-R2`, before.balance.dueCents + 12_345],
    ]);

    // One receipt email per payment, sent by the worker when the webhook applied it.
    const receipts = await waitFor(async () => {
      const m = await env.t.db.emailMessage.findMany({
        where: { to: b.email, idempotencyKey: { startsWith: "receipt:" } },
        orderBy: { createdAt: "asc" },
      });
      return m.length === 2 && m.every((x) => x.status === "SENT") ? m : null;
    }, "two receipts sent");
    expect(receipts[1]!.text).toContain("Gratuity for your chef");
    expect(receipts[1]!.text).toContain(formatCents(12_345));
    expect(receipts[1]!.text).toContain("Card, paid online (Stripe)");

    // Paying again is refused: nothing is due.
    await expect(
      customer().booking.payBalance({ id: b.id, token: b.token, tip: { kind: "none" } }),
    ).rejects.toThrow("Paid in full");

    // A refund by the owner gets its own receipt once Stripe confirms it.
    const owner = await createUser(env.t.db, "OWNER");
    await refundPaymentByOwner(
      env.t.db,
      {
        actor: { userId: owner.id, role: "OWNER" },
        bookingId: b.id,
        paymentId: paid.id,
        amountCents: 5_000,
        note: "Short on rice",
      },
      {
        ...deps(),
        queueRefund: async (refundId) => {
          await worker.queues.payments.add("payments.refund", { refundId });
        },
      },
    );
    const refundMail = await waitFor(
      () =>
        env.t.db.emailMessage.findFirst({
          where: { to: b.email, idempotencyKey: { startsWith: "receipt:refund:" } },
        }),
      "refund receipt",
    );
    expect(refundMail.subject).toBe(`Refund receipt ${b.code}-R3 from MyHibachi`);
    expect(refundMail.text).toContain(formatCents(5_000));
  });

  it("a balance page paid after cash was recorded refunds what was paid beyond the total", async () => {
    const b = await paidDepositBooking(33);
    const page = await customer().booking.payBalance({
      id: b.id,
      token: b.token,
      tip: { kind: "none" },
    });
    // Meanwhile the chef takes part of it in cash at the door.
    const staff = await createUser(env.t.db, "STAFF");
    await recordPaymentAtEvent(
      env.t.db,
      { bookingId: b.id, method: "CASH", amountCents: 20_000 },
      { userId: staff.id, role: "STAFF" },
      { cache: env.cache },
    );
    await fake.pay(sessionOf(page.url));
    await fake.settled();
    // The card was charged the whole balance page; the $200 beyond the total goes back to it.
    const refunds = await waitFor(async () => {
      const r = await env.t.db.refund.findMany({ where: { bookingId: b.id } });
      return r.length ? r : null;
    }, "overpayment refund");
    expect(refunds.map((r) => r.amountCents)).toEqual([20_000]);
    const paid = await env.t.db.payment.findMany({
      where: { bookingId: b.id, status: "SUCCEEDED" },
    });
    const toward = paid.reduce((s, p) => s + p.amountCents, 0);
    expect(toward - refunds[0]!.amountCents).toBe(b.totalCents);
  });

  it("a tip that isn't offered is refused with a reason, and no payment page is opened", async () => {
    const b = await paidDepositBooking(22);
    const calls = fake.requests.length;
    await expect(
      customer().booking.payBalance({
        id: b.id,
        token: b.token,
        tip: { kind: "percent", bps: 9000 },
      }),
    ).rejects.toThrow("Choose one of the tips offered (15%, 18%, 20%)");
    await expect(
      customer().booking.payBalance({
        id: b.id,
        token: b.token,
        tip: { kind: "custom", cents: -1 },
      }),
    ).rejects.toThrow("A tip can't be negative.");
    expect(fake.requests.length).toBe(calls);
    expect(await env.t.db.payment.count({ where: { bookingId: b.id, kind: "BALANCE" } })).toBe(0);
  });

  it("the balance email links to the balance page with the tip choices, once per booking", async () => {
    const b = await paidDepositBooking(24);
    const now = new Date(Date.now() + 22 * DAY); // two days before the event
    const [x, y] = await Promise.all([
      storeDueBalanceEmails(env.t.db, { now, onlinePayments: true, customerUrl: CUSTOMER_URL }),
      storeDueBalanceEmails(env.t.db, { now, onlinePayments: true, customerUrl: CUSTOMER_URL }),
    ]);
    expect([...x!, ...y!].filter((e) => e.to === b.email)).toHaveLength(1);
    const mail = await env.t.db.emailMessage.findUniqueOrThrow({
      where: { idempotencyKey: `balance:${b.id}` },
    });
    expect(mail.subject).toBe(`Pay the balance for your hibachi party (${b.code})`);
    expect(mail.text).toMatch(new RegExp(`${CUSTOMER_URL}/bookings/${b.id}/balance\\?token=`));
    expect(mail.text).toContain("15% (");
    expect(mail.text).toContain("Deposit paid on");
    const token = new RegExp(`/balance\\?token=([\\w-]+)`).exec(mail.text)![1]!;
    expect((await customer().booking.payments({ id: b.id, token })).balance.online).toBe(true);
  });
});
