// The owner's Outbox (issue 9 #1) through the real admin router and database: every stored email
// and alert webhook call with secrets redacted, filters, and retry of a failed message that the
// worker then really sends. And the local mailbox's rule: no staff/owner email body, ever.
import { adminRouter, createCallerFactory } from "@myhibachi/api";
import { listLocalMailbox } from "@myhibachi/core";
import {
  closeQueues,
  createQueues,
  createRedis,
  jobs,
  type Queues,
  type Redis,
} from "@myhibachi/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailSend } from "../../apps/worker/src/processors/email-send";
import { deliverSms } from "../../apps/worker/src/processors/sms-send";
import type { OutgoingEmail } from "../../apps/worker/src/mailer";
import { deletePrefix, testPrefix } from "../../apps/worker/src/testing/support";
import { adminCallers, type AdminCallers } from "./admin-helpers";
import { REDIS_URL, setupEnv, type Env } from "./helpers";

let env: Env;
let callers: AdminCallers;
let queueRedis: Redis;
let queues: Queues;
const prefix = testPrefix();

const SITE = "https://book.example.com";
const OWNER_TOKEN = "OwnerMagicTokenAbCdEf0123456789xy";
const CUSTOMER_TOKEN = "CustomerMagicTokenZyXw9876543210";
const MANAGE_TOKEN = "manage-token-5f2c9a8e7d6b";

beforeAll(async () => {
  env = await setupEnv();
  callers = await adminCallers(env);
  queueRedis = createRedis(REDIS_URL, "queue");
  queues = createQueues(queueRedis, { prefix });
  const owner = callers.users.OWNER.email;
  const t0 = Date.now() - 60 * 60_000;
  const at = (min: number) => new Date(t0 + min * 60_000);
  await env.t.db.emailMessage.createMany({
    data: [
      {
        idempotencyKey: `magic-link:${OWNER_TOKEN}`,
        to: owner,
        subject: "Your MyHibachi sign-in link",
        text: `Sign in: https://admin.example.com/api/auth/magic-link/verify?token=${OWNER_TOKEN}&callbackURL=%2F`,
        status: "SENT",
        attempts: 1,
        sentAt: at(1),
        createdAt: at(0),
      },
      {
        idempotencyKey: `magic-link:${CUSTOMER_TOKEN}`,
        to: "Ana@Example.com",
        subject: "Your MyHibachi sign-in link",
        text: `Sign in: ${SITE}/api/auth/magic-link/verify?token=${CUSTOMER_TOKEN}&callbackURL=%2Fbookings`,
        createdAt: at(2),
      },
      {
        idempotencyKey: "booking.created:bk1:",
        to: "ana@example.com",
        subject: "We got your booking HB-1",
        text: `Thanks! Manage your booking: ${SITE}/bookings/bk1?token=${MANAGE_TOKEN}\nMenu: ${SITE}/menu`,
        status: "FAILED",
        attempts: 6,
        error: "550 mailbox unavailable",
        createdAt: at(3),
      },
      {
        // A customer-role address that was sent a link to the ADMIN app.
        idempotencyKey: "magic-link:AdminLinkForACustomer000000000",
        to: "bo@example.com",
        subject: "Your MyHibachi sign-in link",
        text: "Sign in: https://admin.example.com/api/auth/magic-link/verify?token=AdminLinkForACustomer000000000",
        createdAt: at(4),
      },
    ],
  });
  const alert = await env.t.db.costAlert.create({
    data: {
      id: "ca_test",
      rule: "daily_budget",
      periodKey: "2026-03-26",
      level: "CRITICAL",
      title: "Daily AI budget exceeded",
      message: "AI spend today is $101.00",
      costMicros: 101_000_000n,
      thresholdMicros: 100_000_000n,
      data: {},
      firedAt: at(5),
    },
  });
  await env.t.db.alertDelivery.create({
    data: {
      alertId: alert.id,
      channel: "webhook",
      status: "FAILED",
      attempts: 10,
      lastError: "the alert webhook answered HTTP 500",
      createdAt: at(5),
    },
  });
});
afterAll(async () => {
  await closeQueues(queues);
  await deletePrefix(queueRedis, prefix);
  queueRedis.disconnect();
  await env?.close();
});

function ownerCaller() {
  return createCallerFactory(adminRouter)({
    db: env.t.db,
    redis: env.redis,
    cache: env.cache,
    auth: null as never,
    sendEmail: async () => {},
    customerUrl: SITE,
    queues,
    headers: new Headers(),
    user: callers.users.OWNER,
  });
}

