"use client";
// "Add to your calendar" on the booking page: Google Calendar and Outlook open their own "new
// event" page; Apple Calendar (and any other app) takes the .ics file, served by
// ./calendar.ics/route.ts. All three come from one operation (getBookingCalendarEvent), so they
// say the same time and place as the emails' attachment; none carries the secret link.
import { useQuery } from "~/lib/query";
import { ApiError, Card } from "@myhibachi/ui";
import { useTRPC } from "~/lib/trpc";

const linkClass =
  "inline-flex min-h-11 items-center justify-center rounded-lg border border-stone-300 bg-white px-4 py-2 font-semibold text-ink hover:bg-stone-50";

export function AddToCalendar({ id, token }: { id: string; token?: string | undefined }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.booking.calendar.queryOptions({ id, token }));
  const ics = `/bookings/${encodeURIComponent(id)}/calendar.ics${token ? `?token=${encodeURIComponent(token)}` : ""}`;
  return (
    <Card>
      <h2 className="text-lg font-bold" id="add-to-calendar">
        Add to your calendar
      </h2>
      {q.data ? (
        <ul
          aria-labelledby="add-to-calendar"
          className="mt-3 flex flex-wrap gap-2"
          data-testid="add-to-calendar"
        >
          <li>
            <a
              className={linkClass}
              href={q.data.googleUrl}
              target="_blank"
              rel="noopener noreferrer"
            >
              Google Calendar<span className="sr-only"> (opens in a new tab)</span>
            </a>
          </li>
          <li>
            <a className={linkClass} href={ics} download={q.data.filename}>
              Apple Calendar (.ics)
            </a>
          </li>
          <li>
            <a
              className={linkClass}
              href={q.data.outlookUrl}
              target="_blank"
              rel="noopener noreferrer"
            >
              Outlook<span className="sr-only"> (opens in a new tab)</span>
            </a>
          </li>
        </ul>
      ) : q.isLoading ? (
        <p role="status" className="mt-2 text-sm">
          Loading…
        </p>
      ) : null}
      <p className="mt-2 text-sm text-muted">
        Other calendar apps open the .ics file too. If the time changes, the file in our email moves
        the event you added.
      </p>
      <ApiError error={q.error} onRetry={() => void q.refetch()} />
    </Card>
  );
}
