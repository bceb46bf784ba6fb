// SMS for follow-up campaigns (issue 14, point 7) end to end with an injected clock: consent given
// on the booking form (REST createBooking), the worker's `campaigns.run` sending SMS steps through
// the real `twilio` SDK to a local server playing Twilio's Messages API, Twilio's inbound webhook
// (STOP / HELP / anything else) signed with Twilio's own algorithm, and a sender that dies between
// its claim and its send. What was sent is counted in the local Twilio's received requests (and
// the SMTP server's mailbox for emails), not in our tables.
import type { Job } from "bullmq";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimSms, enrolCampaigns, runDueCampaignSteps, SEND_LEASE_MS } from "@myhibachi/core";
import { handleRest, handleTwilioSms } from "@myhibachi/api";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { DAY, HOUR, MINUTE } from "@myhibachi/shared";
import type { WorkerDeps } from "../../apps/worker/src/context";
import { createMailer } from "../../apps/worker/src/mailer";
import { createSmsSender, type SmsSender } from "../../apps/worker/src/sms";
import { campaignsRun } from "../../apps/worker/src/processors/campaigns-run";
import { emailSweep } from "../../apps/worker/src/processors/email-sweep";
import { deliverSms } from "../../apps/worker/src/processors/sms-send";
import { dayIn, SITE, withoutBookingLimits } from "./after-booking-support";
import { startSmtpInbox, type Inbox } from "./campaign-support";
import { customerServerDeps, setupEnv, type Env } from "./helpers";
import { startFakeTwilio, type FakeTwilio } from "./twilio-support";

let env: Env;
let inbox: Inbox;
let fake: FakeTwilio;
let server: ReturnType<typeof customerServerDeps>;
let mailer: ReturnType<typeof createMailer>;
let sms: SmsSender;
const SECRET = "campaign-sms-secret-0123456789abcdef";
const silent = { info: () => {}, error: () => {} };
const FROM = "+14085550100";
const WEBHOOK_URL = `${SITE}/api/twilio/sms`;

/** 10:00 in Los Angeles (the fixture business's zone). */
const NOW = new Date("2026-12-01T18:00:00Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);

beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  await withoutBookingLimits(env);
  inbox = await startSmtpInbox();
  fake = await startFakeTwilio();
  server = customerServerDeps(env);
  mailer = createMailer({
    smtpUrl: inbox.url,
    from: "MyHibachi <hello@myhibachi.local>",
    log: silent,
  });
  sms = createSmsSender({
    twilio: { accountSid: fake.accountSid, authToken: fake.authToken, from: FROM },
    log: silent,
    twilioBaseUrl: fake.url,
  });
  // One sequence of our own, by channel: SMS +2 h, EMAIL +1 day, SMS +2 days, EMAIL +3 days (the
  // built-in ones off: their emails would share the 24 h cap).
  await env.t.db.campaignSequence.updateMany({ data: { active: false } });
  await env.t.db.campaignSequence.create({
    data: {
      key: "sms-walk",
      name: "SMS walk",
      trigger: "ABANDONED_BOOKING",
      exitRules: { exitOnBooking: true },
      steps: {
        create: [
          [1, 120, "SMS", "Still thinking about {{eventDate}}? Your spot is held: {{bookUrl}}"],
          [2, 1440, "EMAIL", "Dates around {{eventDate}} are filling up. {{bookUrl}}"],
          [3, 2880, "SMS", "Book today, {{firstName}}: {{bookUrl}}"],
          [4, 4320, "EMAIL", "Last call for {{eventDate}}. {{bookUrl}}"],
        ].map(([position, delayMinutes, channel, template]) => ({
          position: position as number,
          delayMinutes: delayMinutes as number,
          channel: channel as "SMS" | "EMAIL",
          subject: `Step ${String(position)}`,
          template: template as string,
        })),
      },
    },
  });
});
afterAll(async () => {
  mailer?.close();
  await inbox?.close();
  await fake?.close();
  await server?.close();
  await env?.close();
});

