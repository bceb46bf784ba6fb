// Phone calls with the assistant through Twilio Voice (issue 17), and the assistant on the SMS
// thread. Customer-app routes (apps/customer/src/app/api/twilio/...):
//
//   POST /api/twilio/voice              a call comes in: the greeting inside <Gather input=speech>
//   POST /api/twilio/voice/gather?turn=n what the caller said (SpeechResult) in turn n: stored once
//                                        per (call, n), answered by the same assistant and frame as
//                                        the chat (channel VOICE), spoken back for the ear
//   POST /api/twilio/voice/message?turn=n a message left for staff outside phone hours (or when
//                                        nobody answered the transfer); a withheld caller is
//                                        asked for a number to call back
//   POST /api/twilio/voice/dial?turn=n   how the transfer to the business phone ended
//   POST /api/twilio/voice/status       the call's status callback: duration, outcome, cost line
//                                        (kept when it comes before the call's first webhook;
//                                        once the call ended, a late webhook only hangs up)
//
// Every request's X-Twilio-Signature is checked against the public URL Twilio called (the site's
// configured public URL + the path and query) before anything is read or stored (403 otherwise).
// All state is in Postgres (core/phone/conversations.ts): a retried webhook, or one reaching
// another app instance, replays the stored reply of its turn instead of taking a second turn, and
// two identical webhooks at once make one message, one reply and one hold (the hold is keyed by
// the turn's message).
//
// A hold made on the phone: its finish-and-pay link is texted to the caller (exact prices in the
// text; speech rounds them), once per hold, through the SMS outbox and the worker. Asking for a
// person (or frustration) puts the call through to the business phone (<Dial>) during phone hours
// (BusinessSettings.phoneHours, a window per weekday), else the caller leaves a message flagged
// for staff.
import { createHmac, timingSafeEqual } from "node:crypto";
import twilio from "twilio";
import type { Assistant, ReplyView, SpeechSynth } from "@myhibachi/ai";
import {
  detectLanguage,
  forTheEar,
  forTheText,
  saysNo,
  saysYes,
  spellDigits,
  speechHints,
  telephonyLedgerData,
} from "@myhibachi/ai";
import {
  AppError,
  endCall,
  holdIdOfLink,
  internationalInSpeech,
  nameFromSpeech,
  nameFromText,
  nameTheHold,
  normalizePhone,
  openCall,
  openSmsThread,
  phoneFromSpeech,
  personOnIt,
  phoneInSpeech,
  phoneIsOpen,
  flagHoldLinkNotTexted,
  HOLD_CALL_BACK,
  holdLinkTextedBefore,
  releaseCallHold,
  isDialCallStatus,
  missedTransfer,
  phoneOpensNext,
  phoneToE164,
  setCallOutcome,
  smsStopped,
  storeCustomerTurn,
  storeHoldLinkText,
  takeCallMessage,
  textableNumber,
  type QueryCache,
} from "@myhibachi/core";
import type { Db } from "@myhibachi/db";
import { formatInstant } from "@myhibachi/shared";
import { businessOf, plain, verifiedTwilioForm, type InboundSms } from "./twilio-sms";
import { menuNames } from "./web-voice";

export const TWILIO_VOICE_PATH = "/api/twilio/voice";

export interface TwilioVoiceDeps {
  db: Db;
  cache: QueryCache;
  /** TWILIO_AUTH_TOKEN; unset: the endpoints answer 503. */
  authToken: string | undefined;
  /** The public URL Twilio is given (CUSTOMER_URL, or TWILIO_WEBHOOK_BASE_URL behind a proxy). */
  publicUrl: string;
  /** The site's URL for links sent by text (CUSTOMER_URL). */
  siteUrl: string;
  assistant: () => Assistant;
  /** Hands a stored text to the worker (sms.send); on failure the email sweep delivers it. */
  sendSms: (idempotencyKey: string) => Promise<void>;
  /** OpenAI text-to-speech when configured: replies are played as audio, else Twilio's <Say>. */
  tts?: SpeechSynth | null;
  now?: () => Date;
}

/** How many silent turns in a row end the call. */
const MAX_SILENCE = 2;
const LANGUAGE = "en-US";

const xml = (r: { toString(): string }): Response =>
  new Response(r.toString(), {
    status: 200,
    headers: { "content-type": "text/xml; charset=utf-8", "cache-control": "no-store" },
  });

const isCallSid = (s: string | undefined): s is string => !!s && /^CA[0-9a-fA-F]{32}$/.test(s);

/**
 * A whole number in plain digits ("12", not "1e1", "012", "+12" or "12.0"), given at most once,
 * from `min` to `max`; `fallback` when absent. Null otherwise.
 */
function plainWhole(q: URLSearchParams, name: string, fallback: number, min: number, max: number) {
  const all = q.getAll(name);
  if (all.length === 0) return fallback;
  if (all.length > 1 || !/^(?:0|[1-9]\d{0,5})$/.test(all[0]!)) return null;
  const n = Number(all[0]);
  return n >= min && n <= max ? n : null;
}

/** The turn (and silent tries) in the URL we gave Twilio: plain digits, each at most once. */
function turnOf(req: Request): { turn: number; silence: number } | null {
  const q = new URL(req.url).searchParams;
  const turn = plainWhole(q, "turn", 1, 1, 500);
  const silence = plainWhole(q, "silence", 0, 0, MAX_SILENCE);
  return turn === null || silence === null ? null : { turn, silence };
}

const BAD_TURN =
  "turn must be a whole number from 1 to 500, in plain digits and given once (and silence 0 to 2).";

async function hintsFor(deps: TwilioVoiceDeps): Promise<string> {
  return speechHints(await menuNames(deps.db, deps.cache));
}

type Speaker = {
  say(attrs: { language: "en-US" | "es-US" }, text: string): unknown;
  play(url: string): unknown;
};

const audioSignature = (secret: string, text: string) =>
  createHmac("sha256", secret).update(`voice-audio\n${text}`).digest("base64url");

/**
 * `text` spoken: with TTS, <Play> of our own audio URL (the text in it, signed with the auth
 * token so nobody else can spend our speech budget), else Twilio's <Say>.
 */
function speak(deps: TwilioVoiceDeps, node: Speaker, text: string): void {
  if (!deps.tts || !deps.authToken) {
    node.say({ language: spokenIn(text) }, text);
    return;
  }
  const q = new URLSearchParams({ text, sig: audioSignature(deps.authToken, text) });
  node.play(`${deps.publicUrl.replace(/\/+$/, "")}${TWILIO_VOICE_PATH}/audio?${q.toString()}`);
}

/**
 * GET /api/twilio/voice/audio?text=...&sig=...: the audio Twilio plays (<Play>), synthesised by
 * OpenAI TTS; its cost is a line of the ledger. A text we didn't sign is a 403.
 */
export async function handleVoiceAudio(req: Request, deps: TwilioVoiceDeps): Promise<Response> {
  if (req.method !== "GET" && req.method !== "HEAD")
    return plain(405, "Twilio fetches the audio here (GET only).");
  if (!deps.tts || !deps.authToken)
    // Not an outage: there is no audio to fetch on a site that speaks with Twilio's own voice.
    return plain(
      404,
      "No audio here: speech is not set up on this site (VOICE_TTS_MODEL with an OpenAI key).",
    );
  const u = new URL(req.url);
  const text = u.searchParams.get("text") ?? "";
  const sig = Buffer.from(u.searchParams.get("sig") ?? "");
  const want = Buffer.from(audioSignature(deps.authToken, text));
  if (!text || text.length > 2000 || sig.length !== want.length || !timingSafeEqual(sig, want))
    return plain(403, "This audio link was not made by this site.");
  try {
    const audio = await deps.tts.synthesize(text);
    await deps.db.aiCall.createMany({
      data: [
        telephonyLedgerData({
          kind: "tts",
          conversationId: null,
          quantity: text.length,
          preview: text,
          fingerprint: "phone:tts",
          at: deps.now?.() ?? new Date(),
        }),
      ],
    });
    return new Response(audio, {
      status: 200,
      headers: { "content-type": "audio/mpeg", "cache-control": "private, max-age=3600" },
    });
  } catch (err) {
    console.error("[twilio-voice] speech synthesis failed", err);
    return plain(503, "Speech synthesis failed; try again.");
  }
}

