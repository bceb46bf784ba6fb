// The daily run sheet: for one chef (or every chef), each event of the day in order with its
// times, address (map link), guests, customer phone (tap to call), proteins, extras, allergies
// and notes, and the protein totals to shop for. Printable: one chef per page.
import Link from "next/link";
import type { Metadata } from "next";
import { Card, ErrorBox, cx } from "@myhibachi/ui";
import {
  addDays,
  formatInstant,
  formatLocalDate,
  formatZoneName,
  zonedTimeToUtc,
} from "@myhibachi/shared";
import {
  SHEET_LINK,
  SHEET_TAP,
  Phone,
  SheetFacts,
  SheetOrder,
  SheetTimes,
  StatusNote,
  TotalsTable,
  type SheetEventData,
} from "~/components/kitchen-sheet";
import { PrintButton } from "~/components/print-button";
import { adminApi } from "~/server/session";

export const metadata: Metadata = { title: "Run sheet" };
export const dynamic = "force-dynamic";

type RunSheet = Awaited<ReturnType<Awaited<ReturnType<typeof adminApi>>["bookings"]["runSheet"]>>;

export default async function RunSheetPage({
  searchParams,
}: {
  searchParams: Promise<{ date?: string; chef?: string }>;
}) {
  const sp = await searchParams;
  const api = await adminApi();
  let sheet: RunSheet | null = null;
  let error: string | null = null;
  try {
    sheet = await api.bookings.runSheet({
      ...(sp.date ? { date: sp.date } : {}),
      ...(sp.chef ? { chefId: sp.chef } : {}),
    });
  } catch (e) {
    error = (e as Error).message;
  }
  if (!sheet)
    return (
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold">Run sheet</h1>
        <ErrorBox>{error ?? "The run sheet could not be read."}</ErrorBox>
        <Link className={SHEET_LINK} href="/run-sheet">
          Today&apos;s run sheet
        </Link>
      </div>
    );
  const tz = sheet.timeZone;
  const link = (over: { date?: string; chef?: string | null }) => {
    const chef = over.chef === undefined ? sheet.chefId : over.chef;
    return `/run-sheet?${new URLSearchParams({
      date: over.date ?? sheet.date,
      ...(chef ? { chef } : {}),
    })}`;
  };
  const one = sheet.chefId !== null;
  const withEvents = sheet.chefs.filter((c) => c.events.length > 0);
  const idle = sheet.chefs.filter((c) => c.events.length === 0);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1 border-b-2 border-ink pb-2">
        <h1 className="text-2xl font-bold">
          Run sheet{one && sheet.chefs[0] ? `: ${sheet.chefs[0].name}` : ""}
        </h1>
        <p className="text-lg font-semibold" data-testid="run-sheet-date">
          {formatLocalDate(sheet.date, "fullDate")}
        </p>
        <p className="text-xs text-muted">
          Times in {formatZoneName(tz, zonedTimeToUtc(sheet.date, 12 * 60, tz))}.{" "}
          {sheet.business.name} · {sheet.business.phone}
        </p>
      </div>

      <form
        method="get"
        action="/run-sheet"
        className="flex flex-wrap items-end gap-3 text-sm print:hidden"
        aria-label="Choose the day and chef"
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="sheet-date" className="font-medium">
            Day
          </label>
          <input
            id="sheet-date"
            name="date"
            type="date"
            defaultValue={sheet.date}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="sheet-chef" className="font-medium">
            Chef
          </label>
          <select
            id="sheet-chef"
            name="chef"
            defaultValue={sheet.chefId ?? ""}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
          >
            <option value="">Every chef</option>
            {sheet.choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="min-h-11 rounded-lg border border-stone-300 bg-white px-4 font-semibold hover:bg-stone-50"
        >
          Show
        </button>
        <nav aria-label="Other days" className="flex flex-wrap gap-3">
          <Link className={SHEET_TAP} href={link({ date: addDays(sheet.date, -1) })}>
            ← Previous day
          </Link>
          <Link className={SHEET_TAP} href={link({ date: addDays(sheet.date, 1) })}>
            Next day →
          </Link>
          <Link className={SHEET_TAP} href={`/calendar?view=day&date=${sheet.date}`}>
            Calendar
          </Link>
        </nav>
        <span className="ml-auto">
          <PrintButton label="Print run sheet" />
        </span>
      </form>

      {sheet.totals.events === 0 ? (
        <p className="rounded-lg border border-stone-300 bg-white p-4" role="status">
          {one ? "No events for this chef" : "No events"} on{" "}
          {formatLocalDate(sheet.date, "weekdayDate")}.
        </p>
      ) : (
        !one && (
          <Card className="print:border-0 print:p-0 print:shadow-none">
            <h2 className="mb-2 text-lg font-semibold">Shopping list for the day</h2>
            <TotalsTable
              totals={sheet.totals}
              caption="Every chef, each event counted once"
              testId="day-totals"
            />
          </Card>
        )
      )}

      {withEvents.map((c, i) => (
        <section
          key={c.id}
          aria-labelledby={`chef-${c.id}`}
          className={cx("flex flex-col gap-3", (i > 0 || !one) && "print:break-before-page")}
          data-testid="chef-sheet"
        >
          <div className="flex flex-wrap items-baseline gap-x-3 border-b border-stone-300 pb-1">
            <h2 id={`chef-${c.id}`} className="text-xl font-bold">
              {c.name}
            </h2>
            <span className="text-sm">
              {c.events.length} {c.events.length === 1 ? "event" : "events"}
              {c.phone && (
                <>
                  {" "}
                  · <Phone phone={c.phone} href={c.phoneHref} />
                </>
              )}
            </span>
            {!one && (
              <Link className={cx(SHEET_TAP, "text-sm print:hidden")} href={link({ chef: c.id })}>
                Only {c.name}&apos;s sheet
              </Link>
            )}
          </div>
          <ol className="flex flex-col gap-3">
            {c.events.map((e) => (
              <li key={e.id}>
                <EventEntry e={e} tz={tz} chef={c} />
              </li>
            ))}
          </ol>
          <div className="rounded-2xl border border-stone-200 bg-white p-4 print:break-inside-avoid">
            <TotalsTable
              totals={c.totals}
              caption={`${c.name}'s protein totals for the day`}
              testId="chef-totals"
            />
          </div>
        </section>
      ))}

      {sheet.unassigned.length > 0 && (
        <section aria-labelledby="unassigned" className="flex flex-col gap-3">
          <h2 id="unassigned" className="text-xl font-bold">
            Without a chef
          </h2>
          <ol className="flex flex-col gap-3">
            {sheet.unassigned.map((e) => (
              <li key={e.id}>
                <EventEntry e={e} tz={tz} chef={null} />
              </li>
            ))}
          </ol>
        </section>
      )}

      {!one && idle.length > 0 && sheet.totals.events > 0 && (
        <p className="text-sm text-muted print:hidden">
          No events: {idle.map((c) => c.name).join(", ")}.
        </p>
      )}
    </div>
  );
}

