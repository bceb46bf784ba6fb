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

export const statusTone = (s: string) =>
  s === "CONFIRMED" || s === "COMPLETED"
    ? "green"
    : s === "CANCELLED" || s === "EXPIRED"
      ? "red"
      : "amber";

const chefNames = (b: BookingRow) => b.chefs.map((c) => c.chef.name).join(", ") || "no chef yet";
const guests = (b: BookingRow) => `${b.adults + b.children} guests`;

/**
 * The bookings list shared by the Today page and the Bookings page: a table from 768 px (the
 * city column from 1280 px), one card per booking on a phone.
 */
export function BookingTable({
  rows,
  empty,
  time = "shortDateTime",
}: {
  rows: BookingRow[];
  empty: string;
  /** "time" when every row is on the same day (the Today page). */
  time?: "shortDateTime" | "time";
}) {
  if (rows.length === 0) return <p className="py-2 text-muted">{empty}</p>;
  return (
    <>
      <table className="w-full table-fixed text-sm max-md:hidden">
        <thead>
          <tr className="border-b text-left">
            <th className={`py-2 pr-2 ${time === "time" ? "w-24" : "w-44"}`}>When</th>
            <th className="pr-2">Booking</th>
            <th className="w-16 pr-2">Guests</th>
            <th className="pr-2 max-xl:hidden">City</th>
            <th className="pr-2">Chef</th>
            <th className="w-28 pr-2">Status</th>
            <th className="w-24 text-right">Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.id} className="border-b border-stone-100 align-top">
              <td className="py-2 pr-2">{formatInstant(b.startsAt, b.timeZone, time)}</td>
              <td className="py-2 pr-2">
                <Link className="font-medium text-brand-700 underline" href={`/bookings/${b.id}`}>
                  {b.code}
                </Link>
                <span className="block">{b.contactName ?? "Chat hold, no details yet"}</span>
              </td>
              <td className="py-2 pr-2 whitespace-nowrap">{b.adults + b.children}</td>
              <td className="py-2 pr-2 max-xl:hidden">{b.city}</td>
              <td className="py-2 pr-2">{chefNames(b)}</td>
              <td className="py-2 pr-2">
                <Badge tone={statusTone(b.status)}>{b.status.toLowerCase()}</Badge>
              </td>
              <td className="py-2 text-right whitespace-nowrap">{formatCents(b.totalCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="flex flex-col divide-y divide-stone-100 md:hidden" aria-label="Bookings">
        {rows.map((b) => (
          <li key={b.id} className="py-3">
            <div className="flex flex-wrap items-baseline justify-between gap-x-2">
              <Link className="font-semibold text-brand-700 underline" href={`/bookings/${b.id}`}>
                {b.code}
                <span className="sr-only">, {b.contactName ?? "chat hold"}</span>
              </Link>
              <Badge tone={statusTone(b.status)}>{b.status.toLowerCase()}</Badge>
            </div>
            <p className="mt-1 text-sm font-medium">
              {formatInstant(b.startsAt, b.timeZone, time)} · {guests(b)}
            </p>
            <p className="text-sm">
              {b.contactName ?? "Chat hold, no details yet"}
              {b.city ? ` · ${b.city}` : ""}
            </p>
            <p className="text-sm text-muted">
              {chefNames(b)} · {formatCents(b.totalCents)}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
