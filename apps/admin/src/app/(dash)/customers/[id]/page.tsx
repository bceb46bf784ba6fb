import Link from "next/link";
import type { Metadata } from "next";
import { Badge, Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { formatCents, formatInstant, formatStamp } from "@myhibachi/shared";
import { adminApi, requireStaff } from "~/server/session";
import { CustomerInsights } from "./insights";
import { CustomerNotes } from "./notes";

export const metadata: Metadata = { title: "Customer" };
export const dynamic = "force-dynamic";

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireStaff();
  const api = await adminApi();
  const [{ timeZone }, c, insights] = await Promise.all([
    api.bookings.businessToday(),
    api.staff.customers.get({ id }).catch((e: Error) => e),
    // Lifetime value, churn risk and campaign history are the owner's.
    user.role === "OWNER" ? api.owner.insights.customer({ id }).catch(() => null) : null,
  ]);
  if (c instanceof Error) return <ErrorBox>{errorMessage(c)}</ErrorBox>;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{c.name}</h1>
      <p className="text-sm">
        {c.email} · {c.phone ?? "no phone"} · customer since{" "}
        {formatInstant(c.createdAt, timeZone, "longDate")}
      </p>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-muted">Spent (paid, less refunds)</dt>
          <dd className="font-semibold">{formatCents(c.spentCents)}</dd>
        </div>
        <div>
          <dt className="text-muted">
            Booked value ({c.bookingCount} booking{c.bookingCount === 1 ? "" : "s"}, paid or not)
          </dt>
          <dd>{formatCents(c.bookedCents)}</dd>
        </div>
        <div>
          <dt className="text-muted">Last event</dt>
          <dd>{c.lastEventAt ? formatStamp(c.lastEventAt, timeZone) : "none yet"}</dd>
        </div>
        <div>
          <dt className="text-muted">Next event</dt>
          <dd>{c.nextEventAt ? formatStamp(c.nextEventAt, timeZone) : "none booked"}</dd>
        </div>
      </dl>
      {insights && <CustomerInsights data={insights} timeZone={timeZone} />}
      <CustomerNotes id={c.id} initial={c.notes ?? ""} />
      <Card>
        <h2 className="font-semibold">History ({c.bookings.length})</h2>
        <table className="mt-2 w-full text-sm">
          <tbody>
            {c.bookings.map((b) => (
              <tr key={b.id} className="border-b border-stone-100">
                <td className="py-1">{formatInstant(b.startsAt, b.timeZone, "shortDateTime")}</td>
                <td>
                  <Link className="underline" href={`/bookings/${b.id}`}>
                    {b.code}
                  </Link>
                </td>
                <td>{b.adults + b.children} guests</td>
                <td>{b.city}</td>
                <td>
                  <Badge>{b.status.toLowerCase()}</Badge>
                </td>
                <td className="text-right">
                  {formatCents(b.totalCents)}
                  <span className="block text-xs text-muted">
                    {b.paidCents > 0 ? `paid ${formatCents(b.paidCents)}` : "nothing paid"}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
