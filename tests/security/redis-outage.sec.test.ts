// Issue 9, point 10: a Redis outage must not hang bookings, slow availability down, or lose an
// email. Real processes: a private redis-server that the test kills (SIGKILL, no persistence: it
// comes back empty), the BUILT customer app, the worker, and an SMTP server at the network edge.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@myhibachi/db/testing";
import { classicSelection, createFixtureBusiness, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { percentile, PrivateRedis, startApps, startMailSink, trpcCall } from "./private-stack";

let t: TestDatabase;
let redis: PrivateRedis;
let mail: Awaited<ReturnType<typeof startMailSink>>;
let apps: Awaited<ReturnType<typeof startApps>>;

beforeAll(async () => {
  t = await createTestDatabase();
  await createFixtureBusiness(t.db, { chefs: 2 });
  redis = await PrivateRedis.start();
  mail = await startMailSink();
  apps = await startApps({ DATABASE_URL: t.url, REDIS_URL: redis.url, SMTP_URL: mail.url });
});

afterAll(async () => {
  await apps?.stop();
  await redis?.kill();
  await mail?.close();
  await t?.drop();
});

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

let nextDay = 5;
const run = Math.random().toString(36).slice(2, 8);

/** A booking on a day of its own (no conflicts), with a unique idempotency key. */
async function book(phase: string) {
  const key = `outage-${run}-${phase}-${nextDay}`;
  const res = await trpcCall(apps.customerUrl, "booking.create", {
    idempotencyKey: key,
    date: day(nextDay++),
    startMinute: 17 * 60,
    selection: classicSelection(10),
    address: FIXTURE_ADDRESS,
    contact: { name: "Dana Lee", email: `dana+${nextDay}@example.com`, phone: "(408) 555-0199" },
  });
  return { key, phase, kind: "booking" as const, ...res };
}

async function availability(phase: string) {
  const res = await trpcCall(
    apps.customerUrl,
    "booking.availability",
    { from: day(10), to: day(16), guests: 10, postalCode: FIXTURE_ADDRESS.postalCode },
    { method: "GET" },
  );
  return { key: "", phase, kind: "availability" as const, ...res };
}

type Result = Awaited<ReturnType<typeof book>> | Awaited<ReturnType<typeof availability>>;

async function traffic(phase: string, rounds: number): Promise<Result[]> {
  const out: Result[] = [];
  for (let i = 0; i < rounds; i++)
    out.push(...(await Promise.all([book(phase), availability(phase)])));
  return out;
}

describe("Redis outage", () => {
  it("every request answers fast, every booking exists once, every email is delivered once", async () => {
    const results: Result[] = [];
    results.push(...(await traffic("before", 3)));

    await redis.kill();
    const during = await traffic("during", 10);
    results.push(...during);

    await redis.start(); // same port, empty: queued jobs and schedulers are gone
    results.push(...(await traffic("after", 3)));

    // Every request answered (none hit the client's 8 s deadline) ...
    const unanswered = results.filter((r) => r.status === 0);
    expect(unanswered.map((r) => `${r.phase} ${r.kind}: ${r.message}`)).toEqual([]);
    // ... and answered OK: a booking with Redis down is still a booking.
    const failed = results.filter((r) => r.status !== 200);
    expect(failed.map((r) => `${r.phase} ${r.kind} ${r.status}: ${r.message}`)).toEqual([]);

    // The explicit requirement: p99 under one second during the outage.
    const p99 = (kind: Result["kind"]) =>
      percentile(
        during.filter((r) => r.kind === kind).map((r) => r.ms),
        99,
      );
    expect(p99("booking"), "booking p99 (ms) with Redis down").toBeLessThan(1000);
    expect(p99("availability"), "availability p99 (ms) with Redis down").toBeLessThan(1000);

    // Every booking that answered OK exists exactly once.
    const booked = results.filter((r) => r.kind === "booking");
    const codes: string[] = [];
    for (const b of booked) {
      const rows = await t.db.booking.findMany({
        where: { idempotencyKey: b.key },
        select: { code: true },
      });
      expect(rows, `bookings for ${b.key}`).toHaveLength(1);
      expect((b.data as { code: string }).code).toBe(rows[0]!.code);
      codes.push(rows[0]!.code);
    }

    // Nothing lost: once Redis is back, each confirmation reaches the SMTP server, exactly once.
    const deadline = Date.now() + 90_000;
    const deliveredFor = (code: string) => mail.delivered.filter((m) => m.subject.includes(code));
    while (Date.now() < deadline && codes.some((c) => deliveredFor(c).length === 0))
      await new Promise((r) => setTimeout(r, 500));
    const missing = codes.filter((c) => deliveredFor(c).length === 0);
    expect(missing, "bookings whose confirmation never arrived").toEqual([]);
    // Give a duplicate (a late job racing the sweep) time to show up before counting.
    await new Promise((r) => setTimeout(r, 3_000));
    const doubled = codes.filter((c) => deliveredFor(c).length > 1);
    expect(doubled, "bookings whose confirmation arrived twice").toEqual([]);
  });
});