function EventEntry({
  e,
  tz,
  chef,
}: {
  e: SheetEventData;
  tz: string;
  chef: { id: string; name: string } | null;
}) {
  const chefId = chef?.id ?? null;
  const others = e.chefs.filter((c) => c.id !== chefId);
  return (
    <article
      className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4 print:break-inside-avoid print:rounded-none print:border-x-0 print:border-b-0 print:px-0"
      aria-labelledby={`event-${chefId ?? "none"}-${e.id}`}
      data-testid="sheet-event"
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 id={`event-${chefId ?? "none"}-${e.id}`} className="text-lg font-semibold">
          {formatInstant(e.startsAt, tz, "time")} · {e.contact.name ?? "Customer"}
        </h3>
        <Link className={cx(SHEET_TAP, "text-sm")} href={`/bookings/${e.id}`}>
          {e.code}
        </Link>
        <Link className={cx(SHEET_TAP, "text-sm print:hidden")} href={`/bookings/${e.id}/prep`}>
          Prep sheet
        </Link>
        <StatusNote status={e.status} />
      </div>
      <SheetTimes e={e} tz={tz} />
      <div className="grid gap-4 md:grid-cols-2 print:grid-cols-2">
        {/* A chef's own sheet names the chefs only when someone cooks with them. */}
        <SheetFacts e={e} showChefs={others.length > 0 || chefId === null} />
        {/* Named for the event (and the chef, when two cook it): each menu region is distinct. */}
        <SheetOrder
          order={e.kitchenOrder}
          headingLevel={4}
          heading={`Menu for ${e.code}${others.length && chef ? ` (${chef.name})` : ""}`}
        />
      </div>
    </article>
  );
}
