// The phone's cost lines in the AI cost ledger (AiCall): a call's minutes and each text message,
// priced from the dated telephony price file (prices/telephony-<date>.json), never from code.
// Integer micro-dollars, as every ledger row. Twilio bills a call by the started minute and each
// SMS by the message (one line per message here: segments are not counted).
import type { Prisma } from "@myhibachi/db";
import telephony20261231 from "../prices/telephony-2026-12-31.json" with { type: "json" };

export interface TelephonyPrices {
  version: string;
  /** USD per started minute of an inbound call. */
  voiceInboundPerMinute: number;
  /** USD per text message, in or out. */
  smsPerMessage: number;
  /** USD per 1,000 characters synthesised by OpenAI TTS (when configured). */
  ttsPer1kCharacters: number;
  /** USD per minute of audio transcribed by OpenAI (voice on the web), per model. */
  transcriptionPerMinute: Record<string, number>;
}

export const TELEPHONY_PRICES: TelephonyPrices = telephony20261231;

const micros = (usd: number) => Math.round(usd * 1_000_000);

/** A call of `seconds` costs its started minutes (0 seconds: nothing). */
export function voiceCostMicros(seconds: number, table: TelephonyPrices = TELEPHONY_PRICES) {
  const minutes = Math.ceil(Math.max(0, seconds) / 60);
  return { minutes, costMicros: minutes * micros(table.voiceInboundPerMinute) };
}

export const smsCostMicros = (messages: number, table: TelephonyPrices = TELEPHONY_PRICES) =>
  Math.max(0, messages) * micros(table.smsPerMessage);

/** Synthesised speech: characters at the per-1,000 price, rounded half up once. */
export const ttsCostMicros = (characters: number, table: TelephonyPrices = TELEPHONY_PRICES) =>
  Math.floor((Math.max(0, characters) * micros(table.ttsPer1kCharacters) + 500) / 1000);

/**
 * A transcription of `seconds` of audio by `model`, billed by the second at the per-minute price
 * (rounded half up once). A model missing from the price file costs 0 and is not `priced`.
 */
export function transcriptionCostMicros(
  model: string,
  seconds: number,
  table: TelephonyPrices = TELEPHONY_PRICES,
): { costMicros: number; priced: boolean } {
  const perMinute =
    table.transcriptionPerMinute[model] ??
    Object.entries(table.transcriptionPerMinute)
      .filter(([m]) => model.startsWith(`${m}-`))
      .sort(([a], [b]) => b.length - a.length)[0]?.[1];
  if (perMinute === undefined) return { costMicros: 0, priced: false };
  return {
    costMicros: Math.floor((Math.max(0, seconds) * micros(perMinute)) / 60 + 0.5),
    priced: true,
  };
}

/**
 * The ledger line of one OpenAI transcription (voice on the web): no conversation (the words are
 * not kept unless the customer sends them as a chat message), the audio's length in the preview.
 */
export function transcriptionLedgerData(p: {
  model: string;
  seconds: number;
  latencyMs: number;
  at: Date;
  table?: TelephonyPrices;
}): Prisma.AiCallCreateManyInput {
  const table = p.table ?? TELEPHONY_PRICES;
  const { costMicros, priced } = transcriptionCostMicros(p.model, p.seconds, table);
  return {
    createdAt: p.at,
    conversationId: null,
    messageId: null,
    provider: "openai",
    model: p.model,
    tier: "voice",
    priceVersion: priced ? table.version : `${table.version}:unpriced`,
    costMicros,
    latencyMs: Math.max(0, Math.round(p.latencyMs)),
    cacheStatus: "bypass",
    outcome: "ok",
    intent: "transcribe",
    fingerprint: "web:transcribe",
    preview: `voice message, ${Math.max(1, Math.round(p.seconds))} s`,
  };
}

/** One telephony line of the ledger (tier "phone", provider "twilio"). */
export function telephonyLedgerData(p: {
  kind: "voice-minutes" | "sms-in" | "sms-out" | "tts";
  conversationId: string | null;
  messageId?: string | null;
  /** Call seconds (voice), messages (sms) or characters (tts). */
  quantity: number;
  /** What it was about, shown on the cost page ("call 3 min", "text from the customer"). */
  preview: string;
  fingerprint: string;
  /** When it happened (the call's end, the text's arrival). */
  at: Date;
  table?: TelephonyPrices;
}): Prisma.AiCallCreateManyInput {
  const table = p.table ?? TELEPHONY_PRICES;
  const cost =
    p.kind === "voice-minutes"
      ? voiceCostMicros(p.quantity, table).costMicros
      : p.kind === "tts"
        ? ttsCostMicros(p.quantity, table)
        : smsCostMicros(p.quantity, table);
  return {
    createdAt: p.at,
    conversationId: p.conversationId,
    messageId: p.messageId ?? null,
    provider: p.kind === "tts" ? "openai" : "twilio",
    model: {
      "voice-minutes": "voice-minute",
      tts: "tts",
      "sms-in": "sms-message",
      "sms-out": "sms-message",
    }[p.kind],
    tier: p.kind === "voice-minutes" || p.kind === "tts" ? "voice" : "sms",
    priceVersion: table.version,
    costMicros: cost,
    latencyMs: 0,
    cacheStatus: "bypass",
    outcome: "ok",
    intent: p.kind,
    fingerprint: p.fingerprint,
    preview: p.preview.slice(0, 200),
  };
}
