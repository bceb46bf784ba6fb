// Request limits of both apps' HTTP edge. A module of its own, with no imports, so the browser
// side (the tRPC client's batch size) can use it without the edge's server code and validators
// ("@myhibachi/api/limits").
export const LIMITS = {
  /** Largest request body an API route (/api/*) reads: tRPC, sign-in, chat. */
  apiBodyBytes: 64 * 1024,
  /** Largest request body anywhere else (Next server actions; Next's own default is 1 MB). */
  otherBodyBytes: 1024 * 1024,
  /** Most procedure calls in one batched tRPC request (the client batches at most this many). */
  trpcBatch: 10,
  /**
   * Largest recording posted to WEB_VOICE_PATH: 30 s of 16 kHz mono 16-bit PCM is 960 KB; a
   * little more is read so a recording a few seconds too long is told its length, not its size.
   */
  voiceBodyBytes: 1536 * 1024,
  /** The longest recording transcribed, as said to the customer (MAX_VOICE_SECONDS in @myhibachi/ai). */
  voiceSeconds: 30,
} as const;

/** Where the chat widget posts a recording to be transcribed (packages/api/src/web-voice.ts). */
export const WEB_VOICE_PATH = "/api/voice/transcribe";
