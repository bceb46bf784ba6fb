// The only place that reads process.env in this app.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";
import { aiEnvShape, stripeEnvShape } from "@myhibachi/api/env";
import { allowedOriginsSchema } from "@myhibachi/api/http";

export const env = createEnv({
  server: {
    DATABASE_URL: z.url(),
    REDIS_URL: z.url(),
    AUTH_SECRET: z
      .string()
      .min(32, "AUTH_SECRET must be at least 32 random characters (openssl rand -base64 32)"),
    CUSTOMER_URL: z.url().default("http://localhost:3000"),
    ALLOWED_ORIGINS: allowedOriginsSchema,
    QUEUE_PREFIX: z.string().optional(),
    CACHE_PREFIX: z.string().optional(),
    SMTP_URL: z.string().optional(),
    /**
     * "1": with no SMTP_URL, /dev/mailbox shows customer emails to requests from this machine
     * (loopback) only. Off by default; `npm start` turns it on for the local demo and says so.
     */
    LOCAL_MAILBOX: z.stringbool().default(false),
    /** Proxy hops in front of the app whose X-Forwarded-For entries are trusted (README, Security). */
    TRUSTED_PROXIES: z.string().optional(),
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /**
     * Twilio's auth token: checks the signature of its inbound SMS webhook (/api/twilio/sms: STOP,
     * START, HELP). Unset: that endpoint answers 503. The worker sends the texts (its own env).
     */
    TWILIO_AUTH_TOKEN: z.string().optional(),
    /**
     * The public URL Twilio calls the webhooks at (/api/twilio/sms, /api/twilio/voice...), when it
     * is not CUSTOMER_URL (e.g. a tunnel or another host name in front of a proxy): signatures are
     * checked against this URL, which is the one Twilio signed.
     */
    TWILIO_WEBHOOK_BASE_URL: z.url().optional(),
    /**
     * OpenAI text-to-speech for phone calls (e.g. "gpt-4o-mini-tts", with OPENAI_API_KEY or
     * OPENAI_BASE_URL) and its voice ("alloy"); unset: Twilio's own <Say> voice.
     */
    VOICE_TTS_MODEL: z.string().optional(),
    VOICE_TTS_VOICE: z.string().optional(),
    /**
     * Voice input in the chat (the microphone, /api/voice/transcribe): "auto" uses OpenAI's
     * transcription when OPENAI_API_KEY is set, else the local recognizer (Debian's pocketsphinx)
     * when installed; "openai" or "local" only that engine; "off" no voice input.
     */
    VOICE_TRANSCRIBE: z.enum(["auto", "openai", "local", "off"]).default("auto"),
    /** OpenAI's transcription model (default gpt-4o-mini-transcribe). */
    VOICE_TRANSCRIBE_MODEL: z.string().optional(),
    /** Stripe: deposits online (README, Configuring real services); unset = pay at the event. */
    ...stripeEnvShape,
    /** The assistant's models, as the worker has them (the chat's cache fast path needs them). */
    ...aiEnvShape,
  },
  client: {},
  experimental__runtimeEnv: {},
  // `next build` imports route modules without a database: validate when the server runs.
  skipValidation: process.env.NEXT_PHASE === "phase-production-build",
  emptyStringAsUndefined: true,
});
