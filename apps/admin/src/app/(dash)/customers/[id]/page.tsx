import Link from "next/link";
import type { Metadata } from "next";
import { Badge, Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { formatCents, formatInstant } from "@myhibachi/shared";
import { adminApi } from "~/server/session";
import { CustomerNotes } from "./notes";

export const metadata: Metadata = { title: "Customer" };
export const dynamic = "force-dynamic";

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await adminApi();
  const { timeZone } = await api.bookings.businessToday();
  const c = await api.staff.customers.get({ id }).catch((e: Error) => e);
  if (c instanceof Error) return <ErrorBox>{errorMessage(c)}</ErrorBox>;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{c.name}</h1>
      <p className="text-sm">
        {c.email} · {c.phone ?? "no phone"} · customer since{" "}
        {formatInstant(c.createdAt, timeZone, "longDate")} · spent {formatCents(c.spentCents)}
      </p>
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
                <td className="text-right">{formatCents(b.totalCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
