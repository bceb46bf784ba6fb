// Speech for phone calls from OpenAI's text-to-speech (issue 17), when configured
// (VOICE_TTS_MODEL with OPENAI_API_KEY or OPENAI_BASE_URL): the reply shaped for the ear is played
// as audio instead of Twilio's own <Say> voice. Any OpenAI-compatible server with
// /v1/audio/speech works (tests use a local one).
import OpenAI from "openai";

export interface SpeechSynth {
  readonly model: string;
  /** MP3 audio of `text`. */
  synthesize(text: string): Promise<ArrayBuffer>;
}

export const ttsEnvShape = ["VOICE_TTS_MODEL", "VOICE_TTS_VOICE"] as const;

export function openAiSpeech(opts: {
  apiKey?: string | undefined;
  baseURL?: string | undefined;
  model: string;
  voice?: string | undefined;
}): SpeechSynth {
  const client = new OpenAI({
    apiKey: opts.apiKey ?? "not-needed",
    ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
    timeout: 10_000,
    maxRetries: 1,
  });
  return {
    model: opts.model,
    async synthesize(text) {
      const res = await client.audio.speech.create({
        model: opts.model,
        voice: opts.voice ?? "alloy",
        input: text,
        response_format: "mp3",
      });
      return res.arrayBuffer();
    },
  };
}

/** The speech synthesiser from an app's env, or null (Twilio's <Say> voice) when not configured. */
export function speechFromEnv(env: {
  VOICE_TTS_MODEL?: string | undefined;
  VOICE_TTS_VOICE?: string | undefined;
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
}): SpeechSynth | null {
  if (!env.VOICE_TTS_MODEL || !(env.OPENAI_API_KEY || env.OPENAI_BASE_URL)) return null;
  return openAiSpeech({
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL,
    model: env.VOICE_TTS_MODEL,
    voice: env.VOICE_TTS_VOICE,
  });
}
