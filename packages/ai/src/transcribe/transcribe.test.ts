import { describe, expect, it } from "vitest";
import { TELEPHONY_PRICES, transcriptionCostMicros, transcriptionLedgerData } from "../telephony";
import {
  hypothesisText,
  transcriberFromEnv,
  transcriptionPrompt,
  voiceUnavailableReason,
} from "./index";

const NO_LOCAL = { binary: "/nonexistent/pocketsphinx_batch" };

describe("which transcriber the app gets", () => {
  it("OpenAI with a key; none without a key when pocketsphinx is missing; none when turned off", () => {
    expect(transcriberFromEnv({ OPENAI_API_KEY: "sk-x" }, NO_LOCAL)?.engine).toBe("openai");
    expect(
      transcriberFromEnv({ OPENAI_API_KEY: "sk-x", VOICE_TRANSCRIBE_MODEL: "whisper-1" }, NO_LOCAL)
        ?.model,
    ).toBe("whisper-1");
    expect(transcriberFromEnv({ OPENAI_API_KEY: "sk-x" }, NO_LOCAL)?.model).toBe(
      "gpt-4o-mini-transcribe",
    );
    expect(transcriberFromEnv({}, NO_LOCAL)).toBeNull();
    expect(transcriberFromEnv({ VOICE_TRANSCRIBE: "off", OPENAI_API_KEY: "sk-x" })).toBeNull();
    expect(transcriberFromEnv({ VOICE_TRANSCRIBE: "local" }, NO_LOCAL)).toBeNull();
    // A base URL alone is someone's chat server; transcription there only when asked for.
    expect(transcriberFromEnv({ OPENAI_BASE_URL: "http://127.0.0.1:1/v1" }, NO_LOCAL)).toBeNull();
    expect(
      transcriberFromEnv(
        { VOICE_TRANSCRIBE: "openai", OPENAI_BASE_URL: "http://127.0.0.1:1/v1" },
        NO_LOCAL,
      )?.engine,
    ).toBe("openai");
  });

  it("says why voice is unavailable in words an operator can act on", () => {
    expect(voiceUnavailableReason({}, NO_LOCAL)).toMatch(
      /no OpenAI key, and the local recognizer can't run \(pocketsphinx_batch is not installed \(apt-get install pocketsphinx\)\)/,
    );
    expect(voiceUnavailableReason({ VOICE_TRANSCRIBE: "off" })).toMatch(/turned off/);
  });
});

describe("what the engines are given and what they cost", () => {
  it("the prompt names the menu within its length, then weekdays, months and written times", () => {
    const p = transcriptionPrompt(["Filet mignon", "Yakisoba noodles", "Filet mignon"]);
    expect(p).toContain("Menu: Filet mignon, Yakisoba noodles.");
    expect(p).toContain("Saturday");
    expect(p).toContain("December");
    expect(p).toContain("5:30 PM");
    const long = transcriptionPrompt(Array.from({ length: 200 }, (_, i) => `Dish number ${i}`));
    expect(long.length).toBeLessThanOrEqual(900);
    expect(long).toContain("Dish number 0");
  });

  it("pocketsphinx's hypothesis line is its words, without the utterance id or fillers", () => {
    expect(hypothesisText("book a table for eight on saturday (utt -12345)")).toBe(
      "book a table for eight on saturday",
    );
    expect(hypothesisText(" (utt 0)")).toBe("");
    expect(hypothesisText("<s> hello [NOISE] there </s> (utt -1)")).toBe("hello there");
  });

  it("an OpenAI transcription costs its seconds at the per-minute price of the dated file", () => {
    const perMinute = TELEPHONY_PRICES.transcriptionPerMinute["gpt-4o-mini-transcribe"]!;
    expect(transcriptionCostMicros("gpt-4o-mini-transcribe", 60)).toEqual({
      costMicros: Math.round(perMinute * 1_000_000),
      priced: true,
    });
    expect(transcriptionCostMicros("gpt-4o-mini-transcribe", 4).costMicros).toBe(
      Math.round((perMinute * 1_000_000 * 4) / 60),
    );
    // A dated variant is priced as its model; an unknown model costs nothing, said so.
    expect(transcriptionCostMicros("gpt-4o-transcribe-2025-03-20", 60).priced).toBe(true);
    expect(transcriptionCostMicros("my-own-whisper", 60)).toEqual({ costMicros: 0, priced: false });
    const line = transcriptionLedgerData({
      model: "gpt-4o-mini-transcribe",
      seconds: 3.4,
      latencyMs: 812.6,
      at: new Date("2026-12-01T18:00:00Z"),
    });
    expect(line).toMatchObject({
      provider: "openai",
      tier: "voice",
      intent: "transcribe",
      conversationId: null,
      priceVersion: TELEPHONY_PRICES.version,
      latencyMs: 813,
      preview: "voice message, 3 s",
    });
    expect(
      transcriptionLedgerData({ model: "x", seconds: 1, latencyMs: 1, at: new Date() })
        .priceVersion,
    ).toBe(`${TELEPHONY_PRICES.version}:unpriced`);
  });
});
