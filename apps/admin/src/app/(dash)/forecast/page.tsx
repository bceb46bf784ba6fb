import Link from "next/link";
import type { Metadata } from "next";
import { Badge, Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { formatLocalDate } from "@myhibachi/shared";
import { adminApi, requireStaff } from "~/server/session";
import { NoRunYet, RunLine } from "../insights-run";
import { ForecastChart } from "./charts";

export const metadata: Metadata = { title: "Forecast" };
export const dynamic = "force-dynamic";

/** Short of chefs is the flag that matters; more chefs than even a busy day needs is a note. */
const FLAG = {
  short: { tone: "red", words: "short of chefs" },
  over: { tone: "neutral", words: "room for more" },
  ok: { tone: "green", words: "ok" },
} as const;

const fmt = (v: number) => (Math.round(v * 10) / 10).toString();

export default async function ForecastPage({
  searchParams,
}: {
  searchParams: Promise<{ days?: string }>;
}) {
  await requireStaff(["OWNER"]);
  const days = (await searchParams).days === "90" ? 90 : 30;
  const api = await adminApi();
  const [{ timeZone }, f] = await Promise.all([
    api.bookings.businessToday(),
    api.owner.insights.forecast({ days }).catch((e: Error) => e),
  ]);
  if (f instanceof Error) return <ErrorBox>{errorMessage(f)}</ErrorBox>;
  if (!f) return <NoRunYet title="Forecast" />;
  const expected = f.days.reduce((s, d) => s + Math.max(d.mean, d.onBooksNow), 0);
  const booked = f.days.reduce((s, d) => s + d.onBooksNow, 0);
  const booksThen = f.backtest.reduce((s, d) => s + d.onBooks, 0);
  const happened = f.backtest.reduce((s, d) => s + d.actual, 0);
  const short = f.staffing.filter((s) => s.flag === "short");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Forecast</h1>
      <RunLine run={f.run} timeZone={timeZone} />
      <nav aria-label="Forecast length" className="flex gap-3 text-sm">
        {([30, 90] as const).map((d) => (
          <Link
            key={d}
            href={d === 30 ? "/forecast" : "/forecast?days=90"}
            aria-current={days === d ? "page" : undefined}
            className={days === d ? "font-semibold underline" : "underline"}
          >
            Next {d} days
          </Link>
        ))}
      </nav>
      <Card>
        <h2 className="font-semibold">Bookings per day, next {days} days</h2>
        <p className="text-sm text-muted">
          About {Math.round(expected)} bookings expected; {booked} already booked. The band is where
          8 days in 10 should fall.
        </p>
        <ForecastChart
          data={f.days.map((d) => ({ ...d, count: d.onBooksNow }))}
          countLabel="Booked now"
          label={`Forecast bookings per day for the next ${days} days with 80 % intervals, and bookings already made`}
        />
      </Card>
      {f.backtest.length > 0 && (
        <Card>
          <h2 className="font-semibold">The last 30 days: forecast against what happened</h2>
          <p className="text-sm text-muted">
            Forecast the way the chart above forecasts, as of the start of that period: the{" "}
            {booksThen} part{booksThen === 1 ? "y" : "ies"} already on the books then (cancelled
            ones included), plus the bookings usually still to come, from the history before it.
            Actual: the {happened} part{happened === 1 ? "y" : "ies"} that took place.
            {f.model?.mase != null && f.model.seasonalNaiveMase != null
              ? ` Error (MASE) ${fmt(f.model.mase)} against ${fmt(f.model.seasonalNaiveMase)} for “same as a week before”.`
              : ""}
          </p>
          <ForecastChart
            data={f.backtest.map((d) => ({ ...d, count: d.actual }))}
            countLabel="Actual"
            label="Forecast against actual bookings for the last 30 days"
          />
        </Card>
      )}
      <Card>
        <h2 className="font-semibold">Staffing</h2>
        <p className="text-sm text-muted">
          Chefs needed from the forecast parties (a chef cooks one party at a time: last year a
          party took {fmt(f.chefsPerParty)} chef{f.chefsPerParty === 1 ? "" : "s"} and a chef cooked{" "}
          {fmt(f.partiesPerChef)} part{f.partiesPerChef === 1 ? "y" : "ies"} on a working day),
          against the chefs scheduled.{" "}
          {short.length
            ? `${short.length} day${short.length === 1 ? "" : "s"} short of chefs.`
            : "No day is short of chefs."}
        </p>
        <ul className="mt-2 divide-y divide-stone-100 text-sm" aria-label="Staffing by day">
          {f.staffing.map((s) => (
            <li
              key={s.date}
              className="grid gap-x-4 gap-y-1 py-2 sm:grid-cols-[11rem_1fr_1fr]"
              data-testid={`staffing-${s.date}`}
            >
              <span className="font-medium">
                {formatLocalDate(s.date, "weekdayDate")}{" "}
                {s.flag !== "ok" && <Badge tone={FLAG[s.flag].tone}>{FLAG[s.flag].words}</Badge>}
              </span>
              <span>
                {fmt(s.expectedBookings)} booking{fmt(s.expectedBookings) === "1" ? "" : "s"}{" "}
                expected
                <span className="text-muted"> (busy day {fmt(s.busyBookings)})</span>
              </span>
              <span>
                {s.chefsNeeded} chef{s.chefsNeeded === 1 ? "" : "s"} needed
                <span className="text-muted"> (busy day {s.chefsNeededBusy})</span>,{" "}
                {s.chefsScheduled} scheduled
              </span>
              {s.suggestions.length > 0 && (
                <ul className="list-disc pl-5 text-muted sm:col-span-3">
                  {s.suggestions.map((g) => (
                    <li key={g.kind}>{g.message}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
