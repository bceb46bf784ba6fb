import Link from "next/link";
import type { Metadata } from "next";
import { Badge, Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { formatLocalDate } from "@myhibachi/shared";
import { adminApi, requireStaff } from "~/server/session";
import { NoRunYet, RunLine } from "../insights-run";
import { ForecastChart } from "./charts";

export const metadata: Metadata = { title: "Forecast" };
export const dynamic = "force-dynamic";

const FLAG = {
  short: { tone: "red", words: "short" },
  over: { tone: "amber", words: "more than needed" },
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
  const flagged = f.staffing.filter((s) => s.flag !== "ok");
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
            Forecast from the bookings before that period.
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
          Chefs needed from the forecast guests ({fmt(f.guestsPerBooking)} a booking on average, up
          to {f.guestsPerChef} guests a chef a day), against the chefs scheduled.{" "}
          {flagged.length
            ? `${flagged.length} day${flagged.length === 1 ? "" : "s"} flagged.`
            : "No day flagged."}
        </p>
        <div className="overflow-x-auto">
          <table className="mt-2 w-full min-w-[36rem] text-sm [&_td]:py-1 [&_td]:pr-3 [&_th]:pr-3">
            <thead>
              <tr className="text-left text-muted">
                <th scope="col">Day</th>
                <th scope="col">Bookings</th>
                <th scope="col">Chefs needed</th>
                <th scope="col">Scheduled</th>
                <th scope="col">Suggestions</th>
              </tr>
            </thead>
            <tbody>
              {f.staffing.map((s) => (
                <tr
                  key={s.date}
                  className="border-t border-stone-100 align-top"
                  data-testid={`staffing-${s.date}`}
                >
                  <th scope="row" className="text-left font-medium">
                    {formatLocalDate(s.date, "weekdayDate")}
                  </th>
                  <td>
                    {fmt(s.expectedBookings)}
                    <span className="block text-xs text-muted">busy day {s.busyBookings}</span>
                  </td>
                  <td>
                    {s.chefsNeeded}
                    <span className="block text-xs text-muted">busy day {s.chefsNeededBusy}</span>
                  </td>
                  <td>
                    {s.chefsScheduled} <Badge tone={FLAG[s.flag].tone}>{FLAG[s.flag].words}</Badge>
                  </td>
                  <td>
                    {s.suggestions.length === 0 ? (
                      <span className="text-muted">–</span>
                    ) : (
                      <ul className="list-disc pl-4">
                        {s.suggestions.map((g) => (
                          <li key={g.kind}>{g.message}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