/** The voice for `text`: Spanish replies in a Spanish voice, the rest in English. */
function spokenIn(text: string): "en-US" | "es-US" {
  return detectLanguage(text) === "es" ? "es-US" : LANGUAGE;
}

/**
 * Says `text` while listening for the caller's next words (they may speak over it), in the
 * language asked in: a caller answers a Spanish question in Spanish.
 */
function ask(deps: TwilioVoiceDeps, text: string, turn: number, silence: number, hints: string) {
  const r = new twilio.twiml.VoiceResponse();
  const g = r.gather({
    input: ["speech"],
    action: `${TWILIO_VOICE_PATH}/gather?turn=${turn}${silence ? `&silence=${silence}` : ""}`,
    method: "POST",
    speechTimeout: "auto",
    actionOnEmptyResult: true,
    language: spokenIn(text),
    hints,
  });
  speak(deps, g, text);
  return r;
}

/** TwiML that only hangs up (the call is over). */
function hungUp() {
  const r = new twilio.twiml.VoiceResponse();
  r.hangup();
  return r;
}

const greetingOf = (name: string) =>
  `Thanks for calling ${name}. I can check dates and book your hibachi party. How can I help?`;

async function guarded(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError) return plain(400, err.message);
    console.error("[twilio-voice]", err);
    return plain(503, "Something went wrong on our side; Twilio may retry.");
  }
}

/**
 * A Voice webhook's form, signed by Twilio, with its call's id; or the refusal to send back
 * (verifiedTwilioForm's, or a 400 when the CallSid is missing).
 */
async function verifiedCall(
  req: Request,
  deps: TwilioVoiceDeps,
  what: string,
): Promise<
  { refuse: Response } | { refuse?: undefined; params: Record<string, string>; callSid: string }
> {
  const form = await verifiedTwilioForm(req, deps, what);
  if (form.refuse) return { refuse: form.refuse };
  const { params } = form;
  if (!isCallSid(params.CallSid))
    return { refuse: plain(400, "CallSid (Twilio's call id, CA...) is missing.") };
  return { params, callSid: params.CallSid };
}

/** The caller's number in our one form, when Twilio sent a real one. */
const callerPhone = (params: Record<string, string>) =>
  params.From && phoneToE164(params.From) ? normalizePhone(params.From) : null;

/** POST /api/twilio/voice: a call comes in. */
export async function handleVoiceIncoming(req: Request, deps: TwilioVoiceDeps): Promise<Response> {
  const call = await verifiedCall(req, deps, "calls");
  if (call.refuse) return call.refuse;
  const { params, callSid } = call;
  return guarded(async () => {
    const now = deps.now?.() ?? new Date();
    const from = callerPhone(params);
    const { conversation } = await openCall(deps.db, { callSid, phone: from, now });
    // Twilio's status callback got here first and said the call is over: nothing to greet.
    if (conversation.endedAt) return xml(hungUp());
    const business = await businessOf(deps.db);
    return xml(ask(deps, greetingOf(business.name), 1, 0, await hintsFor(deps)));
  });
}

/**
 * The reply's words as the customer got them (what the caller heard, the text sent) become the
 * stored message's content: the staff transcript shows what was said to the customer. The
 * assistant's own wording (the chat's: "$601.59", "the link below") is kept beside it as
 * `extras.written`, which marks the reply as delivered: a retried webhook replays the content
 * as stored (`delivered`) instead of deriving it again. Set once.
 */
async function keepDelivered(
  db: Db,
  reply: Pick<ReplyView, "id" | "content" | "extras">,
  words: string,
): Promise<void> {
  if (delivered(reply) !== null) return;
  // In one statement, beside the extras stored with the reply (contactAsk, links, ...).
  await db.$executeRaw`
    UPDATE "ChatMessage"
       SET "content" = ${words},
           "extras" = CASE WHEN jsonb_typeof("extras") = 'object' THEN "extras" ELSE '{}'::jsonb END
                      || jsonb_build_object('written', "content")
     WHERE "id" = ${reply.id} AND ("extras"->>'written') IS NULL`;
}

/** The words a reply was delivered in (keepDelivered), or null when not yet recorded. */
function delivered(reply: Pick<ReplyView, "content" | "extras">): string | null {
  return typeof (reply.extras as { written?: unknown }).written === "string" ? reply.content : null;
}

/** The reply to a stored turn: the stored one (a retry), else the assistant's (once). */
async function replyTo(
  deps: Pick<TwilioVoiceDeps, "db" | "assistant">,
  messageId: string,
): Promise<ReplyView> {
  const stored = await deps.db.chatMessage.findUnique({ where: { replyToId: messageId } });
  if (stored)
    return {
      id: stored.id,
      content: stored.content,
      status: stored.status === "ERROR" ? "ERROR" : "DONE",
      cacheStatus: stored.cacheStatus,
      tier: stored.tier,
      extras: (stored.extras ?? {}) as ReplyView["extras"],
    };
  try {
    return await deps.assistant().respond(messageId);
  } catch (err) {
    console.error("[twilio-voice] the assistant failed", err);
    return deps.assistant().fail(messageId, err instanceof Error ? err.message : String(err));
  }
}

const absolute = (siteUrl: string, href: string) =>
  /^https?:\/\//.test(href) ? href : `${siteUrl.replace(/\/+$/, "")}${href}`;

/** What the caller hears when their number said STOP. */
const TEXTS_STOPPED = (phone: string) =>
  `Texts to ${spellDigits(phone)} are turned off, because that number replied STOP to us. To get the link, text START to this number, then say "text me the link". Or say another mobile number.`;

/** What a caller from a number we don't text (abroad: usTextNumber) hears instead of a text. */
const NOT_TEXTED_ABROAD = (site: string | null) =>
  `I can only text US and Canadian mobile numbers, so I can't text the link to the number you're calling from. To finish the booking, say a US or Canadian mobile number and I'll text the link there, or book on our website${site ? `, ${site}` : ""}.`;

/** The site's name said aloud ("myhibachi dot com"), from its public URL. */
function siteForTheEar(siteUrl: string): string | null {
  let host: string;
  try {
    host = new URL(siteUrl).hostname;
  } catch {
    return null;
  }
  return host
    .replace(/^www\./, "")
    .split(".")
    .join(" dot ");
}

/** A line of the ledger: one text sent for the call. */
const textLedger = (conversationId: string, messageId: string, preview: string, at: Date) =>
  telephonyLedgerData({
    kind: "sms-out",
    conversationId,
    messageId,
    quantity: 1,
    preview,
    fingerprint: "phone:sms-out:hold-link",
    at,
  });

async function handOver(deps: TwilioVoiceDeps, key: string) {
  try {
    await deps.sendSms(key);
  } catch (err) {
    console.error("[twilio-voice] could not enqueue the hold link; the sweep sends it", err);
  }
}

/**
 * What is said about the hold's link after a reply. `earlier`: no new text went out for this
 * reply (its details were texted before): what to say instead, when the reply's own words already
 * point the caller to "the link I texted you earlier".
 */
interface LinkSaid {
  said: string;
  earlier?: string;
  /** What the reply's "the link I'm texting you" becomes (default: "...texted you earlier"). */
  instead?: string;
}

/**
 * The hold link of a reply, texted to `phone` once per hold and version of its details (a change
 * of time, date, guests or price texts the new details); what to say about it. Null when the
 * reply made no hold. A reply that texts nothing new (a "yes" or "hold it" that changed nothing)
 * promises no text: the link texted earlier still works.
 */
