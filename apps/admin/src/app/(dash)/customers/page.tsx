import Link from "next/link";
import type { Metadata } from "next";
import { Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { formatCents, formatStamp } from "@myhibachi/shared";
import { adminApi } from "~/server/session";

export const metadata: Metadata = { title: "Customers" };
export const dynamic = "force-dynamic";

export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string }>;
}) {
  const { q } = await searchParams;
  const api = await adminApi();
  const { timeZone } = await api.bookings.businessToday();
  let error: string | null = null;
  const rows = await api.staff.customers.list({ search: q || undefined }).catch((e: Error) => {
    error = errorMessage(e);
    return [];
  });
  return (
    <div>
      <h1 className="text-2xl font-bold">Customers</h1>
      <form method="get" className="mt-4 flex items-end gap-3">
        <label className="flex flex-col text-sm">
          Search
          <input
            name="q"
            defaultValue={q ?? ""}
            placeholder="Name, email or phone"
            className="min-h-11 rounded-lg border border-stone-300 px-3"
          />
        </label>
        <button className="min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white hover:bg-brand-900">
          Search
        </button>
      </form>
      <ErrorBox>{error}</ErrorBox>
      <Card className="mt-4 overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b text-left">
              <th className="py-2">Name</th>
              <th>Email</th>
              <th>Phone</th>
              <th>Bookings</th>
              <th>Last event</th>
              <th>Next event</th>
              <th className="text-right" title="Payments received, less refunds (gratuity apart)">
                Spent
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} className="border-b border-stone-100">
                <td className="py-2">
                  <Link className="text-brand-700 underline" href={`/customers/${c.id}`}>
                    {c.name}
                  </Link>
                  {c.notes && (
                    <span title={c.notes}>
                      {" "}
                      <span aria-hidden="true">📝</span>
                      <span className="sr-only">(has staff notes)</span>
                    </span>
                  )}
                </td>
                <td>{c.email}</td>
                <td>{c.phone}</td>
                <td>{c.bookings}</td>
                <td>{c.lastEventAt ? formatStamp(c.lastEventAt, timeZone) : "none yet"}</td>
                <td>{c.nextEventAt ? formatStamp(c.nextEventAt, timeZone) : "none booked"}</td>
                <td className="text-right">{formatCents(c.spentCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="py-4 text-muted">No customers match.</p>}
        {rows.length > 0 && (
          <p className="pt-2 text-xs text-muted">
            Spent is money received (payments less refunds, gratuity apart), never an unpaid
            booking. Last event is the latest one that has taken place; Next event is the soonest
            one still to come.
          </p>
        )}
      </Card>
    </div>
  );
}
