import { describe, expect, it } from "vitest";
import { downsample, encodeWav, loudness } from "./wav";

describe("the microphone's WAV", () => {
  it("is a 16 kHz mono 16-bit PCM file of the samples", () => {
    const buf = encodeWav(new Float32Array([0, 0.5, -0.5, 1, -1, 2]));
    const v = new DataView(buf);
    const text = (at: number, n: number) =>
      String.fromCharCode(...new Uint8Array(buf.slice(at, at + n)));
    expect(text(0, 4)).toBe("RIFF");
    expect(text(8, 4)).toBe("WAVE");
    expect(v.getUint16(20, true)).toBe(1);
    expect(v.getUint16(22, true)).toBe(1);
    expect(v.getUint32(24, true)).toBe(16_000);
    expect(v.getUint16(34, true)).toBe(16);
    expect(v.getUint32(40, true)).toBe(12);
    expect(buf.byteLength).toBe(44 + 12);
    const pcm = [0, 1, 2, 3, 4, 5].map((i) => v.getInt16(44 + i * 2, true));
    expect(pcm).toEqual([0, 16383, -16384, 32767, -32768, 32767]);
  });

  it("downsamples 48 kHz to 16 kHz keeping a speech tone and its loudness", () => {
    const rate = 48_000;
    const tone = new Float32Array(rate).map(
      (_, i) => 0.5 * Math.sin((2 * Math.PI * 300 * i) / rate),
    );
    const out = downsample(tone, rate);
    expect(out.length).toBe(16_000);
    // A 300 Hz tone at 0.5 has RMS 0.354: kept within a few percent.
    expect(loudness(out)).toBeGreaterThan(0.33);
    expect(loudness(out)).toBeLessThan(0.36);
    // 44.1 kHz too (not a whole ratio).
    expect(downsample(new Float32Array(44_100), 44_100).length).toBe(16_000);
    expect(() => downsample(new Float32Array(10), 8_000)).toThrow(/upsample/);
  });

  it("tells silence from speech", () => {
    expect(loudness(new Float32Array(4096))).toBe(0);
    expect(loudness(new Float32Array(4096).fill(0.1))).toBeCloseTo(0.1);
  });
});
