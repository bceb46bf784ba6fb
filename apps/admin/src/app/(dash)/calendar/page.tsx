import Link from "next/link";
import type { Metadata } from "next";
import {
  addDays,
  formatInstant,
  formatLocalDate,
  formatZoneName,
  weekdayOf,
  zonedParts,
  zonedTimeToUtc,
} from "@myhibachi/shared";
import { Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { adminApi } from "~/server/session";

export const metadata: Metadata = { title: "Calendar" };
export const dynamic = "force-dynamic";

type CalendarData = Awaited<
  ReturnType<Awaited<ReturnType<typeof adminApi>>["bookings"]["calendar"]>
>;

export default async function CalendarPage({
  searchParams,
}: {
  searchParams: Promise<{ view?: string; date?: string; chef?: string }>;
}) {
  const sp = await searchParams;
  const view = sp.view === "day" ? "day" : "week";
  const api = await adminApi();
  const today = (await api.bookings.businessToday()).date;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(sp.date ?? "") ? sp.date! : today;
  const from = view === "day" ? date : addDays(date, -((weekdayOf(date) + 6) % 7));
  const to = view === "day" ? from : addDays(from, 6);
  let data: CalendarData | null = null;
  let error: string | null = null;
  try {
    data = await api.bookings.calendar({ from, to, chefId: sp.chef || undefined });
  } catch (e) {
    error = errorMessage(e);
  }
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const step = view === "day" ? 1 : 7;
  const link = (over: Record<string, string>) =>
    `/calendar?${new URLSearchParams({ view, date, ...(sp.chef ? { chef: sp.chef } : {}), ...over })}`;
  const allChefs = await api.staff.chefs.list();
  return (
    <div>
      <h1 className="text-2xl font-bold">Calendar</h1>
      <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
        <Link className="rounded-lg border px-3 py-2" href={link({ date: addDays(from, -step) })}>
          ← Previous
        </Link>
        <Link className="rounded-lg border px-3 py-2" href={link({ date: today })}>
          Today
        </Link>
        <Link className="rounded-lg border px-3 py-2" href={link({ date: addDays(from, step) })}>
          Next →
        </Link>
        <Link
          className={`rounded-lg border px-3 py-2 ${view === "day" ? "bg-brand-50 font-semibold" : ""}`}
          aria-current={view === "day" ? "true" : undefined}
          href={link({ view: "day" })}
        >
          Day
        </Link>
        <Link
          className={`rounded-lg border px-3 py-2 ${view === "week" ? "bg-brand-50 font-semibold" : ""}`}
          aria-current={view === "week" ? "true" : undefined}
          href={link({ view: "week" })}
        >
          Week
        </Link>
        <Link
          className="rounded-lg border px-3 py-2"
          href={`/run-sheet?${new URLSearchParams({ date, ...(sp.chef ? { chef: sp.chef } : {}) })}`}
        >
          Run sheet
        </Link>
        <form method="get" className="flex items-center gap-2">
          <input type="hidden" name="view" value={view} />
          <input type="hidden" name="date" value={date} />
          <label htmlFor="chef-filter">Chef</label>
          <select
            id="chef-filter"
            name="chef"
            defaultValue={sp.chef ?? ""}
            className="min-h-10 rounded-lg border bg-white px-2"
          >
            <option value="">All chefs</option>
            {allChefs
              .filter((c) => c.active)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
          <button className="rounded-lg border px-3 py-2">Show</button>
        </form>
      </div>
      <p className="mt-2 text-sm text-muted">
        {from === to
          ? formatLocalDate(from, "fullDate")
          : `${formatLocalDate(from, "weekdayDate")} – ${formatLocalDate(to, "fullDate")}`}{" "}
        {data &&
          `· times in ${formatZoneName(data.timeZone, zonedTimeToUtc(from, 12 * 60, data.timeZone))}`}
      </p>
      <ErrorBox>{error}</ErrorBox>
      {data && (
        <Card className="mt-3 overflow-x-auto p-0">
          <table className="w-full min-w-[48rem] table-fixed text-xs">
            <thead>
              <tr className="border-b">
                <th className="w-32 p-2 text-left">Chef</th>
                {days.map((d) => (
                  <th key={d} className="p-2 text-left">
                    <Link className="underline" href={`/calendar?view=day&date=${d}`}>
                      {formatLocalDate(d, "shortDay")}
                    </Link>
                    {d === today && <span className="ml-1 font-normal text-muted">(today)</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.chefs.map((c) => (
                <tr key={c.id} className="border-b align-top">
                  <th className="p-2 text-left font-medium">
                    <span
                      aria-hidden="true"
                      className="mr-1 inline-block h-3 w-3 rounded-full align-middle"
                      style={{ background: c.color }}
                    />
                    <Link className="underline" href={`/chefs/${c.id}`}>
                      {c.name}
                    </Link>
                  </th>
                  {days.map((d) => {
                    const tz = data.timeZone;
                    const inDay = (t: Date) => zonedParts(t, tz).date === d;
                    const events = data.bookings.filter(
                      (b) => inDay(b.startsAt) && b.chefs.some((x) => x.chefId === c.id),
                    );
                    const off = data.timeOff.filter(
                      (t) =>
                        t.chefId === c.id &&
                        zonedParts(t.startsAt, tz).date <= d &&
                        zonedParts(new Date(t.endsAt.getTime() - 1), tz).date >= d,
                    );
                    return (
                      <td key={d} className="p-1">
                        {off.map((t) => (
                          <div key={t.id} className="mb-1 rounded bg-stone-200 p-1 text-stone-700">
                            Off{t.reason ? `: ${t.reason}` : ""}
                          </div>
                        ))}
                        {events.map((b) => (
                          <Link
                            key={b.id}
                            href={`/bookings/${b.id}`}
                            // The chef's colour marks the tile's edge; the text stays dark on
                            // white, readable whatever colour the chef was given (>= 4.5:1).
                            className="mb-1 block rounded border border-stone-200 bg-white p-1 text-ink hover:bg-stone-50"
                            style={{ borderLeft: `6px solid ${c.color}` }}
                          >
                            {formatInstant(b.startsAt, tz, "time")} {b.code}
                            <br />
                            {b.adults + b.children} guests · {b.city}
                            {b.status !== "CONFIRMED" && (
                              <span className="font-semibold"> · {b.status.toLowerCase()}</span>
                            )}
                          </Link>
                        ))}
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr className="align-top">
                <th className="p-2 text-left font-medium">Unassigned</th>
                {days.map((d) => (
                  <td key={d} className="p-1">
                    {data.bookings
                      .filter(
                        (b) =>
                          zonedParts(b.startsAt, data.timeZone).date === d && b.chefs.length === 0,
                      )
                      .map((b) => (
                        <Link
                          key={b.id}
                          href={`/bookings/${b.id}`}
                          className="mb-1 block rounded bg-amber-100 p-1"
                        >
                          {formatInstant(b.startsAt, data.timeZone, "time")} {b.code}
                        </Link>
                      ))}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
