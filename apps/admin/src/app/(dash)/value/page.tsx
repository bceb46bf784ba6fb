import Link from "next/link";
import type { Metadata } from "next";
import { Badge, Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { formatCents, formatWholeDollars } from "@myhibachi/shared";
import { adminApi, requireStaff } from "~/server/session";
import { NoRunYet, RunLine } from "../insights-run";
import { ClvDistributionChart } from "./charts";
import { expectedCount, ggBoundaryWords } from "./models";

export const metadata: Metadata = { title: "Customer value" };
export const dynamic = "force-dynamic";

/** "$250", "$1k", "$5k": an axis label that fits a phone. */
const short = (cents: number) =>
  cents >= 100_000 ? `$${cents / 100_000}k` : formatWholeDollars(cents);
/** "about 1 booking", "about 12 bookings": an expected count, said as one. */
const bookingsWords = (n: number) => {
  const r = Math.round(n);
  return `about ${r} booking${r === 1 ? "" : "s"}`;
};
const param = (v: number | undefined) => (v === undefined ? "–" : v.toPrecision(4));

export default async function ValuePage() {
  await requireStaff(["OWNER"]);
  const api = await adminApi();
  const [{ timeZone }, v] = await Promise.all([
    api.bookings.businessToday(),
    api.owner.insights.value({ top: 10 }).catch((e: Error) => e),
  ]);
  if (v instanceof Error) return <ErrorBox>{errorMessage(v)}</ErrorBox>;
  if (!v) return <NoRunYet title="Customer value" />;
  const m = v.run.models;
  const total = v.segments.reduce((s, x) => s + x.clvCents, 0);
  const ggWords = ggBoundaryWords(m.gammaGamma?.params);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Customer value</h1>
      <RunLine run={v.run} timeZone={timeZone} />
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        {v.segments.map((s) => (
          <Card key={s.segment} className="min-w-0">
            <h2 className="font-semibold" data-testid={`segment-${s.segment}`}>
              {v.actions[s.segment].title}
            </h2>
            <p className="text-2xl font-bold">{s.customers}</p>
            <p className="text-sm text-muted">
              {formatWholeDollars(s.clvCents)} expected over 12 months
              {total > 0 ? ` (${Math.round((s.clvCents / total) * 100)}% of all)` : ""},{" "}
              {bookingsWords(s.expectedBookings)}
            </p>
            <h3 className="mt-2 text-sm font-semibold">What to do</h3>
            <ul className="list-disc pl-5 text-sm">
              {v.actions[s.segment].actions.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </Card>
        ))}
      </div>
      {/* min-w-0: a grid item is as wide as its content by default, so the top customers' table
          (and the chart) widened the page past a 390 px phone; now the table scrolls in its box. */}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card className="min-w-0">
          <h2 className="font-semibold">Lifetime value, next 12 months</h2>
          <ClvDistributionChart
            data={v.distribution.map((d) => ({
              label: d.toCents === null ? `${short(d.fromCents)}+` : `<${short(d.toCents)}`,
              range:
                d.toCents === null
                  ? `${formatWholeDollars(d.fromCents)} and more`
                  : `${formatWholeDollars(d.fromCents)} to ${formatWholeDollars(d.toCents)}`,
              customers: d.customers,
            }))}
          />
        </Card>
        <Card className="min-w-0">
          <h2 className="font-semibold">Top customers</h2>
          <div className="overflow-x-auto">
            <table className="mt-2 w-full text-sm [&_td]:py-1 [&_td]:pr-3 [&_th]:pr-3">
              <thead>
                <tr className="text-left text-muted">
                  <th scope="col">Customer</th>
                  <th scope="col">Events</th>
                  <th scope="col">Next 12 months</th>
                  <th scope="col" className="text-right">
                    Value
                  </th>
                </tr>
              </thead>
              <tbody>
                {v.top.map((t) => (
                  <tr key={t.customerId} className="border-t border-stone-100">
                    <td>
                      <Link className="underline" href={`/customers/${t.customerId}`}>
                        {t.name}
                      </Link>{" "}
                      <Badge tone={t.segment === "high" ? "green" : "neutral"}>
                        {t.segment} expected value
                      </Badge>
                    </td>
                    <td>{t.completedBookings}</td>
                    <td>
                      {expectedCount(t.expectedBookings)} × {formatCents(t.expectedValueCents)}
                    </td>
                    <td className="text-right font-semibold">{formatCents(t.clvCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
      <Card>
        <h2 className="font-semibold">The models</h2>
        <p className="mt-1 text-sm">
          {m.customers} customers, {m.repeatCustomers} with a repeat booking. Lifetime value is the
          expected bookings of the next 12 months times the expected value of one, discounted
          monthly.
          {ggWords ? ` ${ggWords}` : ""}
          {m.notes.length ? ` ${m.notes.join(" ")}` : ""}
        </p>
        <details className="mt-2 text-xs text-muted">
          <summary className="cursor-pointer">Fitted parameters (for a statistician)</summary>
          <ul className="mt-1 break-words">
            <li>
              BG/NBD (repeat bookings): r {param(m.bgnbd?.params.r)}, α{" "}
              {param(m.bgnbd?.params.alpha)}, a {param(m.bgnbd?.params.a)}, b{" "}
              {param(m.bgnbd?.params.b)}
            </li>
            <li>
              MBG/NBD (used for “still active”): r {param(m.mbgnbd?.params.r)}, α{" "}
              {param(m.mbgnbd?.params.alpha)}, a {param(m.mbgnbd?.params.a)}, b{" "}
              {param(m.mbgnbd?.params.b)}
            </li>
            <li>
              Gamma-Gamma (value of a booking): p {param(m.gammaGamma?.params.p)}, q{" "}
              {param(m.gammaGamma?.params.q)}, v {param(m.gammaGamma?.params.v)}
              {ggWords ? " (at the edge of its range: see above)" : ""}
            </li>
          </ul>
        </details>
      </Card>
    </div>
  );
}
