// Phone calls with the assistant through Twilio Voice (issue 17) at the network boundary: Twilio
// is not reachable, so the test sends the webhooks exactly as Twilio would (form-encoded, signed
// with the SDK's own algorithm, `twilio.getExpectedTwilioSignature`) to the real handlers, reads
// the TwiML back, and delivers the texted hold link through the real `twilio` SDK to a local
// server playing Twilio's Messages API (twilio-support.ts).
import { randomBytes } from "node:crypto";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAssistant, openAiSpeech, type Assistant } from "@myhibachi/ai";
import {
  handleTwilioSms,
  handleVoiceAudio,
  handleVoiceGather,
  handleVoiceIncoming,
  handleVoiceMessage,
  handleVoiceStatus,
  smsConversationReply,
  type TwilioVoiceDeps,
} from "@myhibachi/api";
import type { SessionUser } from "@myhibachi/auth";
import { operations, runOperation } from "@myhibachi/core";
import { formatCents } from "@myhibachi/shared";
import type { WorkerDeps } from "../../apps/worker/src/context";
import { createSmsSender } from "../../apps/worker/src/sms";
import { deliverSms } from "../../apps/worker/src/processors/sms-send";
import { createUser } from "./admin-helpers";
import { withoutBookingLimits } from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";
import { startFakeTwilio, type FakeTwilio } from "./twilio-support";

/** The public URL Twilio calls (behind a proxy the app itself sees another host). */
const PUBLIC = "https://hibachi.example.com";
/** Where the request actually arrives (the app behind the proxy). */
const INTERNAL = "http://10.0.0.7:3000";
const CALLER = "+14085550142";
const BUSINESS = "+14085550100";
/** Tuesday 2026-11-24 10:00 in Los Angeles: "Saturday" is 2026-11-28. */
const NOW = new Date("2026-11-24T18:00:00Z");
const silent = { info: () => {}, error: () => {} };

let env: Env;
let fake: FakeTwilio;
let assistant: Assistant;
let deps: TwilioVoiceDeps;
const queued: string[] = [];

beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  await withoutBookingLimits(env);
  fake = await startFakeTwilio();
  assistant = createAssistant({
    db: env.t.db,
    redis: env.redis,
    cache: env.cache,
    cachePrefix: env.prefix,
    now: () => NOW,
  });
  deps = {
    db: env.t.db,
    cache: env.cache,
    authToken: fake.authToken,
    publicUrl: PUBLIC,
    siteUrl: PUBLIC,
    assistant: () => assistant,
    sendSms: async (key) => {
      queued.push(key);
    },
    now: () => NOW,
  };
});
afterAll(async () => {
  await fake?.close();
  await env?.close();
});

const callSid = () => `CA${randomBytes(16).toString("hex")}`;

