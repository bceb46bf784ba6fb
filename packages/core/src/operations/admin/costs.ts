// The owner's AI cost monitoring: the dashboard, budgets and alert settings, the alert inbox.
import { z } from "zod";
import { aiSpendCeiling } from "../../costs/ceiling";
import { getCostDashboard } from "../../costs/dashboard";
import { listCostAlerts, markCostAlertsRead, unreadCostAlerts } from "../../costs/inbox";
import { getCostAlertSettings, updateCostAlertSettings } from "../../costs/settings";
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

const budget = (what: string) =>
  z
    .number({ error: `Enter the ${what} budget in dollars.` })
    .int(`The ${what} budget must be in whole cents.`)
    .min(100, `The ${what} budget must be at least $1.00.`)
    .max(100_000_000, `The ${what} budget can be at most $1,000,000.`);

const isHttpUrl = (s: string) => {
  try {
    const u = new URL(s);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
};

const costAlertSettingsInput = z.object({
  dailyBudgetCents: budget("daily"),
  weeklyBudgetCents: budget("weekly"),
  monthlyBudgetCents: budget("monthly"),
  warnAtPercent: z
    .number({ error: "Enter the warning level as a percentage." })
    .int("Use a whole percentage for the warning level.")
    .min(10, "Warn at 10% of a budget or more.")
    .max(99, "The warning must come before the budget is used up: at most 99%."),
  spikePercent: z
    .number({ error: "Enter the spike level as a percentage." })
    .int("Use a whole percentage for the spike level.")
    .min(110, "A spike must be at least 110% of the usual hourly cost.")
    .max(10_000, "A spike level above 10,000% would never fire."),
  spikeMinIncreaseCents: z
    .number({ error: "Enter the smallest spike increase in dollars." })
    .int("The smallest spike increase must be in whole cents.")
    .min(0, "The smallest spike increase can't be negative.")
    .max(10_000_000, "The smallest spike increase can be at most $100,000."),
  spikeMinRequests: z
    .number({ error: "Enter the smallest number of requests for a spike." })
    .int("The number of requests must be a whole number.")
    .min(1, "A spike needs at least 1 request.")
    .max(1_000_000, "At most 1,000,000 requests."),
  emailEnabled: z.boolean(),
  webhookUrl: z
    .string()
    .trim()
    .max(500, "The webhook URL is too long (at most 500 characters).")
    .refine((s) => s === "" || isHttpUrl(s), "Enter the full webhook URL, starting with https://")
    .transform((s) => s || null)
    .nullable(),
});

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
  reads: "replica",
  async run(ctx) {
    const now = ctx.now();
    const [dashboard, ceiling] = await Promise.all([
      getCostDashboard(ctx.db, { now }),
      aiSpendCeiling(ctx.db, { now, countPaused: true }),
    ]);
    return { ...dashboard, ceiling };
  },
});

export const getCostAlertSettingsOp = defineOperation({
  name: "getCostAlertSettings",
  kind: "query",
  summary: "The AI budgets (day, week, month), warning and spike levels, and where alerts go.",
  access: owner,
  run(ctx) {
    return getCostAlertSettings(ctx.db);
  },
});

export const updateCostAlertSettingsOp = defineOperation({
  name: "updateCostAlertSettings",
  kind: "mutation",
  summary: "Set the AI budgets, warning and spike levels, alert email and webhook.",
  input: costAlertSettingsInput,
  access: owner,
  run(ctx, input, user) {
    return updateCostAlertSettings(
      ctx.db,
      { ...input, webhookUrl: input.webhookUrl ?? null },
      { actorId: user.id },
    );
  },
});

export const listCostAlertsOp = defineOperation({
  name: "listCostAlerts",
  kind: "query",
  summary: "AI cost alerts, newest first, with how each was delivered; a page at a time.",
  input: z
    .object({
      cursor: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(100).default(50),
    })
    .default({ limit: 50 }),
  access: owner,
  run(ctx, input) {
    return listCostAlerts(ctx.db, input);
  },
});

export const listUnreadCostAlertsOp = defineOperation({
  name: "listUnreadCostAlerts",
  kind: "query",
  summary: "How many AI cost alerts are unread, and the newest five.",
  access: owner,
  run(ctx) {
    return unreadCostAlerts(ctx.db);
  },
});

export const markCostAlertsReadOp = defineOperation({
  name: "markCostAlertsRead",
  kind: "mutation",
  summary: "Mark the given AI cost alerts, or all unread ones, read.",
  input: z.union([
    z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(200) }),
    z.object({ all: z.literal(true) }),
  ]),
  access: owner,
  async run(ctx, input) {
    return { updated: await markCostAlertsRead(ctx.db, input, { now: ctx.now() }) };
  },
});
