// The owner's AI cost monitoring: the dashboard, budgets and alert settings, the alert inbox.
import { z } from "zod";
import { aiSpendCeiling } from "../../costs/ceiling";
import { getCostDashboard } from "../../costs/dashboard";
import { owner } from "../access";
import { defineOperation } from "../define";
import { cents, instant } from "../output-schemas";

const micros = z.number().meta({ description: "US dollars × 1,000,000." });
const usageTotals = {
  costMicros: micros,
  savedMicros: micros,
  requests: z.number().int(),
  errors: z.number().int(),
  fallbacks: z.number().int(),
  cacheHits: z.number().int(),
  cacheMisses: z.number().int(),
  cacheBypass: z.number().int(),
};

export const getCostDashboardOp = defineOperation({
  name: "getCostDashboard",
  kind: "query",
  summary:
    "AI spend by period and day, top questions, latency and cache figures, and this month against the budget.",
  // The alert webhook's URL is a secret (a Slack webhook is its own credential): not listed here,
  // so REST never sends it.
  output: z.object({
    timeZone: z.string(),
    now: instant,
    periods: z.array(
      z.object({
        key: z.enum(["today", "week", "month"]),
        label: z.string(),
        start: instant,
        previousSamePointMicros: micros,
        previousTotalMicros: micros,
        budgetMicros: micros,
        ...usageTotals,
      }),
    ),
    daily: z.array(
      z.object({
        date: z.string(),
        byModel: z.record(z.string(), micros),
        byTier: z.record(z.string(), micros),
        ...usageTotals,
      }),
    ),
    models: z.array(z.string()),
    tiers: z.array(z.string()),
    cache: z.object({
      hitRate: z.number().nullable(),
      hits: z.number().int(),
      misses: z.number().int(),
      bypass: z.number().int(),
      savedMicros: micros,
    }),
    topQuestions: z.array(
      z.object({
        fingerprint: z.string(),
        preview: z.string(),
        calls: z.number().int(),
        totalMicros: micros,
        avgMicros: micros,
      }),
    ),
    topQuestionsFrom: z.string(),
    projection: z.object({
      monthToDateMicros: micros,
      recentDailyAvgMicros: micros,
      recentDays: z.number(),
      daysLeft: z.number(),
      projectedMicros: micros,
      method: z.string(),
      budgetMicros: micros,
    }),
    latency: z.array(
      z.object({
        group: z.string(),
        requests: z.number().int(),
        p50: z.number(),
        p95: z.number(),
        p99: z.number(),
      }),
    ),
    settings: z.object({
      dailyBudgetCents: cents,
      weeklyBudgetCents: cents,
      monthlyBudgetCents: cents,
      warnAtPercent: z.number(),
      spikePercent: z.number(),
      spikeMinIncreaseCents: cents,
      spikeMinRequests: z.number().int(),
      emailEnabled: z.boolean(),
    }),
    ceiling: z.object({
      month: z.string(),
      budgetMicros: micros,
      spentMicros: micros,
      reached: z.boolean(),
      reachedOn: z.string().nullable(),
      pausedReplies: z.number().int().nullable(),
    }),
  }),
  access: owner,
  async run(ctx) {
    const now = ctx.now();
    const [dashboard, ceiling] = await Promise.all([
      getCostDashboard(ctx.db, { now }),
      aiSpendCeiling(ctx.db, { now, countPaused: true }),
    ]);
    return { ...dashboard, ceiling };
  },
});