async function textHoldLink(
  deps: TwilioVoiceDeps,
  conversationId: string,
  reply: Pick<ReplyView, "id" | "extras"> & { content?: string },
  phone: string | null,
  /** The caller asked for the link again ("text me the link"): said from what was stored now. */
  again = false,
): Promise<LinkSaid | null> {
  // A Spanish reply: what the call adds about the text is said in Spanish too.
  const es = !!reply.content && detectLanguage(reply.content) === "es";
  const link = reply.extras.links?.find((l) => holdIdOfLink(l.href));
  if (!link) return null;
  await setCallOutcome(deps.db, conversationId, "booked");
  if (!phone)
    return {
      said: "I can't text this number, so please call back from a mobile phone to get the link.",
    };
  const bookingId = holdIdOfLink(link.href)!;
  const now = deps.now?.() ?? new Date();
  const href = absolute(deps.siteUrl, link.href);
  const stored = await storeHoldLinkText(deps.db, { bookingId, href, to: phone, now });
  if (!stored) return null;
  if (stored.kind === "not-us") {
    // Caller ID abroad (or spoofed so): a text there is billed as international (SMS pumping).
    // Nothing is texted; the caller can name a US mobile number (read back: otherNumber) or
    // book on the site.
    // Flagged for staff too: a person calls back to finish it if the caller doesn't.
    await flagHoldLinkNotTexted(deps.db, conversationId, now, "not-us");
    const abroad = NOT_TEXTED_ABROAD(siteForTheEar(deps.siteUrl));
    return { said: abroad, earlier: abroad, instead: "the link" };
  }
  if (stored.kind === "stopped") return { said: TEXTS_STOPPED(phone) };
  if (stored.kind === "too-many") {
    // The number had its day's texts: none is sent for this change.
    if (await holdLinkTextedBefore(deps.db, bookingId, phone, ""))
      return {
        said: "The link I texted you earlier still works, and it shows these new details when you open it.",
        earlier: "It shows these new details when you open it.",
      };
    await flagHoldLinkNotTexted(deps.db, conversationId, now);
    const biz = await deps.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    const opens = phoneIsOpen(biz, now) ? null : phoneOpensNext(biz, now);
    const call = `I can't send ${spellDigits(phone)} another text today, so this hold will lapse in a few minutes. A person from our team will call you back ${opens ? forTheEar(opens) : "shortly"} to book it with you.`;
    return { said: call, earlier: call, instead: "the link our team will give you" };
  }
  if (stored.kind !== "stored") return null;
  if (stored.created)
    await deps.db.aiCall.createMany({
      data: [textLedger(conversationId, reply.id, "hold link texted to the caller", now)],
    });
  await handOver(deps, stored.key);
  const askName = (await holdNeedsName(deps, bookingId))
    ? es
      ? " ¿Y me dice su nombre para la reserva?"
      : " And may I have your name for the booking?"
    : "";
  const to = spellDigits(phone);
  if (again && !stored.created)
    return {
      said: `I've texted the link to ${to} already: it can take a minute to arrive.${askName}`,
    };
  // Said the same way however often Twilio retries the turn (or sends it twice at once): from the
  // replies before this one, and from the stored text, which carries the link of the reply that
  // sent it (each reply's link has its own token; the earlier ones keep working).
  if (
    !again &&
    (!(stored.created || (await textCarries(deps, stored.key, href))) ||
      (await linkGivenBefore(deps, conversationId, reply.id, link.href)))
  )
    return {
      said: `The link I texted to ${to} earlier still works.${askName}`,
      earlier: `It went to ${to}, and it still works.${askName}`,
    };
  const before = await holdLinkTextedBefore(deps.db, bookingId, phone, stored.key);
  if (es)
    return {
      said: before
        ? `Le envío por mensaje los nuevos datos y el enlace para terminar y pagar, al ${to}.${askName}`
        : `Le envío por mensaje el enlace para terminar y pagar, al ${to}. Si lo quiere en otro número, dígamelo.${askName}`,
    };
  return {
    said: before
      ? `I'm texting you the new details and the link to finish and pay, to ${to}.${askName}`
      : `I'm texting you the link to finish and pay, to ${to}. If you'd like it on another number, just say it.${askName}`,
  };
}

/** Whether the stored text `key` carries this very link (the reply that gave it sent the text). */
async function textCarries(deps: Pick<TwilioVoiceDeps, "db">, key: string, href: string) {
  const sms = await deps.db.smsMessage.findUnique({
    where: { idempotencyKey: key },
    select: { body: true },
  });
  return !!sms && sms.body.includes(href);
}

/** The reply's words on the phone promise a text ("the link I'm texting you", forTheEar). */
const TEXTING_YOU = /\bthe link I'm texting you\b/gi;

/** Whether a reply before `replyId` in the call gave this very link (same hold, same details). */
async function linkGivenBefore(
  deps: Pick<TwilioVoiceDeps, "db">,
  conversationId: string,
  replyId: string,
  href: string,
): Promise<boolean> {
  const reply = await deps.db.chatMessage.findUnique({
    where: { id: replyId },
    select: { createdAt: true },
  });
  if (!reply) return false;
  const earlier = await deps.db.chatMessage.findMany({
    where: { conversationId, role: "ASSISTANT", createdAt: { lt: reply.createdAt } },
    select: { extras: true },
  });
  return earlier.some((m) =>
    (((m.extras ?? {}) as ReplyView["extras"]).links ?? []).some((l) => l.href === href),
  );
}

/** The intent stored on a reply that asks the caller to confirm a number read back. */
const CONFIRM_NUMBER = "phone:confirm-number";

/**
 * After a hold, the caller says another number for the link: it is read back digit by digit and
 * the link texted there only after a yes (confirmedNumber), one other number per hold, never to a
 * number that said STOP. The reply is stored for the turn, so a retried webhook replays it.
 */
async function otherNumber(
  deps: TwilioVoiceDeps,
  conversationId: string,
  messageId: string,
  phone: string,
  caller: string | null,
  /** The number the caller dialled (Twilio's To): ours, never a place for the link. */
  calledNumber: string | null,
): Promise<string | null> {
  const stored = await deps.db.chatMessage.findUnique({ where: { replyToId: messageId } });
  if (stored) return stored.content;
  const link = await callHoldLink(deps, conversationId);
  if (!link) return null;
  const bookingId = holdIdOfLink(link.href)!;
  const reply = async (content: string, confirm?: string) =>
    storeReply(deps, conversationId, messageId, content, confirm);
  if (caller && phone === caller)
    return reply(
      `That's the number you're calling from: the link goes there. Anything else I can help with?`,
    );
  const business = await deps.db.businessSettings.findUnique({
    where: { id: 1 },
    select: { phone: true },
  });
  if (!textableNumber(phone, [business?.phone, calledNumber]))
    return reply(
      `I can't text ${spellDigits(phone)}: the link goes to US and Canadian mobile numbers only. Anything else I can help with?`,
    );
  const sent = await deps.db.smsMessage.findFirst({
    where: { idempotencyKey: { startsWith: `hold-link:${bookingId}:to:` } },
    select: { to: true },
  });
  if (sent && sent.to !== phone)
    return reply(
      `I've already texted the link to ${spellDigits(sent.to)}, and I can send it to one other number only. Anything else I can help with?`,
    );
  if (sent) return reply(`I've texted the link to ${spellDigits(phone)} already.`);
  return reply(
    `Just to check, that's ${spellDigits(phone)}. Shall I text the link there? Please say yes or no.`,
    phone,
  );
}

/** "Yes", "yes that's right", "correct, text it there": a yes to a number read back. */
const confirmsNumber = (said: string) =>
  saysYes(said) ||
  (/^\s*(?:yes|yeah|yep|yup|correct|right|sure|ok(?:ay)?|that'?s (?:right|correct|it|the one))\b/i.test(
    said,
  ) &&
    !/\b(?:no|not|wrong|isn'?t|don'?t)\b/i.test(said) &&
    said.trim().length <= 60);

/**
 * The caller's yes (or no) to the number read back the turn before: on a yes the link is texted
 * there. Null when the reply before asked nothing of the kind, or the words are neither.
 */
