import Link from "next/link";
import type { Metadata } from "next";
import { Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { formatCents, formatInstant } from "@myhibachi/shared";
import { adminApi } from "~/server/session";

export const metadata: Metadata = { title: "Customers" };
export const dynamic = "force-dynamic";

const SORTS = [
  ["recent", "Newest first"],
  ["spent", "Most spent"],
  ["nextEvent", "Next event soonest"],
  ["name", "Name (A–Z)"],
] as const;
type Sort = (typeof SORTS)[number][0];
const isSort = (v: string | undefined): v is Sort => SORTS.some(([s]) => s === v);

/** The list's address with these settings (defaults left out), for plain links and no JS. */
function listHref(p: { q?: string; sort: Sort; page: number }) {
  const params = new URLSearchParams();
  if (p.q) params.set("q", p.q);
  if (p.sort !== "recent") params.set("sort", p.sort);
  if (p.page > 1) params.set("page", String(p.page));
  const query = params.toString();
  return query ? `/customers?${query}` : "/customers";
}

export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; page?: string; sort?: string }>;
}) {
  const params = await searchParams;
  const q = params.q?.trim() || undefined;
  const sort: Sort = isSort(params.sort) ? params.sort : "recent";
  const asked = Number(params.page);
  const page = Number.isInteger(asked) && asked >= 1 && asked <= 100_000 ? asked : 1;
  const api = await adminApi();
  const { timeZone } = await api.bookings.businessToday();
  let error: string | null = null;
  const result = await api.staff.customers.list({ search: q, page, sort }).catch((e: Error) => {
    error = errorMessage(e);
    return null;
  });
  const rows = result?.customers ?? [];
  const total = result?.total ?? 0;
  const pageSize = result?.pageSize ?? 100;
  const first = (page - 1) * pageSize + 1;
  const last = first + rows.length - 1;
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: Partial<{ sort: Sort; page: number }>) =>
    listHref({ q, sort: p.sort ?? sort, page: p.page ?? 1 });
  /** A column header that sorts the list by it (back to page 1). */
  const sortHeader = (by: Sort, label: string) =>
    sort === by ? (
      <span aria-current="true">
        {label} <span aria-hidden="true">▾</span>
        <span className="sr-only">(sorted)</span>
      </span>
    ) : (
      <Link className="text-brand-700 underline" href={href({ sort: by })}>
        {label}
      </Link>
    );
  return (
    <div>
      <h1 className="text-2xl font-bold">Customers</h1>
      <form method="get" className="mt-4 flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm">
          Search
          <input
            name="q"
            defaultValue={q ?? ""}
            placeholder="Name, email or phone"
            className="min-h-11 rounded-lg border border-stone-300 px-3"
          />
        </label>
        <label className="flex flex-col text-sm">
          Sort
          <select
            name="sort"
            defaultValue={sort}
            className="min-h-11 rounded-lg border border-stone-300 px-3"
          >
            {SORTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button className="min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white hover:bg-brand-900">
          Search
        </button>
      </form>
      <ErrorBox>{error}</ErrorBox>
      <Card className="mt-4 overflow-x-auto">
        <table className="w-full text-sm [&_td]:pr-3 [&_th]:pr-3">
          <thead>
            <tr className="border-b text-left">
              <th className="py-2">{sortHeader("name", "Name")}</th>
              <th>Contact</th>
              <th>Bookings</th>
              <th>Last event</th>
              <th>{sortHeader("nextEvent", "Next event")}</th>
              <th className="text-right" title="Payments received, less refunds (gratuity apart)">
                {sortHeader("spent", "Spent")}
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
                {/* One column for both (attack R6-10: the table must fit a 1024 px tablet). */}
                <td className="max-w-56 break-words">
                  {c.email}
                  {c.phone && <span className="block whitespace-nowrap">{c.phone}</span>}
                </td>
                <td>{c.bookings}</td>
                <td>
                  {c.lastEventAt ? formatInstant(c.lastEventAt, timeZone, "longDate") : "none yet"}
                </td>
                <td>
                  {c.nextEventAt
                    ? formatInstant(c.nextEventAt, timeZone, "longDate")
                    : "none booked"}
                </td>
                <td className="text-right">{formatCents(c.spentCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && result && (
          <p className="py-4 text-muted">
            {total === 0 ? (
              "No customers match."
            ) : (
              <>
                No customers on page {page}: there {total === 1 ? "is" : "are"} {total}.{" "}
                <Link className="text-brand-700 underline" href={href({ page: 1 })}>
                  Back to the first page
                </Link>
              </>
            )}
          </p>
        )}
        {rows.length > 0 && (
          <p className="pt-2 text-xs text-muted">
            Spent is money received (payments less refunds, gratuity apart), never an unpaid
            booking. Last event is the latest one that has taken place; Next event is the soonest
            one still to come.
          </p>
        )}
      </Card>
      {rows.length > 0 && (
        <nav
          aria-label="Customer pages"
          className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm"
        >
          <p>
            Showing {first}–{last} of {total}
          </p>
          <div className="flex gap-3">
            {page > 1 ? (
              <Link
                rel="prev"
                className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4"
                href={href({ page: Math.min(page - 1, lastPage) })}
              >
                Previous
              </Link>
            ) : null}
            {last < total ? (
              <Link
                rel="next"
                className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4"
                href={href({ page: page + 1 })}
              >
                Next
              </Link>
            ) : null}
          </div>
        </nav>
      )}
    </div>
  );
}
