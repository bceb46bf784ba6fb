// Voice on the web (issue 17): the chat widget's microphone. The browser records, resamples to
// 16 kHz mono 16-bit PCM and posts the WAV here; the words come back and the browser sends them
// as an ordinary chat message (nothing is stored here: no audio, no transcript). Customer-app
// route apps/customer/src/app/api/voice/transcribe/route.ts:
//
//   GET  /api/voice/transcribe  whether voice input works on this site, and in what format:
//        200 { available: true, engine, format: { sampleRate, channels, bitsPerSample },
//              maxSeconds, maxBytes } or 200 { available: false, reason } (the UI hides the
//              microphone then)
//   POST /api/voice/transcribe  body: the WAV (Content-Type audio/wav), at most
//        LIMITS.voiceBodyBytes. 200 { text, engine: "local" | "openai" }; every refusal is JSON
//        { error } in words a person can act on:
//          404 voice is not set up here (no OpenAI key and no local recognizer, or turned off)
//          415 not audio/wav, or a WAV in another format (8 kHz, stereo, compressed...)
//          413 larger than the limit, or longer than 30 seconds
//          400 empty, not a readable WAV, too short
//          429 too many recordings, or too many seconds of them, from this visitor or address
//              (the chat's limiter, Redis), with Retry-After
//          503 the recognizer is busy (Retry-After: a few seconds), or the engine failed (OpenAI
//              unreachable with no local recognizer behind it, the recognizer timed out): try again
//
// An OpenAI transcription is a line of the AI cost ledger (its minutes at the dated price); the
// local recognizer costs nothing.
import {
  MAX_VOICE_SECONDS,
  TranscribeBusyError,
  TranscribeError,
  VoiceInputError,
  WEB_VOICE_FORMAT,
  transcriptionLedgerData,
  type Transcriber,
} from "@myhibachi/ai";
import {
  getCatalog,
  rateLimiterFor,
  retryAfterText,
  type QueryCache,
  type RateRule,
} from "@myhibachi/core";
import type { Db } from "@myhibachi/db";
import { LIMITS, WAV_MEDIA_TYPES, WEB_VOICE_PATH, mediaType, readBodyLimited } from "./http/edge";
import { visitorIdFrom } from "./visitor";

export { WEB_VOICE_PATH };

/** Recordings one visitor may send per minute (a spoken message is a chat message). */
export const VOICE_VISITOR_LIMIT: RateRule = {
  name: "voice:visitor",
  points: 12,
  windowSeconds: 60,
};
/** Recordings one address may send per minute, whatever cookies it presents. */
export const VOICE_IP_LIMIT: RateRule = { name: "voice:ip", points: 30, windowSeconds: 60 };
/**
 * Seconds of recording per minute: one person can't say more than a minute a minute; an address
 * (a household or an office behind one router) a little more. Counts the audio, not requests, so
 * long recordings can't keep the recognizer busy for everyone.
 */
export const VOICE_VISITOR_SECONDS: RateRule = {
  name: "voice:visitor:seconds",
  points: 60,
  windowSeconds: 60,
};
export const VOICE_IP_SECONDS: RateRule = {
  name: "voice:ip:seconds",
  points: 120,
  windowSeconds: 60,
};
/** Bytes of one second of the recordings taken here (16 kHz mono 16-bit PCM). */
const BYTES_PER_SECOND = 32_000;

