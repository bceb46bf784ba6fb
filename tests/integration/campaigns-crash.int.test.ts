// Exactly one message per campaign step when the worker dies between the claim and the SMTP call
// (issue 14, point 6): the real worker process (`node --import tsx src/main.ts`) with its real
// scheduler and a real SMTP server. The first worker is started with the TEST-ONLY hook
// WORKER_TEST_PAUSE_AFTER_CLAIM_MS (apps/worker/src/env.ts), so it stops right after claiming the
// first campaign email; we SIGKILL it there. The second worker runs its clock 11 minutes ahead
// (WORKER_TEST_CLOCK_OFFSET_MS), past the dead sender's claim lease, and must deliver every step
// exactly once. Counted in the SMTP server's mailbox, not in our tables.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { insideSendWindow, SEND_LEASE_MS } from "@myhibachi/core";
import { HOUR, MINUTE } from "@myhibachi/shared";
import {
  startWorkerProcess,
  testPrefix,
  waitFor,
  type WorkerProcess,
} from "../../apps/worker/src/testing/support";
import { book, dayIn, SITE, withoutBookingLimits } from "./after-booking-support";
import { startSmtpInbox, type Inbox } from "./campaign-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
let inbox: Inbox;
const prefix = testPrefix();
const running: WorkerProcess[] = [];

beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  await withoutBookingLimits(env);
  inbox = await startSmtpInbox();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop("SIGKILL")));
});
afterAll(async () => {
  await inbox?.close();
  await env?.close();
});

/** A time zone where it is daytime now and for the next hour (quiet hours must not interfere). */
function daytimeZone(): string {
  const zones = [
    "UTC",
    "Europe/Berlin",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "America/New_York",
    "America/Los_Angeles",
    "Pacific/Auckland",
  ];
  const now = Date.now();
  const z = zones.find((tz) =>
    [0, 30, 60].every((m) => insideSendWindow(new Date(now + m * MINUTE), tz)),
  );
  if (!z) throw new Error("no daytime zone found");
  return z;
}

async function worker(extra: Record<string, string>): Promise<WorkerProcess> {
  const w = await startWorkerProcess({
    DATABASE_URL: env.t.url,
    QUEUE_PREFIX: prefix,
    SMTP_URL: inbox.url,
    extra: {
      AUTH_SECRET: "crash-test-secret-0123456789abcdefghij",
      CUSTOMER_URL: SITE,
      ...extra,
    },
  });
  running.push(w);
  return w;
}

it("a worker SIGKILLed between claim and send, then restarted, leaves exactly one message per step", async () => {
  const tz = daytimeZone();
  const emails = ["one", "two", "three"].map(
    (w) => `${w}-${randomBytes(3).toString("hex")}@example.com`,
  );
  // Three bookings started 2 h 1 min ago and never finished: their +2 h step is due now.
  for (const [i, email] of emails.entries()) {
    const b = await book(env, { date: dayIn(10 + i), email, name: "Crash Test" });
    await env.t.db.booking.update({
      where: { id: b.id },
      data: { timeZone: tz, createdAt: new Date(Date.now() - 2 * HOUR - MINUTE) },
    });
  }

  const w1 = await worker({ WORKER_TEST_PAUSE_AFTER_CLAIM_MS: String(10 * MINUTE) });
  await waitFor(
    () => /test pause after claim: campaign:/.test(w1.output()),
    "the first worker to claim a campaign email",
    45_000,
  );
  const claimed = await env.t.db.emailMessage.findMany({
    where: { idempotencyKey: { startsWith: "campaign:" }, status: "SENDING" },
  });
  expect(claimed).toHaveLength(1);
  expect(inbox.raw).toHaveLength(0);
  await w1.stop("SIGKILL");
  expect(inbox.raw).toHaveLength(0);

  // Restarted, with its clock past the dead claim's lease.
  expect(SEND_LEASE_MS).toBeLessThan(11 * MINUTE);
  const w2 = await worker({ WORKER_TEST_CLOCK_OFFSET_MS: String(11 * MINUTE) });
  await waitFor(() => inbox.raw.length >= 3, "three campaign emails", 60_000, 100);
  // Give a duplicate every chance to show up: the next sweep and campaign run.
  await new Promise((r) => setTimeout(r, 25_000));
  const got = await inbox.messages();
  expect(got).toHaveLength(3);
  for (const email of emails) {
    const mine = got.filter((m) => m.to && JSON.stringify(m.to).includes(email));
    expect(mine, email).toHaveLength(1);
    expect(mine[0]!.subject).toMatch(/^Still thinking about /);
  }
  expect(new Set(got.map((m) => m.messageId)).size).toBe(3);
  await w2.stop("SIGTERM");
}, 180_000);
