// Voice on the web (issue 17) end to end through the real handler (packages/api/src/web-voice.ts)
// on a real database: real speech synthesised by espeak-ng, resampled to what the browser sends,
// transcribed by the real local recognizer (pocketsphinx); OpenAI is not reachable, so the real
// `openai` SDK talks to a local server playing its transcription API (@myhibachi/ai/testing).
// Without espeak-ng or pocketsphinx these tests FAIL and say what to install: they are never
// skipped in silence.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkWebVoice,
  encodeWav,
  localRecognizerProblem,
  localTranscriber,
  openAiTranscriber,
  recognize,
  TELEPHONY_PRICES,
  withFallback,
  type Transcriber,
} from "@myhibachi/ai";
import { startFakeOpenAi, type FakeOpenAi } from "@myhibachi/ai/testing";
import {
  handleVoiceTranscribe,
  signVisitorId,
  VOICE_VISITOR_LIMIT,
  VOICE_VISITOR_SECONDS,
  VISITOR_COOKIE,
  type WebVoiceDeps,
} from "@myhibachi/api";
import { synthesize, SPEECH_TOOLS_HINT, VOICES } from "../../packages/ai/src/testing/espeak";
import { setupEnv, type Env } from "./helpers";

const SECRET = "s".repeat(40);
const NOW = new Date("2026-12-01T18:00:00Z");
const URL_ = "http://127.0.0.1:3999/api/voice/transcribe";
let env: Env;
let local: Transcriber;
/** The local recognizer's working folder (its recordings' folders are removed from it). */
let work = "";
const workDir = () => work;
let fake: FakeOpenAi;
let said: Uint8Array;
let address = 0;

beforeAll(async () => {
  const problem = localRecognizerProblem();
  if (problem)
    throw new Error(`The local speech recognizer can't run: ${problem}. ${SPEECH_TOOLS_HINT}`);
  env = await setupEnv();
  // Its own working folder: other test files decode at the same time in os.tmpdir().
  work = mkdtempSync(join(tmpdir(), "web-voice-test-"));
  local = localTranscriber({ workDir: work });
  said = await synthesize("book a table for eight on saturday", VOICES["en-us+m3 170 wpm"]!);
  fake = await startFakeOpenAi(() => ({ content: "" }), {
    transcribe: (req) =>
      req.model === "broken" ? { status: 500 } : { text: "Book a table for 8 on Saturday." },
  });
}, 120_000);
afterAll(async () => {
  await fake?.close();
  await env?.close();
});

function deps(transcriber: Transcriber | null, more: Partial<WebVoiceDeps> = {}): WebVoiceDeps {
  // Each test its own address, so the per-address limit of one never refuses another.
  const ip = `10.9.0.${++address}`;
  return {
    db: env.t.db,
    cache: env.cache,
    transcriber,
    cookieSecret: SECRET,
    clientAddress: () => ip,
    now: () => NOW,
    ...more,
  };
}

const post = (body: Uint8Array | string | null, type = "audio/wav", headers = {}) =>
  new Request(URL_, {
    method: "POST",
    headers: { "content-type": type, ...headers },
    body: typeof body === "string" ? body : body ? Buffer.from(body) : null,
  });

const counts = async () => ({
  messages: await env.t.db.chatMessage.count(),
  conversations: await env.t.db.conversation.count(),
  ledger: await env.t.db.aiCall.count(),
  temp: readdirSync(workDir()).filter((f) => f.startsWith("myhibachi-voice-")).length,
});

/** Silence of `seconds` at `rate` Hz with `channels` channels, as a WAV file. */
function silence(seconds: number, rate = 16_000, channels = 1): Uint8Array {
  const file = encodeWav(new Int16Array(Math.round(seconds * rate) * channels), rate);
  const v = new DataView(file.buffer);
  v.setUint16(22, channels, true);
  return file;
}

