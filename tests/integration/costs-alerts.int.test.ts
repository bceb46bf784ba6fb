// Cost alerts with an injected clock: each rule fires exactly once, at the right moment, whatever
// the re-evaluations, worker restarts and retries; email + webhook delivery per alert.
import { SEND_LEASE_MS } from "@myhibachi/core";
import { createDb } from "@myhibachi/db";
import { createTestDatabase, type TestDatabase } from "@myhibachi/db/testing";
import { createFixtureBusiness } from "@myhibachi/seed/fixtures";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  $,
  addCalls,
  addOwner,
  evaluate,
  setSettings,
  startHook,
  workerDeps,
} from "./costs-support";
import { postAlertWebhook } from "../../apps/worker/src/processors/alerts-evaluate";
import { idleInTransaction, rowLockState } from "../../apps/worker/src/testing/open-tx";
import { waitFor } from "../../apps/worker/src/testing/support";

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  await createFixtureBusiness(t.db, { chefs: 1 }); // America/Los_Angeles
  await addOwner(t.db);
});
afterEach(async () => {
  await t.drop();
});

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Thursday 26 March 2026, 12:00 in Los Angeles (PDT, UTC-7). Weeks start on Monday the 23rd. */
const NOON = new Date("2026-03-26T19:00:00Z");
const daysAgo = (d: number, from = NOON) => new Date(from.getTime() - d * 24 * HOUR);

async function alerts(db = t.db) {
  const rows = await db.costAlert.findMany({ orderBy: { firedAt: "asc" } });
  return rows.map((a) => `${a.rule}/${a.level}/${a.periodKey}`);
}

const NO_SPIKES = { spikeMinRequests: 1_000_000 };
const cases = [
  {
    rule: "daily_budget",
    period: "2026-03-26",
    budgets: {
      dailyBudgetCents: 10_000,
      weeklyBudgetCents: 100_000_000,
      monthlyBudgetCents: 100_000_000,
    },
    spread: [0.1], // earlier today (2.4 h ago)
  },
  {
    rule: "weekly_budget",
    period: "2026-03-23",
    budgets: {
      dailyBudgetCents: 10_000,
      weeklyBudgetCents: 10_000,
      monthlyBudgetCents: 100_000_000,
    },
    spread: [3, 2, 1], // Mon, Tue, Wed of this week: no day near its own budget
  },
  {
    rule: "monthly_budget",
    period: "2026-03",
    budgets: { dailyBudgetCents: 10_000, weeklyBudgetCents: 10_000, monthlyBudgetCents: 10_000 },
    spread: [23, 16, 9], // one day in each of three weeks, none in the last 7 days (no projection)
  },
] as const;

describe("budget rules ($100 budget, warning at 80%)", () => {
  for (const c of cases) {
    it(`${c.rule}: nothing at 79%, one warning at 80%, one alert at 100%, never twice`, async () => {
      await setSettings(t.db, { ...c.budgets, ...NO_SPIKES });
      const clock = { now: NOON };
      const deps = workerDeps(t.db, clock);
      for (const d of c.spread) await addCalls(t.db, daysAgo(d), $(79) / c.spread.length);

      await evaluate(deps);
      expect(await alerts()).toEqual([]); // 79%

      await addCalls(t.db, new Date(clock.now.getTime() - MIN), $(1));
      clock.now = new Date(NOON.getTime() + 5 * MIN);
      expect(await evaluate(deps)).toMatchObject({ created: 1 }); // 80%
      expect(await alerts()).toEqual([`${c.rule}/WARNING/${c.period}`]);

      clock.now = new Date(NOON.getTime() + 10 * MIN);
      expect(await evaluate(deps)).toMatchObject({ created: 0 }); // still 80%: no repeat
      await addCalls(t.db, new Date(NOON.getTime() + 11 * MIN), $(19.99));
      clock.now = new Date(NOON.getTime() + 15 * MIN);
      await evaluate(deps);
      expect(await alerts()).toEqual([`${c.rule}/WARNING/${c.period}`]); // 99.99%

      await addCalls(t.db, new Date(NOON.getTime() + 16 * MIN), $(0.01));
      clock.now = new Date(NOON.getTime() + 20 * MIN);
      expect(await evaluate(deps)).toMatchObject({ created: 1 }); // 100%
      const expected = [`${c.rule}/WARNING/${c.period}`, `${c.rule}/CRITICAL/${c.period}`];
      expect(await alerts()).toEqual(expected);

      // A "restarted worker": new process-wide deps (own Prisma client), later clock, same period.
      const db2 = createDb({ url: t.url });
      try {
        const restarted = workerDeps(db2, { now: new Date(NOON.getTime() + 25 * MIN) });
        expect(await evaluate(restarted)).toMatchObject({ created: 0 });
        expect(await evaluate(restarted)).toMatchObject({ created: 0 });
      } finally {
        await db2.$disconnect();
      }
      expect(await alerts()).toEqual(expected);
      const a = await t.db.costAlert.findFirstOrThrow({ where: { level: "CRITICAL" } });
      expect(a.firedAt).toEqual(new Date(NOON.getTime() + 20 * MIN));
      // One email per alert and owner, through the idempotent EmailMessage mechanism.
      const emails = await t.db.emailMessage.findMany({ orderBy: { createdAt: "asc" } });
      expect(emails.map((e) => [e.idempotencyKey, e.to, e.status])).toEqual([
        [expect.stringMatching(/^cost-alert:ca_/), "owner@example.com", "SENT"],
        [`cost-alert:${a.id}:owner@example.com`, "owner@example.com", "SENT"],
      ]);
      expect(emails[1]!.subject).toMatch(/budget exceeded/);
    });
  }

  it("a jump from 70% straight past 100% sends one alert, not a warning too", async () => {
    await setSettings(t.db, { ...cases[0].budgets, ...NO_SPIKES });
    const deps = workerDeps(t.db, { now: NOON });
    await addCalls(t.db, daysAgo(0.1), $(130));
    await evaluate(deps);
    expect(await alerts()).toEqual(["daily_budget/CRITICAL/2026-03-26"]);
  });
});

