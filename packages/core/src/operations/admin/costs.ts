// The owner's AI cost monitoring: the dashboard, budgets and alert settings, the alert inbox.
import { aiSpendCeiling } from "../../costs/ceiling";
import { getCostDashboard } from "../../costs/dashboard";
import { owner } from "../access";
import { defineOperation } from "../define";

export const getCostDashboardOp = defineOperation({
  name: "getCostDashboard",
  kind: "query",
  summary:
    "AI spend by period and day, top questions, latency and cache figures, and this month against the budget.",
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