async function confirmedNumber(
  deps: TwilioVoiceDeps,
  conversationId: string,
  message: { id: string; createdAt: Date },
  said: string,
): Promise<string | null> {
  const stored = await deps.db.chatMessage.findUnique({ where: { replyToId: message.id } });
  if (stored) return stored.intent === "phone" ? stored.content : null;
  const asked = await deps.db.chatMessage.findFirst({
    where: { conversationId, role: "ASSISTANT", createdAt: { lt: message.createdAt } },
    orderBy: { createdAt: "desc" },
  });
  const phone =
    asked?.intent === CONFIRM_NUMBER
      ? (((asked.extras ?? {}) as { confirmPhone?: string }).confirmPhone ?? null)
      : null;
  if (!phone) return null;
  // "No, it's 415 555 0124": another number, read back in its turn (otherNumber).
  const corrected = phoneFromSpeech(said);
  if (corrected && corrected !== phone) return null;
  if (!corrected && saysNo(said))
    return storeReply(
      deps,
      conversationId,
      message.id,
      "All right, I won't text it there. Anything else I can help with?",
    );
  if (!corrected && !confirmsNumber(said)) return null;
  const link = await callHoldLink(deps, conversationId);
  if (!link) return null;
  const now = deps.now?.() ?? new Date();
  const text = await storeHoldLinkText(deps.db, {
    bookingId: holdIdOfLink(link.href)!,
    href: absolute(deps.siteUrl, link.href),
    to: phone,
    now,
    another: true,
  });
  if (!text) return null;
  const answer =
    text.kind === "stopped"
      ? `${spellDigits(phone)} replied STOP to our texts, so I can't text it. Anything else I can help with?`
      : text.kind === "not-us"
        ? `I can't text ${spellDigits(phone)}: the link goes to US and Canadian mobile numbers only. Anything else I can help with?`
        : text.kind === "another-taken"
          ? `I've already texted the link to ${spellDigits(text.to)}, and I can send it to one other number only. Anything else I can help with?`
          : text.kind === "too-many"
            ? `That number has had several booking links from us today, so I won't text it another. The link is in the text to the number you're calling from. Anything else I can help with?`
            : `Done: I've texted the link to ${spellDigits(phone)} too. Anything else I can help with?`;
  const content = await storeReply(deps, conversationId, message.id, answer);
  if (text.kind !== "stored") return content;
  // The caller's own number stays the conversation's phone: staff call the caller back there,
  // and see this one as "hold link also texted to".
  if (text.created)
    await deps.db.aiCall.createMany({
      data: [textLedger(conversationId, message.id, "hold link texted to another number", now)],
    });
  await handOver(deps, text.key);
  return content;
}

/** "I also need to book another party", "a second party on the 14th": not a change of this one. */
const ANOTHER_PARTY =
  /\b(?:another|a second|second|a separate|separate|a different|one more|2nd)\s+(?:party|event|booking|dinner|celebration|hibachi)\b/i;

/**
 * A second party asked for while this call (or text thread) holds one: the hold stays as it is
 * (one party per conversation), and the caller hears how to book the other. Null when the hold is
 * gone or finished (the assistant answers). Stored per turn: a retry replays it.
 */
async function secondPartyReply(
  deps: TwilioVoiceDeps | Pick<TwilioVoiceDeps, "db">,
  conversationId: string,
  messageId: string,
  where: "call" | "text",
): Promise<string | null> {
  const stored = await deps.db.chatMessage.findUnique({ where: { replyToId: messageId } });
  if (stored) return stored.content;
  const hold = await conversationHold(deps, conversationId);
  if (!hold || hold.status !== "HELD") return null;
  const when = formatInstant(hold.startsAt, hold.timeZone, "shortDayTime");
  const first = `I can hold one party per ${where === "call" ? "call" : "conversation"}, and your hold for ${hold.adults + hold.children} guests on ${when} stays as it is.`;
  const next =
    where === "call"
      ? " Once you've finished it with the link, call again for the second party, or say operator to book it with a person. Anything else I can help with?"
      : " Once you've finished it with the link, text me again for the second party. Anything else I can help with?";
  return storeReply(
    deps,
    conversationId,
    messageId,
    where === "call" ? forTheEar(first + next) : first + next,
  );
}