describe("spike rule (last hour > 1.5x the hourly baseline, >= $1 more, >= 20 requests)", () => {
  it("ignores a low-volume burst, fires once on a real spike, and not again that hour", async () => {
    await setSettings(t.db, {});
    // Baseline: $0.50 an hour over the 24 hours before the last hour.
    for (let h = 2; h <= 25; h++)
      await addCalls(t.db, new Date(NOON.getTime() - h * HOUR + MIN), $(0.5), 2);
    const clock = { now: NOON };
    const deps = workerDeps(t.db, clock);

    // 10 requests for $6 in the last hour: 12x, but too few requests to page anyone.
    await addCalls(t.db, new Date(NOON.getTime() - 30 * MIN), $(6), 10);
    await evaluate(deps);
    expect(await alerts()).toEqual([]);

    // Next hour: 24 requests for $0.70 (1.4x): not a spike.
    clock.now = new Date(NOON.getTime() + HOUR + 5 * MIN);
    await addCalls(t.db, new Date(NOON.getTime() + 40 * MIN), $(0.7), 24);
    await evaluate(deps);
    expect(await alerts()).toEqual([]);

    // One more expensive request: 25 requests, $1.90 (> 1.5x the ~$0.73 baseline, +$1.17).
    await addCalls(t.db, new Date(NOON.getTime() + HOUR + 6 * MIN), $(1.2), 1);
    clock.now = new Date(NOON.getTime() + HOUR + 10 * MIN);
    expect(await evaluate(deps)).toMatchObject({ created: 1 });
    expect(await alerts()).toEqual(["spike/CRITICAL/2026-03-26T20Z"]);
    const spike = await t.db.costAlert.findFirstOrThrow();
    expect(spike.message).toMatch(
      /last hour is \$1\.90 over 25 requests, 2\.7× the usual \$0\.7083 an hour/,
    );

    // Still spiking 5 and 30 minutes later (same hour), and after a restart: no repeat.
    clock.now = new Date(NOON.getTime() + HOUR + 15 * MIN);
    await evaluate(deps);
    const db2 = createDb({ url: t.url });
    try {
      await evaluate(workerDeps(db2, { now: new Date(NOON.getTime() + HOUR + 40 * MIN) }));
    } finally {
      await db2.$disconnect();
    }
    expect(await alerts()).toEqual(["spike/CRITICAL/2026-03-26T20Z"]);
  });
});

