import Link from "next/link";
import type { Metadata } from "next";
import { Badge, Card } from "@myhibachi/ui";
import {
  addDays,
  formatCents,
  formatInstant,
  formatLocalDate,
  formatStampShort,
  formatZoneName,
  pluralCount,
} from "@myhibachi/shared";
import { BookingTable, statusTone } from "~/components/booking-table";
import { adminApi } from "~/server/session";
import { CompleteButton, CompletedNotices } from "./complete-button";

export const metadata: Metadata = { title: "Today" };
export const dynamic = "force-dynamic";

type TodayView = Awaited<ReturnType<Awaited<ReturnType<typeof adminApi>>["bookings"]["today"]>>;
type Event = TodayView["today"][number];

function EventCard({ b, showDate = false }: { b: Event; showDate?: boolean }) {
  const zone = b.timeZone;
  return (
    <li className="flex flex-col gap-2 py-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0">
        <p className="text-lg font-semibold">
          {showDate && `${formatInstant(b.startsAt, zone, "shortDay")}, `}
          {formatInstant(b.startsAt, zone, "time")} – {formatInstant(b.endsAt, zone, "time")}
          <span className="ml-2 align-middle">
            <Badge tone={statusTone(b.status)}>{b.status.toLowerCase()}</Badge>
          </span>
        </p>
        <p>
          <Link className="font-medium text-brand-700 underline" href={`/bookings/${b.id}`}>
            {b.code}
          </Link>{" "}
          · {b.contactName ?? "Chat hold, no details yet"} · {b.adults + b.children} guests
          {b.city ? ` · ${b.city}` : ""}
        </p>
        <p className="text-sm text-muted">
          Chef: {b.chefs.map((c) => c.chef.name).join(", ") || "none assigned yet"} · total{" "}
          {formatCents(b.totalCents)}
        </p>
      </div>
      <div className="shrink-0 sm:max-w-xs sm:text-right">
        {b.canComplete ? (
          <CompleteButton id={b.id} code={b.code} />
        ) : (
          b.status !== "COMPLETED" &&
          b.status !== "HELD" && (
            <p className="text-sm text-muted">
              Can be marked completed after {formatInstant(b.endsAt, zone, "time")}.
            </p>
          )
        )}
      </div>
    </li>
  );
}

/** How many waiting bookings Today lists before linking to the rest: tonight's events stay near the top on a phone. */
const WAITING_SHOWN = 5;

/**
 * Every booking waiting for staff to confirm it (PENDING), whatever its date, the soonest party
 * first: at the top of Today while there are any, so none sits unseen.
 */
function WaitingForConfirmation({
  rows,
  timeZone,
}: {
  rows: TodayView["waiting"];
  timeZone: string;
}) {
  return (
    <Card>
      <h2 id="waiting-heading" className="text-lg font-semibold">
        Waiting for your confirmation ({rows.length})
      </h2>
      <p className="text-sm text-muted">
        The customers confirmed these bookings; each waits for you to confirm it. Open one to
        confirm it or call the customer. The soonest party first.
      </p>
      <ul className="mt-2 divide-y divide-stone-100" aria-labelledby="waiting-heading">
        {rows.slice(0, WAITING_SHOWN).map((b) => (
          <li
            key={b.id}
            className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:gap-3"
          >
            <Link
              className="font-medium text-brand-700 underline sm:w-28 sm:shrink-0"
              href={`/bookings/${b.id}`}
            >
              {b.code}
            </Link>
            <span className="min-w-0 flex-1">
              {formatInstant(b.startsAt, b.timeZone, "fullDateTime")} ·{" "}
              {pluralCount(b.adults + b.children, "guest")} · {b.contactName ?? "no name given"}
              {b.city ? ` · ${b.city}` : ""}
            </span>
            <span className="text-sm text-muted">
              booked {formatStampShort(b.createdAt, timeZone)}
            </span>
          </li>
        ))}
      </ul>
      {rows.length > WAITING_SHOWN && (
        <p className="mt-2 text-sm">
          <Link className="font-medium text-brand-700 underline" href="/bookings?status=PENDING">
            See all {rows.length} waiting bookings
          </Link>{" "}
          <span className="text-muted">
            (the {WAITING_SHOWN} soonest parties are shown here; the list is in the same order)
          </span>
        </p>
      )}
    </Card>
  );
}

export default async function Today() {
  const api = await adminApi();
  const t = await api.bookings.today({ days: 7 });
  const dayTitle = (date: string) =>
    date === addDays(t.date, 1)
      ? `Tomorrow, ${formatLocalDate(date, "weekdayDate")}`
      : formatLocalDate(date, "weekdayDate");
  const later = t.upcoming.filter((d) => d.bookings.length > 0);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Today, {formatLocalDate(t.date, "weekdayDate")}</h1>
          <p className="text-sm text-muted">
            Times in {formatZoneName(t.timeZone, t.now)}. It is{" "}
            {formatInstant(t.now, t.timeZone, "time")} there now.
          </p>
        </div>
        <Link
          href="/bookings/new"
          className="inline-flex min-h-11 items-center justify-center rounded-lg bg-brand-700 px-4 font-semibold text-white hover:bg-brand-900"
        >
          New booking
        </Link>
      </div>
      {t.waiting.length > 0 && <WaitingForConfirmation rows={t.waiting} timeZone={t.timeZone} />}
      <CompletedNotices>
        <Card>
          <h2 className="text-lg font-semibold">
            {t.today.length === 0
              ? "No events today"
              : `${t.today.length} ${t.today.length === 1 ? "event" : "events"} today`}
          </h2>
          {t.today.length > 0 ? (
            <ul className="divide-y divide-stone-100" aria-label="Today's events">
              {t.today.map((b) => (
                <EventCard key={b.id} b={b} />
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-muted">Nothing is booked for today.</p>
          )}
        </Card>
        {t.toComplete.length > 0 && (
          <Card>
            <h2 className="text-lg font-semibold">Earlier events to mark completed</h2>
            <p className="text-sm text-muted">
              These are over but still open. Mark each completed once the chef is done.
            </p>
            <ul className="divide-y divide-stone-100" aria-label="Earlier events to mark completed">
              {t.toComplete.map((b) => (
                <EventCard key={b.id} b={b} showDate />
              ))}
            </ul>
          </Card>
        )}
      </CompletedNotices>
      <Card>
        <h2 className="text-lg font-semibold">Next 7 days</h2>
        {later.length === 0 && (
          <p className="mt-1 text-muted">Nothing booked in the next 7 days.</p>
        )}
        {later.map((d) => (
          <section key={d.date} aria-labelledby={`day-${d.date}`} className="mt-4">
            <h3 id={`day-${d.date}`} className="font-semibold">
              {dayTitle(d.date)}{" "}
              <span className="font-normal text-muted">
                ({d.bookings.length} {d.bookings.length === 1 ? "event" : "events"})
              </span>
            </h3>
            <BookingTable rows={d.bookings} empty="" time="time" />
          </section>
        ))}
        <p className="mt-4 text-sm">
          <Link className="underline" href="/calendar">
            See the calendar
          </Link>{" "}
          ·{" "}
          <Link className="underline" href="/bookings">
            All upcoming bookings
          </Link>
        </p>
      </Card>
    </div>
  );
}
