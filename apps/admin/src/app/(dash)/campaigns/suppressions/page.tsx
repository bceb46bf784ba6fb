import Link from "next/link";
import type { Metadata } from "next";
import { Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { formatStamp } from "@myhibachi/shared";
import { adminApi, requireStaff } from "~/server/session";
import { CHANNEL } from "../funnel";
import { AddSuppression, RemoveSuppression } from "./suppression-forms";

export const metadata: Metadata = { title: "Suppression list" };
export const dynamic = "force-dynamic";

export default async function SuppressionsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; cursor?: string }>;
}) {
  await requireStaff(["OWNER"]);
  const sp = await searchParams;
  const q = sp.q?.trim().slice(0, 320) || undefined;
  const api = await adminApi();
  const [found, { timeZone }] = await Promise.all([
    // A refused search (a NUL byte, attack 14 F15) is said on the page, never a 500.
    api.owner.campaigns
      .suppressions({ search: q, cursor: sp.cursor || undefined })
      .catch((e: Error) => e),
    api.bookings.businessToday(),
  ]);
  const error = found instanceof Error ? errorMessage(found) : null;
  const page = found instanceof Error ? { items: [], nextCursor: null } : found;
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <p className="text-sm">
        <Link href="/campaigns" className="text-brand-700 underline">
          ← All campaigns
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold">Suppression list</h1>
        <p className="text-sm text-muted">
          These addresses get no campaign message at all. Booking emails (confirmations, reminders)
          still go to them.
        </p>
      </div>
      <Card className="min-w-0">
        <h2 className="text-lg font-semibold">Add an address</h2>
        <AddSuppression />
      </Card>
      <Card className="min-w-0">
        <h2 className="text-lg font-semibold">On the list</h2>
        <form method="get" role="search" className="mt-2 flex flex-wrap items-end gap-2 text-sm">
          <label className="flex min-w-0 flex-col">
            Search addresses
            <input
              name="q"
              type="search"
              defaultValue={q ?? ""}
              maxLength={320}
              placeholder="name@example.com"
              className="min-h-11 min-w-0 rounded-lg border border-stone-300 bg-white px-3"
            />
          </label>
          <button className="min-h-11 rounded-lg border border-stone-300 px-3">Search</button>
        </form>
        {error && <ErrorBox>{error}</ErrorBox>}
        {/* One stacked row per address: fits a phone without scrolling sideways. */}
        <ul
          aria-label="Suppressed addresses"
          className="mt-3 flex flex-col divide-y divide-stone-100 text-sm"
        >
          {page.items.map((s) => (
            <li
              key={s.id}
              className="grid min-w-0 gap-x-4 gap-y-1 py-3 md:grid-cols-[minmax(0,16rem)_minmax(0,1fr)_auto]"
              data-testid="suppression-row"
            >
              <div className="min-w-0">
                <p className="font-medium [overflow-wrap:anywhere]">{s.address}</p>
                <p className="text-xs text-muted">
                  {CHANNEL[s.channel]} · since {formatStamp(s.createdAt, timeZone)}
                </p>
              </div>
              <div className="min-w-0">
                <p className="[overflow-wrap:anywhere]">
                  <span className="text-muted">Reason:</span> {s.reason}
                </p>
                <p className="text-xs text-muted">{s.sourceWords}</p>
              </div>
              <div className="min-w-0 md:text-right">
                {s.removable ? (
                  <RemoveSuppression id={s.id} address={s.address} />
                ) : (
                  <p className="max-w-xs text-xs text-muted">
                    Can&apos;t be removed: {s.cannotRemoveBecause}
                  </p>
                )}
              </div>
            </li>
          ))}
        </ul>
        {page.items.length === 0 && !error && (
          <p className="py-3 text-muted">{q ? "No address matches." : "Nobody is on the list."}</p>
        )}
        {page.nextCursor && (
          <Link
            className="mt-3 inline-block text-brand-700 underline"
            href={`/campaigns/suppressions?${new URLSearchParams({ cursor: page.nextCursor, ...(q ? { q } : {}) })}`}
          >
            More addresses →
          </Link>
        )}
      </Card>
    </div>
  );
}