describe("the local recognizer hears real speech through the web voice route", () => {
  it("'book a table for eight on saturday': the words, as the assistant reads them", async () => {
    const before = await counts();
    const res = await handleVoiceTranscribe(post(said), deps(local));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { text: string; engine: string };
    expect(body.engine).toBe("local");
    expect(body.text).toMatch(/\b(8|eight)\b/i);
    expect(body.text).toMatch(/saturday/i);
    // The frame the assistant takes from it: 8 guests, a Saturday.
    const slots = recognize(body.text, NOW, "America/Los_Angeles").slots;
    expect(slots.guests).toBe(8);
    expect(new Date(`${slots.date}T12:00:00Z`).getUTCDay()).toBe(6);
    // Nothing kept: no message, no conversation, no cost line (local is free), no temp file.
    expect(await counts()).toEqual(before);
  }, 60_000);

  /**
   * `text` as the round-4 attack said it: espeak-ng's US voice at its own speed (175 wpm), with
   * half a second of silence before and a second and a half after (sox's `pad 0.5 1.5`).
   */
  async function saidPadded(text: string): Promise<Uint8Array> {
    const { samples, sampleRate } = checkWebVoice(
      await synthesize(text, { voice: "en-us", speed: 175 }),
    );
    const padded = new Int16Array(samples.length + 2 * sampleRate);
    padded.set(samples, sampleRate / 2);
    return encodeWav(padded, sampleRate);
  }
  const heard = async (wav: Uint8Array) => {
    const res = await handleVoiceTranscribe(post(wav), deps(local));
    expect(res.status).toBe(200);
    return ((await res.json()) as { text: string }).text;
  };

  // Expected words are the sentences synthesised, judged by hand (never by the code under test).
  it("'cancel my booking' is heard as a cancellation, never 'can I book you' (attack 17-r4 L5)", async () => {
    for (const wav of [
      await saidPadded("cancel my booking"),
      await synthesize("cancel my booking", VOICES["en-us 150 wpm"]!),
      await synthesize("cancel my booking", VOICES["en-us+m3 170 wpm"]!),
    ]) {
      const text = await heard(wav);
      expect(text).toMatch(/\bcancel my booking\b/i);
      expect(text).not.toMatch(/book you/i);
    }
    for (const [said, want] of [
      ["cancel my reservation", /\bcancel my reservation\b/i],
      ["i need to cancel", /\bneed to cancel\b/i],
      ["reschedule my party", /\breschedule my party\b/i],
    ] as const)
      expect(await heard(await saidPadded(said)), said).toMatch(want);
  }, 120_000);

  it("'... on may twentieth at six pm' keeps its month: May 20 (attack 17-r4 L5)", async () => {
    const said = "book for ten adults and four kids on may twentieth at six pm";
    for (const wav of [await saidPadded(said), await synthesize(said, VOICES["en-us 150 wpm"]!)]) {
      const text = await heard(wav);
      expect(text).toMatch(/\bMay 20th\b/);
      // The frame the assistant reads from it: May 20 (not December 20), 6 pm, 14 guests.
      const slots = recognize(text, NOW, "America/Los_Angeles").slots;
      expect(slots.date).toBe("2027-05-20");
      expect(slots.startMinute).toBe(18 * 60);
      expect((slots.adults ?? 0) + (slots.children ?? 0)).toBe(14);
    }
  }, 120_000);

  it("GET says voice works here, with which engine and in what format", async () => {
    const res = await handleVoiceTranscribe(new Request(URL_), deps(local));
    expect(await res.json()).toEqual({
      available: true,
      engine: "local",
      format: { sampleRate: 16_000, channels: 1, bitsPerSample: 16 },
      maxSeconds: 30,
      maxBytes: 1536 * 1024,
    });
  });
});

describe("OpenAI transcription through the real SDK", () => {
  it("sends the recording, the model and the menu as hints; its minutes go in the cost ledger", async () => {
    const openai = openAiTranscriber({ apiKey: "sk-test", baseURL: fake.url });
    const before = await counts();
    const res = await handleVoiceTranscribe(post(said), deps(openai));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ text: "Book a table for 8 on Saturday.", engine: "openai" });
    const got = fake.transcriptions.at(-1)!;
    expect(got.model).toBe("gpt-4o-mini-transcribe");
    expect(got.language).toBe("en");
    expect(got.authorization).toBe("Bearer sk-test");
    expect(got.file.name).toBe("speech.wav");
    expect(got.file.type).toBe("audio/wav");
    expect(Buffer.from(got.file.bytes).equals(Buffer.from(said))).toBe(true);
    const menu = await env.t.db.menuItem.findFirstOrThrow({ where: { active: true } });
    expect(got.prompt).toContain(menu.name);
    expect(got.prompt).toContain("Saturday");
    // One ledger line, priced by the second, and still no message or conversation.
    const after = await counts();
    expect(after).toEqual({ ...before, ledger: before.ledger + 1 });
    const line = await env.t.db.aiCall.findFirstOrThrow({ where: { intent: "transcribe" } });
    const seconds = (said.byteLength - 44) / 32_000;
    expect(line).toMatchObject({
      provider: "openai",
      model: "gpt-4o-mini-transcribe",
      tier: "voice",
      conversationId: null,
      priceVersion: TELEPHONY_PRICES.version,
      costMicros: Math.floor((seconds * 0.003 * 1_000_000) / 60 + 0.5),
    });
    expect(line.preview).not.toMatch(/table|saturday/i);
  });

  it("when OpenAI fails, the local recognizer answers; with nothing behind it, a 503 in words", async () => {
    const broken = openAiTranscriber({ apiKey: "sk-test", baseURL: fake.url, model: "broken" });
    const both = await handleVoiceTranscribe(post(said), deps(withFallback(broken, local)));
    expect(both.status).toBe(200);
    expect(((await both.json()) as { engine: string }).engine).toBe("local");
    const alone = await handleVoiceTranscribe(post(said), deps(broken));
    expect(alone.status).toBe(503);
    expect(((await alone.json()) as { error: string }).error).toMatch(
      /OpenAI transcription failed .* Please try again, or type your message\./,
    );
  }, 60_000);
});

