// Phone calls with the assistant through Twilio Voice (issue 17) at the network boundary: Twilio
// is not reachable, so the test sends the webhooks exactly as Twilio would (form-encoded, signed
// with the SDK's own algorithm, `twilio.getExpectedTwilioSignature`) to the real handlers, reads
// the TwiML back, and delivers the texted hold link through the real `twilio` SDK to a local
// server playing Twilio's Messages API (twilio-support.ts).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAssistant, openAiSpeech, type Assistant } from "@myhibachi/ai";
import {
  handleTwilioSms,
  handleVoiceAudio,
  handleVoiceDial,
  handleVoiceGather,
  handleVoiceIncoming,
  handleVoiceMessage,
  handleVoiceStatus,
  smsConversationReply,
  type TwilioVoiceDeps,
} from "@myhibachi/api";
import type { SessionUser } from "@myhibachi/auth";
import { getAvailability, operations, runOperation, stopSms } from "@myhibachi/core";
import { formatCents } from "@myhibachi/shared";
import type { WorkerDeps } from "../../apps/worker/src/context";
import { createSmsSender } from "../../apps/worker/src/sms";
import { deliverSms } from "../../apps/worker/src/processors/sms-send";
import { createUser } from "./admin-helpers";
import { withoutBookingLimits } from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";
import { readTwiml, startFakeTwilio, twilioWebhook, type FakeTwilio } from "./twilio-support";

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
const fromTwilio = (
  path: string,
  params: Record<string, string>,
  opts: { token?: string; signedUrl?: string } = {},
) =>
  twilioWebhook(
    { token: opts.token ?? fake.authToken, publicBase: PUBLIC, internalBase: INTERNAL },
    path,
    params,
    opts.signedUrl,
  );

const base = (sid: string) => ({
  AccountSid: fake.accountSid,
  CallSid: sid,
  From: CALLER,
  To: BUSINESS,
  Direction: "inbound",
});

/** The TwiML's spoken text and where the next answer goes. */
const twiml = readTwiml;