export interface WebVoiceDeps {
  db: Db;
  cache: QueryCache;
  /** null: voice input is not available on this site (`unavailable` says why). */
  transcriber: Transcriber | null;
  unavailable?: string;
  /** Signs the chat's visitor cookie (the per-visitor limit's key): the app's AUTH_SECRET. */
  cookieSecret: string;
  /** The client's address for the per-address limit (socket peer and trusted proxies only). */
  clientAddress?: (headers: Headers) => string | null;
  now?: () => Date;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
const refuse = (status: number, error: string, headers?: Record<string, string>) =>
  json(status, { error }, headers);

/** The live menu's package and item names: what the recognizers should expect to hear. */
export async function menuNames(db: Db, cache: QueryCache): Promise<string[]> {
  try {
    const c = await getCatalog(db, cache);
    return [
      ...c.packages.filter((p) => p.active).map((p) => p.name),
      ...c.items.filter((i) => i.active).map((i) => i.name),
    ];
  } catch {
    return [];
  }
}

/**
 * Per address, then per visitor (or, with neither, one bucket for all unknown clients): the
 * recordings (`seconds` undefined), or their seconds of audio.
 */
async function limited(
  req: Request,
  deps: WebVoiceDeps,
  seconds?: number,
): Promise<Response | null> {
  const limiter = rateLimiterFor(deps.cache);
  const address = deps.clientAddress?.(req.headers) ?? null;
  const visitor = visitorIdFrom(req.headers, deps.cookieSecret);
  const [perAddress, perVisitor] =
    seconds === undefined
      ? [VOICE_IP_LIMIT, VOICE_VISITOR_LIMIT]
      : [VOICE_IP_SECONDS, VOICE_VISITOR_SECONDS];
  const checks: [RateRule, string][] = [
    ...(address ? [[perAddress, address] as [RateRule, string]] : []),
    [perVisitor, visitor ? `visitor:${visitor}` : address ? `ip:${address}` : "unknown"],
  ];
  for (const [rule, key] of checks) {
    const d = await limiter.consume(rule, key, seconds);
    if (!d.allowed)
      return refuse(
        429,
        `You're sending voice messages very fast. Please wait ${retryAfterText(d.retryAfterSeconds)} and try again.`,
        { "retry-after": String(d.retryAfterSeconds) },
      );
  }
  return null;
}

export async function handleVoiceTranscribe(req: Request, deps: WebVoiceDeps): Promise<Response> {
  if (req.method === "GET" || req.method === "HEAD") {
    if (!deps.transcriber)
      return json(200, {
        available: false,
        reason: deps.unavailable ?? "Voice input is not set up on this site.",
      });
    return json(200, {
      available: true,
      engine: deps.transcriber.engine,
      format: WEB_VOICE_FORMAT,
      maxSeconds: MAX_VOICE_SECONDS,
      maxBytes: LIMITS.voiceBodyBytes,
    });
  }
  if (req.method !== "POST")
    return refuse(405, "Post a WAV recording here, or GET to learn whether voice input works.", {
      allow: "GET, HEAD, POST",
    });
  const transcriber = deps.transcriber;
  if (!transcriber)
    // Not an outage: this site has no way to turn speech into text. A 404 as for the phone's
    // audio links: every route answers below 500 unless something broke.
    return refuse(
      404,
      `${deps.unavailable ?? "Voice input is not set up on this site."} Type your message instead.`,
    );
  if (!WAV_MEDIA_TYPES.has(mediaType(req)))
    return refuse(
      415,
      "Send the recording as a WAV file (Content-Type: audio/wav), 16 kHz mono 16-bit PCM.",
    );
  const tooFast = await limited(req, deps);
  if (tooFast) return tooFast;
  const read = await readBodyLimited(req, LIMITS.voiceBodyBytes);
  if (read.refuse)
    return refuse(
      413,
      `The recording is too large (at most ${Math.round(LIMITS.voiceBodyBytes / 1024)} KB, about ${MAX_VOICE_SECONDS} seconds of speech). Say it in shorter parts.`,
    );
  const body = read.body ?? new Uint8Array(0);
  const audioSeconds = Math.ceil(Math.max(0, body.byteLength - 44) / BYTES_PER_SECOND);
  if (audioSeconds > 0) {
    const tooMuch = await limited(req, deps, audioSeconds);
    if (tooMuch) return tooMuch;
  }
  try {
    const hints = await menuNames(deps.db, deps.cache);
    const heard = await transcriber.transcribe(body, { hints, signal: req.signal });
    if (heard.engine === "openai")
      await deps.db.aiCall
        .createMany({
          data: [
            transcriptionLedgerData({
              model: heard.model,
              seconds: heard.seconds,
              latencyMs: heard.latencyMs,
              at: deps.now?.() ?? new Date(),
            }),
          ],
        })
        .catch((err: unknown) => console.error("[voice] could not record the cost line", err));
    return json(200, {
      text: heard.text,
      engine: heard.engine,
      ...(heard.text
        ? {}
        : { message: "No words were heard. Speak closer to the microphone and try again." }),
    });
  } catch (err) {
    if (err instanceof VoiceInputError) return refuse(err.status, err.message);
    if (err instanceof TranscribeBusyError)
      return refuse(
        503,
        `${err.message} Please try again in a few seconds, or type your message.`,
        { "retry-after": String(err.retryAfterSeconds) },
      );
    if (err instanceof TranscribeError) {
      console.error("[voice]", err.message);
      return refuse(503, `${err.message} Please try again, or type your message.`);
    }
    if (req.signal.aborted) return refuse(400, "The recording was cancelled.");
    console.error("[voice] transcription failed", err);
    return refuse(503, "Voice input failed on our side. Please try again, or type your message.");
  }
}
