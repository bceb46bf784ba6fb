// The owner's AI cost dashboard: every figure from one consistent snapshot (REPEATABLE READ) of
// the rollups + the fresh tail of the ledger, with periods in the business time zone.
import { Prisma, type Db } from "@myhibachi/db";
import { addDays } from "@myhibachi/shared";
import { costPeriods, samePointIn, type Period, CHART_DAYS, PROJECTION_DAYS } from "./periods";
import { bucketSource, num, questionSource, rollupWatermark, ts } from "./rollup";
import { projectMonthEnd, type Projection } from "./rules";
import { businessTimeZone, getCostAlertSettings, type CostAlertSettingsData } from "./settings";

export interface UsageTotals {
  costMicros: number;
  savedMicros: number;
  requests: number;
  errors: number;
  fallbacks: number;
  cacheHits: number;
  cacheMisses: number;
  cacheBypass: number;
}

export interface PeriodSummary extends UsageTotals {
  key: "today" | "week" | "month";
  label: string;
  start: Date;
  /** Cost of the previous period up to the same point (e.g. yesterday until this time of day). */
  previousSamePointMicros: number;
  previousTotalMicros: number;
  budgetMicros: number;
}

export interface DailyCost extends UsageTotals {
  date: string;
  byModel: Record<string, number>;
  byTier: Record<string, number>;
}

export interface TopQuestion {
  fingerprint: string;
  preview: string;
  calls: number;
  totalMicros: number;
  avgMicros: number;
}

