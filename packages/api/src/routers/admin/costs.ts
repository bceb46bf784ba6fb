// AI cost monitoring for the owner: the dashboard, budgets and alert settings, the alert inbox.
import { z } from "zod";
import {
  getCostAlertSettings,
  operations as op,
  listCostAlerts,
  markCostAlertsRead,
  unreadCostAlerts,
  updateCostAlertSettings,
} from "@myhibachi/core";
import { queryOf } from "../../procedure";
import { ownerProcedure, router } from "../../trpc";

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

export const costAlertSettingsInput = z.object({
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

export const costsAdminRouter = router({
  dashboard: queryOf(op.getCostDashboard),
  settings: ownerProcedure.query(({ ctx }) => getCostAlertSettings(ctx.db)),
  updateSettings: ownerProcedure.input(costAlertSettingsInput).mutation(({ ctx, input }) =>
    updateCostAlertSettings(
      ctx.db,
      { ...input, webhookUrl: input.webhookUrl ?? null },
      {
        actorId: ctx.user.id,
      },
    ),
  ),
  alerts: ownerProcedure
    .input(
      z
        .object({
          cursor: z.string().max(100).optional(),
          limit: z.number().int().min(1).max(100).default(50),
        })
        .default({ limit: 50 }),
    )
    .query(({ ctx, input }) => listCostAlerts(ctx.db, input)),
  unread: ownerProcedure.query(({ ctx }) => unreadCostAlerts(ctx.db)),
  markRead: ownerProcedure
    .input(
      z.union([
        z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(200) }),
        z.object({ all: z.literal(true) }),
      ]),
    )
    .mutation(async ({ ctx, input }) => ({
      updated: await markCostAlertsRead(ctx.db, input, { now: ctx.now?.() ?? new Date() }),
    })),
});
