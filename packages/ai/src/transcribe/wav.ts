// WAV audio for voice on the web (issue 17): what the browser sends is read here before any
// recognizer sees it. The browser resamples the microphone to 16 kHz mono 16-bit PCM and wraps it
// in a WAV header; anything else is refused with a message a person can act on (VoiceInputError,
// which the route answers with a 4xx, never a 500). Also the resampler the benchmark and the
// tests use to bring espeak-ng's 22,050 Hz speech to 16 kHz (a windowed-sinc low-pass, so
// nothing above the new Nyquist folds back into the band the recognizer hears). Pure TypeScript:
// the product needs no sox or ffmpeg.

/** The one format the transcription route takes. */
export const WEB_VOICE_FORMAT = { sampleRate: 16_000, channels: 1, bitsPerSample: 16 } as const;
/** The longest recording transcribed. */
export const MAX_VOICE_SECONDS = 30;
/** The shortest: less than this holds no word. */
export const MIN_VOICE_SECONDS = 0.2;

/** Why a recording can't be transcribed, in words; `status` is the HTTP answer (400/413/415). */
export class VoiceInputError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 | 415 = 400,
  ) {
    super(message);
    this.name = "VoiceInputError";
  }
}

export interface WavAudio {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 1 = PCM, 3 = IEEE float, 0xFFFE = extensible (its sub-format is read instead). */
  format: number;
  /** The samples, interleaved when there are several channels (16-bit PCM only). */
  samples: Int16Array;
  seconds: number;
}

const ascii = (b: Uint8Array, at: number, n: number) =>
  String.fromCharCode(...b.subarray(at, at + n));

const FORMAT_NAMES: Record<number, string> = {
  2: "ADPCM",
  3: "32-bit float",
  6: "A-law",
  7: "μ-law",
  0x55: "MP3",
};

/**
 * The header and samples of a WAV file. Throws VoiceInputError when it is not a RIFF/WAVE file
 * with a format chunk and a data chunk; the format itself is checked by `checkWebVoice`. A data
 * chunk whose size says more than the file holds (a writer that streamed it and never came back
 * to fill it in, 0 or 0xFFFFFFFF) is read to the end of the file.
 */
export function parseWav(bytes: Uint8Array): WavAudio {
  if (bytes.byteLength === 0)
    throw new VoiceInputError(
      "The recording is empty. Press the microphone button, speak, then send it.",
    );
  if (bytes.byteLength < 12 || ascii(bytes, 0, 4) !== "RIFF" || ascii(bytes, 8, 4) !== "WAVE")
    throw new VoiceInputError(
      "This is not a WAV recording. Send 16 kHz mono 16-bit PCM WAV audio (Content-Type: audio/wav).",
      415,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 12;
  let fmt: Omit<WavAudio, "samples" | "seconds"> | null = null;
  while (at + 8 <= bytes.byteLength) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === "fmt ") {
      if (size < 16 || body + 16 > bytes.byteLength)
        throw new VoiceInputError("The WAV recording's format chunk is cut short.");
      let format = view.getUint16(body, true);
      // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of its sub-format GUID.
      if (format === 0xfffe && size >= 40 && body + 26 <= bytes.byteLength)
        format = view.getUint16(body + 24, true);
      fmt = {
        format,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === "data") {
      if (!fmt)
        throw new VoiceInputError("The WAV recording has its audio before its format chunk.");
      const end = Math.min(bytes.byteLength, body + size);
      const frameBytes = Math.max(1, (fmt.bitsPerSample / 8) * fmt.channels);
      const usable = end - body - ((end - body) % 2);
      let samples = new Int16Array(0);
      if (fmt.format === 1 && fmt.bitsPerSample === 16) {
        samples = new Int16Array(usable / 2);
        for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(body + i * 2, true);
      }
      const seconds = fmt.sampleRate > 0 ? (end - body) / frameBytes / fmt.sampleRate : 0;
      return { ...fmt, samples, seconds };
    }
    // Chunks are padded to an even size.
    at = body + size + (size % 2);
  }
  throw new VoiceInputError(
    fmt
      ? "The WAV recording has no audio in it (no data chunk)."
      : "The WAV recording has no format chunk.",
  );
}

/**
 * The recording as the recognizers take it: 16 kHz, mono, 16-bit PCM, 0.2 to 30 seconds. Anything
 * else is a VoiceInputError saying what to change.
 */
