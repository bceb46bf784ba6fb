import Link from "next/link";
import type { Metadata } from "next";
import { Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { adminApi } from "~/server/session";
import { BookingTable } from "~/components/booking-table";

export const metadata: Metadata = { title: "Bookings" };
export const dynamic = "force-dynamic";

const STATUSES = ["HELD", "PENDING", "CONFIRMED", "COMPLETED", "CANCELLED", "EXPIRED"] as const;
type Status = (typeof STATUSES)[number];

export default async function BookingsPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; q?: string; upcoming?: string }>;
}) {
  const sp = await searchParams;
  const status = STATUSES.includes(sp.status as Status) ? (sp.status as Status) : undefined;
  const upcoming = sp.upcoming !== "0";
  const api = await adminApi();
  // "Upcoming" starts today on the business's calendar, not the server's (or UTC's).
  const today = (await api.bookings.businessToday()).date;
  let error: string | null = null;
  const rows = await api.bookings
    .list({ status, search: sp.q || undefined, ...(upcoming ? { from: today } : {}) })
    .catch((e: Error) => {
      error = errorMessage(e);
      return [];
    });
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Bookings</h1>
        <Link
          href="/bookings/new"
          className="inline-flex min-h-11 items-center justify-center rounded-lg bg-brand-700 px-4 font-semibold text-white hover:bg-brand-900"
        >
          New booking
        </Link>
      </div>
      <form className="mt-4 flex flex-wrap items-end gap-3" method="get">
        <label className="flex flex-col text-sm">
          Search
          <input
            name="q"
            defaultValue={sp.q ?? ""}
            placeholder="Code, name, email or city"
            className="min-h-11 rounded-lg border border-stone-300 px-3"
          />
        </label>
        <label className="flex flex-col text-sm">
          Status
          <select
            name="status"
            defaultValue={status ?? ""}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
          >
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          When
          <select
            name="upcoming"
            defaultValue={upcoming ? "1" : "0"}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
          >
            <option value="1">Upcoming</option>
            <option value="0">All, newest first</option>
          </select>
        </label>
        <button className="min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white hover:bg-brand-900">
          Show
        </button>
      </form>
      <div className="mt-3">
        <ErrorBox>{error}</ErrorBox>
      </div>
      <Card className="mt-4 overflow-x-auto">
        <BookingTable rows={rows} empty="No bookings match." />
      </Card>
    </div>
  );
}