/** "No", "no thanks", "never mind", "that's all": nothing more, said after a hold (the whole words). */
const NOTHING_ELSE =
  /^\s*(?:(?:no|nope|nah|not really)[\s.!,]*)?(?:(?:never ?mind|forget it|that'?s (?:all|it|fine|ok(?:ay)?)|nothing else|all good|i'?m good|we'?re good|thanks?|thank you)[\s.!,]*)*$/i;

/** "Can you text it to my wife at ...", "her number is ...": a number given for the link. */
const GIVES_NUMBER =
  /\b(?:text|send|sms|forward)\b.{0,40}\b(?:to|at)\b|\b(?:number|cell|mobile|phone) is\b|\b(?:her|his|their|my (?:wife|husband|partner|son|daughter|mom|dad|friend)'?s?) (?:number|cell|mobile|phone)\b/i;

/** "Text me the link", "can you send the link again": the hold's link to the caller's number. */
const WANTS_LINK =
  /\b(?:text|send|resend|re-send)\b.{0,30}\b(?:link|text)\b|\b(?:didn'?t|did not|never) (?:get|got|receive)\b.{0,20}\b(?:link|text)\b/i;

/** Re-texts the call's hold link to the caller (a new key only if its details changed). */
async function linkAgain(
  deps: TwilioVoiceDeps,
  conversationId: string,
  messageId: string,
  phone: string | null,
): Promise<string | null> {
  const stored = await deps.db.chatMessage.findUnique({ where: { replyToId: messageId } });
  if (stored) return stored.content;
  const link = await callHoldLink(deps, conversationId);
  if (!link) return null;
  const said = await textHoldLink(
    deps,
    conversationId,
    { id: messageId, extras: { links: [link] } },
    phone,
    true,
  );
  if (!said) return null;
  return storeReply(deps, conversationId, messageId, said.said);
}

/** The booking of the hold this call or thread made (its latest link), or null. */
async function conversationHold(deps: Pick<TwilioVoiceDeps, "db">, conversationId: string) {
  const link = await callHoldLink(deps, conversationId);
  if (!link) return null;
  return deps.db.booking.findUnique({
    where: { id: holdIdOfLink(link.href)! },
    select: {
      code: true,
      status: true,
      startsAt: true,
      timeZone: true,
      adults: true,
      children: true,
    },
  });
}

/** The link of the hold this call made (the latest), from the assistant's replies. */
async function callHoldLink(
  deps: Pick<TwilioVoiceDeps, "db">,
  conversationId: string,
): Promise<{ href: string; label: string } | null> {
  const replies = await deps.db.chatMessage.findMany({
    where: { conversationId, role: "ASSISTANT" },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  return (
    replies
      .flatMap((r) => ((r.extras ?? {}) as ReplyView["extras"]).links ?? [])
      .find((l) => holdIdOfLink(l.href)) ?? null
  );
}

/** The intent stored on a reply that asks the caller to confirm letting their hold go. */
const CONFIRM_RELEASE = "phone:confirm-release";

/** "Cancel that", "we changed our plans, cancel it", "never mind, drop the booking". */
const WANTS_RELEASE =
  /\b(?:cancel|call (?:it|that|the (?:booking|hold|party)) off|let (?:it|that|the (?:booking|hold)) go|release (?:it|that|the hold)|drop (?:it|that|the (?:booking|hold))|scrap (?:it|that))\b/i;
/** "Can you not hold it?", "don't hold it yet", "no need to keep it": a request, asked or not. */
const DONT_HOLD =
  /\b(?:not|don'?t|do not|no need to|no need for you to|stop) (?:hold|holding|keep|keeping|reserve|reserving) (?:it|that|this|the (?:time|spot|slot|booking|hold|date))\b/i;
/** A question about cancelling (the policy), or a change of the hold, is not letting it go. */
const NOT_RELEASE =
  /\?|\d|\b(?:policy|refund|fee|deadline|later|if|what|how|when|can i|could i|do i|instead|change|move|make it|switch|add|another)\b/i;

/**
 * After a hold, "cancel that": the hold is read back and let go only after a yes (its time is
 * then free for others, nothing was charged). Null when the words are not that, or the hold is
 * gone or finished (the assistant answers them instead). Stored per turn: a retry replays it.
 */
async function releaseAsked(
  deps: Pick<TwilioVoiceDeps, "db" | "now">,
  conversationId: string,
  message: { id: string; createdAt: Date },
  said: string,
  where: "call" | "text" = "call",
): Promise<string | null> {
  const stored = await deps.db.chatMessage.findUnique({ where: { replyToId: message.id } });
  if (stored)
    return stored.intent === CONFIRM_RELEASE || stored.intent === "phone:released"
      ? stored.content
      : null;
  const link = await callHoldLink(deps, conversationId);
  if (!link) return null;
  const bookingId = holdIdOfLink(link.href)!;
  const hold = await deps.db.booking.findUnique({
    where: { id: bookingId },
    select: { status: true, customerId: true, startsAt: true, timeZone: true },
  });
  if (!hold || hold.status !== "HELD" || hold.customerId !== null) return null;
  const asked = await deps.db.chatMessage.findFirst({
    where: { conversationId, role: "ASSISTANT", createdAt: { lt: message.createdAt } },
    orderBy: { createdAt: "desc" },
    select: { intent: true },
  });
  if (asked?.intent === CONFIRM_RELEASE) {
    if (confirmsNumber(said) || /^\s*(?:yes|yeah|yep|please)\b.{0,30}\bcancel/i.test(said)) {
      const now = deps.now?.() ?? new Date();
      const done = await releaseCallHold(deps.db, bookingId, now);
      if (!done) return null;
      // Not "booked" any more: staff see a call that ended without a booking.
      await deps.db.conversation.updateMany({
        where: { id: conversationId, outcome: "booked" },
        data: { outcome: "completed" },
      });
      return storeReply(
        deps,
        conversationId,
        message.id,
        "Done: I've let your hold go, so that time is free again, and nothing was charged. Anything else I can help with?",
        undefined,
        "phone:released",
      );
    }
    if (saysNo(said))
      return storeReply(
        deps,
        conversationId,
        message.id,
        "All right, I'll keep it held for you. Anything else I can help with?",
      );
    return null;
  }
  if (!DONT_HOLD.test(said) && (!WANTS_RELEASE.test(said) || NOT_RELEASE.test(said))) return null;
  const when = formatInstant(hold.startsAt, hold.timeZone, "shortDayTime");
  return storeReply(
    deps,
    conversationId,
    message.id,
    where === "call"
      ? forTheEar(
          `Shall I let go of your hold for ${when}, so that time is free for others? Please say yes or no.`,
        )
      : `Shall I let go of your hold for ${when}, so that time is free for others? Reply YES or NO.`,
    undefined,
    CONFIRM_RELEASE,
  );
}

/** "Can you repeat that?", "sorry, what?", "say that again": the last thing said, again. */
const REPEAT =
  /^\s*(?:(?:sorry|pardon|excuse me|huh|what|i'?m sorry|perd[oó]n|c[oó]mo|qu[eé])[\s,.!]*){1,3}\?+\s*$|^\s*(?:(?:sorry|pardon|excuse me|um|uh|oh|i'?m sorry|perd[oó]n)[\s,.!]*)*(?:(?:can|could|would) you (?:please )?(?:repeat|say) (?:that|it|this|the last part)(?: again)?|(?:please )?repeat (?:that|it|please|the last part)|say (?:that|it) again|come again|one more time|what did you (?:just )?say|i didn'?t (?:catch|get|hear|understand) (?:that|it|you|what you said)|(?:me )?(?:puede|podr[ií]a)s? repetir(?:lo)?|rep[ií]ta(?:lo|me)?(?: por favor)?|otra vez)[\s,.!?]*(?:please|por favor)?[\s,.!?]*$/i;

/** "What was the reference again?", "what's my confirmation number?": the hold's code. */
const REFERENCE_ASKED =
  /\b(?:what(?:'s| is| was)|tell me|give me|repeat|read)\b.{0,20}\b(?:reference|confirmation (?:number|code)|booking (?:number|code|reference)|hold (?:number|code)|ref(?:erence)? (?:number|code))\b|\b(?:n[uú]mero|c[oó]digo) de (?:referencia|reserva|confirmaci[oó]n)\b/i;

/**
 * "Can you repeat that?": the last reply the caller heard, said again (stored as this turn's
 * reply, so a retry replays it). Null when nothing was said yet.
 */
async function repeatLast(
  deps: Pick<TwilioVoiceDeps, "db">,
  conversationId: string,
  message: { id: string; createdAt: Date },
): Promise<string | null> {
  const stored = await deps.db.chatMessage.findUnique({ where: { replyToId: message.id } });
  if (stored) return stored.content;
  const last = await deps.db.chatMessage.findFirst({
    where: { conversationId, role: "ASSISTANT", createdAt: { lt: message.createdAt } },
    orderBy: { createdAt: "desc" },
    select: { content: true },
  });
  if (!last?.content) return null;
  return storeReply(deps, conversationId, message.id, `Sure. ${last.content}`);
}

/** "What was the reference again?": the code of the hold this call or thread made. */
async function referenceAgain(
  deps: Pick<TwilioVoiceDeps, "db">,
  conversationId: string,
  messageId: string,
  where: "call" | "text",
): Promise<string | null> {
  const stored = await deps.db.chatMessage.findUnique({ where: { replyToId: messageId } });
  if (stored) return stored.content;
  const hold = await conversationHold(deps, conversationId);
  if (!hold) return null;
  const when = formatInstant(hold.startsAt, hold.timeZone, "shortDayTime");
  const words = `Your reference is ${hold.code}, for ${when}. Anything else I can help with?`;
  return storeReply(deps, conversationId, messageId, where === "call" ? forTheEar(words) : words);
}

/** Stores the reply to a caller's turn once (a retried webhook gets the stored one). */
async function storeReply(
  deps: Pick<TwilioVoiceDeps, "db">,
  conversationId: string,
  messageId: string,
  content: string,
  /** A number read back, waiting for the caller's yes (confirmedNumber). */
  confirmPhone?: string,
  /** What the reply waits for, when not a number's yes (e.g. CONFIRM_RELEASE). */
  intent = "phone",
): Promise<string> {
  try {
    await deps.db.chatMessage.create({
      data: {
        conversationId,
        role: "ASSISTANT",
        replyToId: messageId,
        content,
        intent: confirmPhone ? CONFIRM_NUMBER : intent,
        ...(confirmPhone ? { extras: { confirmPhone } } : {}),
      },
    });
    return content;
  } catch (err) {
    const again = await deps.db.chatMessage.findUnique({ where: { replyToId: messageId } });
    if (!again) throw err;
    return again.content;
  }
}

/**
 * After a hold, the caller says their name (asked with the link): it goes on the hold and is
 * read back, so a wrong hearing can be said again. Null when the hold can't take it (finished,
 * expired): the assistant answers the words instead.
 */
async function nameTo(
  deps: TwilioVoiceDeps,
  conversationId: string,
  messageId: string,
  said: string,
): Promise<string | null> {
  const stored = await deps.db.chatMessage.findUnique({ where: { replyToId: messageId } });
  if (stored) return stored.content;
  const link = await callHoldLink(deps, conversationId);
  if (!link) return null;
  const holdId = holdIdOfLink(link.href)!;
  // A spelling alone ("it's spelled S I O B H A N") corrects the name the hold has.
  const current = await deps.db.booking.findUnique({
    where: { id: holdId },
    select: { contactName: true },
  });
  const name = nameFromSpeech(said, current?.contactName);
  if (!name || !(await nameTheHold(deps.db, holdId, name))) return null;
  return storeReply(
    deps,
    conversationId,
    messageId,
    detectLanguage(said) === "es"
      ? `Gracias. Tengo la reserva a nombre de ${name}. Si no lo entendí bien, dígame su nombre otra vez. ¿Le ayudo con algo más?`
      : `Thank you. I have the booking under ${name}. If I got that wrong, just say your name again. Anything else I can help with?`,
  );
}

/**
 * A name introduced by text ("my name is Raj Patel", "I'm Ana Ruiz") while the thread holds a
 * party: the hold goes under it (as on the phone), and the reply says so. Null otherwise.
 */
async function nameByText(
  deps: Pick<TwilioVoiceDeps, "db">,
  conversationId: string,
  messageId: string,
  body: string,
): Promise<string | null> {
  // (A retried webhook names the hold again, the same way, and gets the reply stored first.)
  if (!nameFromText(body)) return null;
  const link = await callHoldLink(deps, conversationId);
  if (!link) return null;
  const hold = await deps.db.booking.findUnique({
    where: { id: holdIdOfLink(link.href)! },
    select: { id: true, code: true, contactName: true },
  });
  const name = hold && nameFromText(body, hold.contactName);
  if (!hold || !name || !(await nameTheHold(deps.db, hold.id, name))) return null;
  return storeReply(
    deps,
    conversationId,
    messageId,
    `Thanks, ${name.split(" ")[0]}! Booking ${hold.code} is under ${name} now. The link I texted you finishes it.`,
  );
}

/** Whether the call's hold still waits for the caller's name. */
async function holdNeedsName(deps: Pick<TwilioVoiceDeps, "db">, bookingId: string) {
  const b = await deps.db.booking.findUnique({
    where: { id: bookingId },
    select: { contactName: true, status: true },
  });
  return !!b && b.status === "HELD" && !b.contactName;
}

/** POST /api/twilio/voice/gather?turn=n: what the caller said in turn n. */
export async function handleVoiceGather(req: Request, deps: TwilioVoiceDeps): Promise<Response> {
  const call = await verifiedCall(req, deps, "speech results");
  if (call.refuse) return call.refuse;
  const { params, callSid } = call;
  const at = turnOf(req);
  if (!at) return plain(400, BAD_TURN);
  return guarded(() =>
    oneTurnAtATime(deps, callSid, async () => {
      const now = deps.now?.() ?? new Date();
      const from = callerPhone(params);
      // A second instance, or a call whose first webhook was lost, continues from here.
      const { conversation } = await openCall(deps.db, { callSid, phone: from, now });
      // The call already ended (its status callback came first): a late turn makes or changes no
      // hold and texts nothing; Twilio is told to hang up.
      if (conversation.endedAt) return xml(hungUp());
      const hints = await hintsFor(deps);
      const said = (params.SpeechResult ?? "").trim();
      if (!said) {
        if (at.silence >= MAX_SILENCE) {
          await setCallOutcome(deps.db, conversation.id, "dropped");
          const r = new twilio.twiml.VoiceResponse();
          speak(
            deps,
            r,
            "Sorry, I can't hear you. Please call back, or text this number. Goodbye.",
          );
          r.hangup();
          return xml(r);
        }
        return xml(
          ask(
            deps,
            "Sorry, I didn't catch that. Could you say it again?",
            at.turn,
            at.silence + 1,
            hints,
          ),
        );
      }
      // A turn older than one already taken (a retry that lost a race with the next turn) changes
      // nothing: the caller is asked again, from after the newest turn.
      const newest = await newestTurn(deps, conversation.id);
      if (newest > at.turn) {
        const known = await deps.db.chatMessage.findUnique({
          where: {
            conversationId_clientMessageId: {
              conversationId: conversation.id,
              clientMessageId: `turn:${at.turn}`,
            },
          },
          select: { id: true },
        });
        if (!known) return xml(ask(deps, "Sorry, could you say that again?", newest + 1, 0, hints));
      }
      const { message } = await storeCustomerTurn(deps.db, {
        conversationId: conversation.id,
        key: `turn:${at.turn}`,
        text: said,
        now,
      });
      const booked = conversation.outcome === "booked";
      // "Can you repeat that?": the last reply again; "what was the reference?": the hold's code.
      const replayed = REPEAT.test(said)
        ? await repeatLast(deps, conversation.id, message)
        : REFERENCE_ASKED.test(said)
          ? await referenceAgain(deps, conversation.id, message.id, "call")
          : null;
      if (replayed) return xml(ask(deps, replayed, at.turn + 1, 0, hints));
      // After a hold: a yes (or no) to a number read back the turn before...
      const confirmed = booked ? await confirmedNumber(deps, conversation.id, message, said) : null;
      if (confirmed) return xml(ask(deps, confirmed, at.turn + 1, 0, hints));
      // ..."cancel that" lets the caller's own hold go, after a yes...
      const released = booked ? await releaseAsked(deps, conversation.id, message, said) : null;
      if (released) return xml(ask(deps, released, at.turn + 1, 0, hints));
      // ..."I also need to book another party": a second party never moves the first hold...
      if (booked && ANOTHER_PARTY.test(said)) {
        const kept = await secondPartyReply(deps, conversation.id, message.id, "call");
        if (kept) return xml(ask(deps, kept, at.turn + 1, 0, hints));
      }
      // ...a plain "no" ("no thanks", "never mind") to "another number?" or "anything else?"...
      if (booked && NOTHING_ELSE.test(said)) {
        // Stored once per turn: a retried webhook gets the stored reply (storeReply).
        const fine = await storeReply(
          deps,
          conversation.id,
          message.id,
          "All right. The text has everything you need to finish the booking. Anything else I can help with?",
        );
        return xml(ask(deps, fine, at.turn + 1, 0, hints));
      }
      // ...a number said alone is where to text the link (read back first)...
      const gives = booked && GIVES_NUMBER.test(said);
      const other = booked ? (phoneFromSpeech(said) ?? (gives ? phoneInSpeech(said) : null)) : null;
      // "Send the link to 555 0377", "415 555 03777": a number, but not a whole US one.
      const digitCount = (said.match(/\d/g) ?? []).length;
      if (gives && !other && digitCount >= 5 && !internationalInSpeech(said)) {
        // Stored once per turn: a retried webhook gets the stored reply (storeReply).
        const partial = await storeReply(
          deps,
          conversation.id,
          message.id,
          digitCount < 10
            ? "I didn't get the whole number. Please say all ten digits, starting with the area code."
            : "That number has too many digits for a US number. Please say the ten digits again, starting with the area code.",
        );
        return xml(ask(deps, partial, at.turn + 1, 0, hints));
      }
      const retexted = other
        ? await otherNumber(
            deps,
            conversation.id,
            message.id,
            other,
            conversation.phone,
            params.To ?? null,
          )
        : null;
      if (retexted) return xml(ask(deps, retexted, at.turn + 1, 0, hints));
      // ...a number abroad ("plus 44 7911 123456") is refused in words, never read as guests...
      const abroad = booked && !other ? internationalInSpeech(said) : null;
      if (abroad) {
        // Stored once per turn: a retried webhook gets the stored reply (storeReply).
        const refused = await storeReply(
          deps,
          conversation.id,
          message.id,
          `I can't text plus ${spellDigits(abroad)}: the link goes to US and Canadian mobile numbers only. Anything else I can help with?`,
        );
        return xml(ask(deps, refused, at.turn + 1, 0, hints));
      }
      // ..."text me the link" sends it again (after START, or when it didn't arrive)...
      const again =
        booked && !other && WANTS_LINK.test(said)
          ? await linkAgain(deps, conversation.id, message.id, conversation.phone)
          : null;
      if (again) return xml(ask(deps, again, at.turn + 1, 0, hints));
      // ...and a name said alone is the name the booking goes under (read back).
      const name = booked && !other ? nameFromSpeech(said) : null;
      const named = name ? await nameTo(deps, conversation.id, message.id, said) : null;
      if (named) return xml(ask(deps, named, at.turn + 1, 0, hints));
      const reply = await replyTo(deps, message.id);
      const after = await deps.db.conversation.findUniqueOrThrow({
        where: { id: conversation.id },
      });
      // A person was asked for (or the caller is frustrated): through to the business phone in
      // phone hours (a message when nobody answers: handleVoiceDial), else a message for staff.
      // (A hold flagged for a call-back, in an earlier turn, is no request for a person.)
      const callBackOnly =
        conversation.status === "HANDOFF" &&
        !!after.flagReason?.startsWith(HOLD_CALL_BACK) &&
        !["human", "complaint"].includes((await replyIntent(deps, reply.id)) ?? "");
      if (after.status === "HANDOFF" && after.outcome !== "message" && !callBackOnly) {
        const s = await deps.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
        const r = new twilio.twiml.VoiceResponse();
        const to = phoneToE164(s.phone);
        if (to && phoneIsOpen(s, now)) {
          await setCallOutcome(deps.db, conversation.id, "transferred");
          // What the caller hears is the reply staff read (keepDelivered).
          const words = "Of course. Let me put you through to our team.";
          await keepDelivered(deps.db, reply, words);
          speak(deps, r, words);
          r.dial(
            {
              ...(params.To ? { callerId: params.To } : {}),
              action: `${TWILIO_VOICE_PATH}/dial?turn=${at.turn + 1}`,
              method: "POST",
              timeout: DIAL_SECONDS,
            },
            to,
          );
          return xml(r);
        }
        const opens = phoneOpensNext(s, now);
        const when = opens ? ` We're back at the phone ${forTheEar(opens)}.` : "";
        const words = leaveMessage(
          deps,
          r,
          at.turn + 1,
          after.phone,
          `Our team isn't at the phone right now.${when}`,
        );
        await keepDelivered(deps.db, reply, words);
        return xml(r);
      }
      // A retry of a turn already answered: the words the caller heard, as stored.
      const heard = delivered(reply);
      if (heard !== null) return xml(ask(deps, heard, at.turn + 1, 0, hints));
      const texted = await textHoldLink(deps, conversation.id, reply, after.phone);
      // The assistant didn't know: on the phone, a person is one "yes" away (not "call us").
      const content =
        !texted && (await replyIntent(deps, reply.id)) === "unknown"
          ? PHONE_NOT_SURE
          : reply.content;
      const ear = forTheEar(content, { lang: detectLanguage(content) === "es" ? "es" : "en" });
      // Nothing new was texted for this reply: its words point to the text sent earlier.
      const earlier = texted?.earlier
        ? ear.replace(TEXTING_YOU, texted.instead ?? "the link I texted you earlier")
        : ear;
      const spoken =
        [earlier, earlier !== ear ? texted?.earlier : texted?.said].filter(Boolean).join(" ") ||
        "Sorry, could you say that again?";
      // What the caller heard is the reply staff read in the call's transcript (keepDelivered).
      await keepDelivered(deps.db, reply, spoken);
      return xml(ask(deps, spoken, at.turn + 1, 0, hints));
    }),
  );
}

/** The highest turn the call has taken (0: none yet). */
async function newestTurn(deps: Pick<TwilioVoiceDeps, "db">, conversationId: string) {
  const turns = await deps.db.chatMessage.findMany({
    where: { conversationId, role: "USER", clientMessageId: { startsWith: "turn:" } },
    select: { clientMessageId: true },
  });
  return Math.max(0, ...turns.map((t) => Number(t.clientMessageId!.slice(5)) || 0));
}

/** How long one turn may hold the call's lock (a model's answer included), and wait for it. */
const TURN_LOCK_MS = 30_000;
const TURN_WAIT_MS = 20_000;

/**
 * One turn of a call at a time, across app instances (a Redis lock per CallSid): two webhooks of
 * one call racing (a retry on another instance) are taken in turn, so the second sees what the
 * first changed and never answers "Done" for a change that was overwritten. Without Redis (or
 * when it fails) the turn just runs; Twilio itself sends a call's turns one after another.
 */
async function oneTurnAtATime<T>(
  deps: Pick<TwilioVoiceDeps, "cache">,
  callSid: string,
  run: () => Promise<T>,
): Promise<T> {
  const redis = deps.cache.client;
  if (!redis || redis.status !== "ready") return run();
  const key = `${deps.cache.prefix}:call-turn:${callSid}`;
  const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
  let locked = false;
  const until = Date.now() + TURN_WAIT_MS;
  try {
    while (!locked && Date.now() < until) {
      locked = (await redis.set(key, token, "PX", TURN_LOCK_MS, "NX")) === "OK";
      if (!locked) await new Promise((r) => setTimeout(r, 25));
    }
  } catch (err) {
    console.error("[twilio-voice] the call's turn lock is unavailable; the turn runs", err);
  }
  try {
    return await run();
  } finally {
    if (locked)
      await redis
        .eval(
          'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end',
          1,
          key,
          token,
        )
        .catch(() => 0);
  }
}

/** How long the business phone rings before the caller is offered to leave a message. */
const DIAL_SECONDS = 25;

/** The assistant's "I'm not sure" on the phone: the caller is already on the phone with us. */
const PHONE_NOT_SURE =
  "I'm not sure about that, and I'd rather not guess. I can put you through to a person: just say yes. Or ask me about the menu, prices, our service area, or free dates.";

async function replyIntent(deps: Pick<TwilioVoiceDeps, "db">, replyId: string) {
  const m = await deps.db.chatMessage.findUnique({
    where: { id: replyId },
    select: { intent: true },
  });
  return m?.intent ?? null;
}

/**
 * The caller leaves a message for staff (what they say next: handleVoiceMessage). A withheld
 * number is asked for a number to call back; a known one is read back. Returns what is said.
 */
function leaveMessage(
  deps: TwilioVoiceDeps,
  r: InstanceType<typeof twilio.twiml.VoiceResponse>,
  turn: number,
  phone: string | null,
  intro: string,
) {
  const g = r.gather({
    input: ["speech"],
    action: `${TWILIO_VOICE_PATH}/message?turn=${turn}`,
    method: "POST",
    speechTimeout: "auto",
    language: LANGUAGE,
  });
  const words = phone
    ? `${intro} Please leave a short message after this, and a person will get back to you. We'll call you back at ${spellDigits(phone)}.`
    : `${intro} Your number didn't come through, so please leave a short message after this with a number where we can call you back.`;
  speak(deps, g, words);
  speak(deps, r, "I didn't hear a message. Please call back. Goodbye.");
  return words;
}

/**
 * POST /api/twilio/voice/dial?turn=n: how the transfer to the business phone ended (Twilio's
 * <Dial action>). Answered: the call ends. Busy, unanswered, failed or canceled: flagged for
 * staff, and the caller leaves a message instead. Any other DialCallStatus is not Twilio's: a 400,
 * and nothing is written.
 */
export async function handleVoiceDial(req: Request, deps: TwilioVoiceDeps): Promise<Response> {
  const call = await verifiedCall(req, deps, "transfer results");
  if (call.refuse) return call.refuse;
  const { params, callSid } = call;
  const at = turnOf(req);
  if (!at) return plain(400, BAD_TURN);
  const status = params.DialCallStatus;
  if (!isDialCallStatus(status))
    return plain(
      400,
      "DialCallStatus must be one of Twilio's values: completed, answered, busy, no-answer, failed or canceled.",
    );
  return guarded(async () => {
    const now = deps.now?.() ?? new Date();
    const { conversation } = await openCall(deps.db, { callSid, phone: callerPhone(params), now });
    const r = new twilio.twiml.VoiceResponse();
    if (status === "completed" || status === "answered") {
      r.hangup();
      return xml(r);
    }
    await missedTransfer(deps.db, conversation.id, status, now);
    leaveMessage(deps, r, at.turn, conversation.phone, "Sorry, nobody could pick up just now.");
    return xml(r);
  });
}

/**
 * POST /api/twilio/voice/message?turn=n: the caller's message for staff (outside phone hours, or
 * nobody picked up). A caller whose number was withheld is asked for one if the message had none
 * (`&number=1`: what they say then is the number), and the number is read back.
 */
export async function handleVoiceMessage(req: Request, deps: TwilioVoiceDeps): Promise<Response> {
  const call = await verifiedCall(req, deps, "messages");
  if (call.refuse) return call.refuse;
  const { params, callSid } = call;
  const at = turnOf(req);
  if (!at) return plain(400, BAD_TURN);
  const askingNumber = new URL(req.url).searchParams.get("number") === "1";
  return guarded(async () => {
    const now = deps.now?.() ?? new Date();
    const { conversation } = await openCall(deps.db, { callSid, phone: null, now });
    const said = (params.SpeechResult ?? "").trim();
    const r = new twilio.twiml.VoiceResponse();
    if (!said) {
      speak(
        deps,
        r,
        askingNumber
          ? "I didn't hear a number. We have your message. Goodbye."
          : "I didn't hear a message. Please call back. Goodbye.",
      );
      r.hangup();
      return xml(r);
    }
    await takeCallMessage(deps.db, {
      conversationId: conversation.id,
      key: `turn:${at.turn}`,
      text: said,
      now,
    });
    if (conversation.phone) {
      speak(deps, r, "Thank you. We have your message and will get back to you. Goodbye.");
      r.hangup();
      return xml(r);
    }
    const number = phoneInSpeech(said);
    if (number) {
      await deps.db.conversation.update({
        where: { id: conversation.id },
        data: { contactPhone: number },
      });
      speak(
        deps,
        r,
        `Thank you. We have your message and will call you back at ${spellDigits(number)}. If that's not right, please call again. Goodbye.`,
      );
      r.hangup();
      return xml(r);
    }
    if (askingNumber) {
      speak(
        deps,
        r,
        "Thank you. We have your message, but not a number to call you back, so please call again from a phone that shows its number. Goodbye.",
      );
      r.hangup();
      return xml(r);
    }
    const g = r.gather({
      input: ["speech"],
      action: `${TWILIO_VOICE_PATH}/message?turn=${at.turn + 1}&number=1`,
      method: "POST",
      speechTimeout: "auto",
      language: LANGUAGE,
      hints: "zero, one, two, three, four, five, six, seven, eight, nine",
    });
    speak(
      deps,
      g,
      "Thank you, we have your message. Your number didn't come through: what number can we call you back on?",
    );
    speak(deps, r, "I didn't hear a number. We have your message. Goodbye.");
    return xml(r);
  });
}

const ENDED = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);

/** POST /api/twilio/voice/status: the call's status callback (its end: duration, outcome, cost). */
export async function handleVoiceStatus(req: Request, deps: TwilioVoiceDeps): Promise<Response> {
  const call = await verifiedCall(req, deps, "call status");
  if (call.refuse) return call.refuse;
  const { params, callSid } = call;
  const status = params.CallStatus ?? "";
  if (!ENDED.has(status)) return new Response(null, { status: 204 });
  const seconds = Number(params.CallDuration ?? "0");
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 86_400)
    return plain(400, "CallDuration must be the call's length in seconds.");
  return guarded(async () => {
    const now = deps.now?.() ?? new Date();
    // The status may come before the call's first webhook (or without it): the call's row is
    // made here, so its end is kept and the late first webhook finds the call over.
    await openCall(deps.db, { callSid, phone: callerPhone(params), now });
    await endCall(deps.db, { callSid, status, durationSeconds: seconds, now }, async (tx, id) => {
      if (seconds > 0)
        await tx.aiCall.createMany({
          data: [
            telephonyLedgerData({
              kind: "voice-minutes",
              conversationId: id,
              quantity: seconds,
              preview: `phone call, ${Math.ceil(seconds / 60)} min`,
              fingerprint: "phone:voice-minutes",
              at: now,
            }),
          ],
        });
    });
    return new Response(null, { status: 204 });
  });
}

/**
 * The assistant on the SMS thread (a text that is no STOP/START/HELP keyword): stored once per
 * MessageSid in the phone's open thread, answered by the same assistant, links written out.
 */
export function smsConversationReply(deps: {
  db: Db;
  siteUrl: string;
  assistant: () => Assistant;
  now?: () => Date;
  /** One text of a phone at a time (a Redis lock): texts sent together see each other. */
  cache?: TwilioVoiceDeps["cache"];
}) {
  const reply = textReply(deps);
  return (sms: InboundSms): Promise<string> =>
    deps.cache
      ? oneTurnAtATime({ cache: deps.cache }, `sms:${sms.from}`, () => reply(sms))
      : reply(sms);
}

function textReply(deps: {
  db: Db;
  siteUrl: string;
  assistant: () => Assistant;
  now?: () => Date;
}) {
  return async (sms: InboundSms): Promise<string> => {
    const now = deps.now?.() ?? new Date();
    const { conversation } = await openSmsThread(deps.db, { phone: sms.from, now });
    const key = `sms:${sms.messageSid ?? `${now.getTime()}`}`;
    const { message, created } = await storeCustomerTurn(deps.db, {
      conversationId: conversation.id,
      key,
      text: sms.body,
      now,
    });
    // A person texts with them (a staff reply from the admin app): the text is theirs to answer,
    // and shows in the thread there; the assistant stays quiet (no reply), as in the web chat.
    const thread = await deps.db.conversation.findUniqueOrThrow({
      where: { id: conversation.id },
      select: { status: true, staffReplyAt: true },
    });
    // The phone said STOP: nothing is texted to it until START (its text still shows for staff).
    if (personOnIt(thread, now) || (await smsStopped(deps.db, sms.from))) {
      if (created)
        await deps.db.aiCall.createMany({
          data: [
            telephonyLedgerData({
              kind: "sms-in",
              conversationId: conversation.id,
              messageId: message.id,
              quantity: 1,
              preview: "text from the customer",
              fingerprint: "phone:sms-in",
              at: now,
            }),
          ],
        });
      return "";
    }
    // A second party while this thread holds one: the hold stays (one party per thread).
    if (ANOTHER_PARTY.test(sms.body)) {
      const kept = await secondPartyReply(deps, conversation.id, message.id, "text");
      if (kept) return kept;
    }
    // "What was the reference again?": the hold's code. "Cancel it please": the hold is let go
    // after a YES (as on the phone).
    const reference = REFERENCE_ASKED.test(sms.body)
      ? await referenceAgain(deps, conversation.id, message.id, "text")
      : null;
    if (reference) return reference;
    const released = await releaseAsked(deps, conversation.id, message, sms.body, "text");
    if (released) return released;
    // "Please text the link to my wife at 650 555 0177": by text, only this number is texted
    // (whoever holds the link can forward it).
    const elsewhere = GIVES_NUMBER.test(sms.body) ? phoneInSpeech(sms.body) : null;
    if (elsewhere && elsewhere !== sms.from && (await callHoldLink(deps, conversation.id)))
      return storeReply(
        deps,
        conversation.id,
        message.id,
        "I can only text the number you're texting from. Forward them my text with the link: it works from any phone.",
      );
    // "My name is Raj Patel": the name the thread's hold goes under.
    const named = await nameByText(deps, conversation.id, message.id, sms.body);
    if (named) return named;
    const reply = await replyTo(
      { ...deps, assistant: deps.assistant } as TwilioVoiceDeps,
      message.id,
    );
    if (created)
      await deps.db.aiCall.createMany({
        data: (["sms-in", "sms-out"] as const).map((kind) =>
          telephonyLedgerData({
            kind,
            conversationId: conversation.id,
            messageId: kind === "sms-in" ? message.id : reply.id,
            quantity: 1,
            preview: kind === "sms-in" ? "text from the customer" : "text reply",
            fingerprint: `phone:${kind}`,
            at: now,
          }),
        ),
      });
    // A retry of a text already answered: the text sent, as stored.
    const sent = delivered(reply);
    if (sent !== null) return sent;
    const links = (reply.extras.links ?? [])
      .map((l) => `${l.label}: ${absolute(deps.siteUrl, l.href)}`)
      .filter((l) => !reply.content.includes(l.split(": ").slice(1).join(": ")));
    const text = [forTheText(reply.content), ...links].join("\n").slice(0, 1500);
    // The text sent is the reply staff read in the thread (keepDelivered).
    await keepDelivered(deps.db, reply, text);
    return text;
  };
}
