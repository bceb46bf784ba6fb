// The real worker (`tsx src/main.ts`) as a child process, fed through @myhibachi/jobs exactly as the
// apps do. Own database (createTestDatabase) and own queue prefix, so it runs beside other files.
import { createTestDatabase, type TestDatabase } from "@myhibachi/db/testing";
import {
  closeQueues,
  createQueues,
  createRedis,
  enqueue,
  jobIdFor,
  type Queues,
  type Redis,
} from "@myhibachi/jobs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  REDIS_URL,
  deletePrefix,
  getHealth,
  startWorkerProcess,
  testPrefix,
  waitFor,
  type WorkerProcess,
} from "./testing/support";

let tdb: TestDatabase;
let redis: Redis;
let queues: Queues;
const prefix = testPrefix();
const running: WorkerProcess[] = [];

const HEALTH_TOKEN = "worker-int-test-health-token";

async function worker(extra: { WORKER_SHUTDOWN_TIMEOUT_MS?: number } = {}): Promise<WorkerProcess> {
  const w = await startWorkerProcess({
    DATABASE_URL: tdb.url,
    QUEUE_PREFIX: prefix,
    WORKER_HEALTH_TOKEN: HEALTH_TOKEN,
    ...extra,
  });
  running.push(w);
  return w;
}

/** SIGTERM, then expect exit code 0 (the worker's output is shown if not). */
async function stopsCleanly(w: WorkerProcess): Promise<void> {
  expect(await w.stop("SIGTERM"), w.output()).toEqual({ code: 0, signal: null });
}

async function receipts(marker: string): Promise<number> {
  return tdb.db.jobReceipt.count({ where: { key: `ping:${marker}` } });
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  redis = createRedis(REDIS_URL, "queue");
  queues = createQueues(redis, { prefix });
});

afterEach(async () => {
  // A failing test must not leave a worker behind.
  await Promise.all(running.splice(0).map((w) => w.stop("SIGKILL")));
});

afterAll(async () => {
  await closeQueues(queues);
  await deletePrefix(redis, prefix);
  redis.disconnect();
  await tdb.drop();
});

