import { describe, expect, it } from "vitest";
import {
  checkWebVoice,
  encodeWav,
  parseWav,
  resample,
  toWebVoiceWav,
  VoiceInputError,
  type WavAudio,
} from "./wav";

/** A WAV file with any header fields (the samples are silence unless given). */
function wavFile(o: {
  rate?: number;
  channels?: number;
  bits?: number;
  format?: number;
  seconds?: number;
  extraChunk?: boolean;
  dataSize?: number;
}): Uint8Array {
  const rate = o.rate ?? 16_000;
  const channels = o.channels ?? 1;
  const bits = o.bits ?? 16;
  const dataBytes = Math.round((o.seconds ?? 1) * rate) * channels * (bits / 8);
  const extra = o.extraChunk ? 8 + 10 : 0;
  const out = new Uint8Array(44 + extra + dataBytes);
  const v = new DataView(out.buffer);
  const put = (at: number, s: string) => [...s].forEach((c, i) => (out[at + i] = c.charCodeAt(0)));
  put(0, "RIFF");
  v.setUint32(4, out.length - 8, true);
  put(8, "WAVE");
  put(12, "fmt ");
  v.setUint32(16, 16, true);
  v.setUint16(20, o.format ?? 1, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, (rate * channels * bits) / 8, true);
  v.setUint16(32, (channels * bits) / 8, true);
  v.setUint16(34, bits, true);
  let at = 36;
  if (o.extraChunk) {
    put(at, "LIST");
    v.setUint32(at + 4, 10, true);
    at += 18;
  }
  put(at, "data");
  v.setUint32(at + 4, o.dataSize ?? dataBytes, true);
  return out;
}

const refused = (f: () => unknown): VoiceInputError => {
  try {
    f();
  } catch (err) {
    if (err instanceof VoiceInputError) return err;
    throw err;
  }
  throw new Error("not refused");
};

describe("the recording the route takes", () => {
  it("16 kHz mono 16-bit PCM, 0.2 to 30 seconds; other chunks before the audio are skipped", () => {
    const w = checkWebVoice(wavFile({ seconds: 2.5, extraChunk: true }));
    expect(w).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, seconds: 2.5 });
    expect(w.samples.length).toBe(40_000);
  });

  it("a data size a streaming writer never filled in is read to the end of the file", () => {
    expect(checkWebVoice(wavFile({ seconds: 1, dataSize: 0xffffffff })).seconds).toBe(1);
  });

  it("anything else is refused in words, with the status the route answers", () => {
    const cases: [Uint8Array, number, RegExp][] = [
      [new Uint8Array(0), 400, /empty/],
      [new TextEncoder().encode("hello, this is not audio"), 415, /not a WAV recording/],
      [new TextEncoder().encode("ID3\u0003 an mp3 file........"), 415, /not a WAV/],
      [wavFile({ rate: 8000, channels: 2 }), 415, /2 channels; send it in mono/],
      [wavFile({ rate: 8000 }), 415, /8000 Hz; send it at 16000 Hz/],
      [wavFile({ rate: 44_100 }), 415, /44100 Hz/],
      [wavFile({ bits: 8 }), 415, /8-bit samples; send 16-bit PCM/],
      [wavFile({ format: 3, bits: 32 }), 415, /32-bit float, not plain PCM/],
      [wavFile({ seconds: 60 }), 413, /longer than 30 seconds; at most 30 seconds/],
      [wavFile({ seconds: 0.05 }), 400, /too short/],
      [wavFile({}).slice(0, 30), 400, /format chunk is cut short/],
      [wavFile({}).slice(0, 36), 400, /no audio in it/],
    ];
    for (const [bytes, status, message] of cases) {
      const e = refused(() => checkWebVoice(bytes));
      expect(e.status, e.message).toBe(status);
      expect(e.message).toMatch(message);
    }
  });

  it("encodeWav writes what parseWav reads back", () => {
    const samples = Int16Array.from({ length: 1000 }, (_, i) => ((i * 37) % 65536) - 32768);
    const back: WavAudio = parseWav(encodeWav(samples, 16_000));
    expect(back.samples).toEqual(samples);
    expect(back.sampleRate).toBe(16_000);
    expect(encodeWav(samples, 16_000).byteLength).toBe(44 + 2000);
  });
});

/** The amplitude of `freq` in `x` sampled at `rate` (a single-bin DFT). */
function amplitude(x: Int16Array, rate: number, freq: number): number {
  let re = 0;
  let im = 0;
  // Skip the filter's edges.
  const from = 200;
  const to = x.length - 200;
  for (let i = from; i < to; i++) {
    re += x[i]! * Math.cos((2 * Math.PI * freq * i) / rate);
    im += x[i]! * Math.sin((2 * Math.PI * freq * i) / rate);
  }
  return (2 * Math.hypot(re, im)) / (to - from);
}
const tone = (freq: number, rate: number, seconds: number, amp = 10_000) =>
  Int16Array.from({ length: Math.round(rate * seconds) }, (_, i) =>
    Math.round(amp * Math.sin((2 * Math.PI * freq * i) / rate)),
  );

describe("resampling 22,050 Hz speech to 16 kHz", () => {
  it("keeps a tone in the speech band at its frequency and level", () => {
    const out = resample(tone(1000, 22_050, 0.5), 22_050, 16_000);
    expect(out.length).toBe(8000);
    expect(amplitude(out, 16_000, 1000)).toBeGreaterThan(9_800);
    expect(amplitude(out, 16_000, 1000)).toBeLessThan(10_200);
  });

  it("filters out what lies above the new Nyquist frequency instead of folding it back", () => {
    // 10 kHz would alias to 6 kHz without the low-pass.
    const out = resample(tone(10_000, 22_050, 0.5), 22_050, 16_000);
    expect(amplitude(out, 16_000, 6000)).toBeLessThan(100);
  });

  it("keeps a constant level (unity gain at DC) and is a copy at the same rate", () => {
    const dc = new Int16Array(4000).fill(1234);
    const out = resample(dc, 22_050, 16_000);
    expect(out[out.length >> 1]).toBe(1234);
    expect(resample(dc, 16_000, 16_000)).toEqual(dc);
  });

  it("toWebVoiceWav averages channels and resamples: the result passes the route's check", () => {
    const stereo = new Int16Array(22_050 * 2);
    for (let i = 0; i < 22_050; i++) {
      stereo[2 * i] = 1000;
      stereo[2 * i + 1] = 3000;
    }
    const file = encodeWav(stereo, 22_050);
    new DataView(file.buffer).setUint16(22, 2, true); // the same samples as two channels
    const w = checkWebVoice(toWebVoiceWav(file));
    expect(w.sampleRate).toBe(16_000);
    expect(w.samples[w.samples.length >> 1]).toBe(2000);
  });
});