describe("owner.outbox.list", () => {
  it("lists emails and webhook calls newest first, with every secret link hidden", async () => {
    const page = await ownerCaller().owner.outbox.list({});
    expect(page.timeZone).toBe("America/Los_Angeles");
    expect(page.items.map((i) => [i.kind, i.topic, i.status])).toEqual([
      ["webhook", "AI cost alert (webhook)", "failed"],
      ["email", "sign-in link", "queued"],
      ["email", "booking received", "failed"],
      ["email", "sign-in link", "queued"],
      ["email", "sign-in link", "sent"],
    ]);
    const json = JSON.stringify(page);
    for (const secret of [OWNER_TOKEN, CUSTOMER_TOKEN, MANAGE_TOKEN, "AdminLinkForACustomer"])
      expect(json).not.toContain(secret);
    const booking = page.items.find((i) => i.topic === "booking received")!;
    expect(booking.body).toBe(`Thanks! Manage your booking: [link hidden]\nMenu: ${SITE}/menu`);
    expect(booking).toMatchObject({ attempts: 6, error: "550 mailbox unavailable" });
  });

  it("filters by status and by part of the recipient, and pages", async () => {
    const api = ownerCaller();
    const failed = await api.owner.outbox.list({ status: "failed" });
    expect(failed.items.map((i) => i.kind).sort()).toEqual(["email", "webhook"]);
    const ana = await api.owner.outbox.list({ to: "ANA@example" });
    expect(ana.items.map((i) => i.subject)).toEqual([
      "We got your booking HB-1",
      "Your MyHibachi sign-in link",
    ]);
    expect((await api.owner.outbox.list({ to: "%" })).items).toEqual([]);
    const first = await api.owner.outbox.list({ limit: 2 });
    const second = await api.owner.outbox.list({ limit: 2, cursor: first.nextCursor! });
    const third = await api.owner.outbox.list({ limit: 2, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((i) => i.id)).toEqual(
      (await api.owner.outbox.list({})).items.map((i) => i.id),
    );
    expect(third.nextCursor).toBeNull();
    for (const cursor of ["garbage", "+275760-09-13T00:00:00.000Z|x", "0000-01-01T00:00:00.000Z|x"])
      await expect(api.owner.outbox.list({ cursor })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    const far = await api.owner.outbox.list({ cursor: "9999-12-31T23:59:59.999Z|zzz" });
    expect(far.items).toHaveLength(5);
  });
});

describe("owner.outbox.retry", () => {
  it("puts a failed email back in the queue; the worker then sends it once", async () => {
    const api = ownerCaller();
    const failed = (await api.owner.outbox.list({ status: "failed" })).items.find(
      (i) => i.kind === "email",
    )!;
    await expect(api.owner.outbox.retry({ kind: "email", id: failed.id })).resolves.toEqual({
      kind: "email",
      id: failed.id,
      status: "queued",
    });
    await expect(api.owner.outbox.retry({ kind: "email", id: failed.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const job = await queues.email.getJob(`email.send--retry-${failed.id}-6`);
    expect(job?.data).toMatchObject({
      to: "ana@example.com",
      idempotencyKey: "booking.created:bk1:",
    });
    expect(
      await env.t.db.auditLog.count({ where: { action: "outbox.retry", entityId: failed.id } }),
    ).toBe(1);

    const sent: OutgoingEmail[] = [];
    const result = await emailSend(jobs["email.send"].schema.parse(job!.data), {
      job: job!,
      signal: new AbortController().signal,
      deps: {
        db: env.t.db,
        mailer: { mode: "smtp", send: async (e) => void sent.push(e), close() {} },
        log: { info() {}, error() {} },
        now: () => new Date(),
      },
    });
    expect(result.status).toBe("sent");
    expect(sent.map((e) => e.to)).toEqual(["ana@example.com"]);
    expect((await api.owner.outbox.list({ to: "ana@" })).items.map((i) => i.status)).toEqual([
      "sent",
      "queued",
    ]);
  });

  it("puts a failed webhook call back to pending; refuses what isn't failed or doesn't exist", async () => {
    const api = ownerCaller();
    const hook = (await api.owner.outbox.list({ status: "failed" })).items.find(
      (i) => i.kind === "webhook",
    )!;
    await api.owner.outbox.retry({ kind: "webhook", id: hook.id });
    expect(
      (await env.t.db.alertDelivery.findUniqueOrThrow({ where: { id: hook.id } })).status,
    ).toBe("PENDING");
    const sentOne = (await api.owner.outbox.list({ status: "sent" })).items[0]!;
    await expect(api.owner.outbox.retry({ kind: "email", id: sentOne.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("sent, not failed"),
    });
    await expect(api.owner.outbox.retry({ kind: "email", id: "nope" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(api.owner.outbox.list({ to: "a\u0000b" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("the local mailbox's view", () => {
  it("never shows the body of an email to a staff or owner account, or one linking off the site", async () => {
    await env.t.db.emailMessage.create({
      data: {
        idempotencyKey: "cost-alert:ca_test:alerts@example.com",
        to: "alerts@example.com",
        subject: "[MyHibachi] Daily AI budget exceeded",
        text: "AI spend today is $101.00",
      },
    });
    const mails = await listLocalMailbox(env.t.db, { siteUrl: SITE });
    const by = (to: string, subject?: string) =>
      mails.find(
        (m) => m.to.toLowerCase() === to.toLowerCase() && (!subject || m.subject === subject),
      )!;
    expect(by(callers.users.OWNER.email)).toMatchObject({ body: null, hidden: "staff" });
    expect(by("alerts@example.com")).toMatchObject({ body: null, hidden: "staff" });
    // Not even what it is about (attack 14: "Low rating: 2 of 5 for booking HB-...").
    expect(JSON.stringify(mails)).not.toContain("Daily AI budget exceeded");
    expect(by("bo@example.com")).toMatchObject({ body: null, hidden: "offsite" });
    expect(by("ana@example.com", "Your MyHibachi sign-in link").body).toContain(CUSTOMER_TOKEN);
    expect(JSON.stringify(mails)).not.toContain(OWNER_TOKEN);
    const upper = await listLocalMailbox(env.t.db, {
      siteUrl: SITE,
      to: callers.users.OWNER.email.toUpperCase(),
    });
    expect(upper.map((m) => m.hidden)).toEqual(["staff"]);
  });

  it("says when each email was stored in words on the business's clock, not as an ISO time (attack H8)", async () => {
    const [m] = await listLocalMailbox(env.t.db, { siteUrl: SITE });
    const { timeZone } = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    // "Nov 30, 2026, 1:49 AM PST", written here with Intl by hand.
    const words = new Intl.DateTimeFormat("en-US", {
      timeZone,
      month: "short",
      day: "numeric",
      year: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
    })
      .format(m!.createdAt)
      .replace(/\s/g, " ");
    expect(m!.when).toBe(words);
    expect(m!.when).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:/);
  });
});

describe("text messages in the Outbox", () => {
  it("lists texts with their topic, finds them by phone, and a failed one retried is sent once", async () => {
    const api = ownerCaller();
    const phone = "(408) 555-0177";
    const failed = await env.t.db.smsMessage.create({
      data: {
        idempotencyKey: "reminder-24h:sms-test-1",
        to: phone,
        body: "Your hibachi party is tomorrow at 6 PM. Reply STOP to opt out.",
        status: "FAILED",
        attempts: 6,
        error: "Twilio 30003: unreachable",
        createdAt: new Date(Date.now() - 30 * 60_000),
      },
    });
    const listed = await api.owner.outbox.list({ to: "555-0177" });
    expect(listed.items).toEqual([
      expect.objectContaining({
        kind: "sms",
        id: failed.id,
        to: phone,
        topic: "text · reminder the day before the party",
        status: "failed",
        attempts: 6,
        error: "Twilio 30003: unreachable",
      }),
    ]);
    // The status filter covers texts too.
    expect(
      (await api.owner.outbox.list({ status: "failed" })).items.some((i) => i.id === failed.id),
    ).toBe(true);

    await expect(api.owner.outbox.retry({ kind: "sms", id: failed.id })).resolves.toEqual({
      kind: "sms",
      id: failed.id,
      status: "queued",
    });
    await expect(api.owner.outbox.retry({ kind: "sms", id: failed.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(
      await env.t.db.auditLog.count({ where: { action: "outbox.retry", entityId: failed.id } }),
    ).toBe(1);
    // The worker's sender (Twilio replaced at its boundary) sends it once, however often asked.
    const sent: string[] = [];
    const deps = {
      db: env.t.db,
      mailer: { mode: "smtp" as const, send: async () => {}, close() {} },
      sms: {
        mode: "twilio" as const,
        send: async (m: { to: string; body: string }) => {
          sent.push(`${m.to}|${m.body}`);
          return `SM${sent.length}`;
        },
        findSent: async () => null,
      },
      log: { info() {}, error() {} },
      now: () => new Date(),
    };
    await deliverSms(failed.idempotencyKey, { deps });
    await deliverSms(failed.idempotencyKey, { deps });
    expect(sent).toEqual([
      `${phone}|Your hibachi party is tomorrow at 6 PM. Reply STOP to opt out.`,
    ]);
    expect((await api.owner.outbox.list({ to: "555-0177" })).items[0]).toMatchObject({
      status: "sent",
    });
  });
});