function deps(clock: Date, sender: SmsSender = sms): WorkerDeps {
  return {
    db: env.t.db,
    log: silent,
    now: () => clock,
    customerUrl: SITE,
    mailer,
    sms: sender,
    campaigns: { secret: SECRET, frequencyCapMs: DAY },
  };
}
const job = (name: string) =>
  ({
    id: "j",
    name,
    queueName: "bookings",
    attemptsMade: 0,
    opts: { attempts: 3 },
  }) as unknown as Job;
const ctxAt = (clock: Date, sender?: SmsSender) => ({
  job: job("campaigns.run"),
  signal: new AbortController().signal,
  deps: deps(clock, sender),
});
const runAt = (clock: Date) => campaignsRun({}, ctxAt(clock));
const sweepAt = (clock: Date) =>
  emailSweep({ olderThanMs: MINUTE }, { ...ctxAt(clock), job: job("email.sweep") });

let day = 9;
let phoneN = 10;
/** A visitor books on the site through REST (HELD, unconfirmed), ticking the SMS box or not. */
async function bookViaRest(p: { email: string; smsConsent?: boolean }) {
  const phone = `(408) 555-01${String(phoneN++)}`;
  const res = await handleRest(
    new Request(`${SITE}/api/v1/bookings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        idempotencyKey: `sms-${p.email}`,
        date: dayIn(day++, NOW),
        startMinute: 17 * 60,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact: { name: "Sam Ortiz", email: p.email, phone: phone.replace(/\D/g, "") },
        ...(p.smsConsent === undefined ? {} : { smsConsent: p.smsConsent }),
      }),
    }),
    "customer",
    server,
  );
  const json = (await res.json()) as { id: string; status: string };
  expect(res.status, JSON.stringify(json)).toBe(200);
  expect(json.status).toBe("HELD");
  await env.t.db.booking.update({ where: { id: json.id }, data: { createdAt: NOW } });
  return { id: json.id, phone, e164: `+1${phone.replace(/\D/g, "")}` };
}

/** A webhook request from Twilio: the form body, signed with Twilio's own algorithm. */
function fromTwilio(params: Record<string, string>, opts: { token?: string; url?: string } = {}) {
  const signature = twilio.getExpectedTwilioSignature(
    opts.token ?? fake.authToken,
    opts.url ?? WEBHOOK_URL,
    params,
  );
  return new Request(WEBHOOK_URL, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": signature,
    },
    body: new URLSearchParams(params).toString(),
  });
}
const webhook = (req: Request) =>
  handleTwilioSms(req, {
    db: env.t.db,
    authToken: fake.authToken,
    publicUrl: SITE,
    now: () => at(3 * HOUR),
  });
const inbound = (from: string, body: string) =>
  fromTwilio({
    MessageSid: `SM${Math.random().toString(16).slice(2)}`,
    AccountSid: fake.accountSid,
    From: from,
    To: FROM,
    Body: body,
  });

/** The campaign emails (our sequence's steps) in the mailbox; the booking's own emails aside. */
const campaignMail = async (email: string) =>
  (await inbox.to(email)).map((m) => m.subject ?? "").filter((s) => s.startsWith("Step "));
const textsTo = (e164: string) => fake.sent().filter((m) => m.to === e164);
const sendsOf = (bookingId: string) =>
  env.t.db.campaignSend.findMany({
    where: { enrolment: { bookingId } },
    include: { step: { select: { position: true } } },
    orderBy: { step: { position: "asc" } },
  });

describe("SMS steps", () => {
  it("consent at booking -> the SMS step is sent once; STOP -> later SMS steps skipped, emails still sent", async () => {
    const email = "sms-walk@example.com";
    const b = await bookViaRest({ email, smsConsent: true });
    const consent = await env.t.db.contactConsent.findUniqueOrThrow({
      where: { channel_address: { channel: "SMS", address: b.phone } },
    });
    expect(consent).toMatchObject({ status: "GRANTED", source: "booking-form" });

    await runAt(NOW); // enrols
    await runAt(at(2 * HOUR));
    await runAt(at(2 * HOUR)); // a second run (a retried job) sends nothing more
    await sweepAt(at(2 * HOUR + 20 * MINUTE));
    const texts = textsTo(b.e164);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.from).toBe(FROM);
    const body = texts[0]!.body;
    expect(body).toMatch(
      /^MyHibachi: Still thinking about .+\? Your spot is held: http:\/\/127\.0\.0\.1:3999\/book Reply STOP to opt out\.$/,
    );
    expect(body.match(/Reply STOP to opt out/g)).toHaveLength(1);
    expect(body).toMatch(/^[\x20-\x7e]+$/); // plain ASCII, ASCII spaces only (GSM-7)
    expect(await campaignMail(email)).toEqual([]);

    // The email step at +1 day waits for the 24 h cap, which counts the text (across channels).
    await runAt(at(DAY));
    expect(await campaignMail(email)).toEqual([]);
    await runAt(at(DAY + 2 * HOUR));
    expect(await campaignMail(email)).toEqual(["Step 2"]);

    // The customer texts STOP (Twilio's signed webhook).
    const stop = await webhook(inbound(b.e164, "  Stop "));
    expect(stop.status).toBe(200);
    expect(stop.headers.get("content-type")).toMatch(/text\/xml/);
    expect(await stop.text()).toMatch(/<Response\/>|<Response><\/Response>/);
    expect(
      await env.t.db.contactConsent.findUniqueOrThrow({
        where: { channel_address: { channel: "SMS", address: b.phone } },
      }),
    ).toMatchObject({ status: "REVOKED", source: "sms-stop" });
    expect(await env.t.db.suppression.count({ where: { channel: "SMS", address: b.phone } })).toBe(
      1,
    );

    await runAt(at(2 * DAY + 2 * HOUR)); // SMS step 3: skipped
    await runAt(at(3 * DAY + 2 * HOUR)); // EMAIL step 4: sent
    await sweepAt(at(3 * DAY + 3 * HOUR));
    expect(textsTo(b.e164)).toHaveLength(1);
    expect(await campaignMail(email)).toEqual(["Step 2", "Step 4"]);
    await runAt(at(3 * DAY + 4 * HOUR)); // send records follow their messages at a run's start
    const sends = await sendsOf(b.id);
    expect(sends.map((s) => [s.step.position, s.channel, s.status, s.skipReason])).toEqual([
      [1, "SMS", "SENT", null],
      [2, "EMAIL", "SENT", null],
      [3, "SMS", "SKIPPED", "no SMS consent"],
      [4, "EMAIL", "SENT", null],
    ]);
    const enrolment = await env.t.db.campaignEnrolment.findFirstOrThrow({
      where: { bookingId: b.id },
    });
    expect(enrolment.state).toBe("COMPLETED");

    // START re-grants.
    await webhook(inbound(b.e164, "start"));
    expect(
      await env.t.db.contactConsent.findUniqueOrThrow({
        where: { channel_address: { channel: "SMS", address: b.phone } },
      }),
    ).toMatchObject({ status: "GRANTED", source: "sms-start" });
    expect(await env.t.db.suppression.count({ where: { channel: "SMS", address: b.phone } })).toBe(
      0,
    );
  });

  it("no consent (box unticked) -> SMS steps skipped with 'no SMS consent', nothing sent to Twilio", async () => {
    const b = await bookViaRest({ email: "sms-none@example.com", smsConsent: false });
    expect(await env.t.db.contactConsent.count({ where: { address: b.phone } })).toBe(0);
    await runAt(NOW);
    await runAt(at(2 * HOUR));
    expect(textsTo(b.e164)).toHaveLength(0);
    const [first] = await sendsOf(b.id);
    expect(first).toMatchObject({
      channel: "SMS",
      status: "SKIPPED",
      skipReason: "no SMS consent",
    });
  });

  it("a STOP while a text waits in the outbox: it is never sent", async () => {
    const b = await bookViaRest({ email: "sms-queued@example.com", smsConsent: true });
    await enrolCampaigns(env.t.db, at(2 * HOUR));
    // The step is written (committed) but not delivered yet.
    const run = await runDueCampaignSteps(env.t.db, at(2 * HOUR), {
      siteUrl: SITE,
      secret: SECRET,
    });
    expect(run.smsKeys).toHaveLength(1);
    expect((await webhook(inbound(b.e164, "UNSUBSCRIBE"))).status).toBe(200);
    expect(await deliverSms(run.smsKeys[0]!, ctxAt(at(2 * HOUR)))).toMatchObject({
      status: "obsolete",
    });
    await sweepAt(at(3 * HOUR));
    await runAt(at(3 * HOUR));
    expect(textsTo(b.e164)).toHaveLength(0);
    const [first] = await sendsOf(b.id);
    expect(first).toMatchObject({ status: "SKIPPED" });
    expect(first!.skipReason).toMatch(/^Not sent: .*STOP/);
  });
});

describe("a sender that dies after claiming a text", () => {
  it("between the claim and the Twilio call: the sweep sends it once, after the lease", async () => {
    const b = await bookViaRest({ email: "sms-crash1@example.com", smsConsent: true });
    await enrolCampaigns(env.t.db, at(2 * HOUR));
    const run = await runDueCampaignSteps(env.t.db, at(2 * HOUR), {
      siteUrl: SITE,
      secret: SECRET,
    });
    const key = run.smsKeys[0]!;
    // Worker A claims (committed) and dies.
    expect(await claimSms(env.t.db, key, at(2 * HOUR))).not.toBeNull();
    // Under A's live claim nobody sends it.
    expect(await deliverSms(key, ctxAt(at(2 * HOUR + MINUTE)))).toMatchObject({
      status: "sending-elsewhere",
    });
    await sweepAt(at(2 * HOUR + 5 * MINUTE));
    expect(textsTo(b.e164)).toHaveLength(0);
    // After the lease the sweep presumes A dead: sent, once.
    const later = at(2 * HOUR + SEND_LEASE_MS + MINUTE);
    await sweepAt(later);
    await sweepAt(new Date(later.getTime() + SEND_LEASE_MS + MINUTE));
    await runAt(new Date(later.getTime() + 2 * MINUTE));
    expect(textsTo(b.e164)).toHaveLength(1);
    const row = await env.t.db.smsMessage.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(row).toMatchObject({ status: "SENT", attempts: 2 });
    expect(row.providerId).toMatch(/^SM/);
  });

  it("after Twilio took it but before it was recorded: the retry finds it at Twilio and sends nothing", async () => {
    const b = await bookViaRest({ email: "sms-crash2@example.com", smsConsent: true });
    await enrolCampaigns(env.t.db, at(2 * HOUR));
    const run = await runDueCampaignSteps(env.t.db, at(2 * HOUR), {
      siteUrl: SITE,
      secret: SECRET,
    });
    const key = run.smsKeys[0]!;
    const claim = (await claimSms(env.t.db, key, at(2 * HOUR)))!;
    await sms.send({ to: claim.to, body: claim.body }); // Twilio accepted; the worker died here
    expect(textsTo(b.e164)).toHaveLength(1);
    await sweepAt(at(2 * HOUR + SEND_LEASE_MS + MINUTE));
    expect(textsTo(b.e164)).toHaveLength(1);
    const lookups = fake.requests.filter((r) => r.method === "GET" && r.query.get("To") === b.e164);
    expect(lookups).toHaveLength(1);
    expect(
      await env.t.db.smsMessage.findUniqueOrThrow({ where: { idempotencyKey: key } }),
    ).toMatchObject({
      status: "SENT",
    });
  });

  it("a phone that opted out at Twilio (21610): not retried, and our consent follows (STOP)", async () => {
    const b = await bookViaRest({ email: "sms-optedout@example.com", smsConsent: true });
    fake.optedOut.add(b.e164);
    await runAt(NOW);
    await runAt(at(2 * HOUR));
    await sweepAt(at(3 * HOUR));
    await sweepAt(at(5 * HOUR));
    const posts = fake.requests.filter((r) => r.method === "POST" && r.form.get("To") === b.e164);
    expect(posts).toHaveLength(1); // refused once, never tried again
    const row = await env.t.db.smsMessage.findFirstOrThrow({ where: { to: b.phone } });
    expect(row).toMatchObject({ status: "FAILED" });
    expect(row.error).toMatch(/^Not sent: the phone has opted out at Twilio/);
    expect(
      await env.t.db.contactConsent.findUniqueOrThrow({
        where: { channel_address: { channel: "SMS", address: b.phone } },
      }),
    ).toMatchObject({ status: "REVOKED", source: "sms-stop" });
  });

  it("with no Twilio keys texts stay in the local outbox: marked SENT, nothing leaves", async () => {
    const before = fake.requests.length;
    const b = await bookViaRest({ email: "sms-offline@example.com", smsConsent: true });
    const local = createSmsSender({ twilio: null, log: silent });
    expect(local.mode).toBe("local-outbox");
    await campaignsRun({}, ctxAt(NOW, local));
    await campaignsRun({}, ctxAt(at(2 * HOUR), local));
    expect(fake.requests.length).toBe(before);
    const row = await env.t.db.smsMessage.findFirstOrThrow({ where: { to: b.phone } });
    expect(row).toMatchObject({ status: "SENT", providerId: null });
    expect(row.body).toMatch(/Reply STOP to opt out\.$/);
  });
});

describe("Twilio's inbound webhook", () => {
  const counts = async () => [
    await env.t.db.contactConsent.count(),
    await env.t.db.suppression.count(),
    await env.t.db.smsMessage.count({ where: { status: "FAILED" } }),
  ];

  it("a bad or missing signature is a readable 403 and writes nothing", async () => {
    const before = await counts();
    const params = { From: "+14085550188", To: FROM, Body: "STOP" };
    const forged = fromTwilio(params, { token: "not-the-token" });
    const r1 = await webhook(forged);
    expect(r1.status).toBe(403);
    expect(await r1.text()).toMatch(/X-Twilio-Signature .*only Twilio may post here/);
    // Signed for another URL.
    expect(
      (await webhook(fromTwilio(params, { url: "https://evil.example/api/twilio/sms" }))).status,
    ).toBe(403);
    // Body changed after signing.
    const good = fromTwilio({ ...params, Body: "HELP" });
    const tampered = new Request(good.url, {
      method: "POST",
      headers: good.headers,
      body: new URLSearchParams(params).toString(),
    });
    expect((await webhook(tampered)).status).toBe(403);
    const unsigned = new Request(WEBHOOK_URL, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params).toString(),
    });
    expect((await webhook(unsigned)).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("HELP answers the business name, its phone and how to stop; other text names the phone", async () => {
    const settings = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    const help = await webhook(inbound("+14085550177", "help"));
    expect(help.status).toBe(200);
    const said = await help.text();
    expect(said).toContain("<Message>");
    expect(said).toContain(settings.businessName);
    expect(said).toContain(settings.phone);
    expect(said).toMatch(/Reply STOP/);
    const other = await (
      await webhook(inbound("+14085550177", "Can we move the party to 6?"))
    ).text();
    expect(other).toContain(settings.phone);
    expect(await env.t.db.contactConsent.count({ where: { address: "(408) 555-0177" } })).toBe(0);
  });

  it("junk is a 4xx, never a 500, and writes nothing", async () => {
    const before = await counts();
    const json = new Request(WEBHOOK_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect((await webhook(json)).status).toBe(415);
    expect((await webhook(new Request(WEBHOOK_URL))).status).toBe(405);
    expect((await webhook(fromTwilio({ To: FROM, Body: "STOP" }))).status).toBe(400); // no From
    expect((await webhook(fromTwilio({ From: "not a phone", Body: "STOP" }))).status).toBe(400);
    expect((await webhook(fromTwilio({ From: "+14085550166" }))).status).toBe(400); // no Body
    const bad = new Request(WEBHOOK_URL, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "x" },
      body: new Uint8Array([0xff, 0xfe, 0x00]),
    });
    expect((await webhook(bad)).status).toBeLessThan(500);
    const off = await handleTwilioSms(inbound("+14085550166", "STOP"), {
      db: env.t.db,
      authToken: undefined,
      publicUrl: SITE,
    });
    expect(off.status).toBe(503);
    expect(await counts()).toEqual(before);
  });
});
