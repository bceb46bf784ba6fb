// Exactly one text per campaign SMS step when the worker dies between claiming the text and the
// Twilio call (issue 14, point 7): the real worker process with its real scheduler and the real
// `twilio` SDK, pointed at a local server playing Twilio's Messages API (TEST-ONLY
// WORKER_TEST_TWILIO_BASE_URL, apps/worker/src/env.ts). The first worker stops right after
// claiming the first text (WORKER_TEST_PAUSE_AFTER_CLAIM_MS) and is SIGKILLed there; the second
// runs its clock 11 minutes ahead (past the claim lease) and must send every step exactly once.
// Counted in the local Twilio's received requests, not in our tables.
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
import { setupEnv, type Env } from "./helpers";
import { startFakeTwilio, type FakeTwilio } from "./twilio-support";

let env: Env;
let fake: FakeTwilio;
const prefix = testPrefix();
const running: WorkerProcess[] = [];

beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  await withoutBookingLimits(env);
  fake = await startFakeTwilio();
  // Only one sequence, with one SMS step at +2 h.
  await env.t.db.campaignSequence.updateMany({ data: { active: false } });
  await env.t.db.campaignSequence.create({
    data: {
      key: "sms-crash",
      name: "SMS crash",
      trigger: "ABANDONED_BOOKING",
      exitRules: { exitOnBooking: true },
      steps: {
        create: {
          position: 1,
          delayMinutes: 120,
          channel: "SMS",
          subject: "",
          template: "Still thinking about {{eventDate}}? {{bookUrl}}",
        },
      },
    },
  });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop("SIGKILL")));
});
afterAll(async () => {
  await fake?.close();
  await env?.close();
});

/** A time zone where it is daytime now and for the next hour (quiet hours must not interfere). */
function daytimeZone(): string {
  const zones = ["UTC", "Europe/Berlin", "Asia/Tokyo", "America/New_York", "Pacific/Auckland"];
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
    extra: {
      AUTH_SECRET: "sms-crash-secret-0123456789abcdefghij",
      CUSTOMER_URL: SITE,
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_FROM: "+14085550100",
      WORKER_TEST_TWILIO_BASE_URL: fake.url,
      ...extra,
    },
  });
  running.push(w);
  return w;
}

it("a worker SIGKILLed between claiming a text and the Twilio call, then restarted, sends each once", async () => {
  const tz = daytimeZone();
  const phones = ["(408) 555-0161", "(408) 555-0162", "(408) 555-0163"];
  for (const [i, phone] of phones.entries()) {
    const b = await book(env, { date: dayIn(10 + i), email: `sms-crash-${i}@example.com` });
    await env.t.db.booking.update({
      where: { id: b.id },
      data: {
        timeZone: tz,
        contactPhone: phone,
        createdAt: new Date(Date.now() - 2 * HOUR - MINUTE),
      },
    });
    await env.t.db.contactConsent.create({
      data: {
        channel: "SMS",
        address: phone,
        status: "GRANTED",
        source: "booking-form",
        at: new Date(),
      },
    });
  }

  const w1 = await worker({ WORKER_TEST_PAUSE_AFTER_CLAIM_MS: String(10 * MINUTE) });
  await waitFor(
    () => /\[sms\.send\] test pause after claim: campaign:/.test(w1.output()),
    "the first worker to claim a campaign text",
    45_000,
  );
  expect(await env.t.db.smsMessage.count({ where: { status: "SENDING" } })).toBe(1);
  expect(fake.sent()).toHaveLength(0);
  await w1.stop("SIGKILL");
  expect(fake.sent()).toHaveLength(0);

  expect(SEND_LEASE_MS).toBeLessThan(11 * MINUTE);
  const w2 = await worker({ WORKER_TEST_CLOCK_OFFSET_MS: String(11 * MINUTE) });
  await waitFor(() => fake.sent().length >= 3, "three campaign texts", 60_000, 100);
  // Give a duplicate every chance to show up: the next sweep and campaign run.
  await new Promise((r) => setTimeout(r, 25_000));
  const sent = fake.sent();
  expect(sent).toHaveLength(3);
  expect(sent.map((m) => m.to).sort()).toEqual(["+14085550161", "+14085550162", "+14085550163"]);
  for (const m of sent)
    expect(m.body).toMatch(/^MyHibachi: Still thinking about .*Reply STOP to opt out\.$/);
  await w2.stop("SIGTERM");
}, 180_000);
