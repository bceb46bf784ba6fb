// Voice on the web (issue 17): the transcriber the app uses, from its env.
//
//   VOICE_TRANSCRIBE        auto (default) | openai | local | off
//   VOICE_TRANSCRIBE_MODEL  OpenAI's transcription model (default gpt-4o-mini-transcribe)
//   OPENAI_API_KEY, OPENAI_BASE_URL  as for the chat's models
//
// auto: OpenAI when OPENAI_API_KEY is set (with the local recognizer behind it when OpenAI fails
// and pocketsphinx is installed), else the local recognizer when pocketsphinx and its US English
// model are installed, else none (voice is unavailable: the route says so and the chat hides its
// microphone). `openai` also works with only OPENAI_BASE_URL (a self-hosted server speaking the
// same API); `local` never sends audio anywhere.
import { localRecognizerProblem, localTranscriber, type LocalRecognizerOptions } from "./local";
import { openAiTranscriber } from "./openai";
import { TranscribeError, type Transcriber } from "./types";

export * from "./domain-lm";
export * from "./local";
export * from "./openai";
export * from "./types";
export * from "./wav";
export * from "./wer";
export * from "./written";

export interface TranscribeEnv {
  VOICE_TRANSCRIBE?: string | undefined;
  VOICE_TRANSCRIBE_MODEL?: string | undefined;
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
}

export const TRANSCRIBE_MODES = ["auto", "openai", "local", "off"] as const;

/** `primary`, and `fallback` when the primary engine fails (not when the recording is refused). */
export function withFallback(primary: Transcriber, fallback: Transcriber): Transcriber {
  return {
    engine: primary.engine,
    model: primary.model,
    async transcribe(wav, opts) {
      try {
        return await primary.transcribe(wav, opts);
      } catch (err) {
        if (!(err instanceof TranscribeError)) throw err;
        console.warn(`[voice] ${err.message} The ${fallback.engine} recognizer answers instead.`);
        return fallback.transcribe(wav, opts);
      }
    },
  };
}

/** The app's transcriber, or null when voice is off or nothing can transcribe here. */
export function transcriberFromEnv(
  env: TranscribeEnv,
  local: LocalRecognizerOptions = {},
): Transcriber | null {
  const mode = (env.VOICE_TRANSCRIBE ?? "auto").toLowerCase();
  if (mode === "off") return null;
  const openAi = () =>
    openAiTranscriber({
      apiKey: env.OPENAI_API_KEY,
      baseURL: env.OPENAI_BASE_URL,
      model: env.VOICE_TRANSCRIBE_MODEL,
    });
  const hasLocal = localRecognizerProblem(local) === null;
  if (mode === "openai") return env.OPENAI_API_KEY || env.OPENAI_BASE_URL ? openAi() : null;
  if (mode === "local") return hasLocal ? localTranscriber(local) : null;
  if (env.OPENAI_API_KEY)
    return hasLocal ? withFallback(openAi(), localTranscriber(local)) : openAi();
  return hasLocal ? localTranscriber(local) : null;
}

/** Why `transcriberFromEnv` gave none, in words for the operator (and the route's answer). */
export function voiceUnavailableReason(env: TranscribeEnv, local: LocalRecognizerOptions = {}) {
  const mode = (env.VOICE_TRANSCRIBE ?? "auto").toLowerCase();
  if (mode === "off") return "Voice input is turned off on this site (VOICE_TRANSCRIBE=off).";
  if (mode === "openai")
    return "Voice input needs OPENAI_API_KEY (or OPENAI_BASE_URL) with VOICE_TRANSCRIBE=openai.";
  const problem = localRecognizerProblem(local);
  return `Voice input is not set up on this site: no OpenAI key, and the local recognizer can't run (${problem ?? "unknown"}).`;
}
