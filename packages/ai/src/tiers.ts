// Answering a turn through the tier chain: the routed tier, then cheaper ones, ending at the
// built-in local tier. A tier without a model is skipped; an open circuit or the month's spend
// ceiling skips the paid tiers and marks the answer a fallback (never cached). One ledger row per
// model call, with the route's reasons.
import { aiSpendCeiling, BUDGET_PAUSE_REASON } from "@myhibachi/core";
import type { Db } from "@myhibachi/db";
import type { CircuitBreaker } from "./circuit";
import type { LedgerRow } from "./ledger";
import {
  ProviderError,
  type ChatProvider,
  type HistoryMessage,
  type ModelCall,
  type TurnResult,
} from "./providers/types";
import type { CachedAnswer, CacheStatus } from "./response-cache";
import { fallbackChain, type Tier } from "./router";
import type { ToolContext } from "./tools";
import type { TurnPlan } from "./assistant";

export interface TierDeps {
  db: Db;
  providers: Partial<Record<Tier, ChatProvider>>;
  local: ChatProvider;
  breaker: CircuitBreaker;
  now: () => Date;
}

export interface Computed {
  result: TurnResult;
  tier: Tier;
  provider: ChatProvider;
  ledger: LedgerRow[];
  fellBack: boolean;
}

export class TierChain {
  constructor(private readonly deps: TierDeps) {}

  provider(tier: Tier): ChatProvider | undefined {
    return tier === "local" ? this.deps.local : this.deps.providers[tier];
  }

  /** The tier that answers a turn routed to `routed` when nothing fails: the first configured. */
  answering(routed: Tier): Tier {
    return fallbackChain(routed).find((t) => this.provider(t)) ?? "local";
  }

  /** Runs the tier chain: the routed tier, then cheaper ones, ending at local. */
  async run(plan: TurnPlan): Promise<Computed> {
    const ledger: LedgerRow[] = [];
    const row = (
      call: ModelCall,
      tier: Tier,
      outcome: LedgerRow["outcome"],
      status: CacheStatus,
    ): LedgerRow => ({
      conversationId: plan.conversationId,
      provider: call.provider,
      model: call.model,
      tier,
      usage: call.usage,
      latencyMs: call.latencyMs,
      cacheStatus: status,
      outcome,
      error: call.error ?? null,
      intent: plan.recognition.intent,
      fingerprint: plan.fingerprint,
      preview: plan.preview,
      routeReasons: {
        score: plan.route.score,
        routed: plan.route.tier,
        reasons: plan.route.reasons,
      },
    });
    let failed = false;
    const skipped: string[] = [];
    let history: HistoryMessage[] | null = null;
    let tools: ToolContext | null = null;
    const chain = fallbackChain(plan.route.tier);
    // The hard spend ceiling: with this month's budget spent, no paid model is called at all.
    // The local answer is recorded as a fallback (never cached, so paid answers resume as soon
    // as the owner raises the budget) with the reason in the ledger row.
    const paidPaused =
      chain.some((t) => t !== "local" && this.deps.providers[t]) &&
      (await aiSpendCeiling(this.deps.db, { now: this.deps.now() })).reached;
    if (paidPaused) {
      plan.route.reasons.push(BUDGET_PAUSE_REASON);
      failed = true;
    }
    for (const tier of chain) {
      const provider = this.provider(tier);
      if (!provider) continue; // tier not configured: the next cheaper one answers
      if (tier !== "local" && paidPaused) continue;
      const id = `${provider.name}:${provider.model}`;
      if (tier !== "local" && this.deps.breaker.isOpen(id)) {
        skipped.push(`${tier}:circuit-open`);
        failed = true;
        continue;
      }
      try {
        const result = await provider.answer({
          tier,
          text: plan.text,
          history: (history ??= await plan.loadHistory()),
          recognition: plan.recognition,
          known: plan.known,
          tools: (tools ??= await plan.loadTools()),
        });
        this.deps.breaker.success(id);
        result.calls.forEach((c, i) =>
          ledger.push(
            row(c, tier, failed && i === result.calls.length - 1 ? "fallback" : "ok", "miss"),
          ),
        );
        if (skipped.length) plan.route.reasons.push(...skipped);
        return { result, tier, provider, ledger, fellBack: failed };
      } catch (err) {
        if (tier === "local") throw err;
        this.deps.breaker.failure(id);
        failed = true;
        const calls = err instanceof ProviderError ? err.calls : [];
        for (const c of calls) ledger.push(row(c, tier, c.error ? "error" : "ok", "miss"));
        if (!calls.length)
          ledger.push(
            row(
              {
                provider: provider.name,
                model: provider.model,
                usage: { promptTokens: 0, cachedTokens: 0, completionTokens: 0 },
                latencyMs: 0,
                error: err instanceof Error ? err.message : String(err),
              },
              tier,
              "error",
              "miss",
            ),
          );
      }
    }
    throw new Error("no tier could answer");
  }

  hitRow(plan: TurnPlan, hit: CachedAnswer, latencyMs: number): LedgerRow {
    return {
      conversationId: plan.conversationId,
      provider: "cache",
      model: hit.model,
      tier: plan.route.tier,
      usage: { promptTokens: 0, cachedTokens: 0, completionTokens: 0 },
      latencyMs,
      cacheStatus: "hit",
      outcome: "ok",
      intent: plan.recognition.intent,
      fingerprint: plan.fingerprint,
      preview: plan.preview,
      savedMicros: hit.costMicros,
      routeReasons: {
        score: plan.route.score,
        routed: plan.route.tier,
        reasons: plan.route.reasons,
      },
    };
  }
}
