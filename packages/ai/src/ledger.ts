// The AI cost ledger (AiCall): one row per model call, cache hits included at zero cost with the
// cost they avoided. The owner's cost dashboard reads these rows as written here.
import type { Db, Prisma } from "@myhibachi/db";
import { costMicros, type TokenUsage } from "./prices";

export interface LedgerRow {
  conversationId?: string | null;
  messageId?: string | null;
  provider: string;
  model: string;
  tier: string;
  usage: TokenUsage;
  latencyMs: number;
  cacheStatus: "hit" | "miss" | "bypass";
  outcome: "ok" | "error" | "fallback";
  error?: string | null;
  intent?: string | null;
  fingerprint: string;
  preview: string;
  routeReasons?: unknown;
  /** Cache hits: what the replaced call cost. */
  savedMicros?: number;
}

export function ledgerData(row: LedgerRow): Prisma.AiCallCreateManyInput {
  const price = costMicros(row.model, row.usage);
  const hit = row.cacheStatus === "hit";
  return {
    conversationId: row.conversationId ?? null,
    messageId: row.messageId ?? null,
    provider: hit ? "cache" : row.provider,
    model: row.model,
    tier: row.tier,
    promptTokens: hit ? 0 : row.usage.promptTokens,
    cachedTokens: hit ? 0 : row.usage.cachedTokens,
    completionTokens: hit ? 0 : row.usage.completionTokens,
    priceVersion: price.priceVersion,
    costMicros: hit ? 0 : price.costMicros,
    savedMicros: hit ? Math.max(0, row.savedMicros ?? 0) : 0,
    latencyMs: Math.max(0, Math.round(row.latencyMs)),
    cacheStatus: row.cacheStatus,
    outcome: row.outcome,
    error: row.error ? row.error.slice(0, 1000) : null,
    intent: row.intent ?? null,
    fingerprint: row.fingerprint,
    preview: row.preview,
    ...(row.routeReasons !== undefined && row.routeReasons !== null
      ? { routeReasons: row.routeReasons as Prisma.InputJsonValue }
      : {}),
  };
}

export async function writeLedger(db: Pick<Db, "aiCall">, rows: LedgerRow[]): Promise<void> {
  if (!rows.length) return;
  // Distinct timestamps in call order (one statement would give them all the same one).
  const base = Date.now() - rows.length;
  await db.aiCall.createMany({
    data: rows.map((r, i) => ({ ...ledgerData(r), createdAt: new Date(base + i + 1) })),
  });
}
