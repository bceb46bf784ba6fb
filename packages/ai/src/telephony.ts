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