/** A webhook as Twilio sends it: form body, signed over the PUBLIC url it was given. */
function fromTwilio(
  path: string,
  params: Record<string, string>,
  opts: { token?: string; signedUrl?: string } = {},
): Request {
  const signature = twilio.getExpectedTwilioSignature(
    opts.token ?? fake.authToken,
    opts.signedUrl ?? `${PUBLIC}${path}`,
    params,
  );
  return new Request(`${INTERNAL}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": signature,
    },
    body: new URLSearchParams(params).toString(),
  });
}

const base = (sid: string) => ({
  AccountSid: fake.accountSid,
  CallSid: sid,
  From: CALLER,
  To: BUSINESS,
  Direction: "inbound",
});

/** The TwiML's spoken text and where the next answer goes. */
async function twiml(res: Response) {
  expect(res.status).toBe(200);
  const body = await res.text();
  const said = [...body.matchAll(/<Say[^>]*>([^<]*)<\/Say>/g)].map((m) => m[1]).join(" ");
  const action = /<Gather[^>]*action="([^"]+)"/.exec(body)?.[1]?.replace(/&amp;/g, "&") ?? null;
  return { body, said, action };
}

async function say(sid: string, action: string, speech: string) {
  return twiml(
    await handleVoiceGather(
      fromTwilio(action, { ...base(sid), SpeechResult: speech, Confidence: "0.91" }),
      deps,
    ),
  );
}

function workerDeps(): WorkerDeps {
  return {
    db: env.t.db,
    log: silent,
    now: () => NOW,
    customerUrl: PUBLIC,
    sms: createSmsSender({
      twilio: { accountSid: fake.accountSid, authToken: fake.authToken, from: BUSINESS },
      log: silent,
      twilioBaseUrl: fake.url,
    }),
  } as WorkerDeps;
}

describe("a phone call books through the assistant", () => {
  it("greeting -> guests -> time -> hold: the right party, the link texted once, retries double nothing", async () => {
    const sid = callSid();
    const hello = await twiml(
      await handleVoiceIncoming(fromTwilio("/api/twilio/voice", base(sid)), deps),
    );
    expect(hello.body).toContain('input="speech"');
    expect(hello.said).toMatch(/Thanks for calling .*How can I help\?/);
    expect(hello.action).toBe("/api/twilio/voice/gather?turn=1");
    // Hints from the live menu, numbers and weekdays.
    const hints = /hints="([^"]+)"/.exec(hello.body)![1]!;
    const menu = await env.t.db.menuItem.findFirstOrThrow({ where: { active: true } });
    expect(hints).toContain(menu.name);
    expect(hints).toContain("Saturday");
    expect(hints).toContain("twelve");

    const t1 = await say(
      sid,
      hello.action!,
      "Hi, I'd like to book a hibachi party this Saturday in 95125",
    );
    expect(t1.said).toMatch(/how many guests/i);
    expect(t1.action).toBe("/api/twilio/voice/gather?turn=2");
    const t2 = await say(sid, t1.action!, "about 12 people");
    // Times for the ear, never "6:00 PM".
    expect(t2.said).toMatch(/Saturday, November 28: twelve p m, .* p m or .* p m, among others/);
    expect(t2.said).not.toMatch(/\d:\d\d/);
    const t3 = await say(sid, t2.action!, "6 PM please, hold it");
    expect(t3.action).toBe("/api/twilio/voice/gather?turn=4");

    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    expect(conv.channel).toBe("VOICE");
    expect(conv.phone).toBe("(408) 555-0142");
    const held = await env.t.db.booking.findMany({ where: { status: "HELD" } });
    expect(held).toHaveLength(1);
    const b = held[0]!;
    expect(b.startsAt.toISOString()).toBe("2026-11-29T02:00:00.000Z"); // Sat Nov 28, 6 PM in LA
    expect(b.adults + b.children).toBe(12);
    // Spoken: rounded dollars, the phone read back digit by digit; never a link or cents.
    expect(t3.said).toContain(`about ${Math.floor((b.totalCents + 50) / 100)} dollars`);
    expect(t3.said).toContain("4 0 8, 5 5 5, 0 1 4 2");
    expect(t3.said).not.toMatch(/http|\$|\.\d\d\b/);
    expect(
      (await env.t.db.conversation.findUniqueOrThrow({ where: { id: conv.id } })).outcome,
    ).toBe("booked");

    // The text with the finish-and-pay link goes out through the real SDK, exact prices in it.
    expect(queued).toEqual([`hold-link:${b.id}`]);
    expect((await deliverSms(queued[0]!, { deps: workerDeps() })).status).toBe("sent");
    const sent = fake.sent();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe(CALLER);
    expect(sent[0]!.body).toContain(formatCents(b.totalCents));
    expect(sent[0]!.body).toContain(`${PUBLIC}/book/finish/${b.id}?token=`);
    expect(sent[0]!.body).toContain(b.code);
    // The link ends where it ends: no full stop glued to it (a phone would open the wrong URL).
    expect(sent[0]!.body).toMatch(/\?token=[A-Za-z0-9_-]+ Reply STOP/);

    // Twilio retries the last webhook (its answer was lost): the same words, nothing doubled.
    const counts = async () => ({
      bookings: await env.t.db.booking.count(),
      messages: await env.t.db.chatMessage.count({ where: { conversationId: conv.id } }),
      texts: await env.t.db.smsMessage.count(),
      ledger: await env.t.db.aiCall.count({ where: { conversationId: conv.id } }),
    });
    const before = await counts();
    const again = await say(sid, t2.action!, "6 PM please, hold it");
    expect(again.said).toBe(t3.said);
    expect(again.action).toBe(t3.action);
    // A retried first webhook too.
    const hello2 = await twiml(
      await handleVoiceIncoming(fromTwilio("/api/twilio/voice", base(sid)), deps),
    );
    expect(hello2.action).toBe(hello.action);
    expect(await counts()).toEqual(before);
    for (const key of queued) await deliverSms(key, { deps: workerDeps() });
    expect(fake.sent()).toHaveLength(1);

    // "Can I get your name?": asked with the link; the name goes on the hold, read back.
    expect(t3.said).toMatch(/may I have your name for the booking\?/);
    const named = await say(sid, t3.action!, "Yeah it's Dana Lee.");
    expect(named.said).toMatch(/I have the booking under Dana Lee\. If I got that wrong/);
    expect((await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).contactName).toBe(
      "Dana Lee",
    );
    expect(await say(sid, t3.action!, "Yeah it's Dana Lee.")).toEqual(named);
    // Heard wrong: said again, corrected.
    const fixed = await say(sid, named.action!, "no, my name is Dana Leigh");
    expect(fixed.said).toMatch(/under Dana Leigh\./);
    expect((await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).contactName).toBe(
      "Dana Leigh",
    );
    // The finish page starts from it.
    const texted = new URL(/https?:\/\/\S+/.exec(sent[0]!.body)![0]);
    const view = await runOperation(
      operations.getChatHold,
      {
        db: env.t.db,
        cache: env.cache,
        now: () => NOW,
        caller: { user: null, address: null, surface: "internal" },
      },
      { id: b.id, token: texted.searchParams.get("token")! },
    );
    expect(view.contactName).toBe("Dana Leigh");

    // "Send it to my cell instead": the number read back and the link texted there too, once.
    const other = await say(sid, fixed.action!, "can you send it to 415 555 0123 instead");
    expect(other.said).toContain("4 1 5, 5 5 5, 0 1 2 3");
    expect(other.action).toBe("/api/twilio/voice/gather?turn=7");
    const otherAgain = await say(sid, fixed.action!, "can you send it to 415 555 0123 instead");
    expect(otherAgain.said).toBe(other.said);
    expect(queued.filter((k) => k === `hold-link:${b.id}:4155550123`).length).toBeGreaterThan(0);
    await deliverSms(`hold-link:${b.id}:4155550123`, { deps: workerDeps() });
    expect(fake.sent().map((m) => m.to)).toEqual([CALLER, "+14155550123"]);
    expect(await env.t.db.booking.count()).toBe(before.bookings);

    // The call ends: duration, outcome and its cost line, once however often Twilio says so.
    const ended = { ...base(sid), CallStatus: "completed", CallDuration: "125" };
    for (let i = 0; i < 2; i++)
      expect(
        (await handleVoiceStatus(fromTwilio("/api/twilio/voice/status", ended), deps)).status,
      ).toBe(204);
    const done = await env.t.db.conversation.findUniqueOrThrow({ where: { id: conv.id } });
    expect(done.durationSeconds).toBe(125);
    expect(done.outcome).toBe("booked");
    const minutes = await env.t.db.aiCall.findMany({
      where: { conversationId: conv.id, model: "voice-minute" },
    });
    expect(minutes).toHaveLength(1);
    expect(minutes[0]!.costMicros).toBe(3 * 8500); // 3 started minutes at $0.0085
    expect(minutes[0]!.priceVersion).toBe("telephony-2026-12-31");
  });

  it("two identical webhooks at once make one turn and one hold", async () => {
    const sid = callSid();
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", base(sid)), deps);
    const t1 = await say(
      sid,
      "/api/twilio/voice/gather?turn=1",
      "book a party for 10 on Saturday in 95125",
    );
    const holdsBefore = await env.t.db.booking.count();
    const [a, b] = await Promise.all([
      say(sid, t1.action!, "5 PM, hold it"),
      say(sid, t1.action!, "5 PM, hold it"),
    ]);
    expect(a.said).toBe(b.said);
    expect(await env.t.db.booking.count()).toBe(holdsBefore + 1);
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    const msgs = await env.t.db.chatMessage.findMany({ where: { conversationId: conv.id } });
    expect(msgs.filter((m) => m.role === "USER")).toHaveLength(2);
    expect(msgs.filter((m) => m.role === "ASSISTANT")).toHaveLength(2);
    expect(await env.t.db.smsMessage.count({ where: { to: "(408) 555-0142" } })).toBe(2);
  });

  it("a bad signature is refused with 403 and nothing is stored", async () => {
    const sid = callSid();
    const forged = fromTwilio("/api/twilio/voice", base(sid), { token: "not-the-token" });
    const res = await handleVoiceIncoming(forged, deps);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("X-Twilio-Signature");
    // Signed for the internal address, not the public one Twilio was given: refused too.
    const wrongUrl = fromTwilio(
      "/api/twilio/voice/gather?turn=1",
      { ...base(sid), SpeechResult: "hi" },
      {
        signedUrl: `${INTERNAL}/api/twilio/voice/gather?turn=1`,
      },
    );
    expect((await handleVoiceGather(wrongUrl, deps)).status).toBe(403);
    // The turn number is part of what Twilio signed: a replay under another turn is refused.
    const good = fromTwilio("/api/twilio/voice/gather?turn=1", {
      ...base(sid),
      SpeechResult: "hi",
    });
    const moved = new Request(`${INTERNAL}/api/twilio/voice/gather?turn=2`, {
      method: "POST",
      headers: good.headers,
      body: await good.text(),
    });
    expect((await handleVoiceGather(moved, deps)).status).toBe(403);
    const status = fromTwilio(
      "/api/twilio/voice/status",
      { ...base(sid), CallStatus: "completed", CallDuration: "60" },
      { token: "nope" },
    );
    expect((await handleVoiceStatus(status, deps)).status).toBe(403);
    expect(await env.t.db.conversation.count({ where: { callSid: sid } })).toBe(0);
    expect(await env.t.db.chatMessage.count({ where: { content: "hi" } })).toBe(0);
  });

  it("junk is a readable 4xx, never a 500", async () => {
    const noSid = await handleVoiceIncoming(
      fromTwilio("/api/twilio/voice", { From: CALLER }),
      deps,
    );
    expect(noSid.status).toBe(400);
    const badTurn = await handleVoiceGather(
      fromTwilio("/api/twilio/voice/gather?turn=abc", { ...base(callSid()), SpeechResult: "x" }),
      deps,
    );
    expect(badTurn.status).toBe(400);
    expect(await badTurn.text()).toMatch(/turn must be/);
  });

  it("silence is asked again, then the call ends as dropped", async () => {
    const sid = callSid();
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", base(sid)), deps);
    const once = await say(sid, "/api/twilio/voice/gather?turn=1", "");
    expect(once.said).toMatch(/didn't catch that/);
    expect(once.action).toBe("/api/twilio/voice/gather?turn=1&silence=1");
    const twice = await say(sid, once.action!, "");
    const thrice = await say(sid, twice.action!, "");
    expect(thrice.body).toContain("<Hangup/>");
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    expect(conv.outcome).toBe("dropped");
    expect(await env.t.db.chatMessage.count({ where: { conversationId: conv.id } })).toBe(0);
  });
});

describe("asking for a person on the phone", () => {
  it("in phone hours: put through to the business phone with <Dial>", async () => {
    const sid = callSid();
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", base(sid)), deps);
    const r = await say(sid, "/api/twilio/voice/gather?turn=1", "I want to talk to a person");
    const s = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(r.body).toMatch(/<Dial[^>]*>\+1\d{10}<\/Dial>/);
    expect(r.body).toContain(s.phone.replace(/\D/g, "").slice(-7));
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    expect(conv.outcome).toBe("transferred");
    // A call that only asked a question and hung up ended; one with no answer at all dropped.
    const asked = callSid();
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", base(asked)), deps);
    await say(asked, "/api/twilio/voice/gather?turn=1", "do you have a vegetarian option?");
    const silentCall = callSid();
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", base(silentCall)), deps);
    for (const c of [asked, silentCall])
      await handleVoiceStatus(
        fromTwilio("/api/twilio/voice/status", {
          ...base(c),
          CallStatus: "completed",
          CallDuration: "30",
        }),
        deps,
      );
    const outcome = async (c: string) =>
      (await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: c } })).outcome;
    expect(await outcome(asked)).toBe("completed");
    expect(await outcome(silentCall)).toBe("dropped");
  });

  it("outside phone hours: a message flagged for staff", async () => {
    const late = { ...deps, now: () => new Date("2026-11-25T07:30:00Z") }; // 23:30 in LA
    const sid = callSid();
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", base(sid)), late);
    const r = await twiml(
      await handleVoiceGather(
        fromTwilio("/api/twilio/voice/gather?turn=1", {
          ...base(sid),
          SpeechResult: "let me talk to a real person",
        }),
        late,
      ),
    );
    expect(r.body).not.toContain("<Dial");
    expect(r.said).toContain("leave a short message");
    expect(r.said).toContain("4 0 8, 5 5 5, 0 1 4 2");
    expect(r.action).toBe("/api/twilio/voice/message?turn=2");
    const left = await handleVoiceMessage(
      fromTwilio(r.action!, {
        ...base(sid),
        SpeechResult: "Please call me about a party of 40 in March",
      }),
      late,
    );
    expect(await left.text()).toContain("<Hangup/>");
    const conv = await env.t.db.conversation.findUniqueOrThrow({
      where: { callSid: sid },
      include: { messages: { orderBy: { createdAt: "asc" } } },
    });
    expect(conv.status).toBe("HANDOFF");
    expect(conv.outcome).toBe("message");
    expect(conv.flagReason).toMatch(/phone message/);
    expect(conv.messages.at(-1)!.content).toBe("Please call me about a party of 40 in March");
  });
});

describe("SMS conversations", () => {
  const smsDeps = () => ({
    db: env.t.db,
    authToken: fake.authToken,
    publicUrl: PUBLIC,
    otherReply: smsConversationReply({
      db: env.t.db,
      siteUrl: PUBLIC,
      assistant: () => assistant,
      now: () => NOW,
    }),
  });
  const text = (body: string, sid = `SM${randomBytes(16).toString("hex")}`) =>
    fromTwilio("/api/twilio/sms", {
      AccountSid: fake.accountSid,
      MessageSid: sid,
      From: "+14085550177",
      To: BUSINESS,
      Body: body,
    });
  const reply = async (res: Response) => {
    expect(res.status).toBe(200);
    return /<Message>([\s\S]*)<\/Message>/.exec(await res.text())?.[1] ?? null;
  };

  it("a text is answered by the assistant, once per MessageSid; STOP and HELP still work", async () => {
    const sid = `SM${randomBytes(16).toString("hex")}`;
    const first = await reply(
      await handleTwilioSms(text("how many guests can you do?", sid), smsDeps()),
    );
    expect(first).toBeTruthy();
    const retried = await reply(
      await handleTwilioSms(text("how many guests can you do?", sid), smsDeps()),
    );
    expect(retried).toBe(first);
    const conv = await env.t.db.conversation.findFirstOrThrow({
      where: { channel: "SMS", phone: "(408) 555-0177" },
      include: { messages: true },
    });
    expect(conv.messages.filter((m) => m.role === "USER")).toHaveLength(1);
    const lines = await env.t.db.aiCall.findMany({
      where: { conversationId: conv.id, provider: "twilio" },
    });
    expect(lines.map((l) => l.intent).sort()).toEqual(["sms-in", "sms-out"]);
    // A second text continues the same thread.
    await handleTwilioSms(text("is Saturday free?"), smsDeps());
    expect(
      await env.t.db.conversation.count({ where: { channel: "SMS", phone: "(408) 555-0177" } }),
    ).toBe(1);

    expect(await reply(await handleTwilioSms(text("HELP"), smsDeps()))).toMatch(/Reply STOP/);
    expect(await reply(await handleTwilioSms(text("STOP"), smsDeps()))).toBeNull();
    const consent = await env.t.db.contactConsent.findUniqueOrThrow({
      where: { channel_address: { channel: "SMS", address: "(408) 555-0177" } },
    });
    expect(consent.status).toBe("REVOKED");
  });
});

describe("staff see calls and texts beside chats", () => {
  it("the conversations list: channel, outcome, duration; the transcript of a call", async () => {
    const staff = await createUser(env.t.db, "STAFF");
    const ctx = {
      db: env.t.db,
      cache: env.cache,
      now: () => NOW,
      caller: {
        user: { ...staff, role: "STAFF" } as SessionUser,
        address: null,
        surface: "internal" as const,
      },
    };
    const calls = await runOperation(operations.listConversations, ctx, {
      channel: "VOICE",
      take: 50,
    });
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(calls.every((c) => c.channel === "VOICE")).toBe(true);
    const booked = calls.find((c) => c.durationSeconds === 125)!;
    expect(booked).toMatchObject({ outcome: "booked", who: "Caller (408) 555-0142" });
    expect(calls.some((c) => c.outcome === "transferred")).toBe(true);
    expect(calls.some((c) => c.outcome === "message")).toBe(true);
    expect(calls.some((c) => c.outcome === "dropped")).toBe(true);
    const all = await runOperation(operations.listConversations, ctx, { take: 200 });
    expect(new Set(all.map((c) => c.channel))).toEqual(new Set(["VOICE", "SMS"]));
    const t = await runOperation(operations.getConversationTranscript, ctx, { id: booked.id });
    expect(t).toMatchObject({ channel: "VOICE", outcome: "booked", durationSeconds: 125 });
    // Greeting aside, six turns: party, guests, time and hold, the name, the name again, the
    // other number.
    expect(t.messages.map((m) => m.role)).toEqual(
      Array.from({ length: 6 }, () => ["USER", "ASSISTANT"]).flat(),
    );
    // The owner's AI cost page has the phone's lines: call minutes and text messages.
    const owner = await createUser(env.t.db, "OWNER");
    const costs = await runOperation(
      operations.getCostDashboard,
      {
        ...ctx,
        now: () => new Date(NOW.getTime() + 3_600_000),
        caller: { ...ctx.caller, user: { ...owner, role: "OWNER" } as SessionUser },
      },
      undefined,
    );
    expect(costs.models).toEqual(expect.arrayContaining(["voice-minute", "sms-message"]));
    const today = costs.daily.find((d) => d.date === "2026-11-24")!;
    // The booked call's 3 minutes and two 1-minute calls, at $0.0085 a started minute.
    expect(today.byModel["voice-minute"]).toBe((3 + 1 + 1) * 8500);
    expect(today.byModel["sms-message"]).toBe(
      8300 * (await env.t.db.aiCall.count({ where: { model: "sms-message" } })),
    );
    await expect(
      runOperation(operations.listConversations, ctx, { channel: "FAX" as "SMS", take: 5 }),
    ).rejects.toThrow(/Channel is CHAT, VOICE or SMS/);
  });
});

describe("speech from OpenAI TTS when configured", () => {
  it("replies are played from signed audio links; the audio comes from the speech server", async () => {
    const inputs: { model: string; voice: string; input: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        if (req.method !== "POST" || req.url !== "/v1/audio/speech") {
          res.writeHead(404).end();
          return;
        }
        inputs.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as (typeof inputs)[number]);
        res.writeHead(200, { "content-type": "audio/mpeg" }).end(Buffer.from("ID3-fake-mp3"));
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    try {
      const spoken = {
        ...deps,
        tts: openAiSpeech({
          apiKey: "test",
          baseURL: `http://127.0.0.1:${port}/v1`,
          model: "gpt-4o-mini-tts",
          voice: "alloy",
        }),
      };
      const sid = callSid();
      const hello = await twiml(
        await handleVoiceIncoming(fromTwilio("/api/twilio/voice", base(sid)), spoken),
      );
      expect(hello.body).not.toContain("<Say");
      const play = /<Play>([^<]+)<\/Play>/.exec(hello.body)![1]!.replace(/&amp;/g, "&");
      expect(play.startsWith(`${PUBLIC}/api/twilio/voice/audio?`)).toBe(true);
      const audio = await handleVoiceAudio(new Request(play.replace(PUBLIC, INTERNAL)), spoken);
      expect(audio.status).toBe(200);
      expect(audio.headers.get("content-type")).toBe("audio/mpeg");
      expect(Buffer.from(await audio.arrayBuffer()).toString()).toBe("ID3-fake-mp3");
      expect(inputs).toHaveLength(1);
      expect(inputs[0]).toMatchObject({ model: "gpt-4o-mini-tts", voice: "alloy" });
      expect(inputs[0]!.input).toMatch(/^Thanks for calling .*How can I help\?$/);
      const line = await env.t.db.aiCall.findFirstOrThrow({ where: { model: "tts" } });
      expect(line.costMicros).toBe(Math.floor((inputs[0]!.input.length * 15_000 + 500) / 1000));
      // Another text under the same signature: refused, and nothing synthesised.
      const forged = new URL(play);
      forged.searchParams.set("text", "Say something else");
      expect((await handleVoiceAudio(new Request(forged), spoken)).status).toBe(403);
      expect(inputs).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});
