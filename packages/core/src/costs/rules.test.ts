import { describe, expect, it } from "vitest";
import { costPeriods } from "./periods";
import { evaluateCostRules, type AlertAggregates } from "./rules";
import { DEFAULT_COST_ALERT_SETTINGS as S } from "./settings";

const $ = (d: number) => Math.round(d * 1_000_000);
const base: AlertAggregates = {
  todayMicros: 0,
  weekMicros: 0,
  monthMicros: 0,
  recentMicros: 0,
  recentDays: 7,
  lastHourMicros: 0,
  lastHourRequests: 0,
  baselineHourlyMicros: 0,
};
const periods = costPeriods(new Date("2026-11-18T20:00:00Z"), "America/Los_Angeles");
const rules = (a: Partial<AlertAggregates>) =>
  evaluateCostRules({ ...base, ...a }, S, periods).map(
    (c) => `${c.rule}/${c.level}/${c.periodKey}`,
  );

describe("cost alert rules", () => {
  it("budgets: nothing at 79%, a warning at 80%, the alert at 100% (business-zone periods)", () => {
    expect(rules({ todayMicros: $(39.5), weekMicros: $(237), monthMicros: $(790) })).toEqual([]);
    expect(rules({ todayMicros: $(40), weekMicros: $(240), monthMicros: $(800) })).toEqual([
      "daily_budget/WARNING/2026-11-18",
      "weekly_budget/WARNING/2026-11-16",
      "monthly_budget/WARNING/2026-11",
    ]);
    expect(rules({ todayMicros: $(50), weekMicros: $(300), monthMicros: $(1000) })).toEqual([
      "daily_budget/CRITICAL/2026-11-18",
      "weekly_budget/CRITICAL/2026-11-16",
      "monthly_budget/CRITICAL/2026-11",
    ]);
  });

  it("spike: > 1.5x baseline with enough money and requests; low volume pages nobody", () => {
    const spike = { baselineHourlyMicros: $(1), lastHourMicros: $(2.1), lastHourRequests: 25 };
    expect(rules(spike)).toEqual(["spike/CRITICAL/2026-11-18T20Z"]);
    expect(rules({ ...spike, lastHourMicros: $(1.5) })).toEqual([]); // exactly 1.5x: not above
    expect(rules({ ...spike, lastHourRequests: 19 })).toEqual([]); // too few requests
    // 10x, but only $0.09 more than usual: under the $1 minimum increase.
    expect(
      rules({ baselineHourlyMicros: $(0.01), lastHourMicros: $(0.1), lastHourRequests: 50 }),
    ).toEqual([]);
  });

  it("projection: month-to-date + 7-day average x days left over the monthly budget", () => {
    // Nov 18 noon PST: 12.5 days left. $500 so far + $45/day x 12.5 = $1,062.50 > $1,000.
    const c = evaluateCostRules({ ...base, monthMicros: $(500), recentMicros: $(315) }, S, periods);
    expect(c.map((x) => `${x.rule}/${x.level}/${x.periodKey}`)).toEqual([
      "projection/WARNING/2026-11",
    ]);
    expect(c[0]!.costMicros).toBe($(1062.5));
    expect(rules({ monthMicros: $(500), recentMicros: $(280) })).toEqual([]); // $40/day: $1,000 exactly, not over
  });
});
