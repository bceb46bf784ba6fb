// `pnpm bench voice` (issue 17, voice on the web): how well the local speech recognizer hears
// booking phrases, and how fast the phone webhook answers. Prints:
// 1. Word error rate of the local recognizer (pocketsphinx with the domain language model, as
//    the product runs it: packages/ai/src/transcribe/local.ts) on the 50 hand-labelled booking
//    phrases of bench/data/voice-phrases.json, each said by espeak-ng in two voices
//    (packages/ai/src/testing/espeak.ts) and brought to 16 kHz mono by the product's resampler;
//    overall and per voice, plus the WER on the file's free-form sentences (`outside`) that no
//    template made. WER = word-level Levenshtein errors over reference words (transcribe/wer.ts).
// 2. The share of phrases whose frame (date, start time, guests) the assistant's own reader
//    (`recognize` in packages/ai/src/intents.ts, as `pnpm bench understand` calls it) gets exactly
//    right from the TRANSCRIPT, beside the same share from the reference text: what the
//    recognizer loses against what the reader loses.
// 3. Transcription time per phrase (one at a time; model load, decode, temp files): p50/p99.
// 4. The Twilio Voice gather webhook (packages/api/src/twilio-voice.ts) in-process on a seeded
//    scratch database: 200 signed requests (20 calls of 10 turns, the phrases' reference texts as
//    SpeechResult), p50/p99.
//
//   --general-weight X   share of the unigram mass for common English words (default 0.02)
//   --general-words N    how many of the general model's words (default 1000)
//   --ps "ARGS"          extra pocketsphinx arguments (e.g. "-topn 4")
//   --no-webhook         skip part 4
//   --show               print every transcript
//
// Needs espeak-ng, pocketsphinx and pocketsphinx-en-us (apt-get). Prints figures, asserts nothing.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import twilio from "twilio";
import {
  localRecognizerProblem,
  localTranscriber,
  recognize,
  wordErrorRate,
  wordErrors,
  writtenForm,
} from "@myhibachi/ai";
import { handleVoiceGather, handleVoiceIncoming, type TwilioVoiceDeps } from "@myhibachi/api";
import { QueryCache, getCatalog } from "@myhibachi/core";
import { createDb } from "@myhibachi/db";
import { createRedis } from "@myhibachi/jobs";
import { seedDemo } from "@myhibachi/seed";
import { synthesize, VOICES, SPEECH_TOOLS_HINT } from "../packages/ai/src/testing/espeak";
import { adminQuery, percentile, scratchDatabase, summary } from "./_db";
import { benchAssistant } from "./_replay";

interface Frame {
  date: string | null;
  time: number | null;
  guests: number | null;
}
const data = JSON.parse(
  readFileSync(new URL("./data/voice-phrases.json", import.meta.url), "utf8"),
) as {
  now: string;
  timeZone: string;
  phrases: { text: string; frame: Frame }[];
  outside: string[];
};
const NOW = new Date(data.now);
const TZ = data.timeZone;
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";
const DB = "myhibachi_bench_voice";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const generalWeight =
  arg("general-weight") !== undefined ? Number(arg("general-weight")) : undefined;
const generalWords = arg("general-words") !== undefined ? Number(arg("general-words")) : undefined;
const extraArgs = (arg("ps") ?? "").split(" ").filter(Boolean);
const show = process.argv.includes("--show");

const problem = localRecognizerProblem();
if (problem) {
  console.error(`The local recognizer can't run: ${problem}. ${SPEECH_TOOLS_HINT}`);
  process.exit(1);
}

/** The frame the assistant's reader takes from a message: date (or range), start time, guests. */
function frameOf(text: string): Frame {
  const s = recognize(text, NOW, TZ).slots;
  const date = s.date ?? (s.from && s.to ? `${s.from}/${s.to}` : null);
  const guests =
    s.guests ??
    (s.adults !== undefined || s.children !== undefined
      ? (s.adults ?? 0) + (s.children ?? 0)
      : null);
  return { date, time: s.startMinute ?? null, guests };
}
const same = (a: Frame, b: Frame) =>
  a.date === b.date && a.time === b.time && a.guests === b.guests;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const url = await scratchDatabase(DB);
