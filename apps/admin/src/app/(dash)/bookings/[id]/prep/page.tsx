// The prep sheet of one event: everything the chef needs on one printed page. Allergies first and
// in a box, then the proteins per type, extras and notes; the times, the address (a map link)
// and the customer's phone (tap to call) above.
import Link from "next/link";
import type { Metadata } from "next";
import { ErrorBox } from "@myhibachi/ui";
import { formatInstant, formatZoneName, zonedParts } from "@myhibachi/shared";
import {
  SHEET_LINK,
  SHEET_TAP,
  SheetFacts,
  SheetOrder,
  SheetTimes,
  StatusNote,
} from "~/components/kitchen-sheet";
import { PrintButton } from "~/components/print-button";
import { adminApi } from "~/server/session";

export const metadata: Metadata = { title: "Prep sheet" };
export const dynamic = "force-dynamic";

type Prep = Awaited<ReturnType<Awaited<ReturnType<typeof adminApi>>["bookings"]["prepSheet"]>>;

export default async function PrepSheetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await adminApi();
  let sheet: Prep | null = null;
  let error: string | null = null;
  try {
    sheet = await api.bookings.prepSheet({ id });
  } catch (e) {
    error = (e as Error).message;
  }
  if (!sheet)
    return (
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold">Prep sheet</h1>
        <ErrorBox>{error ?? "That booking doesn't exist."}</ErrorBox>
        <Link className={SHEET_LINK} href="/bookings">
          Back to bookings
        </Link>
      </div>
    );
  const { event: e, timeZone: tz } = sheet;
  return (
    <article className="mx-auto flex max-w-3xl flex-col gap-4 print:max-w-none print:gap-3">
      <div className="flex flex-wrap items-center gap-3 print:hidden">
        <Link className={SHEET_TAP} href={`/bookings/${e.id}`}>
          ← Booking {e.code}
        </Link>
        <Link
          className={SHEET_TAP}
          href={`/run-sheet?${new URLSearchParams({
            date: zonedParts(e.startsAt, tz).date,
            ...(e.chefs[0] ? { chef: e.chefs[0].id } : {}),
          })}`}
        >
          Run sheet for that day
        </Link>
        <span className="ml-auto">
          <PrintButton label="Print prep sheet" />
        </span>
      </div>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b-2 border-ink pb-2">
        <h1 className="text-2xl font-bold">
          Prep sheet <span className="tabular-nums">{e.code}</span>
        </h1>
        <p className="text-lg font-semibold">{formatInstant(e.startsAt, tz, "fullDate")}</p>
        <StatusNote status={e.status} />
      </div>
      <SheetTimes e={e} tz={tz} large />
      <SheetFacts e={e} />
      <SheetOrder order={e.kitchenOrder} headingLevel={2} heading="Kitchen order" />
      <footer className="mt-2 border-t border-stone-300 pt-2 text-xs text-muted">
        {sheet.business.name} · {sheet.business.phone} · times in {formatZoneName(tz, e.startsAt)}
      </footer>
    </article>
  );
}
