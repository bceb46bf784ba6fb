// `pnpm bench payments`: 1,000 Stripe webhooks (800 distinct events for 400 paid deposits, plus
// 20% duplicates) replayed in random order against the real webhook route (the handler the
// customer app mounts at /api/stripe/webhook, over HTTP) and the real worker on BullMQ, with the
// real `stripe` SDK and a local Stripe-compatible server. Prints throughput, then checks the
// database against what was sent (independent truth: one deposit of the booked amount per paid
// booking, nothing refunded) and exits 1 on any double-applied or missing payment.
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import {
  QueryCache,
  createBooking,
  createPaymentsGateway,
  stripeConfigFrom,
} from "@myhibachi/core";
import { createDb } from "@myhibachi/db";
import { createRedis } from "@myhibachi/jobs";
import { createFixtureBusiness, classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { addDays, todayIn } from "@myhibachi/shared";
import { startFakeStripe, type SentEvent } from "../tests/support/fake-stripe";
import { startPaymentWorker, startWebhookReceiver } from "./_payments-harness";
import { scratchDatabase, summary } from "./_db";

const DB_NAME = "myhibachi_bench_payments";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";
const BOOKINGS = 400; // x2 events (checkout.session.completed, payment_intent.succeeded) = 800
const TOTAL = 1000;
const IN_FLIGHT = 16;

function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

async function main() {
  console.log("MyHibachi payments benchmark: webhooks replayed against the real route + worker\n");
  const url = await scratchDatabase(DB_NAME);
  const db = createDb({ url, max: 20 });
  await createFixtureBusiness(db, { chefs: 10, settings: { bookingWindowDays: 365 } });
  await db.businessSettings.update({ where: { id: 1 }, data: { bookingRateLimit: 100_000 } });
  const redis = createRedis(REDIS_URL, "cache");
  await new Promise((r) => (redis.status === "ready" ? r(null) : redis.once("ready", r)));
  const prefix = `bench-pay-${randomBytes(4).toString("hex")}`;
  const cache = new QueryCache(redis, prefix);

  const fake = await startFakeStripe(); // no webhook URL yet: events are collected
  const payments = createPaymentsGateway(stripeConfigFrom(fake.env()))!;

  // 400 bookings held for their deposit, each paid on the "hosted page".
  const t0 = performance.now();
  const today = todayIn("America/Los_Angeles");
  const expected = new Map<string, number>();
  for (let i = 0; i < BOOKINGS; i++) {
    const b = await createBooking(
      db,
      {
        idempotencyKey: `bench-${i}-${randomBytes(4).toString("hex")}`,
        date: addDays(today, 3 + Math.floor(i / 20)),
        startMinute: i % 2 ? 17 * 60 : 12 * 60,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact: { name: `Bench ${i}`, email: `bench${i}@example.com`, phone: "408-555-0100" },
      },
      { cache, payments, customerUrl: "http://127.0.0.1:3999" },
    );
    if (!b.checkoutUrl) throw new Error(`booking ${i} got no checkout page`);
    await fake.pay(b.checkoutUrl.split("/pay/")[1]!);
    expected.set(b.id, b.depositCents);
  }
  console.log(
    `setup: ${BOOKINGS} held bookings paid on Checkout in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const distinct: SentEvent[] = fake.events.filter(
    (e) => e.event.type !== "checkout.session.expired",
  );
  const duplicates = Array.from(
    { length: TOTAL - distinct.length },
    () => distinct[Math.floor(Math.random() * distinct.length)]!,
  );
  const replay = shuffle([...distinct, ...duplicates]);
  console.log(
    `replay: ${replay.length} webhooks (${distinct.length} distinct events, ${duplicates.length} duplicates = ${((duplicates.length / replay.length) * 100).toFixed(0)}%), random order, ${IN_FLIGHT} in flight`,
  );

  const worker = await startPaymentWorker({ db, payments, redisUrl: REDIS_URL, prefix, cache });
  const receiver = await startWebhookReceiver({ db, payments, queues: worker.queues });

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < replay.length) {
        const e = replay[next++]!;
        const t = performance.now();
        const res = await fetch(receiver.url, {
          method: "POST",
          headers: { "content-type": "application/json", "stripe-signature": fake.sign(e.payload) },
          body: e.payload,
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const accepted = performance.now() - start;
  for (;;) {
    const left = await db.stripeEvent.count({ where: { processedAt: null } });
    if (left === 0) break;
    if (performance.now() - start > 300_000)
      throw new Error(`${left} events still unprocessed after 5 minutes`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const applied = performance.now() - start;

  console.log("");
  console.log(summary("route: verify + store + enqueue", latencies));
  console.log(
    `route throughput                   ${(replay.length / (accepted / 1000)).toFixed(0)} webhooks/s  (statuses: ${[...statuses].map(([s, c]) => `${s}x${c}`).join(", ")})`,
  );
  console.log(
    `end to end (all events applied)    ${(replay.length / (applied / 1000)).toFixed(0)} webhooks/s  in ${(applied / 1000).toFixed(2)} s`,
  );

  // Independent truth: what was sent (one paid Checkout per booking, of its deposit).
  const rows = await db.payment.groupBy({
    by: ["bookingId"],
    where: { status: "SUCCEEDED" },
    _sum: { amountCents: true, tipCents: true },
    _count: { _all: true },
  });
  const got = new Map(rows.map((r) => [r.bookingId, r]));
  let doubled = 0;
  let missing = 0;
  for (const [bookingId, cents] of expected) {
    const r = got.get(bookingId);
    if (!r) missing++;
    else if (r._count._all !== 1 || (r._sum.amountCents ?? 0) + (r._sum.tipCents ?? 0) !== cents)
      doubled++;
  }
  const stored = await db.stripeEvent.count();
  const confirmed = await db.booking.count({
    where: { status: "CONFIRMED", id: { in: [...expected.keys()] } },
  });
  const refunds = await db.refund.count();
  const depositEvents = await db.bookingEvent.count({ where: { type: "deposit-paid" } });
  console.log("");
  console.log(
    `events stored once                 ${stored} rows for ${distinct.length} distinct events`,
  );
  console.log(`bookings confirmed                 ${confirmed} / ${BOOKINGS}`);
  console.log(`double-applied payments            ${doubled}`);
  console.log(`missing payments                   ${missing}`);
  console.log(`"deposit-paid" booking events      ${depositEvents} (one per booking expected)`);
  console.log(`refunds issued                     ${refunds} (none expected)`);

  await receiver.close();
  await worker.close();
  await fake.stop();
  redis.disconnect();
  await db.$disconnect();
  const ok =
    doubled === 0 &&
    missing === 0 &&
    stored === distinct.length &&
    confirmed === BOOKINGS &&
    refunds === 0 &&
    depositEvents === BOOKINGS;
  console.log(
    ok
      ? "\nOK: 0 double-applied payments"
      : "\nFAILED: the database disagrees with the events sent",
  );
  process.exit(ok ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
