// The local speech recognizer: Debian's pocketsphinx (`pocketsphinx_batch` from the `pocketsphinx`
// package, the US English acoustic model and dictionary from `pocketsphinx-en-us`), so voice on
// the web works with no cloud at all, as the chat does. Nothing is downloaded at run time.
//
// - The recording (checked by wav.ts) is written to a fresh folder under os.tmpdir() as a plain
//   44-byte-header WAV (whatever chunks the browser's file had), decoded by one pocketsphinx
//   process (spawned without a shell, killed after `timeoutMs`), and the folder is removed after.
// - pocketsphinx_batch decodes the recording as one utterance; pocketsphinx_continuous cuts it at
//   its own silence detector first, which doubled the word error rate on `pnpm bench voice`.
// - The language model is the domain model of domain-lm.ts (booking sentences with the live
//   menu's names; a small share for common English words the general model of the same package
//   knows), built once per set of hints and kept in a cache folder by its hash. The dictionary has
//   those words only, from the CMU dictionary the model ships (plus domain-lm.ts's pronunciations
//   of menu words it lacks): a hint word with no pronunciation is left out (`skipped`).
// - The words come back as pocketsphinx says them ("six p m on december nineteenth") and are
//   written as a person types them (written.ts: "6 pm on December 19th"), as OpenAI writes them.
// - At most `maxConcurrent` decodes run at once (each keeps a core busy for about a second); more
//   wait their turn, and past `maxQueued` waiting the answer is "busy, try again".
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildArpa,
  DOMAIN_MODEL_VERSION,
  domainSentences,
  EXTRA_PRONUNCIATIONS,
  spokenHint,
} from "./domain-lm";
import {
  TranscribeBusyError,
  TranscribeError,
  type Transcriber,
  type Transcription,
} from "./types";
import { checkWebVoice, encodeWav } from "./wav";
import { writtenForm } from "./written";

export const POCKETSPHINX_MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";
const BINARY_DIRS = ["/usr/bin", "/usr/local/bin"];

export interface LocalRecognizerOptions {
  /** The pocketsphinx_batch binary (default: found in /usr/bin or /usr/local/bin). */
  binary?: string;
  /** Holds `en-us/` (the acoustic model), `cmudict-en-us.dict` and `en-us.lm.bin`. */
  modelDir?: string;
  timeoutMs?: number;
  /** Where each recording's working folder is made, and removed (default: os.tmpdir()). */
  workDir?: string;
  /** Where built language models are kept (default: os.tmpdir()/myhibachi-asr). */
  cacheDir?: string;
  maxConcurrent?: number;
  maxQueued?: number;
  /** Share of the unigram probability for common English words outside the templates. */
  generalWeight?: number;
  /** How many of the general model's most frequent words may be said outside the templates. */
  generalWords?: number;
  /** Extra pocketsphinx arguments (the benchmark's experiments). */
  extraArgs?: readonly string[];
}

/** The binary, or null when pocketsphinx is not installed. */
function findBinary(opts: LocalRecognizerOptions): string | null {
  if (opts.binary) return existsSync(opts.binary) ? opts.binary : null;
  for (const dir of BINARY_DIRS) {
    const p = join(dir, "pocketsphinx_batch");
    if (existsSync(p)) return p;
  }
  return null;
}

/** What is missing for the local recognizer, in words; null when it can run. */
export function localRecognizerProblem(opts: LocalRecognizerOptions = {}): string | null {
  const dir = opts.modelDir ?? POCKETSPHINX_MODEL_DIR;
  if (!findBinary(opts))
    return "pocketsphinx_batch is not installed (apt-get install pocketsphinx)";
  // turbopackIgnore: paths of the machine's Debian packages, not files of the app (without it
  // Next's standalone trace takes in the whole app folder).
  for (const f of ["en-us/mdef", "en-us/means", "cmudict-en-us.dict"]) {
    const path = join(/*turbopackIgnore: true*/ dir, f);
    if (!existsSync(/*turbopackIgnore: true*/ path))
      return `the US English model is missing (${path}; apt-get install pocketsphinx-en-us)`;
  }
  return null;
}

// ---- the model's files ------------------------------------------------------------------------

/** The pronunciations of `words` in a CMU-format dictionary ("word(2) P R AH N"). */
function pronunciations(dictText: string, words: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of dictText.split("\n")) {
    const sp = line.indexOf(" ");
    if (sp < 1) continue;
    const head = line.slice(0, sp);
    const word = head.replace(/\(\d+\)$/, "");
    if (!words.has(word)) continue;
    const list = out.get(word) ?? [];
    list.push(line.slice(sp + 1).trim());
    out.set(word, list);
  }
  return out;
}

/**
 * The most frequent words of the general model (`en-us.lm.bin`, sphinxbase's binary trie format)
 * with their unigram probabilities, or an empty map when the file is not in that format. The
 * unigrams follow the header, the n-gram counts and the quantization tables; the words are the
 * last block of the file, NUL-separated, after their length.
 */
