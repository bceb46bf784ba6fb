// A phone and SMS test harness over the real handlers: a test database and Redis (setupEnv), a fake
// Twilio on 127.0.0.1, the assistant on a fixed clock, and webhooks sent exactly as Twilio sends
// them (form-encoded, signed over the PUBLIC url it was given, reaching the app at INTERNAL).
// `phoneHarness` registers its beforeAll/afterAll in the calling test file; its fields are set
// once beforeAll has run.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect } from "vitest";
import { createAssistant, type Assistant } from "@myhibachi/ai";
import {
  handleTwilioSms,
  handleVoiceGather,
  handleVoiceIncoming,
  smsConversationReply,
  type TwilioVoiceDeps,
} from "@myhibachi/api";
import type { Booking } from "@myhibachi/db";
import { withoutBookingLimits } from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";
import { readTwiml, startFakeTwilio, twilioWebhook, type FakeTwilio } from "./twilio-support";

export const PUBLIC = "https://hibachi.example.com";
export const INTERNAL = "http://10.0.0.7:3000";
export const BUSINESS = "+14085550100";

export interface PhoneHarness {
  env: Env;
  fake: FakeTwilio;
  assistant: Assistant;
  deps: TwilioVoiceDeps;
  /** A webhook as Twilio sends it. */
  fromTwilio(path: string, params: Record<string, string>): Request;
  /** A fresh caller's number (limits per number never mix the cases). */
  nextPhone(): string;
  /** A call from a new number: the greeting, then each turn said; what was said back. */
  call(turns: string[], phone?: string): Promise<string[]>;
  /** One text from `phone`, the reply texted back. */
  text(phone: string, body: string): Promise<string>;
  /** Every HELD booking now. */
  heldRows(): Promise<Booking[]>;
  /** The HELD bookings of the caller or texter `phone` (its contact phone ends like it). */
  holdsOf(phone: string): Promise<Booking[]>;
  /** The HELD bookings that were not held before (by id). */
  heldSince(before: Booking[]): Promise<Booking[]>;
}

export function phoneHarness(opts: {
  now: Date;
  chefs: number;
  /** Run on the new environment before the assistant starts (settings for the file's cases). */
  prepare?: (env: Env) => Promise<void>;
}): PhoneHarness {
  let phones = 0;
  const h = {
    fromTwilio: (path: string, params: Record<string, string>) =>
      twilioWebhook(
        { token: h.fake.authToken, publicBase: PUBLIC, internalBase: INTERNAL },
        path,
        params,
      ),
    nextPhone: () => `+1408555${String(2000 + ++phones).padStart(4, "0")}`,
    async call(turns: string[], phone = h.nextPhone()) {
      const sid = `CA${randomBytes(16).toString("hex")}`;
      const base = {
        AccountSid: h.fake.accountSid,
        CallSid: sid,
        From: phone,
        To: BUSINESS,
        Direction: "inbound",
      };
      let { action } = await readTwiml(
        await handleVoiceIncoming(h.fromTwilio("/api/twilio/voice", base), h.deps),
      );
      const said: string[] = [];
      for (const speech of turns) {
        const t = await readTwiml(
          await handleVoiceGather(
            h.fromTwilio(action!, { ...base, SpeechResult: speech, Confidence: "0.9" }),
            h.deps,
          ),
        );
        said.push(t.said);
        action = t.action;
      }
      return said;
    },
    async text(phone: string, body: string) {
      const res = await handleTwilioSms(
        h.fromTwilio("/api/twilio/sms", {
          AccountSid: h.fake.accountSid,
          MessageSid: `SM${randomBytes(16).toString("hex")}`,
          From: phone,
          To: BUSINESS,
          Body: body,
        }),
        {
          db: h.env.t.db,
          authToken: h.fake.authToken,
          publicUrl: PUBLIC,
          otherReply: smsConversationReply({
            db: h.env.t.db,
            siteUrl: PUBLIC,
            assistant: () => h.assistant,
            now: () => opts.now,
            cache: h.env.cache,
          }),
        },
      );
      expect(res.status).toBe(200);
      return /<Message>([\s\S]*)<\/Message>/.exec(await res.text())?.[1] ?? "";
    },
    heldRows: () => h.env.t.db.booking.findMany({ where: { status: "HELD" } }),
    async holdsOf(phone: string) {
      return (await h.heldRows()).filter((b) =>
        b.contactPhone?.replace(/\D/g, "").endsWith(phone.slice(-4)),
      );
    },
    async heldSince(before: Booking[]) {
      const ids = new Set(before.map((b) => b.id));
      return (await h.heldRows()).filter((b) => !ids.has(b.id));
    },
  } as PhoneHarness;

  beforeAll(async () => {
    h.env = await setupEnv({ chefs: opts.chefs });
    await withoutBookingLimits(h.env);
    await opts.prepare?.(h.env);
    h.fake = await startFakeTwilio();
    h.assistant = createAssistant({
      db: h.env.t.db,
      redis: h.env.redis,
      cache: h.env.cache,
      cachePrefix: h.env.prefix,
      now: () => opts.now,
    });
    h.deps = {
      db: h.env.t.db,
      cache: h.env.cache,
      authToken: h.fake.authToken,
      publicUrl: PUBLIC,
      siteUrl: PUBLIC,
      assistant: () => h.assistant,
      sendSms: async () => {},
      now: () => opts.now,
    };
  });
  afterAll(async () => {
    await h.fake?.close();
    await h.env?.close();
  });
  return h;
}

/** The proteins of a booking's menu, by slug. */
export const proteinsOf = (b: Booking): Record<string, number> =>
  (b.selection as { proteins?: Record<string, number> }).proteins ?? {};