/** A call from `phone`; each turn answers the action of the one before. */
async function call(phone: string) {
  const sid = callSid();
  const b = { ...base(sid), From: phone };
  await handleVoiceIncoming(fromTwilio("/api/twilio/voice", b), deps);
  let action = "/api/twilio/voice/gather?turn=1";
  const turn = async (speech: string) => {
    const t = await twiml(
      await handleVoiceGather(
        fromTwilio(action, { ...b, SpeechResult: speech, Confidence: "0.9" }),
        deps,
      ),
    );
    if (t.action) action = t.action;
    return t;
  };
  return { sid, turn };
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
    expect(t2.said).toMatch(/Saturday, November 28: noon, .* p m, .* p m and others up to .* p m/);
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
    // One text per hold and version of its details (a change of time or guests texts anew).
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatch(new RegExp(`^hold-link:${b.id}:v[0-9a-f]{12}$`));
    expect((await deliverSms(queued[0]!, { deps: workerDeps() })).status).toBe("sent");
    const sent = fake.sent();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe(CALLER);
    expect(sent[0]!.body).toContain(formatCents(b.totalCents));
    expect(sent[0]!.body).toContain(`${PUBLIC}/book/finish/${b.id}?token=`);
    expect(sent[0]!.body).toContain(b.code);
    // No Stripe here: paid at the event, and the text says so (no deposit, as the call said).
    expect(b.paymentMode).toBe("PAY_AT_EVENT");
    expect(sent[0]!.body).toContain("paid at the event. Finish your booking:");
    expect(sent[0]!.body).not.toMatch(/deposit/i);
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

    // "Send it to my cell instead": the number read back; texted there only after a yes, once.
    const other = await say(sid, fixed.action!, "can you send it to 415 555 0123 instead");
    expect(other.said).toContain("4 1 5, 5 5 5, 0 1 2 3");
    expect(other.said).toMatch(/Shall I text the link there\?/);
    expect(other.action).toBe("/api/twilio/voice/gather?turn=7");
    const otherAgain = await say(sid, fixed.action!, "can you send it to 415 555 0123 instead");
    expect(otherAgain.said).toBe(other.said);
    const otherKey = `hold-link:${b.id}:to:4155550123`;
    expect(queued).not.toContain(otherKey);
    expect(await env.t.db.smsMessage.count({ where: { idempotencyKey: otherKey } })).toBe(0);
    const yes = await say(sid, other.action!, "yes that's right");
    expect(yes.said).toMatch(/Done: I've texted the link to 4 1 5, 5 5 5, 0 1 2 3 too\./);
    expect(await say(sid, other.action!, "yes that's right")).toEqual(yes);
    expect(queued.filter((k) => k === otherKey).length).toBeGreaterThan(0);
    await deliverSms(otherKey, { deps: workerDeps() });
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
    // One open hold for the number (an earlier call's hold from it is moved, not doubled).
    expect(await env.t.db.booking.count()).toBeLessThanOrEqual(holdsBefore + 1);
    expect(
      await env.t.db.booking.count({ where: { contactPhone: "(408) 555-0142", status: "HELD" } }),
    ).toBe(1);
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
    // When a person answers again (Wednesday 9 am: the seed's hours are 9 to 9 every day).
    expect(r.said).toContain("We're back at the phone tomorrow at nine a m.");
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

/** The SMS webhook's dependencies: a text is answered by the assistant. */
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

describe("SMS conversations", () => {
  const text = (
    body: string,
    sid = `SM${randomBytes(16).toString("hex")}`,
    from = "+14085550177",
  ) =>
    fromTwilio("/api/twilio/sms", {
      AccountSid: fake.accountSid,
      MessageSid: sid,
      From: from,
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

  it("staff text a reply into a thread: sent once from the business number; the assistant is quiet while they are on it; a STOPped number is refused", async () => {
    const staffUser = await createUser(env.t.db, "STAFF");
    const handed: string[] = [];
    const ctx = {
      db: env.t.db,
      cache: env.cache,
      now: () => NOW,
      sendSms: async (key: string) => {
        handed.push(key);
      },
      caller: {
        user: { ...staffUser, role: "STAFF" } as SessionUser,
        address: null,
        surface: "internal" as const,
      },
    };
    const from = "+14085550166";
    expect(
      await reply(
        await handleTwilioSms(
          text("can someone call me about a wedding?", undefined, from),
          smsDeps(),
        ),
      ),
    ).toBeTruthy();
    const thread = await env.t.db.conversation.findFirstOrThrow({
      where: { channel: "SMS", phone: "(408) 555-0166" },
    });
    const view = await runOperation(operations.getConversationTranscript, ctx, { id: thread.id });
    expect(view).toMatchObject({ phone: "(408) 555-0166", textsStopped: false });
    const input = {
      id: thread.id,
      text: "Hi, happy to help with the wedding! Which date are you thinking of?",
      clientMessageId: "staff-reply-0001",
    };
    const first = await runOperation(operations.replyToConversation, ctx, input);
    const again = await runOperation(operations.replyToConversation, ctx, input); // a retried send
    expect(again.id).toBe(first.id);
    const texts = await env.t.db.smsMessage.findMany({
      where: { to: "(408) 555-0166", idempotencyKey: { startsWith: "staff-reply:" } },
    });
    expect(texts).toHaveLength(1);
    const business = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    const firstName = staffUser.name.split(" ")[0];
    expect(texts[0]!.body).toBe(
      `${business.businessName} (${firstName}): ${input.text} Reply STOP to opt out.`,
    );
    expect(handed).toEqual([texts[0]!.idempotencyKey]);
    expect((await deliverSms(texts[0]!.idempotencyKey, { deps: workerDeps() })).status).toBe(
      "sent",
    );
    expect((await deliverSms(texts[0]!.idempotencyKey, { deps: workerDeps() })).status).not.toBe(
      "sent",
    );
    expect(fake.sent().filter((m) => m.to === from)).toEqual([
      expect.objectContaining({ to: from, from: BUSINESS, body: texts[0]!.body }),
    ]);
    // Their answer is for the person: no reply from the assistant, and it shows in the thread.
    expect(
      await reply(
        await handleTwilioSms(text("June 6th, about 80 people", undefined, from), smsDeps()),
      ),
    ).toBeNull();
    const after = await runOperation(operations.getConversationTranscript, ctx, { id: thread.id });
    expect(after.messages.map((m) => [m.role, m.content]).slice(-2)).toEqual([
      ["STAFF", input.text],
      ["USER", "June 6th, about 80 people"],
    ]);
    // A number that replied STOP (the test above) can't be texted: said, nothing stored.
    const stopped = await env.t.db.conversation.findFirstOrThrow({
      where: { channel: "SMS", phone: "(408) 555-0177" },
    });
    const before = await env.t.db.smsMessage.count();
    await expect(
      runOperation(operations.replyToConversation, ctx, {
        id: stopped.id,
        text: "Hello?",
        clientMessageId: "staff-reply-0002",
      }),
    ).rejects.toThrow(
      "(408) 555-0177 replied STOP to our texts, so a reply can't be texted. Call them instead.",
    );
    expect(await env.t.db.smsMessage.count()).toBe(before);
    expect(
      await env.t.db.chatMessage.count({ where: { conversationId: stopped.id, role: "STAFF" } }),
    ).toBe(0);
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
    // Greeting aside, seven turns: party, guests, time and hold, the name, the name again, the
    // other number and its yes.
    expect(t.messages.map((m) => m.role)).toEqual(
      Array.from({ length: 7 }, () => ["USER", "ASSISTANT"]).flat(),
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

// The second attack on the phone (docs/attacks): texts only where the caller asked and said yes,
// never to a number that said STOP, a person one word away, a missed transfer not a dead end.
describe("the phone after the second attack", () => {
  const from = (sid: string, phone: string) => ({ ...base(sid), From: phone });
  const sayFrom = async (sid: string, phone: string, action: string, speech: string) =>
    twiml(
      await handleVoiceGather(
        fromTwilio(action, { ...from(sid, phone), SpeechResult: speech, Confidence: "0.9" }),
        deps,
      ),
    );
  /** A call from `phone` that holds a party of 10 at 5 PM on `day`. */
  async function holdBy(phone: string, day = "Saturday") {
    const sid = callSid();
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", from(sid, phone)), deps);
    const t1 = await sayFrom(
      sid,
      phone,
      "/api/twilio/voice/gather?turn=1",
      `book a party for 10 on ${day} in 95125`,
    );
    const t2 = await sayFrom(sid, phone, t1.action!, "5 PM, hold it");
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    // The hold is the one the reply's finish link names (what the caller's text points to).
    const replies = await env.t.db.chatMessage.findMany({
      where: { conversationId: conv.id, role: "ASSISTANT" },
      orderBy: { createdAt: "desc" },
    });
    const href = replies
      .flatMap((m) => ((m.extras ?? {}) as { links?: { href: string }[] }).links ?? [])
      .map((l) => l.href)
      .find((h) => h.includes("/book/finish/"))!;
    const booking = await env.t.db.booking.findUniqueOrThrow({
      where: { id: /\/book\/finish\/([^?]+)/.exec(href)![1]! },
    });
    expect(booking.status).toBe("HELD");
    return { sid, t2, conv, booking };
  }
  const linkTexts = (bookingId: string) =>
    env.t.db.smsMessage.findMany({
      where: { idempotencyKey: { startsWith: `hold-link:${bookingId}` } },
      orderBy: { createdAt: "asc" },
    });

  it("the link goes to one other number only, after a yes; a corrected number is read back again", async () => {
    const phone = "+14085550301";
    const { sid, t2, booking } = await holdBy(phone);
    expect(t2.said).toContain("4 0 8, 5 5 5, 0 3 0 1");
    const asked = await sayFrom(sid, phone, t2.action!, "send it to 415 555 0310");
    expect(asked.said).toContain("4 1 5, 5 5 5, 0 3 1 0");
    // "No, it's ...": the new number read back, nothing texted yet.
    const fixed = await sayFrom(sid, phone, asked.action!, "no it's 415 555 0311");
    expect(fixed.said).toMatch(/that's 4 1 5, 5 5 5, 0 3 1 1\. Shall I text the link there\?/);
    expect((await linkTexts(booking.id)).map((t) => t.to)).toEqual(["(408) 555-0301"]);
    const yes = await sayFrom(sid, phone, fixed.action!, "yes");
    expect(yes.said).toContain("I've texted the link to 4 1 5, 5 5 5, 0 3 1 1 too");
    // A third number: refused in words, nothing stored.
    const third = await sayFrom(sid, phone, yes.action!, "and text it to 650 555 0312 as well");
    expect(third.said).toMatch(/one other number only/);
    const next = await sayFrom(sid, phone, third.action!, "yes");
    expect((await linkTexts(booking.id)).map((t) => t.to)).toEqual([
      "(408) 555-0301",
      "(415) 555-0311",
    ]);
    // A plain no declines.
    expect(next.action).toMatch(/turn=\d+$/);
  });

  it("a number that said STOP is never texted: not as the other number, not the caller's own; START and 'text me the link' send it", async () => {
    await stopSms(env.t.db, "+14155550320", NOW);
    const phone = "+14085550302";
    const { sid, t2, booking } = await holdBy(phone, "Sunday");
    const asked = await sayFrom(sid, phone, t2.action!, "text it to 415 555 0320");
    const yes = await sayFrom(sid, phone, asked.action!, "yes please");
    expect(yes.said).toMatch(/replied STOP to our texts, so I can't text it/);
    expect((await linkTexts(booking.id)).map((t) => t.to)).toEqual(["(408) 555-0302"]);

    // The caller's own number said STOP: the hold is made, told how to get the link, no text.
    const own = "+14085550303";
    await stopSms(env.t.db, own, NOW);
    const held = await holdBy(own, "Sunday");
    expect(held.t2.said).toMatch(/Texts to 4 0 8, 5 5 5, 0 3 0 3 are turned off/);
    expect(held.t2.said).toMatch(/text START/);
    expect(await linkTexts(held.booking.id)).toEqual([]);
    // START from that phone, then "text me the link": sent, once.
    await handleTwilioSms(
      fromTwilio("/api/twilio/sms", {
        AccountSid: fake.accountSid,
        MessageSid: `SM${randomBytes(16).toString("hex")}`,
        From: own,
        To: BUSINESS,
        Body: "START",
      }),
      { db: env.t.db, authToken: fake.authToken, publicUrl: PUBLIC },
    );
    const again = await sayFrom(
      held.sid,
      own,
      held.t2.action!,
      "ok I did, can you text me the link",
    );
    expect(again.said).toMatch(/texting you the link to finish and pay, to 4 0 8, 5 5 5, 0 3 0 3/);
    expect(
      await sayFrom(held.sid, own, held.t2.action!, "ok I did, can you text me the link"),
    ).toEqual(again);
    expect((await linkTexts(held.booking.id)).map((t) => t.to)).toEqual(["(408) 555-0303"]);
  });

  it("after STOP a text gets no answer, and the worker sends nothing queued to that phone", async () => {
    const phone = "+14085550304";
    const sms = (body: string) =>
      fromTwilio("/api/twilio/sms", {
        AccountSid: fake.accountSid,
        MessageSid: `SM${randomBytes(16).toString("hex")}`,
        From: phone,
        To: BUSINESS,
        Body: body,
      });
    const body = async (res: Response) =>
      /<Message>([\s\S]*)<\/Message>/.exec(await res.text())?.[1] ?? null;
    expect(await body(await handleTwilioSms(sms("do you do vegetarian?"), smsDeps()))).toBeTruthy();
    // A text queued for that phone before the STOP (a reminder, a staff reply).
    await env.t.db.smsMessage.create({
      data: {
        idempotencyKey: "attack2:queued-before-stop",
        to: "(408) 555-0304",
        body: "Reminder: your party is on Saturday.",
      },
    });
    expect(await body(await handleTwilioSms(sms("STOP"), smsDeps()))).toBeNull();
    expect(await body(await handleTwilioSms(sms("is saturday free?"), smsDeps()))).toBeNull();
    const thread = await env.t.db.conversation.findFirstOrThrow({
      where: { channel: "SMS", phone: "(408) 555-0304" },
      include: { messages: { orderBy: { createdAt: "asc" } } },
    });
    // Still stored for staff to read.
    expect(thread.messages.at(-1)).toMatchObject({ role: "USER", content: "is saturday free?" });
    const sentBefore = fake.sent().length;
    const r = await deliverSms("attack2:queued-before-stop", { deps: workerDeps() });
    expect(r.status).not.toBe("sent");
    expect(fake.sent()).toHaveLength(sentBefore);
    const row = await env.t.db.smsMessage.findUniqueOrThrow({
      where: { idempotencyKey: "attack2:queued-before-stop" },
    });
    expect(row.status).toBe("FAILED");
  });

  it("a change of time texts the new details; the same details are not texted twice", async () => {
    const phone = "+14085550305";
    const { sid, t2, booking } = await holdBy(phone, "Friday");
    const moved = await sayFrom(sid, phone, t2.action!, "actually can we do 7:30 PM instead");
    const after = await env.t.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    // The same hold, moved: a second text with the new time, said as "the new details".
    expect(after.startsAt.toISOString()).toBe("2026-11-28T03:30:00.000Z"); // Fri 7:30 PM in LA
    const texts = await linkTexts(booking.id);
    expect(texts).toHaveLength(2);
    expect(texts[1]!.body).toContain("7:30");
    expect(texts[0]!.body).not.toContain("7:30");
    expect(moved.said).toMatch(/texting you the new details and the link/);
    // Retried: nothing more.
    await sayFrom(sid, phone, t2.action!, "actually can we do 7:30 PM instead");
    expect(await linkTexts(booking.id)).toHaveLength(2);
    const all = await env.t.db.smsMessage.findMany({ where: { to: "(408) 555-0305" } });
    expect(new Set(all.map((t) => t.body)).size).toBe(all.length);
  });

  it("'operator' puts the caller through; so does a yes after the assistant wasn't sure", async () => {
    const phone = "+14085550306";
    const sid = callSid();
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", from(sid, phone)), deps);
    const op = await sayFrom(sid, phone, "/api/twilio/voice/gather?turn=1", "operator");
    expect(op.body).toMatch(/<Dial[^>]*>\+1\d{10}<\/Dial>/);

    const sid2 = callSid();
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", from(sid2, phone)), deps);
    const unsure = await sayFrom(
      sid2,
      phone,
      "/api/twilio/voice/gather?turn=1",
      "what is the airspeed velocity of an unladen swallow",
    );
    expect(unsure.said).toMatch(/I can put you through to a person: just say yes/);
    const yes = await sayFrom(sid2, phone, unsure.action!, "yes please");
    expect(yes.body).toMatch(/<Dial[^>]*>\+1\d{10}<\/Dial>/);
  });

  it("a transfer nobody answers becomes a message for staff, not a dead end", async () => {
    const phone = "+14085550307";
    const sid = callSid();
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", from(sid, phone)), deps);
    const r = await sayFrom(
      sid,
      phone,
      "/api/twilio/voice/gather?turn=1",
      "can I speak to a real person",
    );
    expect(r.body).toMatch(/<Dial[^>]*action="\/api\/twilio\/voice\/dial\?turn=2"/);
    expect(r.body).toMatch(/<Dial[^>]*timeout="25"/);
    const dialed = (status: string) =>
      handleVoiceDial(
        fromTwilio("/api/twilio/voice/dial?turn=2", {
          ...from(sid, phone),
          DialCallStatus: status,
        }),
        deps,
      );
    const missed = await twiml(await dialed("no-answer"));
    expect(missed.said).toMatch(/nobody could pick up/);
    expect(missed.said).toContain("4 0 8, 5 5 5, 0 3 0 7");
    expect(missed.action).toBe("/api/twilio/voice/message?turn=2");
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    expect(conv.outcome).toBe("missed");
    expect(conv.status).toBe("HANDOFF");
    expect(conv.flagReason).toMatch(/nobody answered/);
    // Twilio retries it: the same answer.
    expect((await twiml(await dialed("no-answer"))).said).toBe(missed.said);
    // An answered transfer just ends.
    const sid2 = callSid();
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", from(sid2, phone)), deps);
    await sayFrom(sid2, phone, "/api/twilio/voice/gather?turn=1", "can I speak to a real person");
    const answered = await handleVoiceDial(
      fromTwilio("/api/twilio/voice/dial?turn=2", {
        ...from(sid2, phone),
        DialCallStatus: "completed",
      }),
      deps,
    );
    expect(await answered.text()).toContain("<Hangup/>");
    expect(
      (await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid2 } })).outcome,
    ).toBe("transferred");
  });

  it("a caller with a withheld number is asked for one, and it is read back", async () => {
    const late = { ...deps, now: () => new Date("2026-11-25T07:30:00Z") }; // 23:30 in LA
    const sid = callSid();
    const hidden = { ...base(sid), From: "anonymous" };
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", hidden), late);
    const r = await twiml(
      await handleVoiceGather(
        fromTwilio("/api/twilio/voice/gather?turn=1", {
          ...hidden,
          SpeechResult: "talk to a person",
        }),
        late,
      ),
    );
    expect(r.said).toMatch(/Your number didn't come through/);
    const m = await twiml(
      await handleVoiceMessage(
        fromTwilio(r.action!, { ...hidden, SpeechResult: "I'd like a quote for a party of 30" }),
        late,
      ),
    );
    expect(m.said).toMatch(/what number can we call you back on\?/);
    expect(m.action).toBe("/api/twilio/voice/message?turn=3&number=1");
    const n = await handleVoiceMessage(
      fromTwilio(m.action!, {
        ...hidden,
        SpeechResult: "it's six five oh, five five five, oh three oh eight",
      }),
      late,
    );
    const said = await n.text();
    expect(said).toContain("call you back at 6 5 0, 5 5 5, 0 3 0 8");
    const conv = await env.t.db.conversation.findUniqueOrThrow({
      where: { callSid: sid },
      include: { messages: { orderBy: { createdAt: "asc" } } },
    });
    expect(conv.contactPhone).toBe("(650) 555-0308");
    expect(conv.messages.map((x) => x.content)).toContain("I'd like a quote for a party of 30");
  });
});

describe("a staff text reply longer than one text", () => {
  it("is refused in words, and nothing is stored", async () => {
    const staffUser = await createUser(env.t.db, "STAFF");
    const ctx = {
      db: env.t.db,
      cache: env.cache,
      now: () => NOW,
      sendSms: async () => {},
      caller: {
        user: { ...staffUser, role: "STAFF" } as SessionUser,
        address: null,
        surface: "internal" as const,
      },
    };
    const thread = await env.t.db.conversation.findFirstOrThrow({
      where: { channel: "SMS", phone: "(408) 555-0166" },
    });
    const view = await runOperation(operations.getConversationTranscript, ctx, { id: thread.id });
    expect(view.replyLimit).toBeGreaterThan(1400);
    expect(view.replyLimit).toBeLessThan(1600);
    const before = await env.t.db.smsMessage.count();
    await expect(
      runOperation(operations.replyToConversation, ctx, {
        id: thread.id,
        text: "x".repeat(view.replyLimit + 1),
        clientMessageId: "staff-reply-long-1",
      }),
    ).rejects.toThrow(/A text can hold [\d,]+ characters of your reply/);
    expect(await env.t.db.smsMessage.count()).toBe(before);
    const ok = await runOperation(operations.replyToConversation, ctx, {
      id: thread.id,
      text: "y".repeat(view.replyLimit),
      clientMessageId: "staff-reply-long-2",
    });
    const sms = await env.t.db.smsMessage.findUniqueOrThrow({
      where: { idempotencyKey: `staff-reply:${ok.id}` },
    });
    expect(sms.body.length).toBeLessThanOrEqual(1600);
  });
});

// The third attack (docs/attacks/issue17-r3.md): names are not dates, opt-outs as people type
// them, control characters are not a 5xx.
describe("the phone after the third attack", () => {
  const sms = (from: string, body: string) =>
    fromTwilio("/api/twilio/sms", {
      AccountSid: fake.accountSid,
      MessageSid: `SM${randomBytes(16).toString("hex")}`,
      From: from,
      To: BUSINESS,
      Body: body,
    });
  const suppressed = async (phone: string) =>
    (await env.t.db.suppression.count({ where: { channel: "SMS", address: phone } })) > 0;

  it("'my name is Sunday Adeyemi' names the hold and leaves its day alone", async () => {
    const phone = "+14085550401";
    const sid = callSid();
    const b = { ...base(sid), From: phone };
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", b), deps);
    const turn = async (action: string, speech: string) =>
      twiml(
        await handleVoiceGather(
          fromTwilio(action, { ...b, SpeechResult: speech, Confidence: "0.9" }),
          deps,
        ),
      );
    const t1 = await turn(
      "/api/twilio/voice/gather?turn=1",
      "book a party for 10 on Friday at 6 PM in 95125",
    );
    expect(t1.said).toMatch(/may I have your name/);
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    const texts = await env.t.db.smsMessage.findMany({ where: { to: "(408) 555-0401" } });
    const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
    const before = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    const t2 = await turn(t1.action!, "my name is Sunday Adeyemi");
    expect(t2.said).toMatch(/under Sunday Adeyemi\./);
    const after = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect(after.startsAt).toEqual(before.startsAt);
    expect(after.status).toBe("HELD");
    expect(after.contactName).toBe("Sunday Adeyemi");
    expect(await env.t.db.smsMessage.count({ where: { to: "(408) 555-0401" } })).toBe(1);
    expect(conv.phone).toBe("(408) 555-0401");
  });

  it("'are you open on Sundays?' by text says whether parties are cooked that weekday, from the chefs' hours", async () => {
    const reply = async (phone: string, body: string) =>
      /<Message>([\s\S]*?)<\/Message>/.exec(
        await (await handleTwilioSms(sms(phone, body), smsDeps())).text(),
      )?.[1] ?? "";
    // The truth: some active chef works Sundays (weekday 0) in this business.
    expect(
      await env.t.db.chefWorkingHours.count({ where: { weekday: 0, chef: { active: true } } }),
    ).toBeGreaterThan(0);
    const open = await reply("+14085550431", "are you open on sundays?");
    expect(open).toMatch(/^Yes, we cook on Sundays: parties start at /);
    expect(open).not.toMatch(/next two weeks/);
    // No chef works Tuesdays any more: then the answer is no.
    const tuesday = await env.t.db.chefWorkingHours.findMany({ where: { weekday: 2 } });
    await env.t.db.chefWorkingHours.deleteMany({ where: { weekday: 2 } });
    await env.cache.invalidate("chefs", "calendar");
    try {
      const closed = await reply("+14085550432", "do you guys cook on tuesdays?");
      expect(closed).toMatch(/^Sorry, we don't cook on Tuesdays/);
    } finally {
      await env.t.db.chefWorkingHours.createMany({ data: tuesday.map(({ id: _id, ...h }) => h) });
      await env.cache.invalidate("chefs", "calendar");
    }
  });

  it("'Stop.', 'OPTOUT' and 'please stop texting me' stop texts; YES after STOP starts them again", async () => {
    for (const [i, body] of ["Stop.", "OPTOUT", "please stop texting me", "STOP 🙏"].entries()) {
      const phone = `+1408555041${i}`;
      const res = await handleTwilioSms(sms(phone, body), smsDeps());
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain("<Message>");
      expect(await suppressed(`(408) 555-041${i}`), body).toBe(true);
    }
    await handleTwilioSms(sms("+14085550410", "yes"), smsDeps());
    expect(await suppressed("(408) 555-0410")).toBe(false);
    // A yes from a phone that never said STOP is just a message for the assistant.
    const res = await handleTwilioSms(sms("+14085550419", "yes"), smsDeps());
    expect(await res.text()).toContain("<Message>");
  });

  it("a NUL in a text or in speech gets a normal answer, not a 5xx", async () => {
    const res = await handleTwilioSms(sms("+14085550420", "hi \u0000 there"), smsDeps());
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<Message>");
    const sid = callSid();
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", base(sid)), deps);
    const spoken = await say(sid, "/api/twilio/voice/gather?turn=1", "what time \u0000 is it");
    expect(spoken.said.length).toBeGreaterThan(0);
    const conv = await env.t.db.conversation.findUniqueOrThrow({
      where: { callSid: sid },
      include: { messages: true },
    });
    expect(conv.messages.find((m) => m.role === "USER")!.content).toBe("what time  is it");
  });

  it("the link is never texted to premium, toll-free, Caribbean or the business's own numbers", async () => {
    const { turn } = await call("+14085550430");
    await turn("book a party for 10 on Sunday at 5 PM in 95125");
    for (const n of ["1 900 976 1234", "876 555 0100", "1 800 555 0199", "408 555 0100"]) {
      const t = await turn(`text it to ${n}`);
      expect(t.said, n).toMatch(/I can't text .*US and Canadian mobile numbers only/);
      await turn("yes");
    }
    const business = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    const t = await turn(`text it to ${business.phone}`);
    expect(t.said).toMatch(/I can't text/);
    const texts = await env.t.db.smsMessage.findMany({
      where: { idempotencyKey: { contains: ":to:" }, createdAt: { gte: NOW } },
    });
    expect(texts.filter((x) => /900|876|800|555-0100/.test(x.to))).toEqual([]);
  });

  it("'two hundred people' is 200 (more than one booking holds), never a party of 2", async () => {
    const sid = callSid();
    await handleVoiceIncoming(
      fromTwilio("/api/twilio/voice", { ...base(sid), From: "+14085550431" }),
      deps,
    );
    const before = await env.t.db.booking.count();
    const t = await twiml(
      await handleVoiceGather(
        fromTwilio("/api/twilio/voice/gather?turn=1", {
          ...base(sid),
          From: "+14085550431",
          SpeechResult: "book hibachi for two hundred people on Sunday at 6 pm zip 95125",
          Confidence: "0.9",
        }),
        deps,
      ),
    );
    expect(t.said).toMatch(/200/);
    expect(t.said).not.toMatch(/for 2 guests/);
    expect(await env.t.db.booking.count()).toBe(before);
  });

  it("changing a hold over and over texts the caller at most 3 links a day; the earlier link still works", async () => {
    const { sid, turn } = await call("+14085550441");
    await turn("book hibachi for 10 people on December 28th at 6 pm, zip 95125");
    await turn("Maria Lopez");
    let last = { said: "" };
    for (const n of [11, 12, 13, 14]) last = await turn(`change it to ${n} guests`);
    const texts = await env.t.db.smsMessage.findMany({
      where: { to: "(408) 555-0441" },
      orderBy: { createdAt: "asc" },
    });
    expect(texts).toHaveLength(3);
    // The first three versions (the test's clock stands still: sorted by the party).
    expect(texts.map((x) => /party of (\d+)/.exec(x.body)![1]).sort()).toEqual(["10", "11", "12"]);
    const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
    const held = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect([held.status, held.adults + held.children]).toEqual(["HELD", 14]);
    expect(last.said).toContain(
      "use the link I texted you earlier to finish the booking. It shows these new details when you open it.",
    );
    expect(last.said).not.toMatch(/I'm texting/);
    // The first text's link opens the hold with its details now (14 guests).
    const href = /https?:\/\/\S+/.exec(texts[0]!.body)![0];
    const token = new URL(href).searchParams.get("token")!;
    const ctx = {
      db: env.t.db,
      cache: env.cache,
      now: () => NOW,
      caller: { user: null, address: null, surface: "internal" as const },
    };
    const view = await runOperation(operations.getChatHold, ctx, { id, token });
    expect(view.guests).toBe(14);
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    expect(conv.status).not.toBe("HANDOFF");
  });

  it("'plus 2 650 555 1212' or 'plus 44 7911 123456' is a number abroad, never more guests", async () => {
    const { turn } = await call("+14085550442");
    await turn("book hibachi for 10 people on December 27th at 6 pm, zip 95125");
    await turn("Tom Becker");
    const texts = await env.t.db.smsMessage.findMany({ where: { to: "(408) 555-0442" } });
    const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
    for (const said of ["my wife is on plus 2 650 555 1212", "text it to plus 44 7911 123456"]) {
      const t = await turn(said);
      expect(t.said, said).toMatch(/I can't text plus .*US and Canadian mobile numbers only/);
      const b = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
      expect(b.adults + b.children, said).toBe(10);
    }
    expect(await env.t.db.smsMessage.count({ where: { to: { contains: "7911" } } })).toBe(0);
    expect(await env.t.db.smsMessage.count({ where: { to: "(408) 555-0442" } })).toBe(1);
  });

  it("staff see the caller's own number as Phone, and the other number as 'link also texted to'", async () => {
    const { sid, turn } = await call("+14155556851");
    await turn("book hibachi for 10 people on December 26th at 6 pm, zip 95125");
    await turn("Ana Ruiz");
    const t = await turn("text it to 650 555 0144");
    expect(t.said).toMatch(/6 5 0, 5 5 5, 0 1 4 4/);
    await turn("yes");
    expect(await env.t.db.smsMessage.count({ where: { to: "(650) 555-0144" } })).toBe(1);
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    expect(conv.contactPhone).not.toBe("(650) 555-0144");
    const staffUser = await createUser(env.t.db, "STAFF");
    const view = await runOperation(
      operations.getConversationTranscript,
      {
        db: env.t.db,
        cache: env.cache,
        now: () => NOW,
        caller: {
          user: { ...staffUser, role: "STAFF" } as SessionUser,
          address: null,
          surface: "internal" as const,
        },
      },
      { id: conv.id },
    );
    expect(view.phone).toBe("(415) 555-6851");
    expect(view.linkAlsoTextedTo).toEqual(["(650) 555-0144"]);
    // The hold says it was made on the phone, with the caller's number to call back.
    const texts = await env.t.db.smsMessage.findMany({ where: { to: "(415) 555-6851" } });
    const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
    const hold = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect([hold.source, hold.contactPhone]).toEqual(["PHONE", "(415) 555-6851"]);
  });

  it("'cancel that' then yes lets the caller's hold go; a no or a policy question keeps it", async () => {
    const { sid, turn } = await call("+14085550443");
    await turn("book hibachi for 10 people on December 29th at 6 pm, zip 95125");
    await turn("Lee Park");
    const texts = await env.t.db.smsMessage.findMany({ where: { to: "(408) 555-0443" } });
    const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
    const status = async () => (await env.t.db.booking.findUniqueOrThrow({ where: { id } })).status;
    // Asking about the policy is a question, not a cancellation.
    const policy = await turn("what's your cancellation policy");
    expect(policy.said).not.toMatch(/let go of your hold/);
    const ask1 = await turn("actually cancel that, we changed our plans");
    expect(ask1.said).toMatch(/Shall I let go of your hold for .*December 29.*six p m/);
    const no = await turn("no");
    expect(no.said).toMatch(/keep it held/);
    expect(await status()).toBe("HELD");
    await turn("cancel it please");
    const yes = await turn("yes cancel it");
    expect(yes.said).toMatch(/I've let your hold go/);
    expect(await status()).toBe("EXPIRED");
    // The time is free again: the same party can hold it (another caller).
    const other = await call("+14085550444");
    const again = await other.turn(
      "book hibachi for 10 people on December 29th at 6 pm, zip 95125",
    );
    expect(again.said).toMatch(/holding/i);
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    expect(conv.outcome).toBe("completed");
    expect(await env.t.db.smsMessage.count({ where: { to: "(408) 555-0443" } })).toBe(1);
  });

  it("'can you text it to my wife at ...' is read back; a number too short or too long is asked again", async () => {
    const { turn } = await call("+14085550445");
    await turn("book hibachi for 10 people on December 30th at 6 pm, zip 95125");
    await turn("Kim Lee");
    const short = await turn("please send the link to 555 0377");
    expect(short.said).toMatch(/all ten digits, starting with the area code/);
    const long = await turn("text it to 415 555 03777");
    expect(long.said).toMatch(/too many digits/);
    expect(long.said).not.toMatch(/ZIP/);
    const wife = await turn("can you text it to my wife at 415 555 0377");
    expect(wife.said).toMatch(/that's 4 1 5, 5 5 5, 0 3 7 7\. Shall I text the link there\?/);
    await turn("yes");
    expect(await env.t.db.smsMessage.count({ where: { to: "(415) 555-0377" } })).toBe(1);
  });

  it("a hold made by text says so, with the texter's number", async () => {
    const res = await handleTwilioSms(
      sms("+14085550446", "book hibachi for 10 people on December 31st at 6 pm, zip 95125"),
      smsDeps(),
    );
    const body = await res.text();
    const id = /book\/finish\/([A-Za-z0-9_-]+)/.exec(body)![1]!;
    const hold = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect([hold.status, hold.source, hold.contactPhone]).toEqual([
      "HELD",
      "SMS",
      "(408) 555-0446",
    ]);
    // Another number by text: only this one is texted; the link can be forwarded.
    const other = await handleTwilioSms(
      sms("+14085550446", "please text the link to my wife at 650 555 0177"),
      smsDeps(),
    );
    expect(await other.text()).toContain("Forward them my text with the link");
    expect(await env.t.db.smsMessage.count({ where: { to: "(650) 555-0177" } })).toBe(0);
    // A hand-off by text says a person replies by text, not "in this chat".
    const person = await handleTwilioSms(sms("+14085550446", "can I talk to a person"), smsDeps());
    const said = await person.text();
    expect(said).not.toMatch(/in this chat|this page/);
  });

  it("a transfer result that isn't Twilio's is refused in words and writes nothing; staff read our own words", async () => {
    const phone = "+14085550440";
    const transferred = async () => {
      const sid = callSid();
      const b = { ...base(sid), From: phone };
      await handleVoiceIncoming(fromTwilio("/api/twilio/voice", b), deps);
      const r = await twiml(
        await handleVoiceGather(
          fromTwilio("/api/twilio/voice/gather?turn=1", {
            ...b,
            SpeechResult: "can I speak to a real person",
            Confidence: "0.9",
          }),
          deps,
        ),
      );
      expect(r.body).toMatch(/<Dial[^>]*action="\/api\/twilio\/voice\/dial\?turn=2"/);
      return { sid, b };
    };
    const dial = (b: Record<string, string>, status?: string) =>
      handleVoiceDial(
        fromTwilio("/api/twilio/voice/dial?turn=2", {
          ...b,
          ...(status === undefined ? {} : { DialCallStatus: status }),
        }),
        deps,
      );
    const { sid, b } = await transferred();
    const before = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    for (const junk of ["<b>pwned</b>", "no answer", "NO-ANSWER", "", undefined]) {
      const res = await dial(b, junk);
      expect(res.status, String(junk)).toBe(400);
      const text = await res.text();
      expect(text).toMatch(/DialCallStatus must be one of Twilio's values/);
      expect(text).not.toContain("pwned");
    }
    // Nothing written: not flagged, the outcome still "transferred", no message asked for.
    expect(await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } })).toEqual(
      before,
    );
    expect(before.flagReason).not.toMatch(/nobody answered/);
    expect(before.outcome).toBe("transferred");
    // A junk status for a call we never saw makes no conversation either.
    const unknown = callSid();
    expect((await dial({ ...base(unknown), From: phone }, "<b>pwned</b>")).status).toBe(400);
    expect(await env.t.db.conversation.count({ where: { callSid: unknown } })).toBe(0);

    // Twilio's own values: the reason staff read is ours, one per status.
    const reasons: Record<string, string> = {
      busy: "phone: put through to the team, but nobody answered (the line was busy)",
      "no-answer": "phone: put through to the team, but nobody answered (no answer)",
      failed: "phone: put through to the team, but nobody answered (the call didn't go through)",
      canceled:
        "phone: put through to the team, but nobody answered (the call was cut off before anyone answered)",
    };
    for (const [status, reason] of Object.entries(reasons)) {
      const call = await transferred();
      const missed = await twiml(await dial(call.b, status));
      expect(missed.said).toMatch(/nobody could pick up/);
      const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: call.sid } });
      expect(conv.flagReason).toBe(reason);
      expect(conv.status).toBe("HANDOFF");
      expect(conv.outcome).toBe("missed");
    }
    const answered = await transferred();
    expect(await (await dial(answered.b, "answered")).text()).toContain("<Hangup/>");
    expect(
      (await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: answered.sid } }))
        .flagReason,
    ).not.toMatch(/nobody answered/);
  });

  it("the turn in a webhook's URL is plain digits, given once: '1e2', '01' and 'turn=1&turn=2' are refused in words", async () => {
    const sid = callSid();
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", base(sid)), deps);
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    const speech = {
      ...base(sid),
      SpeechResult: "how much is the classic package",
      Confidence: "0.9",
    };
    for (const q of [
      "turn=1e2",
      "turn=01",
      "turn=1&turn=2",
      "turn=0x10",
      "turn=1.0",
      "turn=+1",
      "turn=%201",
      "turn=0",
      "turn=501",
      "turn=2&silence=01",
      "turn=2&silence=1&silence=1",
    ]) {
      const res = await handleVoiceGather(
        fromTwilio(`/api/twilio/voice/gather?${q}`, speech),
        deps,
      );
      expect(res.status, q).toBe(400);
      expect(await res.text(), q).toMatch(
        /^turn must be a whole number from 1 to 500, in plain digits and given once/,
      );
      const dial = await handleVoiceDial(
        fromTwilio(`/api/twilio/voice/dial?${q}`, { ...base(sid), DialCallStatus: "busy" }),
        deps,
      );
      expect(dial.status, q).toBe(400);
      const message = await handleVoiceMessage(
        fromTwilio(`/api/twilio/voice/message?${q}`, speech),
        deps,
      );
      expect(message.status, q).toBe(400);
    }
    // Nothing was stored or flagged for any of them.
    expect(await env.t.db.chatMessage.count({ where: { conversationId: conv.id } })).toBe(0);
    expect(await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } })).toEqual(
      conv,
    );
    // What was accepted still is: the last turn, and a turn with its silent tries.
    const last = await say(
      sid,
      "/api/twilio/voice/gather?turn=500",
      "how much is the classic package",
    );
    expect(last.action).toBe("/api/twilio/voice/gather?turn=501");
    const quiet = await say(sid, "/api/twilio/voice/gather?turn=7&silence=1", "");
    expect(quiet.action).toBe("/api/twilio/voice/gather?turn=7&silence=2");
  });

  it("a speech turn after the call ended makes or changes no hold and texts nothing: it just hangs up", async () => {
    const status = (sid: string, phone: string, CallStatus: string) =>
      handleVoiceStatus(
        fromTwilio("/api/twilio/voice/status", {
          ...base(sid),
          From: phone,
          CallStatus,
          CallDuration: "40",
        }),
        deps,
      );
    const turn = async (sid: string, phone: string, action: string, speech: string) =>
      handleVoiceGather(
        fromTwilio(action, { ...base(sid), From: phone, SpeechResult: speech, Confidence: "0.9" }),
        deps,
      );
    const hangsUpOnly = async (res: Response) => {
      const t = await twiml(res);
      expect(t.body).toContain("<Hangup/>");
      expect(t.body).not.toMatch(/<Gather|<Dial|<Say|<Play/);
    };

    // A hold made, then the call ends: a late "change it" leaves the hold and sends nothing.
    const phone = "+14085550460";
    const sid = callSid();
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", { ...base(sid), From: phone }), deps);
    const t1 = await twiml(
      await turn(
        sid,
        phone,
        "/api/twilio/voice/gather?turn=1",
        "book a party for 10 on December 12 at 6 PM in 95125",
      ),
    );
    expect(t1.said).toMatch(/I'm holding/);
    const texts = () => env.t.db.smsMessage.findMany({ where: { to: "(408) 555-0460" } });
    const [text] = await texts();
    const id = /hold-link:([^:]+):/.exec(text!.idempotencyKey)![1]!;
    const held = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect((await status(sid, phone, "completed")).status).toBe(204);
    const queuedBefore = queued.length;
    const bookingsBefore = await env.t.db.booking.count();
    await hangsUpOnly(await turn(sid, phone, t1.action!, "actually make it 12 guests at 7 PM"));
    await hangsUpOnly(await turn(sid, phone, t1.action!, ""));
    expect(await env.t.db.booking.findUniqueOrThrow({ where: { id } })).toEqual(held);
    expect(await texts()).toHaveLength(1);
    expect(queued.length).toBe(queuedBefore);
    expect(await env.t.db.booking.count()).toBe(bookingsBefore);
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    expect(conv.outcome).toBe("booked");
    expect(conv.durationSeconds).toBe(40);

    // Ended before any hold, however it ended: the caller's late "5 PM, hold it" holds nothing.
    for (const [i, ended] of ["completed", "busy", "failed", "no-answer", "canceled"].entries()) {
      const caller = `+1408555047${i}`;
      const late = callSid();
      await handleVoiceIncoming(
        fromTwilio("/api/twilio/voice", { ...base(late), From: caller }),
        deps,
      );
      const asked = await twiml(
        await turn(
          late,
          caller,
          "/api/twilio/voice/gather?turn=1",
          "book a party for 10 on Sunday in 95125",
        ),
      );
      expect(asked.said).not.toMatch(/I'm holding/);
      expect((await status(late, caller, ended)).status).toBe(204);
      await hangsUpOnly(await turn(late, caller, asked.action!, "5 PM, hold it"));
      expect(await env.t.db.booking.count(), ended).toBe(bookingsBefore);
      expect(await env.t.db.smsMessage.count({ where: { to: `(408) 555-047${i}` } }), ended).toBe(
        0,
      );
    }
    expect(queued.length).toBe(queuedBefore);
  });

  it("a call's end that arrives before its first webhook is kept: outcome and duration, and the late start hangs up", async () => {
    const phone = "+14085550480";
    const sid = callSid();
    const ended = { ...base(sid), From: phone, CallStatus: "completed", CallDuration: "3" };
    for (let i = 0; i < 2; i++)
      expect(
        (await handleVoiceStatus(fromTwilio("/api/twilio/voice/status", ended), deps)).status,
      ).toBe(204);
    const early = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    expect(early).toMatchObject({
      channel: "VOICE",
      phone: "(408) 555-0480",
      durationSeconds: 3,
      outcome: "dropped",
    });
    expect(early.endedAt).not.toBeNull();
    // The start comes late: the same call, still over (nothing to greet), its end kept.
    const start = await twiml(
      await handleVoiceIncoming(
        fromTwilio("/api/twilio/voice", { ...base(sid), From: phone }),
        deps,
      ),
    );
    expect(start.body).toContain("<Hangup/>");
    expect(start.body).not.toMatch(/<Gather/);
    const after = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    expect(after).toEqual(early);
    expect(await env.t.db.conversation.count({ where: { callSid: sid } })).toBe(1);
    // Its cost line once, however often Twilio said so.
    expect(
      await env.t.db.aiCall.count({ where: { conversationId: early.id, model: "voice-minute" } }),
    ).toBe(1);
  });

  it("'yes' or 'hold it' on a hold that doesn't change it promises no new text: the link texted earlier still works", async () => {
    const phone = "+14085550490";
    const sid = callSid();
    const b = { ...base(sid), From: phone };
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", b), deps);
    let action = "/api/twilio/voice/gather?turn=1";
    const turn = async (speech: string) => {
      const t = await twiml(
        await handleVoiceGather(
          fromTwilio(action, { ...b, SpeechResult: speech, Confidence: "0.9" }),
          deps,
        ),
      );
      action = t.action!;
      return t;
    };
    const texts = () =>
      env.t.db.smsMessage.findMany({
        where: { to: "(408) 555-0490" },
        orderBy: { createdAt: "asc" },
      });
    const held = await turn("book a party for 10 on December 13 at 6 PM in 95125");
    expect(held.said).toMatch(
      /I'm texting you the link to finish and pay, to 4 0 8, 5 5 5, 0 4 9 0/,
    );
    const [first] = await texts();
    const id = /hold-link:([^:]+):/.exec(first!.idempotencyKey)![1]!;
    const before = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    const queuedBefore = queued.length;
    for (const speech of ["yes", "hold it", "Dana Lee", "yes", "hold it"]) {
      const from = action;
      const t = await turn(speech);
      // No new text, so none is promised; the one sent earlier is what the caller is told about.
      expect(t.said, speech).not.toMatch(/texting you|I'm texting|I'll text/i);
      if (speech !== "Dana Lee") {
        expect(t.said, speech).toMatch(
          /the link I texted you earlier.* It went to 4 0 8, 5 5 5, 0 4 9 0, and it still works\./,
        );
        // Twilio retries the turn: the same words.
        expect(
          (
            await twiml(
              await handleVoiceGather(
                fromTwilio(from, { ...b, SpeechResult: speech, Confidence: "0.9" }),
                deps,
              ),
            )
          ).said,
        ).toBe(t.said);
      }
    }
    expect((await texts()).map((t) => t.idempotencyKey)).toEqual([first!.idempotencyKey]);
    expect(queued.slice(queuedBefore).every((k) => k === first!.idempotencyKey)).toBe(true);
    // The same hold, the same details (its expiry may run later: "kept for another 15 minutes").
    const after = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({
      status: "HELD",
      startsAt: before.startsAt,
      adults: before.adults,
      totalCents: before.totalCents,
    });
    // The link texted earlier still opens the hold.
    const token = new URL(/https?:\/\/\S+/.exec(first!.body)![0]).searchParams.get("token")!;
    const view = await runOperation(
      operations.getChatHold,
      {
        db: env.t.db,
        cache: env.cache,
        now: () => NOW,
        caller: { user: null, address: null, surface: "internal" },
      },
      { id, token },
    );
    expect(view.contactName).toBe("Dana Lee");
    // A change that does change it is texted, and said so.
    const changed = await turn("actually make it 12 guests");
    expect(changed.said).toMatch(/I'm texting you the new details and the link/);
    expect(await texts()).toHaveLength(2);
  });

  it("two turns of one call at once are taken one after the other: the later turn's change is kept", async () => {
    const phone = "+14085550447";
    const sid = callSid();
    const b = { ...base(sid), From: phone };
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", b), deps);
    const gather = (turn: number, speech: string) =>
      handleVoiceGather(
        fromTwilio(`/api/twilio/voice/gather?turn=${turn}`, {
          ...b,
          SpeechResult: speech,
          Confidence: "0.9",
        }),
        deps,
      ).then(twiml);
    await gather(1, "book hibachi for 10 people on December 22nd at 6 pm, zip 95125");
    const texts = await env.t.db.smsMessage.findMany({ where: { to: "(408) 555-0447" } });
    const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
    const [two, three] = await Promise.all([
      gather(2, "change it to 16 guests"),
      gather(3, "change it to 18 guests"),
    ]);
    const held = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect(held.adults + held.children).toBe(18);
    expect(three.said).toMatch(/for 18 guests/);
    // Turn 2 either ran first (and was true then) or, arriving after turn 3, changed nothing.
    if (!/for 16 guests/.test(two.said)) expect(two.said).toMatch(/say that again/);
    // Turn 2 again after turn 3 (a late retry) changes nothing.
    await gather(2, "change it to 12 guests");
    const after = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect(after.adults + after.children).toBe(18);
  });

  it("a number that had its day's texts: the caller hears the hold will lapse and when a person calls back", async () => {
    const late = { ...deps, now: () => new Date("2026-11-25T07:30:00Z") }; // 23:30 in LA
    for (const i of [1, 2, 3])
      await env.t.db.smsMessage.create({
        data: {
          idempotencyKey: `hold-link:earlier-${i}-${randomBytes(4).toString("hex")}:v1`,
          to: "(408) 555-0448",
          body: "earlier hold link",
          createdAt: new Date("2026-11-25T06:00:00Z"),
        },
      });
    const sid = callSid();
    const b = { ...base(sid), From: "+14085550448" };
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", b), late);
    const t = await twiml(
      await handleVoiceGather(
        fromTwilio("/api/twilio/voice/gather?turn=1", {
          ...b,
          SpeechResult: "book hibachi for 10 people on December 23rd at 6 pm, zip 95125",
          Confidence: "0.9",
        }),
        late,
      ),
    );
    expect(t.said).toMatch(/another text today, so this hold will lapse in a few minutes/);
    expect(t.said).toMatch(/call you back tomorrow at nine a m/);
    expect(t.said).not.toMatch(/I'm texting you/);
    expect(await env.t.db.smsMessage.count({ where: { to: "(408) 555-0448" } })).toBe(3);
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    expect(conv.status).toBe("HANDOFF");
  });

  it.each([
    ["Six o'clock.", "+14085550451", "January 4th", "Monday, January 4", "2027-01-05"],
    ["Can I get 6 p.m.?", "+14085550452", "January 5th", "Tuesday, January 5", "2027-01-06"],
    ["How about 6?", "+14085550453", "January 6th", "Wednesday, January 6", "2027-01-07"],
    ["The 6 o'clock one.", "+14085550454", "January 7th", "Thursday, January 7", "2027-01-08"],
  ])("after the free times, %s holds 6 PM", async (pick, phone, asked, day, utcDay) => {
    const { turn } = await call(phone);
    const list = await turn(`What's free on ${asked} for 10 people in 95125?`);
    expect(list.said).toMatch(/Pick a time/);
    const t = await turn(pick);
    expect(t.said).toContain(`holding ${day} at six p m for 10 guests`);
    const texts = await env.t.db.smsMessage.findMany({
      where: { to: { contains: phone.slice(-4) } },
    });
    const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect(b.startsAt.toISOString()).toBe(`${utcDay}T02:00:00.000Z`);
    expect(b.status).toBe("HELD");
  });

  /** A start time as a caller hears it: "noon", "five p m", "seven thirty p m". */
  const saidTime = (minute: number) => {
    if (minute === 720) return "noon";
    const words = ["twelve", "one", "two", "three", "four", "five", "six", "seven", "eight"];
    const mins = { 0: "", 15: " fifteen", 30: " thirty", 45: " forty five" }[minute % 60];
    return `${words[Math.floor(minute / 60) % 12]}${mins} ${minute >= 720 ? "p m" : "a m"}`;
  };
  it.each([
    ["the first one please", "+14085550461", "January 13th", "2027-01-13", 0],
    ["Let's go with the second one.", "+14085550462", "January 14th", "2027-01-14", 1],
    ["I'll take the third one", "+14085550463", "January 15th", "2027-01-15", 2],
    ["the last one", "+14085550464", "January 18th", "2027-01-18", -1],
    // Attack 5 M2, L1: a place taken back or corrected, by number, from the end.
    ["not the first one, the second one", "+14085550481", "January 25th", "2027-01-25", 1],
    ["the last one, no wait, the first one", "+14085550482", "January 26th", "2027-01-26", 0],
    ["the second to last one", "+14085550483", "January 27th", "2027-01-27", -2],
    ["the 4th one", "+14085550484", "January 28th", "2027-01-28", 3],
    ["number two please", "+14085550485", "February 1st", "2027-02-01", 1],
  ])(
    "after the free times, '%s' holds the time in that place of the list",
    async (pick, phone, asked, date, place) => {
      // The truth: the calendar's free times that day for 10 in 95125, in order.
      const free = (
        await getAvailability(
          env.t.db,
          { from: date, to: date, guests: 10, postalCode: "95125" },
          { cache: env.cache, now: NOW },
        )
      ).slots;
      expect(free.length).toBeGreaterThan(4);
      const { turn } = await call(phone);
      const list = await turn(`What's free on ${asked} for 10 people in 95125?`);
      // Said in the calendar's order: the first three, then the last.
      const spoken = [free[0]!, free[1]!, free[2]!, free.at(-1)!].map((s) =>
        saidTime(s.startMinute),
      );
      expect(list.said).toContain(
        `${spoken[0]}, ${spoken[1]}, ${spoken[2]} and others up to ${spoken[3]}`,
      );
      await turn(pick);
      const texts = await env.t.db.smsMessage.findMany({
        where: { to: { contains: phone.slice(-4) } },
      });
      const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
      const b = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
      expect(b.startsAt).toEqual(free.at(place)!.startsAt);
      expect(b.status).toBe("HELD");
    },
  );

  it("diets said during a hold are kept on it: vegetarian guests get a vegetarian protein, the allergy is noted", async () => {
    const { turn } = await call("+14085550466");
    await turn("book hibachi for 10 people on January 19th at 6 pm, zip 95125");
    const texts = await env.t.db.smsMessage.findMany({ where: { to: "(408) 555-0466" } });
    const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
    const allergy = await turn("one of our guests has a severe shellfish allergy");
    expect(allergy.said).toMatch(/noted/i);
    expect(allergy.said).not.toMatch(/tell us when you book/);
    const veg = await turn("and two are vegetarian");
    expect(veg.said).not.toMatch(/tell us when you book/);
    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect(b.status).toBe("HELD");
    expect(b.startsAt.toISOString()).toBe("2027-01-20T02:00:00.000Z");
    // The truth: the menu's vegetarian proteins (its dietary tags), 2 portions per guest (the
    // package's), for the 2 vegetarians; every portion still there; nothing with shellfish.
    const items = await env.t.db.menuItem.findMany({
      where: { kind: { in: ["PROTEIN", "UPGRADE"] } },
    });
    const veggie = items.filter((i) => i.dietaryTags.includes("vegetarian")).map((i) => i.slug);
    const shellfish = items.filter((i) => i.allergens.includes("shellfish")).map((i) => i.slug);
    const proteins = (b.selection as { proteins: Record<string, number> }).proteins;
    const count = (slugs: string[]) => slugs.reduce((n, s) => n + (proteins[s] ?? 0), 0);
    expect(count(veggie)).toBe(4);
    expect(count(shellfish)).toBe(0);
    expect(Object.values(proteins).reduce((a, n) => a + n, 0)).toBe(20);
    const profile = b.dietaryProfile as {
      avoid: { value: string }[];
      diets: { value: string; guests: number }[];
    };
    expect(profile.avoid.map((a) => a.value)).toContain("shellfish");
    expect(profile.diets).toContainEqual(
      expect.objectContaining({ value: "vegetarian", guests: 2 }),
    );
  });

  it("a list of free times served from the cache is offered to its asker too: 'the second one' holds it (attack 5 H4)", async () => {
    // Caller A's answer is cached (60 s); caller B asks the same and gets it from the cache: B's
    // pick by place must read the list B heard.
    const date = "2027-01-21";
    const free = (
      await getAvailability(
        env.t.db,
        { from: date, to: date, guests: 10, postalCode: "95125" },
        { cache: env.cache, now: NOW },
      )
    ).slots;
    const a = await call("+14085550471");
    await a.turn("What's free on January 21st for 10 people in 95125?");
    const confused = await a.turn("the fifth one");
    const b = await call("+14085550472");
    await b.turn("What's free on January 21st for 10 people in 95125?");
    await b.turn("the second one");
    const texts = await env.t.db.smsMessage.findMany({ where: { to: "(408) 555-0472" } });
    expect(texts, confused.said).toHaveLength(1);
    const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
    const held = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect(held.startsAt).toEqual(free[1]!.startsAt);
  });

  it("a name spelled out letter by letter corrects the name on the hold", async () => {
    const { turn } = await call("+14085550467");
    await turn("book hibachi for 10 people on January 20th at 6 pm, zip 95125");
    const texts = await env.t.db.smsMessage.findMany({ where: { to: "(408) 555-0467" } });
    const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
    await turn("Shivon Kelly");
    expect((await env.t.db.booking.findUniqueOrThrow({ where: { id } })).contactName).toBe(
      "Shivon Kelly",
    );
    const t = await turn("no it's spelled S I O B H A N");
    expect(t.said).toContain("under Siobhan Kelly");
    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect([b.contactName, b.status]).toEqual(["Siobhan Kelly", "HELD"]);
  });

  it("after a hold, 'no' is just no (no transfer offer); 'can you not hold it?' asks to let it go", async () => {
    const { turn } = await call("+14085550455");
    await turn("book hibachi for 10 people on January 8th at 6 pm, zip 95125");
    const texts = await env.t.db.smsMessage.findMany({ where: { to: "(408) 555-0455" } });
    const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
    const before = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    for (const no of ["no", "never mind, forget it"]) {
      const t = await turn(no);
      expect(t.said, no).toMatch(/^All right\. The text has everything/);
      expect(t.said, no).not.toMatch(/put you through/);
    }
    const ask = await turn(
      "hmm, actually I need to check with my wife first, can you not hold it?",
    );
    expect(ask.said).toMatch(/Shall I let go of your hold/);
    const kept = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect(kept.holdExpiresAt).toEqual(before.holdExpiresAt);
    await turn("yes");
    expect((await env.t.db.booking.findUniqueOrThrow({ where: { id } })).status).toBe("EXPIRED");
  });

  it("'I also need to book another party' keeps the first hold as it is", async () => {
    const { turn } = await call("+14085550456");
    await turn("book hibachi for 10 people on January 11th at 6 pm, zip 95125");
    const texts = await env.t.db.smsMessage.findMany({ where: { to: "(408) 555-0456" } });
    const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
    const before = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    const t = await turn(
      "I also need to book another party for my office on January 12th at noon for 20 people",
    );
    expect(t.said).toMatch(
      /one party per call, and your hold for 10 guests on .*January 11.* stays/,
    );
    const after = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect([after.status, after.startsAt, after.adults]).toEqual([
      "HELD",
      before.startsAt,
      before.adults,
    ]);
    // By text too.
    const first = await handleTwilioSms(
      sms("+14085550457", "book hibachi for 10 people on January 13th at 6 pm, zip 95125"),
      smsDeps(),
    );
    const held = /book\/finish\/([A-Za-z0-9_-]+)/.exec(await first.text())![1]!;
    const second = await handleTwilioSms(
      sms("+14085550457", "and a second party on January 14th at 6 pm for 12"),
      smsDeps(),
    );
    expect(await second.text()).toContain("one party per conversation");
    const still = await env.t.db.booking.findUniqueOrThrow({ where: { id: held } });
    expect([still.status, still.adults]).toEqual(["HELD", 10]);
  });

  it("'let's do the premium package for 15 people on ... at 6 p.m.' holds that time", async () => {
    const { turn } = await call("+14085550458");
    const t = await turn(
      "Let's do the premium package for 15 people on Friday, January 15th at 6 p.m., zip 95125.",
    );
    expect(t.said).toMatch(/holding Friday, January 15 at six p m for 15 guests, Premium/);
    const texts = await env.t.db.smsMessage.findMany({ where: { to: "(408) 555-0458" } });
    const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect([b.startsAt.toISOString(), b.adults]).toEqual(["2027-01-16T02:00:00.000Z", 15]);
  });
});

describe("the phone after the fourth attack", () => {
  /** TwiML's and TwiML-message text as written (the SDK escapes XML's characters). */
  const unxml = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  async function staffRead(conversationId: string) {
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
    // What the admin page /conversations/<id> renders (each message's content).
    return runOperation(operations.getConversationTranscript, ctx, { id: conversationId });
  }

  it("staff read a call as the caller heard it (the link texted, to which number), never the chat's 'link below'", async () => {
    const sid = callSid();
    const b = { ...base(sid), From: "+14085550470" };
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", b), deps);
    const speech = "book hibachi for 12 people on February 9th at 5 pm, zip 95125";
    const turn = async (action: string, said: string) =>
      twiml(
        await handleVoiceGather(
          fromTwilio(action, { ...b, SpeechResult: said, Confidence: "0.9" }),
          deps,
        ),
      );
    const t1 = await turn("/api/twilio/voice/gather?turn=1", speech);
    expect(t1.said).toContain(
      "I'm texting you the link to finish and pay, to 4 0 8, 5 5 5, 0 4 7 0",
    );
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    expect(conv.outcome).toBe("booked");
    const read = async () =>
      (await staffRead(conv.id)).messages.filter((m) => m.role === "ASSISTANT");
    const replies = await read();
    expect(replies.map((m) => m.content)).toEqual([unxml(t1.said)]);
    expect(replies[0]!.content).toContain("texting you the link");
    expect(replies[0]!.content).toMatch(/Total about \d+ dollars/);
    expect(replies[0]!.content).not.toMatch(/link below|\$\d/);
    // The assistant's own (chat) wording is kept beside it, not shown.
    const row = await env.t.db.chatMessage.findUniqueOrThrow({ where: { id: replies[0]!.id } });
    expect((row.extras as { written?: string }).written).toMatch(/link below/);
    expect((row.extras as { links?: unknown[] }).links).toHaveLength(1);

    // Twilio retries the turn: the same words, nothing stored twice, the transcript unchanged.
    const messages = await env.t.db.chatMessage.count({ where: { conversationId: conv.id } });
    const texts = await env.t.db.smsMessage.count();
    expect(await turn("/api/twilio/voice/gather?turn=1", speech)).toEqual(t1);
    expect(await env.t.db.chatMessage.count({ where: { conversationId: conv.id } })).toBe(messages);
    expect(await env.t.db.smsMessage.count()).toBe(texts);
    expect(await read()).toEqual(replies);

    // The next turns too: what was said, each.
    const t2 = await turn(t1.action!, "Jordan Smith");
    expect(t2.said).toMatch(/I have the booking under Jordan Smith/);
    const t3 = await turn(t2.action!, "do you have vegetarian options?");
    const after = await read();
    expect(after.map((m) => m.content)).toEqual([t1.said, t2.said, t3.said].map(unxml));
    expect(after.map((m) => m.content).join(" ")).not.toMatch(/link below|\$\d/);
  });

  it("a call put through to a person reads as what the caller heard", async () => {
    const sid = callSid();
    const b = { ...base(sid), From: "+14085550471" };
    await handleVoiceIncoming(fromTwilio("/api/twilio/voice", b), deps);
    const r = await twiml(
      await handleVoiceGather(
        fromTwilio("/api/twilio/voice/gather?turn=1", {
          ...b,
          SpeechResult: "can I speak to a real person",
          Confidence: "0.9",
        }),
        deps,
      ),
    );
    expect(r.body).toContain("<Dial");
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    const t = await staffRead(conv.id);
    expect(t.messages.filter((m) => m.role === "ASSISTANT").map((m) => m.content)).toEqual([
      "Of course. Let me put you through to our team.",
    ]);
    expect(r.said).toBe("Of course. Let me put you through to our team.");
  });

  it("staff read a text thread as it was sent: the link written out, once however often Twilio retries", async () => {
    const sid = `SM${randomBytes(16).toString("hex")}`;
    const text = () =>
      handleTwilioSms(
        fromTwilio("/api/twilio/sms", {
          AccountSid: fake.accountSid,
          MessageSid: sid,
          From: "+14085550472",
          To: BUSINESS,
          Body: "book hibachi for 10 people on February 10th at 6 pm, zip 95125",
        }),
        smsDeps(),
      );
    const body = async (res: Response) =>
      unxml(/<Message>([\s\S]*)<\/Message>/.exec(await res.text())![1]!);
    const sent = await body(await text());
    expect(sent).toContain(`${PUBLIC}/book/finish/`);
    const conv = await env.t.db.conversation.findFirstOrThrow({
      where: { channel: "SMS", phone: "(408) 555-0472" },
    });
    const read = async () =>
      (await staffRead(conv.id)).messages.filter((m) => m.role === "ASSISTANT");
    const replies = await read();
    expect(replies.map((m) => m.content)).toEqual([sent]);
    expect(await body(await text())).toBe(sent);
    expect(await read()).toEqual(replies);
  });
});

describe("the phone after the fifth attack: counts of diets and dishes are not the party", () => {
  const sms = (from: string, body: string) =>
    fromTwilio("/api/twilio/sms", {
      AccountSid: fake.accountSid,
      MessageSid: `SM${randomBytes(16).toString("hex")}`,
      From: from,
      To: BUSINESS,
      Body: body,
    });
  /** The hold this caller was texted the link of. */
  async function heldId(phone: string) {
    const texts = await env.t.db.smsMessage.findMany({ where: { to: phone } });
    return /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
  }
  /** The held row's party and proteins, with the menu's slugs by what the DB says of them. */
  async function held(id: string) {
    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    const items = await env.t.db.menuItem.findMany({
      where: { kind: { in: ["PROTEIN", "UPGRADE"] } },
    });
    const proteins = (b.selection as { proteins: Record<string, number> }).proteins;
    const count = (pick: (i: (typeof items)[number]) => boolean) =>
      items.filter(pick).reduce((n, i) => n + (proteins[i.slug] ?? 0), 0);
    return {
      b,
      proteins,
      portions: Object.values(proteins).reduce((a, n) => a + n, 0),
      veggie: count((i) => i.dietaryTags.includes("vegetarian")),
      count,
      diets: (b.dietaryProfile as { diets?: { value: string; guests: number | null }[] } | null)
        ?.diets,
    };
  }

  it("H1: 'two of us are vegetarian' during a hold for 10 keeps 10 guests and gives the two a vegetarian protein", async () => {
    const { turn } = await call("+14085550501");
    await turn("book hibachi for 10 people on February 15th at 6 pm, zip 95125");
    const id = await heldId("(408) 555-0501");
    await turn("Jordan Lee");
    await turn("two of us are vegetarian");
    const h = await held(id);
    expect([h.b.status, h.b.adults, h.b.children]).toEqual(["HELD", 10, 0]);
    expect(h.veggie).toBe(4);
    expect(h.portions).toBe(20);
    expect(h.diets).toContainEqual(expect.objectContaining({ value: "vegetarian", guests: 2 }));
  });

  it("H1: 'two guests are vegetarian', 'three of us are vegan' and 'eleven of us are vegetarian' never change the party", async () => {
    const { turn } = await call("+14085550502");
    await turn("book hibachi for 10 people on February 16th at 6 pm, zip 95125");
    const id = await heldId("(408) 555-0502");
    await turn("two guests are vegetarian");
    expect((await held(id)).b.adults).toBe(10);
    await turn("three of us are vegan");
    expect((await held(id)).b.adults).toBe(10);
    await turn("eleven of us are vegetarian");
    const h = await held(id);
    expect([h.b.status, h.b.adults, h.b.children]).toEqual(["HELD", 10, 0]);
    expect(h.portions).toBe(20);
  });

  it("H1 by text: 'two of us are vegetarian' keeps the 10 guests held and adds 4 vegetarian portions", async () => {
    const phone = "+14085550503";
    const first = await handleTwilioSms(
      sms(phone, "Book for １０ people on February 17th at ６ pm, zip ９５１２５"),
      smsDeps(),
    );
    const id = /book\/finish\/([A-Za-z0-9_-]+)/.exec(await first.text())![1]!;
    const reply = await (
      await handleTwilioSms(sms(phone, "two of us are vegetarian"), smsDeps())
    ).text();
    expect(reply).not.toMatch(/for 2 guests/);
    const h = await held(id);
    expect([h.b.status, h.b.adults, h.b.children]).toEqual(["HELD", 10, 0]);
    expect(h.veggie).toBe(4);
    expect(h.portions).toBe(20);
    expect(h.diets).toContainEqual(expect.objectContaining({ value: "vegetarian", guests: 2 }));
  });

  it("H2: 'add filet mignon for five people' and 'add 5 filet mignons' keep the party at 10 and upgrade 5 portions", async () => {
    const filet = (await env.t.db.menuItem.findMany({ where: { active: true } })).find((i) =>
      /filet/i.test(i.name),
    )!;
    for (const [phone, day, said] of [
      ["+14085550504", "18th", "add filet mignon for five people"],
      ["+14085550505", "19th", "add 5 filet mignons"],
    ] as const) {
      const { turn } = await call(phone);
      await turn(`book hibachi for 10 adults on February ${day} at 3 pm, zip 95125`);
      const id = await heldId(`(408) 555-${phone.slice(-4)}`);
      await turn("Kim Park");
      const before = await held(id);
      await turn(said);
      const h = await held(id);
      expect([h.b.status, h.b.adults, h.b.children], said).toEqual(["HELD", 10, 0]);
      expect(h.proteins[filet.slug], said).toBe(5);
      expect(h.portions, said).toBe(20);
      // The quote engine prices the upgrade: the total went up.
      expect(h.b.totalCents, said).toBeGreaterThan(before.b.totalCents);
    }
  });

  it("H2: 'upgrade 4 people to lobster' and 'add lobster tail for 3 guests' are lobster portions, not the party", async () => {
    const lobster = (await env.t.db.menuItem.findMany({ where: { active: true } })).find((i) =>
      /lobster/i.test(i.name),
    )!;
    for (const [phone, day, said, n] of [
      ["+14085550506", "22nd", "upgrade 4 people to lobster", 4],
      ["+14085550507", "23rd", "add lobster tail for 3 guests", 3],
    ] as const) {
      const { turn } = await call(phone);
      await turn(`book hibachi for 10 adults on February ${day} at 3 pm, zip 95125`);
      const id = await heldId(`(408) 555-${phone.slice(-4)}`);
      await turn("Kim Park");
      await turn(said);
      const h = await held(id);
      expect([h.b.status, h.b.adults, h.b.children], said).toEqual(["HELD", 10, 0]);
      expect(h.proteins[lobster.slug], said).toBe(n);
    }
  });

  it("M4: 'the kids are vegetarian' for 8 adults and 2 kids gives the 2 children tofu, the adults keep steak and chicken", async () => {
    const { turn } = await call("+14085550508");
    await turn("book hibachi for 8 adults and 2 kids on February 24th at 6 pm, zip 95125");
    const id = await heldId("(408) 555-0508");
    await turn("Sam Fox");
    await turn("the kids are vegetarian");
    const h = await held(id);
    expect([h.b.status, h.b.adults, h.b.children]).toEqual(["HELD", 8, 2]);
    expect(h.veggie).toBe(4);
    expect(h.portions).toBe(20);
    expect(h.count((i) => !i.dietaryTags.includes("vegetarian"))).toBe(16);
    expect(h.diets).toContainEqual(expect.objectContaining({ value: "vegetarian", guests: 2 }));
  });
});

describe("the phone after the fifth attack: dishes, numbers abroad", () => {
  /** Every text stored for a number, however its digits are written. */
  const digits = (p: string) => p.replace(/\D/g, "").replace(/^1(?=\d{10}$)/, "");
  const textsTo = async (e164: string) =>
    (await env.t.db.smsMessage.findMany()).filter((m) => digits(m.to) === digits(e164));

  it("asking for lobster for everyone is no shellfish allergy: the hold has the lobster and no 'avoid shellfish' (M1)", async () => {
    const { turn } = await call("+14085550591");
    await turn("book hibachi for 10 people on February 15th at 6 pm, zip 95125");
    const texts = await env.t.db.smsMessage.findMany({ where: { to: "(408) 555-0591" } });
    const id = /hold-link:([^:]+):/.exec(texts[0]!.idempotencyKey)![1]!;
    await turn("Tom Baker");
    await turn("can we add lobster for everyone");
    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect(b.status).toBe("HELD");
    const lobster = await env.t.db.menuItem.findMany({
      where: { name: { contains: "lobster", mode: "insensitive" } },
    });
    expect(lobster.length).toBeGreaterThan(0);
    const proteins = (b.selection as { proteins: Record<string, number> }).proteins;
    expect(lobster.reduce((n, i) => n + (proteins[i.slug] ?? 0), 0)).toBe(10);
    const profile = (b.dietaryProfile ?? { avoid: [] }) as { avoid: { value: string }[] };
    expect(profile.avoid.map((a) => a.value)).not.toContain("shellfish");
    // A real allergy said next is still kept.
    await turn("one guest is allergic to shellfish");
    const after = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    const kept = after.dietaryProfile as { avoid: { value: string; guests: number | null }[] };
    expect(kept.avoid).toContainEqual({ value: "shellfish", guests: 1 });
  });

  it("a caller from abroad gets no text: told so, with how to finish; a US number they say gets the link (M6)", async () => {
    const from = "+88216550447";
    const { sid, turn } = await call(from);
    const held = await turn("book hibachi for 10 people on February 16th at 6 pm, zip 95125");
    expect(held.said).toContain(
      "I can only text US and Canadian mobile numbers, so I can't text the link to the number you're calling from.",
    );
    expect(held.said).toMatch(
      /say a US or Canadian mobile number .* or book on our website, hibachi dot example dot com\./,
    );
    expect(held.said).not.toMatch(/I'm texting/);
    expect(held.said).not.toMatch(/8 8 2/);
    expect(await textsTo(from)).toHaveLength(0);
    expect(queued.some((k) => k.includes("88216550447"))).toBe(false);
    // "Text me the link" doesn't text abroad either.
    const again = await turn("can you text me the link");
    expect(again.said).toContain("I can only text US and Canadian mobile numbers");
    expect(await textsTo(from)).toHaveLength(0);
    // A US mobile number said is read back, and texted after a yes.
    const other = await turn("send it to 415 555 0348");
    expect(other.said).toMatch(/that's 4 1 5, 5 5 5, 0 3 4 8\. Shall I text the link there\?/);
    const yes = await turn("yes");
    expect(yes.said).toContain("I've texted the link to 4 1 5, 5 5 5, 0 3 4 8");
    const sent = await textsTo("+14155550348");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toContain(`${PUBLIC}/book/finish/`);
    expect(await textsTo(from)).toHaveLength(0);
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { callSid: sid } });
    expect(conv.outcome).toBe("booked");
  });

  it("'not noon, 3 pm please' moves the hold to 3 PM, never keeps noon (M3)", async () => {
    const { turn } = await call("+14085550593");
    await turn("book hibachi for 10 people on February 3rd at noon, zip 95125");
    const sent = await textsTo("+14085550593");
    const id = /hold-link:([^:]+):/.exec(sent[0]!.idempotencyKey)![1]!;
    expect((await env.t.db.booking.findUniqueOrThrow({ where: { id } })).startsAt).toEqual(
      new Date("2027-02-03T20:00:00Z"),
    );
    await turn("not noon, 3 pm please");
    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect([b.status, b.startsAt]).toEqual(["HELD", new Date("2027-02-03T23:00:00Z")]);
  });

  it("a US caller still gets the hold link texted (M6)", async () => {
    const { turn } = await call("+14085550592");
    const held = await turn("book hibachi for 10 people on February 17th at 6 pm, zip 95125");
    expect(held.said).toContain(
      "I'm texting you the link to finish and pay, to 4 0 8, 5 5 5, 0 5 9 2.",
    );
    const sent = await textsTo("+14085550592");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.idempotencyKey).toMatch(/^hold-link:/);
  });

  it("a text from abroad gets no text back (a reply is billed abroad); its STOP is still kept (M6)", async () => {
    const from = "+442071838750";
    const sms = (body: string) =>
      handleTwilioSms(
        fromTwilio("/api/twilio/sms", {
          AccountSid: fake.accountSid,
          MessageSid: `SM${randomBytes(16).toString("hex")}`,
          From: from,
          To: BUSINESS,
          Body: body,
        }),
        smsDeps(),
      );
    for (const body of ["book hibachi for 10 people on February 18th at 6 pm, zip 95125", "HELP"]) {
      const res = await sms(body);
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain("<Message>");
    }
    expect(await textsTo(from)).toHaveLength(0);
    expect(
      await env.t.db.conversation.count({ where: { channel: "SMS", phone: "+44 20 7183 8750" } }),
    ).toBe(0);
    expect((await sms("STOP")).status).toBe(200);
    const consent = await env.t.db.contactConsent.findUniqueOrThrow({
      where: { channel_address: { channel: "SMS", address: "+44 20 7183 8750" } },
    });
    expect(consent.status).toBe("REVOKED");
  });
});