export function generalUnigrams(file: string, top: number): Map<string, number> {
  const out = new Map<string, number>();
  let b: Buffer;
  try {
    b = readFileSync(file);
  } catch {
    return out;
  }
  const HEADER = "Trie Language Model";
  if (b.length < 64 || b.subarray(0, HEADER.length).toString("latin1") !== HEADER) return out;
  let at = HEADER.length;
  const order = b[at++]!;
  if (order < 1 || order > 5) return out;
  const counts: number[] = [];
  for (let i = 0; i < order; i++, at += 4) counts.push(b.readUInt32LE(at));
  const quant = b.readInt32LE(at);
  at += 4;
  // 16-bit quantization: a probability table per order from 2 up, a back-off table below the top.
  if (quant === 1) at += (2 * (order - 1) - 1) * 65536 * 4;
  else if (quant !== 0) return out;
  const n = counts[0]!;
  if (at + (n + 1) * 12 > b.length) return out;
  let pos = b.length - 5;
  for (; pos > at; pos--) if (b.readUInt32LE(pos) === b.length - pos - 4) break;
  const words = b
    .subarray(pos + 4)
    .toString("latin1")
    .split("\0")
    .slice(0, -1);
  if (words.length !== n) return out;
  // Log probabilities in base 1.0001 (sphinxbase's logmath).
  const ranked = words
    .map((w, i) => [w, b.readFloatLE(at + i * 12)] as const)
    .filter(([w, lp]) => /^[a-z]+(?:'[a-z]+)?$/.test(w) && lp < 0)
    .sort((x, y) => y[1] - x[1])
    .slice(0, top);
  for (const [w, lp] of ranked) out.set(w, Math.exp(lp * Math.log(1.0001)));
  return out;
}

export interface DomainModel {
  arpa: string;
  dict: string;
  /** Hints left out: a word of theirs has no pronunciation. */
  skipped: string[];
  words: number;
}

/** The language model and dictionary for `hints` (pure given the model folder's files). */
export function buildDomainModel(
  hints: readonly string[],
  opts: Pick<LocalRecognizerOptions, "modelDir" | "generalWeight" | "generalWords"> = {},
): DomainModel {
  const dir = opts.modelDir ?? POCKETSPHINX_MODEL_DIR;
  const dictText = readFileSync(join(dir, "cmudict-en-us.dict"), "utf8");
  const spoken = [...new Set(hints.map(spokenHint).filter(Boolean))];
  const hintWords = new Set(spoken.flatMap((h) => h.split(" ")));
  const general =
    (opts.generalWeight ?? 0.02) > 0
      ? generalUnigrams(join(dir, "en-us.lm.bin"), opts.generalWords ?? 1000)
      : new Map<string, number>();
  // First pass: which hint words can be pronounced.
  const known = pronunciations(dictText, new Set([...hintWords, ...general.keys()]));
  const sayable = (w: string) => known.has(w) || !!EXTRA_PRONUNCIATIONS[w];
  const kept = spoken.filter((h) => h.split(" ").every(sayable));
  const skipped = spoken.filter((h) => !kept.includes(h));
  const sentences = domainSentences(kept);
  const vocabulary = new Set(sentences.flatMap((s) => s.split(" ")));
  for (const w of general.keys()) if (!known.has(w)) general.delete(w);
  const prons = pronunciations(dictText, vocabulary);
  const missing = [...vocabulary].filter((w) => !prons.has(w) && !EXTRA_PRONUNCIATIONS[w]);
  if (missing.length)
    // The templates' own words are all in the CMU dictionary: a word missing is a bug here.
    throw new Error(`domain model: no pronunciation for ${missing.join(", ")}`);
  const arpa = buildArpa(sentences, { general, generalWeight: opts.generalWeight ?? 0.02 });
  const lines: string[] = [];
  for (const w of [...new Set([...vocabulary, ...general.keys()])].sort()) {
    const list = EXTRA_PRONUNCIATIONS[w] ?? prons.get(w) ?? known.get(w)!;
    list.forEach((p, i) => lines.push(`${w}${i ? `(${i + 1})` : ""} ${p}`));
  }
  return { arpa, dict: `${lines.join("\n")}\n`, skipped, words: lines.length };
}

// ---- decoding ---------------------------------------------------------------------------------

/** A pocketsphinx hypothesis line "words words (utt -1234)" as its words. */
export function hypothesisText(line: string): string {
  return line
    .replace(/\s*\([^()]*\)\s*$/, "")
    .replace(/<\/?s>|\[?(?:NOISE|SPEECH|BREATH|COUGH|UM|UH|SMACK)\]?|<sil>/g, " ")
    .replace(/\(\d+\)/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Decoder settings chosen on `pnpm bench voice` (see the README's voice section). */
const DECODER_ARGS = [
  // Dither: a little noise in digital silence (a browser's gaps, a synthetic voice's pauses),
  // which otherwise throws the cepstral mean off; seeded, so the same audio gives the same words.
  ...["-dither", "yes", "-seed", "1"],
  // Score more Gaussians per frame than the default 4: fewer errors for ~10% more time.
  ...["-topn", "32"],
];

function run(bin: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      args,
      { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 1 << 20, windowsHide: true },
      (err, _stdout, stderr) => {
        if (err) {
          const why = (err as { killed?: boolean }).killed
            ? `took longer than ${Math.round(timeoutMs / 1000)} s`
            : `${err.message.split("\n")[0]}${stderr ? `: ${String(stderr).trim().split("\n").slice(-2).join(" ")}` : ""}`;
          reject(new TranscribeError(`The local speech recognizer failed (${why}).`, "local"));
        } else resolve("");
      },
    );
  });
}

/**
 * A queue of at most `max` at once and `queued` waiting: a recording waits for at most about one
 * decode (a few seconds); beyond that the customer is told to try again (TranscribeBusyError),
 * not kept waiting behind a crowd (one address sending many at once).
 */
function limiter(max: number, queued: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (running >= max) {
      if (waiting.length >= queued) throw new TranscribeBusyError(5);
      await new Promise<void>((r) => waiting.push(r));
    }
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

export function localTranscriber(opts: LocalRecognizerOptions = {}): Transcriber {
  const modelDir = opts.modelDir ?? POCKETSPHINX_MODEL_DIR;
  const cacheDir = opts.cacheDir ?? join(tmpdir(), "myhibachi-asr");
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const queue = limiter(opts.maxConcurrent ?? 2, opts.maxQueued ?? 2);
  const models = new Map<string, Promise<{ lm: string; dict: string }>>();

  /** The model files for `hints`, built once (per process, and kept on disk by their hash). */
  const modelFor = (hints: readonly string[]) => {
    const key = createHash("sha256")
      .update(
        JSON.stringify([
          DOMAIN_MODEL_VERSION,
          modelDir,
          opts.generalWeight ?? null,
          opts.generalWords ?? null,
          [...hints].sort(),
        ]),
      )
      .digest("hex")
      .slice(0, 16);
    let p = models.get(key);
    if (!p) {
      p = (async () => {
        const dir = join(/*turbopackIgnore: true*/ cacheDir, key);
        const lm = join(dir, "domain.lm");
        const dict = join(dir, "domain.dict");
        if (existsSync(/*turbopackIgnore: true*/ lm) && existsSync(/*turbopackIgnore: true*/ dict))
          return { lm, dict };
        const m = buildDomainModel(hints, opts);
        if (m.skipped.length)
          console.warn(
            `[voice] the local recognizer can't say these menu names (a word has no pronunciation): ${m.skipped.join(", ")}`,
          );
        await mkdir(dir, { recursive: true });
        // Written aside and renamed: another process building the same model never reads half.
        const tmp = `.${process.pid}-${Date.now()}`;
        await writeFile(lm + tmp, m.arpa);
        await writeFile(dict + tmp, m.dict);
        await rename(lm + tmp, lm);
        await rename(dict + tmp, dict);
        return { lm, dict };
      })();
      p.catch(() => models.delete(key));
      models.set(key, p);
      // A few menus at most are alive at once; drop the oldest beyond that.
      if (models.size > 8) models.delete(models.keys().next().value!);
    }
    return p;
  };

  return {
    engine: "local",
    model: "pocketsphinx en-us",
    async transcribe(wavBytes, o = {}): Promise<Transcription> {
      const wav = checkWebVoice(wavBytes);
      const bin = findBinary(opts);
      const problem = localRecognizerProblem(opts);
      if (!bin || problem)
        throw new TranscribeError(`The local speech recognizer can't run: ${problem}.`, "local");
      const started = Date.now();
      const { lm, dict } = await modelFor(o.hints ?? []);
      const spoken = await queue(async () => {
        o.signal?.throwIfAborted();
        const work = await mkdtemp(join(opts.workDir ?? tmpdir(), "myhibachi-voice-"));
        try {
          await writeFile(join(work, "utt.wav"), encodeWav(wav.samples, wav.sampleRate));
          await writeFile(join(work, "ctl"), "utt\n");
          const hyp = join(work, "hyp");
          await run(
            bin,
            [
              ...["-hmm", join(modelDir, "en-us"), "-lm", lm, "-dict", dict],
              ...["-adcin", "yes", "-adchdr", "44", "-cepdir", work, "-cepext", ".wav"],
              ...["-ctl", join(work, "ctl"), "-hyp", hyp, "-logfn", "/dev/null"],
              ...DECODER_ARGS,
              ...(opts.extraArgs ?? []),
            ],
            timeoutMs,
          );
          return hypothesisText((await readFile(hyp, "utf8")).split("\n")[0] ?? "");
        } finally {
          await rm(work, { recursive: true, force: true });
        }
      });
      return {
        text: writtenForm(spoken),
        spoken,
        engine: "local",
        model: "pocketsphinx en-us",
        seconds: wav.seconds,
        latencyMs: Date.now() - started,
      };
    },
  };
}