describe("junk is refused in words, and nothing is stored", () => {
  it("empty, not WAV, the wrong type, 8 kHz stereo, too long, 5 MB", async () => {
    const before = await counts();
    const cases: [() => Request, number, RegExp][] = [
      [() => post(null), 400, /The recording is empty/],
      [() => post(new Uint8Array(0)), 400, /The recording is empty/],
      [() => post("this is text, not audio"), 415, /not a WAV recording/],
      [() => post(said, "application/json"), 415, /Content-Type: audio\/wav/],
      [() => post(said, "audio/webm"), 415, /Content-Type: audio\/wav/],
      [() => post(silence(2, 8000, 2)), 415, /2 channels; send it in mono/],
      [() => post(silence(2, 8000)), 415, /8000 Hz; send it at 16000 Hz/],
      [() => post(silence(35)), 413, /longer than 30 seconds; at most 30 seconds/],
      [() => post(silence(60)), 413, /too large .* Say it in shorter parts/],
      [() => post(new Uint8Array(5 << 20)), 413, /too large/],
      [() => post(silence(0.1)), 400, /too short/],
    ];
    for (const [req, status, message] of cases) {
      for (const transcriber of [local, openAiTranscriber({ apiKey: "k", baseURL: fake.url })]) {
        const res = await handleVoiceTranscribe(req(), deps(transcriber));
        const body = (await res.json()) as { error: string };
        expect(res.status, body.error).toBe(status);
        expect(body.error).toMatch(message);
      }
    }
    // The OpenAI server never heard any of it, and nothing was kept.
    expect(fake.transcriptions.filter((t) => t.file.bytes.length !== said.length)).toEqual([]);
    expect(await counts()).toEqual(before);
  }, 60_000);

  it("a site without voice says so (GET: available false; POST: 404 in words)", async () => {
    const none = deps(null, { unavailable: "Voice input is turned off on this site." });
    expect(await (await handleVoiceTranscribe(new Request(URL_), none)).json()).toEqual({
      available: false,
      reason: "Voice input is turned off on this site.",
    });
    const res = await handleVoiceTranscribe(post(said), none);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: "Voice input is turned off on this site. Type your message instead.",
    });
    expect((await handleVoiceTranscribe(new Request(URL_, { method: "PUT" }), none)).status).toBe(
      405,
    );
  });

  it("one visitor sending too fast gets a 429 with when to try again", async () => {
    const cookie = `${VISITOR_COOKIE}=${encodeURIComponent(signVisitorId("v".repeat(20), SECRET))}`;
    let last: Response | null = null;
    for (let i = 0; i <= VOICE_VISITOR_LIMIT.points; i++)
      // A fresh address each time: the visitor's own limit refuses, not the address's.
      last = await handleVoiceTranscribe(post(null, "audio/wav", { cookie }), deps(local));
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await last!.json()) as { error: string }).error).toMatch(
      /You're sending voice messages very fast\. Please wait \d+ (seconds?|minutes?) and try again\./,
    );
  }, 60_000);
});

describe("one sender can't keep the recognizer busy for everyone (attack 17-r1 M4)", () => {
  it("past the recordings the recognizer can take at once, the answer is 503 busy with Retry-After, at once", async () => {
    // One decoder and nobody waiting: of two recordings at once, one is decoded, one is told.
    const narrow = localTranscriber({ workDir: work, maxConcurrent: 1, maxQueued: 0 });
    const [a, b] = await Promise.all([
      handleVoiceTranscribe(post(said), deps(narrow)),
      handleVoiceTranscribe(post(said), deps(narrow)),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 503]);
    const busy = a.status === 503 ? a : b;
    expect(busy.headers.get("retry-after")).toBe("5");
    expect(((await busy.json()) as { error: string }).error).toBe(
      "Many people are speaking to us right now. Please try again in a few seconds, or type your message.",
    );
    const heard = a.status === 200 ? a : b;
    expect(((await heard.json()) as { text: string }).text).toMatch(/saturday/i);
  }, 60_000);

  it("a visitor's seconds of audio per minute are counted, not only their recordings", async () => {
    const cookie = `${VISITOR_COOKIE}=${encodeURIComponent(signVisitorId("w".repeat(20), SECRET))}`;
    const quiet = silence(25);
    const sent: number[] = [];
    // 25 s each: the third passes the visitor's 60 seconds a minute, though 3 recordings are few.
    for (let i = 0; i < 3; i++) {
      const res = await handleVoiceTranscribe(post(quiet, "audio/wav", { cookie }), deps(local));
      sent.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(((await res.json()) as { error: string }).error).toMatch(/Please wait \d+ /);
      }
    }
    expect(VOICE_VISITOR_SECONDS.points).toBe(60);
    expect(sent).toEqual([200, 200, 429]);
  }, 60_000);
});
