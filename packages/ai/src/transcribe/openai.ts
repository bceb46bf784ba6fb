// OpenAI transcription (issue 17, voice on the web) through the official SDK:
// `audio.transcriptions.create` with the recording as a WAV file, the model from the env
// (VOICE_TRANSCRIBE_MODEL, default gpt-4o-mini-transcribe), English, and a prompt carrying the
// vocabulary hints (the live menu's names, weekdays, months), so "filet mignon" and "Saturday the
// twelfth" are spelled as the assistant reads them. Any OpenAI-compatible server with
// /v1/audio/transcriptions works through OPENAI_BASE_URL (tests use a local one).
import OpenAI, { toFile } from "openai";
import { TranscribeError, type Transcriber, type Transcription } from "./types";
import { checkWebVoice } from "./wav";

export const DEFAULT_TRANSCRIBE_MODEL = "gpt-4o-mini-transcribe";

const WEEKDAYS = "Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday";
const MONTHS =
  "January, February, March, April, May, June, July, August, September, October, November, December";

/**
 * The prompt given with the recording: what the conversation is about and the words to expect,
 * within `max` characters (menu names first; the model reads the prompt's end most closely).
 */
export function transcriptionPrompt(hints: readonly string[], max = 900): string {
  const head =
    "A customer booking a mobile hibachi chef for a party: dates, times, party size, menu.";
  const tail = `${WEEKDAYS}. ${MONTHS}. 6 PM, 5:30 PM, 12 people, 8 adults and 3 kids.`;
  const names: string[] = [];
  let room = max - head.length - tail.length - 20;
  for (const h of hints) {
    const clean = h.replace(/\s+/g, " ").trim();
    if (!clean || names.includes(clean)) continue;
    if (clean.length + 2 > room) break;
    names.push(clean);
    room -= clean.length + 2;
  }
  return [head, names.length ? `Menu: ${names.join(", ")}.` : "", tail].filter(Boolean).join(" ");
}

export interface OpenAiTranscriberOptions {
  apiKey?: string | undefined;
  baseURL?: string | undefined;
  model?: string | undefined;
  timeoutMs?: number;
}

export function openAiTranscriber(opts: OpenAiTranscriberOptions): Transcriber {
  const model = opts.model ?? DEFAULT_TRANSCRIBE_MODEL;
  const client = new OpenAI({
    apiKey: opts.apiKey ?? "not-needed",
    ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
    timeout: opts.timeoutMs ?? 20_000,
    maxRetries: 1,
  });
  return {
    engine: "openai",
    model,
    async transcribe(wavBytes, o = {}): Promise<Transcription> {
      const wav = checkWebVoice(wavBytes);
      const started = Date.now();
      let text: string;
      try {
        const file = await toFile(Buffer.from(wavBytes), "speech.wav", { type: "audio/wav" });
        const res = await client.audio.transcriptions.create(
          {
            model,
            file,
            language: "en",
            prompt: transcriptionPrompt(o.hints ?? []),
            response_format: "json",
          },
          o.signal ? { signal: o.signal } : undefined,
        );
        text = (res.text ?? "").trim();
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        throw new TranscribeError(`OpenAI transcription failed (${why.slice(0, 200)}).`, "openai", {
          cause: err,
        });
      }
      return {
        text,
        engine: "openai",
        model,
        seconds: wav.seconds,
        latencyMs: Date.now() - started,
      };
    },
  };
}