describe("worker process", () => {
  it("processes a system.ping enqueued through @myhibachi/jobs and reports healthy", async () => {
    const w = await worker();
    const job = await enqueue(queues, "system.ping", { marker: "hello" });
    expect(job.id).toBe(jobIdFor("system.ping", "ping:hello"));

    await waitFor(async () => (await receipts("hello")) === 1, "JobReceipt ping:hello");
    const receipt = await tdb.db.jobReceipt.findUniqueOrThrow({ where: { key: "ping:hello" } });
    expect(receipt.queue).toBe("system");

    // Queue counts are shown only to a probe that carries the configured token.
    expect((await getHealth(w.port)).body.queues).toBeNull();
    const health = await getHealth(w.port, HEALTH_TOKEN);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: "ok",
      checks: { db: "ok", redis: "ok" },
      failing: [],
    });
    expect(health.body.queues.system).toMatchObject({ active: 0, waiting: 0 });
    expect(Object.keys(health.body.queues)).toEqual(
      expect.arrayContaining(["email", "bookings", "ai", "analytics", "alerts", "system"]),
    );

    // The booking schedulers are registered (on the bookings queue, under our prefix): hold
    // expiry every minute, receipts every minute, the balance emails every 10 minutes, the
    // reminders before each party every 5 minutes, loyalty nightly, campaigns every minute.
    const schedulers = await waitFor(async () => {
      const s = await queues.bookings.getJobSchedulers();
      return s.length >= 6 ? s : undefined;
    }, "job schedulers");
    expect(schedulers).toHaveLength(6);
    expect(schedulers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "bookings.expire-holds", every: 60_000 }),
        expect.objectContaining({ key: "payments.receipts", every: 60_000 }),
        expect.objectContaining({ key: "payments.balance-emails", every: 600_000 }),
        expect.objectContaining({ key: "bookings.reminders", every: 300_000 }),
        // Nightly at 03:15 in the business's zone (no settings yet: UTC), not every 24 h from start.
        expect.objectContaining({ key: "loyalty.recompute", pattern: "15 3 * * *", tz: "UTC" }),
        expect.objectContaining({ key: "campaigns.run", every: 60_000 }),
      ]),
    );

    await stopsCleanly(w);
  });

  it("runs the nightly jobs at night in the business's time zone, and follows a changed zone at the next start", async () => {
    await tdb.db.businessSettings.upsert({
      where: { id: 1 },
      update: { timeZone: "America/Los_Angeles" },
      create: {
        id: 1,
        businessName: "MyHibachi",
        timeZone: "America/Los_Angeles",
        phone: "+14085550100",
        email: "hello@myhibachi.local",
        baseAddress: "1 Main St, San Jose, CA",
        baseLat: 37.33,
        baseLng: -121.89,
        slotStartMinutes: [720, 1020],
        eventDurationMinutes: 120,
        travelBufferMinutes: 30,
        cleanupBufferMinutes: 30,
        minNoticeHours: 48,
        bookingWindowDays: 180,
        maxGuestsPerChef: 20,
        partyMinimumCents: 50_000,
        depositCents: 10_000,
      },
    });
    const localHour = (ms: number, timeZone: string) =>
      new Intl.DateTimeFormat("en-US", {
        timeZone,
        hour: "numeric",
        minute: "2-digit",
        hourCycle: "h23",
      }).format(ms);
    const nightly = async (tz: string) => {
      const loyalty = await waitFor(async () => {
        const s = (await queues.bookings.getJobSchedulers()).find(
          (j) => j.key === "loyalty.recompute",
        );
        return s?.tz === tz ? s : undefined;
      }, `loyalty.recompute in ${tz}`);
      const refit = await waitFor(async () => {
        const s = (await queues.analytics.getJobSchedulers()).find(
          (j) => j.key === "analytics.refit",
        );
        return s?.tz === tz ? s : undefined;
      }, `analytics.refit in ${tz}`);
      return { loyalty, refit };
    };

    let w = await worker();
    let { loyalty, refit } = await nightly("America/Los_Angeles");
    expect(loyalty).toMatchObject({ pattern: "15 3 * * *", tz: "America/Los_Angeles" });
    expect(loyalty.every).toBeFalsy();
    expect(localHour(loyalty.next!, "America/Los_Angeles")).toBe("03:15");
    expect(refit).toMatchObject({ pattern: "45 3 * * *", tz: "America/Los_Angeles" });
    expect(localHour(refit.next!, "America/Los_Angeles")).toBe("03:45");
    await stopsCleanly(w);

    // The owner moves the business to New York: the next start registers the same jobs there.
    await tdb.db.businessSettings.update({
      where: { id: 1 },
      data: { timeZone: "America/New_York" },
    });
    w = await worker();
    ({ loyalty, refit } = await nightly("America/New_York"));
    expect(localHour(loyalty.next!, "America/New_York")).toBe("03:15");
    expect(localHour(refit.next!, "America/New_York")).toBe("03:45");
    // Replaced, not added beside the old one.
    expect(
      (await queues.analytics.getJobSchedulers()).filter((j) => j.key === "analytics.refit"),
    ).toHaveLength(1);
    await stopsCleanly(w);
  });

  it("enqueueing the same ping twice runs it once (idempotency key = jobId)", async () => {
    await worker();
    const a = await enqueue(queues, "system.ping", { marker: "twice" });
    const b = await enqueue(queues, "system.ping", { marker: "twice" });
    expect(b.id).toBe(a.id);
    await waitFor(async () => (await queues.system.getJob(a.id!))?.finishedOn, "ping to finish");
    expect(await receipts("twice")).toBe(1);
  });

  it("fails a job with an invalid payload at the door, without retrying it", async () => {
    await worker();
    // Bypass enqueue() (which would refuse it), as a buggy or older producer might.
    const job = await queues.system.add("system.ping", { marker: 42 });
    const failed = await waitFor(async () => {
      const j = await queues.system.getJob(job.id!);
      return j?.failedReason ? j : undefined;
    }, "the invalid job to fail");
    expect(failed.failedReason).toMatch(/Invalid payload for job "system\.ping"/);
    expect(failed.failedReason).toMatch(/marker/);
    expect(failed.attemptsMade).toBe(1); // the system queue allows 3 attempts: not retried
    expect(await queues.system.getJobState(job.id!)).toBe("failed");
  });

  it("SIGTERM lets an in-flight job finish, then exits 0", async () => {
    const w = await worker({ WORKER_SHUTDOWN_TIMEOUT_MS: 20_000 });
    const job = await enqueue(queues, "system.ping", { marker: "graceful", sleepMs: 3_000 });
    await waitFor(
      async () => (await queues.system.getJobState(job.id!)) === "active",
      "the ping to be active",
    );
    const t0 = Date.now();
    expect(await receipts("graceful")).toBe(0);

    await stopsCleanly(w);
    // It waited for the job (~3 s) rather than dropping it, and the job completed before exit.
    expect(Date.now() - t0).toBeGreaterThan(1_500);
    expect(await receipts("graceful")).toBe(1);
    expect(await queues.system.getJobState(job.id!)).toBe("completed");
    expect(w.output()).toMatch(/\[worker\] stopped/);
  });

  it("a job still running at the shutdown deadline goes back to the queue and the next worker completes it", async () => {
    const w1 = await worker({ WORKER_SHUTDOWN_TIMEOUT_MS: 500 });
    const job = await enqueue(queues, "system.ping", { marker: "deadline", sleepMs: 4_000 });
    await waitFor(
      async () => (await queues.system.getJobState(job.id!)) === "active",
      "the ping to be active",
    );

    const t0 = Date.now();
    await stopsCleanly(w1);
    expect(Date.now() - t0).toBeLessThan(4_000); // did not wait for the 4 s job
    expect(w1.output()).toMatch(/handed back to the queue/);
    // Not lost, not failed, not waiting for a lock to expire: back in `wait` at once.
    expect(await queues.system.getJobState(job.id!)).toBe("waiting");
    expect(await receipts("deadline")).toBe(0);

    const w2 = await worker();
    await waitFor(
      async () => (await receipts("deadline")) === 1,
      "the second worker to complete the ping",
      20_000,
    );
    await waitFor(
      async () => (await queues.system.getJobState(job.id!)) === "completed",
      "job completed",
    );
    const done = await queues.system.getJob(job.id!);
    expect(done?.attemptsMade).toBe(1); // completed on its first counted attempt
    expect(await receipts("deadline")).toBe(1);
    await stopsCleanly(w2);
  });
});