export interface LatencyRow {
  group: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface CostDashboard {
  timeZone: string;
  now: Date;
  periods: PeriodSummary[];
  daily: DailyCost[];
  models: string[];
  tiers: string[];
  /** This month: hit rate = hits / (hits + misses); bypassed calls are not cacheable. */
  cache: {
    hitRate: number | null;
    hits: number;
    misses: number;
    bypass: number;
    savedMicros: number;
  };
  topQuestions: TopQuestion[];
  topQuestionsFrom: string;
  projection: Projection & { budgetMicros: number };
  latency: LatencyRow[];
  settings: CostAlertSettingsData;
}

const empty = (): UsageTotals => ({
  costMicros: 0,
  savedMicros: 0,
  requests: 0,
  errors: 0,
  fallbacks: 0,
  cacheHits: 0,
  cacheMisses: 0,
  cacheBypass: 0,
});

const TOTAL_KEYS = Object.keys(empty()) as (keyof UsageTotals)[];
function add(into: UsageTotals, r: UsageTotals): void {
  for (const k of TOTAL_KEYS) into[k] += r[k];
}

const floor15 = (d: Date) => new Date(Math.floor(d.getTime() / 900_000) * 900_000);

interface DayRow {
  day: string;
  model: string;
  tier: string;
  calls: bigint;
  cost: bigint;
  saved: bigint;
  hits: bigint;
  misses: bigint;
  bypass: bigint;
  errors: bigint;
  fallbacks: bigint;
}

export async function getCostDashboard(
  db: Db,
  { now, topN = 10 }: { now: Date; topN?: number },
): Promise<CostDashboard> {
  const timeZone = await businessTimeZone(db);
  const settings = await getCostAlertSettings(db);
  const p = costPeriods(now, timeZone);
  const from = new Date(Math.min(p.chartStart.getTime(), p.lastMonth.start.getTime()));

  return db.$transaction(
    async (tx) => {
      const w = await rollupWatermark(tx, timeZone, now);

      const dayRows = await tx.$queryRaw<DayRow[]>`
        SELECT to_char((t AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS day, model, tier,
               sum(calls) AS calls, sum(cost) AS cost, sum(saved) AS saved, sum(hits) AS hits,
               sum(misses) AS misses, sum(bypass) AS bypass, sum(errors) AS errors,
               sum(fallbacks) AS fallbacks
        FROM (${bucketSource(w, from, now)}) b
        GROUP BY 1, 2, 3`;

      // "Same point in the previous period": whole buckets, then the exact last partial bucket.
      const pairs: [Period, Period][] = [
        [p.today, p.yesterday],
        [p.week, p.lastWeek],
        [p.month, p.lastMonth],
      ];
      const cuts = pairs.map(([cur, prev]) => {
        const cut = samePointIn(prev, cur, now);
        return { start: prev.start, floor: floor15(cut), cut };
      });
      const [same] = await tx.$queryRaw<Record<string, unknown>[]>`
        SELECT ${Prisma.join(
          cuts.map(
            (c, i) => Prisma.sql`
              (SELECT coalesce(sum(cost), 0) FROM (${bucketSource(w, c.start, c.floor)}) b)
              + (SELECT coalesce(sum("costMicros"), 0) FROM "AiCall"
                 WHERE "createdAt" >= ${ts(c.floor)} AND "createdAt" < ${ts(c.cut)}) AS ${Prisma.raw(`"p${i}"`)}`,
          ),
        )}`;

      const latency = await tx.$queryRaw<{ grp: string | null; requests: bigint; p: number[] }[]>`
        SELECT CASE WHEN "cacheStatus" = 'hit' THEN 'cache hits' ELSE tier END AS grp,
               count(*) AS requests,
               percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY "latencyMs") AS p
        FROM "AiCall"
        WHERE "createdAt" >= ${ts(new Date(now.getTime() - 7 * 86_400_000))} AND "createdAt" < ${ts(now)}
        GROUP BY ROLLUP (1)`;

      const top = await tx.$queryRaw<
        { fingerprint: string; calls: bigint; cost: bigint; preview: string }[]
      >`
        SELECT fingerprint, sum(calls) AS calls, sum(cost) AS cost, max(preview) AS preview
        FROM (${questionSource(w, p.questionsFrom, p.questionsStart, now)}) q
        GROUP BY fingerprint
        ORDER BY sum(cost) DESC, fingerprint
        LIMIT ${topN}`;

      // ---- shape the results
      const days = new Map<string, DailyCost>();
      const chartFrom = addDays(p.date, -(CHART_DAYS - 1));
      for (let i = 0; i < CHART_DAYS; i++) {
        const date = addDays(chartFrom, i);
        days.set(date, { date, ...empty(), byModel: {}, byTier: {} });
      }
      const models = new Set<string>();
      const tiers = new Set<string>();
      const allDays = new Map<string, UsageTotals>();
      for (const r of dayRows) {
        const t: UsageTotals = {
          costMicros: num(r.cost),
          savedMicros: num(r.saved),
          requests: num(r.calls),
          errors: num(r.errors),
          fallbacks: num(r.fallbacks),
          cacheHits: num(r.hits),
          cacheMisses: num(r.misses),
          cacheBypass: num(r.bypass),
        };
        const all = allDays.get(r.day) ?? empty();
        add(all, t);
        allDays.set(r.day, all);
        const d = days.get(r.day);
        if (!d) continue;
        add(d, t);
        d.byModel[r.model] = (d.byModel[r.model] ?? 0) + t.costMicros;
        d.byTier[r.tier] = (d.byTier[r.tier] ?? 0) + t.costMicros;
        models.add(r.model);
        tiers.add(r.tier);
      }
      const sumDays = (fromDate: string, toDate: string): UsageTotals => {
        const out = empty();
        for (const [day, t] of allDays) if (day >= fromDate && day < toDate) add(out, t);
        return out;
      };
      const month = sumDays(`${p.month.key}-01`, addDays(p.date, 1));
      const budgets = {
        today: settings.dailyBudgetCents,
        week: settings.weeklyBudgetCents,
        month: settings.monthlyBudgetCents,
      };
      const periods: PeriodSummary[] = (
        [
          ["today", "Today", p.today, p.yesterday],
          ["week", "This week", p.week, p.lastWeek],
          ["month", "This month", p.month, p.lastMonth],
        ] as const
      ).map(([key, label, cur, prev], i) => ({
        key,
        label,
        start: cur.start,
        ...sumDays(key === "month" ? `${cur.key}-01` : cur.key, addDays(p.date, 1)),
        previousSamePointMicros: num(same?.[`p${i}`]),
        previousTotalMicros: sumDays(
          key === "month" ? `${prev.key}-01` : prev.key,
          key === "month" ? `${cur.key}-01` : cur.key,
        ).costMicros,
        budgetMicros: budgets[key] * 10_000,
      }));
      const recent = sumDays(addDays(p.date, -PROJECTION_DAYS), p.date);
      const cacheable = month.cacheHits + month.cacheMisses;
      return {
        timeZone,
        now,
        periods,
        daily: [...days.values()],
        models: [...models].sort(),
        tiers: [...tiers].sort(),
        cache: {
          hitRate: cacheable ? month.cacheHits / cacheable : null,
          hits: month.cacheHits,
          misses: month.cacheMisses,
          bypass: month.cacheBypass,
          savedMicros: month.savedMicros,
        },
        topQuestions: top.map((q) => ({
          fingerprint: q.fingerprint,
          preview: q.preview,
          calls: num(q.calls),
          totalMicros: num(q.cost),
          avgMicros: Math.round(num(q.cost) / Math.max(1, num(q.calls))),
        })),
        topQuestionsFrom: p.questionsFrom,
        projection: {
          ...projectMonthEnd(month.costMicros, recent.costMicros, PROJECTION_DAYS, p),
          budgetMicros: settings.monthlyBudgetCents * 10_000,
        },
        latency: latency.map((l) => ({
          group: l.grp ?? "all",
          requests: num(l.requests),
          // percentile_cont over no rows (a new business) is NULL.
          p50: num(l.p?.[0] ?? 0),
          p95: num(l.p?.[1] ?? 0),
          p99: num(l.p?.[2] ?? 0),
        })),
        settings,
      };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 60_000 },
  );
}
