// alerts.evaluate through real BullMQ workers (in this process, so the clock can be injected):
// a failing webhook makes the job fail and BullMQ retries it with the alerts queue's backoff; the
// retry and a restarted worker record nothing twice.
import { createDb } from "@myhibachi/db";
import { createTestDatabase, type TestDatabase } from "@myhibachi/db/testing";
import {
  closeQueues,
  createQueues,
  createRedis,
  enqueue,
  type Queues,
  type Redis,
} from "@myhibachi/jobs";
import { createFixtureBusiness } from "@myhibachi/seed/fixtures";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Processors } from "../../apps/worker/src/context";
import { alertsEvaluate } from "../../apps/worker/src/processors/alerts-evaluate";
import {
  deletePrefix,
  REDIS_URL,
  testPrefix,
  waitFor,
} from "../../apps/worker/src/testing/support";
import { startWorkers } from "../../apps/worker/src/workers";
import { $, addCalls, addOwner, setSettings, startHook, workerDeps } from "./costs-support";

let t: TestDatabase;
let redis: Redis;
let queues: Queues;
const prefix = testPrefix();
const processors = { "alerts.evaluate": alertsEvaluate } as unknown as Processors;

beforeAll(async () => {
  t = await createTestDatabase();
  await createFixtureBusiness(t.db, { chefs: 1 });
  await addOwner(t.db);
  redis = createRedis(REDIS_URL, "queue");
  queues = createQueues(redis, { prefix });
});
afterAll(async () => {
  await closeQueues(queues);
  await deletePrefix(redis, prefix);
  redis.disconnect();
  await t.drop();
});

const NOON = new Date("2026-03-26T19:00:00Z");

it(
  "retries a failed webhook via BullMQ attempts; one in-app alert across retries and a worker restart",
  { timeout: 60_000 },
  async () => {
    const hook = await startHook();
    hook.failWith = [500];
    const clock = { now: NOON };
    await setSettings(t.db, {
      dailyBudgetCents: 10_000,
      spikeMinRequests: 1_000_000,
      webhookUrl: hook.url,
    });
    await addCalls(t.db, new Date(NOON.getTime() - 2 * 3_600_000), $(150));

    const pool1 = startWorkers({
      connection: redis,
      prefix,
      processors,
      deps: workerDeps(t.db, clock),
      queues: ["alerts"],
    });
    try {
      const job = await enqueue(queues, "alerts.evaluate", {});
      const done = await waitFor(
        async () => {
          const j = await queues.alerts.getJob(job.id!);
          return j?.finishedOn ? j : undefined;
        },
        "the evaluation to succeed after a retry",
        45_000,
      );
      expect(await queues.alerts.getJobState(job.id!)).toBe("completed");
      expect(done.attemptsMade).toBe(2); // failed once (webhook 500), retried by BullMQ, completed
      expect(done.returnvalue).toMatchObject({ created: 0, delivered: 1 });
    } finally {
      await pool1.close(5_000);
    }
    expect(hook.received).toHaveLength(2);

    // Restart: a new worker with its own Prisma client evaluates again, later the same day.
    const db2 = createDb({ url: t.url });
    const pool2 = startWorkers({
      connection: redis,
      prefix,
      processors,
      deps: workerDeps(db2, { now: new Date(NOON.getTime() + 300_000) }),
      queues: ["alerts"],
    });
    try {
      const job = await enqueue(queues, "alerts.evaluate", {});
      await waitFor(
        async () => (await queues.alerts.getJobState(job.id!)) === "completed",
        "second evaluation",
      );
    } finally {
      await pool2.close(5_000);
      await db2.$disconnect();
      await hook.close();
    }
    const alerts = await t.db.costAlert.findMany({ include: { deliveries: true } });
    expect(alerts.map((a) => `${a.rule}/${a.level}/${a.periodKey}`)).toEqual([
      "daily_budget/CRITICAL/2026-03-26",
    ]);
    expect(alerts[0]!.deliveries.map((d) => [d.channel, d.status, d.attempts]).sort()).toEqual([
      ["email", "SENT", 1],
      ["webhook", "SENT", 2],
    ]);
    expect(hook.received).toHaveLength(2);
    expect(await t.db.emailMessage.count()).toBe(1);
  },
);