const db = createDb({ url, max: 10 });
const redis = createRedis(REDIS_URL, "cache");
const prefix = `bench-voice-${randomBytes(3).toString("hex")}`;
try {
  await seedDemo(db, { now: NOW });
  const cache = new QueryCache(redis, prefix);
  const catalog = await getCatalog(db, cache);
  const hints = [
    ...catalog.packages.filter((p) => p.active).map((p) => p.name),
    ...catalog.items.filter((i) => i.active).map((i) => i.name),
  ];

  // ---------------------------------------------------------------- 1-3. the local recognizer
  const transcriber = localTranscriber({
    ...(generalWeight !== undefined ? { generalWeight } : {}),
    ...(generalWords !== undefined ? { generalWords } : {}),
    extraArgs,
    cacheDir: `${os.tmpdir()}/myhibachi-asr-bench`,
  });
  // The model is built once before timing (the app builds it on the first request per menu).
  const t0 = performance.now();
  await transcriber.transcribe(await synthesize("hello"), { hints });
  console.log(
    `local recognizer: pocketsphinx with the domain model for ${hints.length} menu names (built and first decode in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const voices = Object.entries(VOICES);
  const texts = [...data.phrases.map((p) => p.text), ...data.outside];
  /** What the recognizer said (for WER) and its written form (what the chat receives). */
  const heard: Record<string, string[]> = {};
  const written: Record<string, string[]> = {};
  const ms: number[] = [];
  for (const [name, voice] of voices) {
    heard[name] = [];
    written[name] = [];
    for (const text of texts) {
      const wav = await synthesize(text, voice);
      const a = performance.now();
      const r = await transcriber.transcribe(wav, { hints });
      ms.push(performance.now() - a);
      heard[name].push(r.spoken ?? r.text);
      written[name].push(r.text);
    }
  }
  const n = data.phrases.length;
  const booking = (name: string) => data.phrases.map((p, i) => [p.text, heard[name]![i]!] as const);
  const outside = (name: string) => data.outside.map((t, i) => [t, heard[name]![n + i]!] as const);
  console.log(`\nword error rate (${n} booking phrases, ${texts.length - n} free-form sentences):`);
  for (const [name] of voices)
    console.log(
      `  ${name.padEnd(18)} booking ${pct(wordErrorRate(booking(name))).padStart(6)}   free-form ${pct(wordErrorRate(outside(name))).padStart(6)}`,
    );
  console.log(
    `  ${"both voices".padEnd(18)} booking ${pct(wordErrorRate(voices.flatMap(([v]) => booking(v)))).padStart(6)}   free-form ${pct(wordErrorRate(voices.flatMap(([v]) => outside(v)))).padStart(6)}`,
  );

  console.log(`\nframe (date, start time, guests) read exactly as labelled by hand:`);
  // The reference as the recognizer would write it had it heard every word (written.ts), and as
  // said (words only): the reader's own loss, without the recognizer's.
  const fromReference = data.phrases.filter((p) =>
    same(frameOf(writtenForm(p.text)), p.frame),
  ).length;
  const fromWords = data.phrases.filter((p) => same(frameOf(p.text), p.frame)).length;
  console.log(
    `  from the reference text   ${fromReference}/${n} (${pct(fromReference / n)}) written as the recognizer writes it; ${fromWords}/${n} (${pct(fromWords / n)}) in words as said`,
  );
  let all = 0;
  for (const [name] of voices) {
    const right = data.phrases.filter((p, i) => same(frameOf(written[name]![i]!), p.frame)).length;
    all += right;
    console.log(`  from ${name.padEnd(20)} ${right}/${n} (${pct(right / n)})`);
  }
  console.log(`  from both voices          ${all}/${2 * n} (${pct(all / (2 * n))})`);

  const sorted = [...ms].sort((a, b) => a - b);
  console.log(
    `\ntranscription time per phrase (${ms.length}, one at a time, load average ${os.loadavg()[0]!.toFixed(1)}): p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms`,
  );

  if (show) {
    for (const [i, p] of data.phrases.entries()) {
      const want = JSON.stringify(p.frame);
      const ref = JSON.stringify(frameOf(writtenForm(p.text)));
      console.log(`\n${p.text}\n  label ${want}${ref === want ? "" : `  reference read ${ref}`}`);
      for (const [name] of voices) {
        const h = heard[name]![i]!;
        const f = JSON.stringify(frameOf(written[name]![i]!));
        console.log(
          `  ${name}: ${h}  [${wordErrors(p.text, h).errors} errors] -> ${written[name]![i]}${f === want ? "" : `  read ${f}`}`,
        );
      }
    }
    for (const [i, t] of data.outside.entries())
      console.log(`\n${t}\n${voices.map(([v]) => `  ${v}: ${heard[v]![n + i]}`).join("\n")}`);
  }

  // ---------------------------------------------------------------- 4. the phone webhook
  if (!process.argv.includes("--no-webhook")) {
    const authToken = randomBytes(16).toString("hex");
    const PUBLIC = "https://hibachi.example.com";
    const assistant = benchAssistant(db, redis, prefix, NOW);
    const deps: TwilioVoiceDeps = {
      db,
      cache,
      authToken,
      publicUrl: PUBLIC,
      siteUrl: PUBLIC,
      assistant: () => assistant,
      sendSms: async () => {},
      now: () => NOW,
    };
    const signed = (path: string, params: Record<string, string>) =>
      new Request(`http://10.0.0.7:3000${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilio.getExpectedTwilioSignature(
            authToken,
            `${PUBLIC}${path}`,
            params,
          ),
        },
        body: new URLSearchParams(params).toString(),
      });
    const gather: number[] = [];
    let failed = 0;
    for (let call = 0; call < 20; call++) {
      const base = {
        AccountSid: `AC${"0".repeat(32)}`,
        CallSid: `CA${randomBytes(16).toString("hex")}`,
        From: `+1408555${String(1000 + call)}`,
        To: "+14085550100",
      };
      await handleVoiceIncoming(signed("/api/twilio/voice", base), deps);
      for (let turn = 1; turn <= 10; turn++) {
        const said = data.phrases[(call * 10 + turn) % n]!.text;
        const path = `/api/twilio/voice/gather?turn=${turn}`;
        const req = signed(path, { ...base, SpeechResult: said, Confidence: "0.9" });
        const a = performance.now();
        const res = await handleVoiceGather(req, deps);
        await res.text();
        gather.push(performance.now() - a);
        if (res.status !== 200) failed++;
      }
    }
    console.log(
      `\nTwilio Voice gather webhook, in-process on a seeded database (20 calls x 10 turns):`,
    );
    console.log(
      `  ${summary("signed gather -> TwiML", gather)}${failed ? `  (${failed} not 200)` : ""}`,
    );
  }
} finally {
  const keys = await redis.keys(`${prefix}:*`).catch(() => []);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await db.$disconnect();
  await adminQuery(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
}
