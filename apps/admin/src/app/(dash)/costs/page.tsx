import type { Metadata } from "next";
import Link from "next/link";
import {
  describeChange,
  formatCost,
  formatLocalDate,
  formatMicros,
  formatZoneName,
} from "@myhibachi/shared";
import { Badge, Card } from "@myhibachi/ui";
import { adminApi, requireStaff } from "~/server/session";
import { CostByDayChart, RequestsChart, SavedChart } from "./charts";

export const metadata: Metadata = { title: "AI costs" };
export const dynamic = "force-dynamic";

/** Below a dollar a percentage says nothing useful (3 cents to $8.55 would be "+28,400%"). */
const MIN_BASE_MICROS = 1_000_000;

const PREVIOUS = { today: "yesterday", week: "last week", month: "last month" } as const;

/** "2026-11-24" -> "November 24, 2026" (a calendar date: no time zone shift). */
const longDate = (date: string) => formatLocalDate(date, "longDate");

function pct(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : "–";
}

export default async function CostsPage() {
  await requireStaff(["OWNER"]);
  const d = await (await adminApi()).costs.dashboard();
  const month = d.periods[2]!;
  const p = d.projection;
  const overBudget = p.projectedMicros > p.budgetMicros;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">AI costs</h1>
        <p className="text-sm text-muted">
          Times in {formatZoneName(d.timeZone)}; weeks start on Monday.{" "}
          <Link className="underline" href="/alerts">
            Alerts and budgets
          </Link>
        </p>
      </div>

      {d.ceiling.reached && (
        <Card>
          <p className="font-semibold text-red-700" role="alert" data-testid="budget-paused">
            Monthly AI budget reached on {longDate(d.ceiling.reachedOn!)}: paid models are paused,
            the local assistant is answering; raise the budget to resume.
          </p>
          <p className="mt-1 text-sm text-muted">
            {formatMicros(d.ceiling.spentMicros)} spent of the{" "}
            {formatMicros(d.ceiling.budgetMicros)} monthly budget
            {d.ceiling.pausedReplies
              ? ` · ${d.ceiling.pausedReplies.toLocaleString("en-US")} replies answered locally since`
              : ""}
            .{" "}
            <Link className="underline" href="/alerts">
              Change the budget
            </Link>
          </p>
        </Card>
      )}

      <div className="grid gap-4 md:grid-cols-3">
        {d.periods.map((s) => {
          const change = describeChange(s.costMicros, s.previousSamePointMicros, {
            minBase: MIN_BASE_MICROS,
            format: formatMicros,
          });
          const up = s.costMicros > s.previousSamePointMicros;
          return (
            <Card key={s.key}>
              <h2 className="text-sm font-semibold text-muted">{s.label}</h2>
              <p className="mt-1 text-3xl font-extrabold" data-testid={`cost-${s.key}`}>
                {formatMicros(s.costMicros)}
              </p>
              <p className="text-sm">
                <span
                  className={up ? "text-red-700" : "text-green-800"}
                  data-testid={`change-${s.key}`}
                >
                  {change}
                </span>{" "}
                vs {formatMicros(s.previousSamePointMicros)} at this point {PREVIOUS[s.key]} (
                {formatMicros(s.previousTotalMicros)} in all)
              </p>
              <p className="mt-1 text-sm text-muted">
                {pct(s.costMicros, s.budgetMicros)} of the {formatMicros(s.budgetMicros)} budget ·{" "}
                <span data-testid={`requests-${s.key}`}>{s.requests.toLocaleString("en-US")}</span>{" "}
                requests · {s.errors} errors · {s.fallbacks} fallbacks
              </p>
            </Card>
          );
        })}
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="font-semibold">Month-end projection</h2>
          <p className="mt-1 text-3xl font-extrabold" data-testid="projection">
            {formatMicros(p.projectedMicros)}
          </p>
          <p className="text-sm">
            {overBudget ? (
              <Badge tone="red">over budget</Badge>
            ) : (
              <Badge tone="green">within budget</Badge>
            )}{" "}
            monthly budget {formatMicros(p.budgetMicros)}
          </p>
          <p className="mt-2 text-sm text-muted">
            Method: {formatMicros(p.monthToDateMicros)} so far this month +{" "}
            {formatCost(p.recentDailyAvgMicros)}/day (the average of the last {p.recentDays}{" "}
            complete days) × {p.daysLeft.toFixed(1)} days left.
          </p>
        </Card>
        <Card>
          <h2 className="font-semibold">Response cache this month</h2>
          <p className="mt-1 text-3xl font-extrabold" data-testid="cache-hit-rate">
            {d.cache.hitRate === null ? "–" : `${(d.cache.hitRate * 100).toFixed(1)}%`}
          </p>
          <p className="text-sm">
            hit rate ({d.cache.hits.toLocaleString("en-US")} hits,{" "}
            {d.cache.misses.toLocaleString("en-US")} misses;{" "}
            {d.cache.bypass.toLocaleString("en-US")} not cacheable)
          </p>
          <p className="mt-1 text-sm">
            Saved <strong data-testid="cache-saved">{formatMicros(d.cache.savedMicros)}</strong>{" "}
            this month ({formatMicros(month.costMicros)} spent)
          </p>
          <SavedChart days={d.daily} />
        </Card>
      </div>

      <Card>
        <CostByDayChart days={d.daily} models={d.models} tiers={d.tiers} />
      </Card>

      <Card>
        <h2 className="font-semibold">Top expensive questions (since {d.topQuestionsFrom})</h2>
        <div className="overflow-x-auto">
          <table className="mt-2 w-full text-sm" aria-label="Top expensive questions">
            <thead>
              <tr className="border-b text-left">
                <th className="py-2">Question (masked)</th>
                <th className="text-right">Asked</th>
                <th className="text-right">Total</th>
                <th className="text-right">Average</th>
              </tr>
            </thead>
            <tbody>
              {d.topQuestions.map((q) => (
                <tr key={q.fingerprint} className="border-b border-stone-100">
                  <td className="py-2">{q.preview}</td>
                  <td className="text-right">{q.calls.toLocaleString("en-US")}</td>
                  <td className="text-right">{formatMicros(q.totalMicros)}</td>
                  <td className="text-right">{formatMicros(q.avgMicros, 4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {d.topQuestions.length === 0 && <p className="py-4 text-muted">No questions yet.</p>}
      </Card>

      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="font-semibold">Requests, errors and fallbacks per day</h2>
          <RequestsChart days={d.daily} />
        </Card>
        <Card>
          <h2 className="font-semibold">Latency, last 7 days</h2>
          <table className="mt-2 w-full text-sm" aria-label="Latency percentiles">
            <thead>
              <tr className="border-b text-left">
                <th className="py-2">Tier</th>
                <th className="text-right">Requests</th>
                <th className="text-right">p50</th>
                <th className="text-right">p95</th>
                <th className="text-right">p99</th>
              </tr>
            </thead>
            <tbody>
              {d.latency.map((l) => (
                <tr
                  key={l.group}
                  className={`border-b border-stone-100 ${l.group === "all" ? "font-semibold" : ""}`}
                >
                  <td className="py-2">{l.group}</td>
                  <td className="text-right">{l.requests.toLocaleString("en-US")}</td>
                  <td className="text-right">{l.p50.toLocaleString("en-US")} ms</td>
                  <td className="text-right">{l.p95.toLocaleString("en-US")} ms</td>
                  <td className="text-right">{l.p99.toLocaleString("en-US")} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.latency.length === 0 && (
            <p className="py-4 text-muted">No requests in the last 7 days.</p>
          )}
        </Card>
      </div>
    </div>
  );
}