export function checkWebVoice(bytes: Uint8Array): WavAudio {
  const wav = parseWav(bytes);
  const want = WEB_VOICE_FORMAT;
  if (wav.format !== 1)
    throw new VoiceInputError(
      `The recording is ${FORMAT_NAMES[wav.format] ?? `in format ${wav.format}`}, not plain PCM. Send uncompressed 16-bit PCM WAV.`,
      415,
    );
  if (wav.bitsPerSample !== want.bitsPerSample)
    throw new VoiceInputError(
      `The recording has ${wav.bitsPerSample}-bit samples; send 16-bit PCM.`,
      415,
    );
  if (wav.channels !== want.channels)
    throw new VoiceInputError(
      `The recording has ${wav.channels} channels; send it in mono (one channel).`,
      415,
    );
  if (wav.sampleRate !== want.sampleRate)
    throw new VoiceInputError(
      `The recording is sampled at ${wav.sampleRate} Hz; send it at 16000 Hz (16 kHz).`,
      415,
    );
  if (wav.seconds > MAX_VOICE_SECONDS)
    throw new VoiceInputError(
      // "Longer than", not a length: a body cut short on its way in has fewer seconds than were said.
      `The recording is longer than ${MAX_VOICE_SECONDS} seconds; at most ${MAX_VOICE_SECONDS} seconds can be transcribed. Say it in shorter parts.`,
      413,
    );
  if (wav.seconds < MIN_VOICE_SECONDS)
    throw new VoiceInputError(
      "The recording is too short to hold a word. Tap the microphone, speak, and pause when you are done.",
    );
  return wav;
}

/** A 16-bit PCM WAV file of mono `samples` at `sampleRate`. */
export function encodeWav(samples: Int16Array, sampleRate: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(44 + samples.length * 2);
  const v = new DataView(out.buffer);
  const put = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  };
  put(0, "RIFF");
  v.setUint32(4, 36 + samples.length * 2, true);
  put(8, "WAVE");
  put(12, "fmt ");
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  put(36, "data");
  v.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) v.setInt16(44 + i * 2, samples[i]!, true);
  return out;
}

/** Zero crossings of the sinc on each side of a sample (the filter's length). */
const ZERO_CROSSINGS = 16;

/**
 * `samples` at `from` Hz resampled to `to` Hz with a Blackman-windowed sinc: when lowering the
 * rate, the low-pass cuts at 95% of the new Nyquist frequency first. Unity gain at DC.
 */
export function resample(samples: Int16Array, from: number, to: number): Int16Array {
  if (!(from > 0 && to > 0)) throw new RangeError("sample rates must be positive");
  if (from === to) return samples.slice();
  const ratio = to / from;
  const cutoff = Math.min(1, ratio) * 0.95; // of the input's Nyquist frequency
  const half = Math.ceil(ZERO_CROSSINGS / cutoff); // input samples on each side
  const out = new Int16Array(Math.floor(samples.length * ratio));
  for (let i = 0; i < out.length; i++) {
    const t = i / ratio;
    const lo = Math.max(0, Math.ceil(t - half));
    const hi = Math.min(samples.length - 1, Math.floor(t + half));
    let sum = 0;
    let weights = 0;
    for (let j = lo; j <= hi; j++) {
      const x = j - t;
      const u = x / half; // -1..1
      const window = 0.42 + 0.5 * Math.cos(Math.PI * u) + 0.08 * Math.cos(2 * Math.PI * u);
      const arg = Math.PI * cutoff * x;
      const w = (arg === 0 ? 1 : Math.sin(arg) / arg) * window;
      sum += samples[j]! * w;
      weights += w;
    }
    const y = weights ? Math.round(sum / weights) : 0;
    out[i] = y > 32767 ? 32767 : y < -32768 ? -32768 : y;
  }
  return out;
}

/** A WAV file of any PCM 16-bit rate and channel count as 16 kHz mono (channels averaged). */
export function toWebVoiceWav(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const wav = parseWav(bytes);
  if (wav.format !== 1 || wav.bitsPerSample !== 16)
    throw new VoiceInputError("Only 16-bit PCM WAV can be converted.", 415);
  let mono = wav.samples;
  if (wav.channels > 1) {
    mono = new Int16Array(Math.floor(wav.samples.length / wav.channels));
    for (let i = 0; i < mono.length; i++) {
      let s = 0;
      for (let c = 0; c < wav.channels; c++) s += wav.samples[i * wav.channels + c]!;
      mono[i] = Math.round(s / wav.channels);
    }
  }
  return encodeWav(resample(mono, wav.sampleRate, WEB_VOICE_FORMAT.sampleRate), 16_000);
}
