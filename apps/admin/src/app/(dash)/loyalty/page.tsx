import type { Metadata } from "next";
import { Card } from "@myhibachi/ui";
import { formatBps, formatCents, formatLocalDate, formatZoneName } from "@myhibachi/shared";
import { adminApi, requireStaff } from "~/server/session";
import { TierEditor } from "./tier-editor";

export const metadata: Metadata = { title: "Loyalty" };
export const dynamic = "force-dynamic";

const rate = (part: number, whole: number) =>
  whole === 0
    ? "no completed events yet"
    : `${Math.round((part / whole) * 100)}% (${part} of ${whole})`;

export default async function LoyaltyPage() {
  await requireStaff(["OWNER"]);
  const api = await adminApi();
  const [report, tiers] = await Promise.all([
    api.owner.loyalty.report(),
    api.owner.loyalty.tiers(),
  ]);
  const customers = report.tiers.reduce((s, t) => s + t.customers, 0);
  const maxDiscount = Math.max(1, ...report.discountsByMonth.map((m) => m.discountCents));
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Loyalty</h1>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="font-semibold">Customers by tier</h2>
          <table className="mt-2 w-full text-sm [&_td]:py-1 [&_td]:pr-3 [&_th]:pr-3">
            <thead>
              <tr className="text-left text-muted">
                <th scope="col">Tier</th>
                <th scope="col">Customers</th>
                <th scope="col">Points</th>
                <th scope="col">Booked again</th>
              </tr>
            </thead>
            <tbody>
              {report.tiers.map((t) => (
                <tr key={t.id} data-testid={`tier-${t.name}`}>
                  <th scope="row" className="text-left font-medium">
                    {t.name}
                    <span className="block text-xs font-normal text-muted">
                      {formatBps(t.discountBps)} off from {t.minCompletedBookings} completed
                    </span>
                  </th>
                  <td>
                    {t.customers}
                    {customers > 0 && (
                      <span className="text-muted">
                        {" "}
                        ({Math.round((t.customers / customers) * 100)}%)
                      </span>
                    )}
                  </td>
                  <td>{t.points.toLocaleString("en-US")}</td>
                  <td>{rate(t.repeat.bookedAgain, t.repeat.customers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-muted">
            &quot;Booked again&quot;: of the tier&apos;s customers with a completed event, how many
            have another booking after their first. Tiers as last recomputed (every night, and at
            each customer&apos;s events).
          </p>
        </Card>
        <Card>
          <h2 className="font-semibold">Points outstanding</h2>
          <p className="mt-2 text-3xl font-bold" data-testid="points-outstanding">
            {report.pointsOutstanding.toLocaleString("en-US")} points
          </p>
          <p className="mt-1 text-sm text-muted">
            Earned on completed events (1 point per dollar), less refunds and cancellations: what
            customers hold today.
          </p>
        </Card>
      </div>
      <Card>
        <h2 className="font-semibold">Tier discounts given, by the month the booking was made</h2>
        <ul className="mt-2 flex flex-col gap-1 text-sm" data-testid="discounts-by-month">
          {report.discountsByMonth.map((m) => (
            <li key={m.month} className="grid grid-cols-[7rem_1fr_auto] items-center gap-2">
              <span>{formatLocalDate(`${m.month}-01`, "monthYear")}</span>
              <span className="h-3 rounded bg-stone-100" aria-hidden="true">
                <span
                  className="block h-3 rounded bg-brand-700"
                  style={{ width: `${(m.discountCents / maxDiscount) * 100}%` }}
                />
              </span>
              <span className="text-right tabular-nums">
                {formatCents(m.discountCents)}
                <span className="text-muted">
                  {" "}
                  · {m.bookings} {m.bookings === 1 ? "booking" : "bookings"}
                </span>
              </span>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-muted">
          Bookings that are confirmed, waiting or done, by the month they were made (
          {formatZoneName(report.timeZone)}
          ); cancelled ones gave nothing.
        </p>
      </Card>
      <Card>
        <h2 className="font-semibold">Tiers</h2>
        <p className="mt-1 text-sm text-muted">
          A change prices the next quote at once; bookings already made keep their terms.
        </p>
        <TierEditor tiers={tiers} />
      </Card>
    </div>
  );
}
