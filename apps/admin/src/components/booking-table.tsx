import Link from "next/link";
import { Badge } from "@myhibachi/ui";
import { formatCents, formatInstant } from "@myhibachi/shared";

export interface BookingRow {
  id: string;
  code: string;
  status: string;
  startsAt: Date;
  timeZone: string;
  adults: number;
  children: number;
  city: string | null;
  contactName: string | null;
  totalCents: number;
  chefs: { chef: { name: string } }[];
}

const tone = (s: string) =>
  s === "CONFIRMED" || s === "COMPLETED"
    ? "green"
    : s === "CANCELLED" || s === "EXPIRED"
      ? "red"
      : "amber";

/** The bookings table shared by the Today page and the Bookings list. */
export function BookingTable({ rows, empty }: { rows: BookingRow[]; empty: string }) {
  return (
    <>
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b text-left">
            <th className="py-2">When</th>
            <th>Code</th>
            <th>Customer</th>
            <th>Guests</th>
            <th>City</th>
            <th>Chef</th>
            <th>Status</th>
            <th className="text-right">Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.id} className="border-b border-stone-100">
              <td className="py-2">{formatInstant(b.startsAt, b.timeZone, "shortDateTime")}</td>
              <td>
                <Link className="font-medium text-brand-700 underline" href={`/bookings/${b.id}`}>
                  {b.code}
                </Link>
              </td>
              <td>{b.contactName ?? "(hold)"}</td>
              <td>{b.adults + b.children}</td>
              <td>{b.city}</td>
              <td>{b.chefs.map((c) => c.chef.name).join(", ") || "—"}</td>
              <td>
                <Badge tone={tone(b.status)}>{b.status.toLowerCase()}</Badge>
              </td>
              <td className="text-right">{formatCents(b.totalCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="py-4 text-muted">{empty}</p>}
    </>
  );
}
