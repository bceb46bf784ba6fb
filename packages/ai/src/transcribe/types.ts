// The transcriber port of voice on the web (issue 17): a WAV recording in, its words out. Two
// engines: OpenAI's transcription API (openai.ts) and a local recognizer, pocketsphinx, that needs
// no cloud at all (local.ts). Both take the same recording (16 kHz mono 16-bit PCM WAV, checked by
// wav.ts first) and the same hints: the live menu's names, so "filet mignon" is heard as such.

export type TranscribeEngine = "local" | "openai";

export interface Transcription {
  /** What was said, written as a person types it ("6 pm on December 19th for 12 people"). */
  text: string;
  /** The local recognizer's own words, before they are written ("six p m on december ..."). */
  spoken?: string;
  engine: TranscribeEngine;
  /** The model that heard it ("gpt-4o-mini-transcribe", "pocketsphinx en-us"). */
  model: string;
  /** The recording's length. */
  seconds: number;
  latencyMs: number;
}

export interface TranscribeOptions {
  /** Names the recognizer should expect (menu items, packages). */
  hints?: readonly string[];
  signal?: AbortSignal;
}

export interface Transcriber {
  readonly engine: TranscribeEngine;
  readonly model: string;
  /**
   * The words of a recording. Throws VoiceInputError (wav.ts) when the recording is not one the
   * route takes, TranscribeError when the engine failed.
   */
  transcribe(wav: Uint8Array, opts?: TranscribeOptions): Promise<Transcription>;
}

/** The engine could not transcribe (not the recording's fault): the route answers 503 in words. */
/** The recognizer has as many recordings waiting as it takes: try again in a few seconds. */
export class TranscribeBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("Many people are speaking to us right now.");
    this.name = "TranscribeBusyError";
  }
}

export class TranscribeError extends Error {
  constructor(
    message: string,
    readonly engine: TranscribeEngine,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "TranscribeError";
  }
}
