// The alert rules, as a pure function of (ledger aggregates, settings, periods): no database, no
// clock. Whether an alert is new is decided by the database (UNIQUE rule + period + level).
import { formatCost as formatMicros } from "@myhibachi/shared";
import type { CostPeriods } from "./periods";
import type { CostAlertSettingsData } from "./settings";

export type CostAlertLevel = "WARNING" | "CRITICAL";
export type CostAlertRule =
  "daily_budget" | "weekly_budget" | "monthly_budget" | "spike" | "projection";

export interface AlertAggregates {
  todayMicros: number;
  weekMicros: number;
  monthMicros: number;
  /** Cost of the PROJECTION_DAYS complete days before today. */
  recentMicros: number;
  recentDays: number;
  /** [now - 1 h, now) */
  lastHourMicros: number;
  lastHourRequests: number;
  /** Average hourly cost over [now - 25 h, now - 1 h). */
  baselineHourlyMicros: number;
}

export interface AlertCandidate {
  rule: CostAlertRule;
  periodKey: string;
  level: CostAlertLevel;
  title: string;
  message: string;
  costMicros: number;
  thresholdMicros: number;
  data: Record<string, number | string>;
}

const cents = (c: number) => c * 10_000;

export interface Projection {
  monthToDateMicros: number;
  recentDailyAvgMicros: number;
  recentDays: number;
  daysLeft: number;
  projectedMicros: number;
  method: string;
}

/** Month-end projection: month-to-date + recent daily average x days left (fractional). */
export function projectMonthEnd(
  monthToDateMicros: number,
  recentMicros: number,
  recentDays: number,
  periods: Pick<CostPeriods, "month" | "now">,
): Projection {
  const recentDailyAvgMicros = Math.round(recentMicros / recentDays);
  const daysLeft = Math.max(0, (periods.month.end.getTime() - periods.now.getTime()) / 86_400_000);
  const projectedMicros = monthToDateMicros + Math.round(recentDailyAvgMicros * daysLeft);
  return {
    monthToDateMicros,
    recentDailyAvgMicros,
    recentDays,
    daysLeft,
    projectedMicros,
    method: `${formatMicros(monthToDateMicros)} so far this month + ${formatMicros(recentDailyAvgMicros)}/day (average of the last ${recentDays} complete days) × ${daysLeft.toFixed(1)} days left`,
  };
}

const BUDGETS = [
  {
    rule: "daily_budget",
    name: "Daily",
    field: "dailyBudgetCents",
    agg: "todayMicros",
    period: "today",
    when: "today",
  },
  {
    rule: "weekly_budget",
    name: "Weekly",
    field: "weeklyBudgetCents",
    agg: "weekMicros",
    period: "week",
    when: "this week",
  },
  {
    rule: "monthly_budget",
    name: "Monthly",
    field: "monthlyBudgetCents",
    agg: "monthMicros",
    period: "month",
    when: "this month",
  },
] as const;

export function evaluateCostRules(
  agg: AlertAggregates,
  settings: CostAlertSettingsData,
  periods: CostPeriods,
): AlertCandidate[] {
  const out: AlertCandidate[] = [];

  for (const b of BUDGETS) {
    const budget = cents(settings[b.field]);
    const cost = agg[b.agg];
    if (budget <= 0) continue;
    // Integer comparisons: cost / budget >= pct / 100.
    const level: CostAlertLevel | null =
      cost >= budget
        ? "CRITICAL"
        : cost * 100 >= budget * settings.warnAtPercent
          ? "WARNING"
          : null;
    if (!level) continue;
    const pct = Math.floor((cost * 100) / budget);
    out.push({
      rule: b.rule,
      periodKey: periods[b.period].key,
      level,
      title:
        level === "CRITICAL" ? `${b.name} AI budget exceeded` : `${b.name} AI budget at ${pct}%`,
      message: `AI spend ${b.when} is ${formatMicros(cost)}, ${pct}% of the ${formatMicros(budget)} ${b.name.toLowerCase()} budget.`,
      costMicros: cost,
      thresholdMicros:
        level === "CRITICAL" ? budget : Math.ceil((budget * settings.warnAtPercent) / 100),
      data: { budgetMicros: budget, percent: pct },
    });
  }

  // Spike: last hour well above its baseline, by enough money and over enough requests.
  const threshold = Math.ceil((agg.baselineHourlyMicros * settings.spikePercent) / 100);
  const increase = agg.lastHourMicros - agg.baselineHourlyMicros;
  if (
    agg.lastHourMicros > threshold &&
    increase >= cents(settings.spikeMinIncreaseCents) &&
    agg.lastHourRequests >= settings.spikeMinRequests
  ) {
    const ratio = agg.baselineHourlyMicros > 0 ? agg.lastHourMicros / agg.baselineHourlyMicros : 0;
    out.push({
      rule: "spike",
      periodKey: `${periods.now.toISOString().slice(0, 13)}Z`,
      level: "CRITICAL",
      title: "AI cost spike",
      message: `AI spend in the last hour is ${formatMicros(agg.lastHourMicros)} over ${agg.lastHourRequests} requests, ${ratio > 0 ? `${ratio.toFixed(1)}× ` : "far above "}the usual ${formatMicros(agg.baselineHourlyMicros)} an hour (average of the 24 hours before).`,
      costMicros: agg.lastHourMicros,
      thresholdMicros: threshold,
      data: {
        baselineHourlyMicros: agg.baselineHourlyMicros,
        requests: agg.lastHourRequests,
      },
    });
  }

  // Projected month end over the monthly budget (while the month itself is still under it).
  const monthly = cents(settings.monthlyBudgetCents);
  const p = projectMonthEnd(agg.monthMicros, agg.recentMicros, agg.recentDays, periods);
  if (monthly > 0 && agg.monthMicros < monthly && p.projectedMicros > monthly) {
    out.push({
      rule: "projection",
      periodKey: periods.month.key,
      level: "WARNING",
      title: "AI spend on track to exceed the monthly budget",
      message: `At the current pace this month ends at about ${formatMicros(p.projectedMicros)}, over the ${formatMicros(monthly)} monthly budget (${p.method}).`,
      costMicros: p.projectedMicros,
      thresholdMicros: monthly,
      data: {
        monthToDateMicros: p.monthToDateMicros,
        recentDailyAvgMicros: p.recentDailyAvgMicros,
      },
    });
  }
  return out;
}
