// "Add to calendar" links for an event: Google Calendar and Outlook (web) open their own "new
// event" page filled in from the URL; Apple Calendar (and every other app) opens the .ics file
// the booking page and the emails offer. Times are sent as UTC instants, so each calendar shows
// the event at the right moment whatever its own time zone; Google also gets the event's zone.

export interface CalendarEventDetails {
  title: string;
  start: Date | string;
  end: Date | string;
  /** The event's IANA time zone (Google shows it in that zone when asked). */
  timeZone: string;
  location: string;
  /** Plain text. Never a secret link: calendars are synced, shared and shown to others. */
  details: string;
}

/** "20261129T020000Z" */
function basicUtc(d: Date | string): string {
  return new Date(d)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** "2026-11-29T02:00:00Z" */
function isoUtc(d: Date | string): string {
  return new Date(d).toISOString().replace(/\.\d{3}/, "");
}

export function googleCalendarUrl(e: CalendarEventDetails): string {
  const q = new URLSearchParams({
    action: "TEMPLATE",
    text: e.title,
    dates: `${basicUtc(e.start)}/${basicUtc(e.end)}`,
    ctz: e.timeZone,
    location: e.location,
    details: e.details,
  });
  return `https://calendar.google.com/calendar/render?${q.toString()}`;
}

/** Outlook on the web (outlook.live.com; work accounts are sent on to their own Outlook). */
export function outlookCalendarUrl(e: CalendarEventDetails): string {
  const q = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: e.title,
    startdt: isoUtc(e.start),
    enddt: isoUtc(e.end),
    location: e.location,
    body: e.details,
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${q.toString()}`;
}