describe("webhook delivery", () => {
  it("posts a Slack-compatible {text} once per alert to the configured webhook", async () => {
    const hook = await startHook();
    try {
      await setSettings(t.db, { ...cases[0].budgets, ...NO_SPIKES, webhookUrl: hook.url });
      const deps = workerDeps(t.db, { now: NOON });
      await addCalls(t.db, daysAgo(0.1), $(101));
      expect(await evaluate(deps)).toMatchObject({ created: 1, delivered: 2 });
      await evaluate(deps);
      const alert = await t.db.costAlert.findFirstOrThrow();
      expect(hook.received).toHaveLength(1);
      expect(hook.received[0]!.body).toEqual({
        text: expect.stringContaining("Daily AI budget exceeded"),
      });
      expect(hook.received[0]!.body.text).toContain("AI spend today is $101.00");
      expect(hook.received[0]!.headers["idempotency-key"]).toBe(`cost-alert:${alert.id}`);
    } finally {
      await hook.close();
    }
  });

  it("uses the worker's SLACK_WEBHOOK_URL (job payload) when the owner set none", async () => {
    const hook = await startHook();
    try {
      await setSettings(t.db, { ...cases[0].budgets, ...NO_SPIKES, emailEnabled: false });
      await addCalls(t.db, daysAgo(0.1), $(85));
      await evaluate(workerDeps(t.db, { now: NOON }), { webhookUrl: hook.url });
      expect(hook.received.map((r) => r.body.text)).toEqual([
        expect.stringContaining("Daily AI budget at 85%"),
      ]);
      expect(await t.db.emailMessage.count()).toBe(0);
    } finally {
      await hook.close();
    }
  });

  it("a failing webhook is retried with its own attempts; the in-app alert and the email stay single", async () => {
    const hook = await startHook();
    hook.failWith = [500, 503];
    try {
      await setSettings(t.db, { ...cases[0].budgets, ...NO_SPIKES, webhookUrl: hook.url });
      await addCalls(t.db, daysAgo(0.1), $(120));
      const clock = { now: NOON };
      const deps = workerDeps(t.db, clock);
      // Attempt 1 and 2 (BullMQ retries after a failure): the job fails so BullMQ retries it.
      await expect(evaluate(deps, {}, 0)).rejects.toThrow(
        /webhook: the alert webhook answered HTTP 500/,
      );
      clock.now = new Date(NOON.getTime() + 10_000);
      await expect(evaluate(deps, {}, 1)).rejects.toThrow(/HTTP 503/);
      clock.now = new Date(NOON.getTime() + 30_000);
      await expect(evaluate(deps, {}, 2)).resolves.toMatchObject({ created: 0, delivered: 1 });
      await evaluate(deps, {}, 0); // the next scheduled run: nothing left to send

      expect(await alerts()).toEqual(["daily_budget/CRITICAL/2026-03-26"]);
      const alert = await t.db.costAlert.findFirstOrThrow({ include: { deliveries: true } });
      expect(
        alert.deliveries
          .map((d) => [d.channel, d.status, d.attempts, d.lastError])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      ).toEqual([
        ["email", "SENT", 1, null],
        ["webhook", "SENT", 3, null],
      ]);
      expect(hook.received).toHaveLength(3);
      expect(new Set(hook.received.map((r) => r.headers["idempotency-key"]))).toEqual(
        new Set([`cost-alert:${alert.id}`]),
      );
      expect(await t.db.emailMessage.count()).toBe(1);
    } finally {
      await hook.close();
    }
  });

  it("while the webhook stalls, no transaction is open and the delivery row is not locked", async () => {
    const hook = await startHook();
    let release!: () => void;
    hook.hold = new Promise<void>((r) => (release = r));
    try {
      await setSettings(t.db, { ...cases[0].budgets, ...NO_SPIKES, webhookUrl: hook.url });
      await addCalls(t.db, daysAgo(0.1), $(120));
      const run = evaluate(workerDeps(t.db, { now: NOON }));
      await waitFor(() => hook.waiting === 1, "the webhook to receive the alert");

      const d = await t.db.alertDelivery.findFirstOrThrow({ where: { channel: "webhook" } });
      expect(await idleInTransaction(t.db)).toEqual([]);
      expect(await rowLockState(t.db, "AlertDelivery", d.id)).toBe("free");
      // The claim is committed: a second runner meanwhile leaves it alone (no double post).
      expect(d).toMatchObject({ status: "SENDING", attempts: 1 });
      await expect(evaluate(workerDeps(t.db, { now: NOON }))).resolves.toMatchObject({
        delivered: 0,
      });

      release();
      await expect(run).resolves.toMatchObject({ delivered: 2 });
      expect(hook.received).toHaveLength(1);
      expect(await t.db.alertDelivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({
        status: "SENT",
        attempts: 1,
        lastError: null,
      });
    } finally {
      release();
      await hook.close();
    }
  });

  it("the webhook is never called from inside a database transaction", async () => {
    const hook = await startHook();
    try {
      const alert = {
        id: "ca_x",
        rule: "spike",
        level: "CRITICAL",
        title: "T",
        message: "M",
        firedAt: NOON,
      };
      await expect(
        t.db.$transaction(async () => postAlertWebhook(hook.url, alert)),
      ).rejects.toThrow(/calling the alert webhook inside a database transaction/);
      expect(hook.received).toEqual([]);
    } finally {
      await hook.close();
    }
  });

  it("a delivery whose sender died mid-call is sent again only after the lease", async () => {
    const hook = await startHook();
    try {
      await setSettings(t.db, { ...cases[0].budgets, ...NO_SPIKES, webhookUrl: hook.url });
      await addCalls(t.db, daysAgo(0.1), $(120));
      await evaluate(workerDeps(t.db, { now: NOON }));
      // As if a runner had claimed it and crashed before recording the result.
      const d = await t.db.alertDelivery.findFirstOrThrow({ where: { channel: "webhook" } });
      await t.db.alertDelivery.update({
        where: { id: d.id },
        data: { status: "SENDING", lastAttemptAt: NOON, sentAt: null },
      });
      const at = (ms: number) => workerDeps(t.db, { now: new Date(NOON.getTime() + ms) });
      await evaluate(at(SEND_LEASE_MS - 1_000));
      expect(hook.received).toHaveLength(1);
      await evaluate(at(SEND_LEASE_MS + 1_000));
      await evaluate(at(SEND_LEASE_MS + 2_000));
      expect(hook.received).toHaveLength(2);
      expect(await t.db.alertDelivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({
        status: "SENT",
        attempts: 2,
      });
    } finally {
      await hook.close();
    }
  });
});
