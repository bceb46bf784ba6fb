// Model prices come from a dated config file (prices/<date>.json), never from code branches.
// All money math is integer micro-dollars (1 USD = 1,000,000).
import prices20261101 from "../prices/2026-11-01.json" with { type: "json" };

export interface ModelPrice {
  /** USD per 1M uncached input tokens. */
  input: number;
  /** USD per 1M cached input tokens (the provider's published discount). */
  cachedInput: number;
  /** USD per 1M output tokens. */
  output: number;
}

export interface PriceTable {
  version: string;
  models: Record<string, ModelPrice>;
}

export const PRICES: PriceTable = prices20261101;

export interface TokenUsage {
  /** All input tokens, cached ones included (as OpenAI reports `prompt_tokens`). */
  promptTokens: number;
  /** The part of promptTokens served from the provider's prompt cache. */
  cachedTokens: number;
  completionTokens: number;
}

export const ZERO_USAGE: TokenUsage = { promptTokens: 0, cachedTokens: 0, completionTokens: 0 };

/** USD per 1M tokens as integer micro-dollars per 1M tokens (exact for prices with <= 6 decimals). */
const micros = (usd: number) => Math.round(usd * 1_000_000);

/** Looks a model up by exact name, then by its dated variants (gpt-4o-2024-08-06 -> gpt-4o). */
export function priceFor(model: string, table: PriceTable = PRICES): ModelPrice | undefined {
  if (table.models[model]) return table.models[model];
  const base = Object.keys(table.models)
    .filter((m) => model.startsWith(`${m}-`))
    .sort((a, b) => b.length - a.length)[0];
  return base ? table.models[base] : undefined;
}

/**
 * Cost of one call in integer micro-dollars, rounded half up once at the end. A model missing from
 * the price table (e.g. a self-hosted Ollama model) costs 0 and `priced` is false.
 */
export function costMicros(
  model: string,
  usage: TokenUsage,
  table: PriceTable = PRICES,
): { costMicros: number; priceVersion: string; priced: boolean } {
  const p = priceFor(model, table);
  if (!p) return { costMicros: 0, priceVersion: `${table.version}:unpriced`, priced: false };
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const uncached = usage.promptTokens - cached;
  // micro-dollars per 1M tokens x tokens = 1e-6 micro-dollars: divide once.
  const scaled =
    uncached * micros(p.input) +
    cached * micros(p.cachedInput) +
    usage.completionTokens * micros(p.output);
  return {
    costMicros: Math.floor((scaled + 500_000) / 1_000_000),
    priceVersion: table.version,
    priced: true,
  };
}
