// A booking as a calendar event: the .ics file attached to the booking emails and offered on
// the booking page (Apple Calendar and any other app), and the Google / Outlook links.
//
// - The event is written in UTC (DTSTART:20261129T020000Z): the instant is exact in every
//   calendar, which shows it in its own zone (the customer's phone is normally in the event's).
// - UID is the booking's, the same in every file, so a later file updates the event instead of
//   adding a second one. SEQUENCE counts the revisions (each move and each change of the party,
//   which may end it later and names its guests) and the cancellation; a cancelled booking's file is METHOD:CANCEL with STATUS:CANCELLED, which
//   removes or strikes out the event.
// - No secret link in the event: calendars are synced to other services, shared with family and
//   colleagues, and shown on lock screens. The description has the booking's page without its
//   token (it works for the signed-in customer, or with the link from their email), the
//   booking code and the business's phone number.
import { createEvent, type EventAttributes } from "ics";
import type { Db } from "@myhibachi/db";
import {
  googleCalendarUrl,
  outlookCalendarUrl,
  type CalendarEventDetails,
} from "@myhibachi/shared";
import { linkShowsDetails } from "../booking/links";

/**
 * Booking events that revise the calendar event (each one bumps its SEQUENCE): moves, and party
 * changes (a bigger party ends later; the description names the guests and the package).
 */
const REVISIONS = ["rescheduled", "hold-moved", "party-changed"];

export interface BookingCalendarEvent extends CalendarEventDetails {
  uid: string;
  sequence: number;
  status: "TENTATIVE" | "CONFIRMED" | "CANCELLED";
  bookingCode: string;
  /** "hibachi-party-HB-7K2QXA.ics" */
  filename: string;
  organizer: { name: string; email: string };
}

/**
 * The calendar event of a booking as it is now. `full: false` (seen through a link): the street
 * address only while the booking is on.
 */
export async function bookingCalendarEvent(
  db: Db,
  bookingId: string,
  opts: { customerUrl: string; full?: boolean },
): Promise<BookingCalendarEvent> {
  const [b, settings, revisions] = await Promise.all([
    db.booking.findUniqueOrThrow({
      where: { id: bookingId },
      include: { package: { select: { name: true } } },
    }),
    db.businessSettings.findUniqueOrThrow({
      where: { id: 1 },
      select: { businessName: true, phone: true, email: true },
    }),
    db.bookingEvent.count({ where: { bookingId, type: { in: REVISIONS } } }),
  ]);
  const cancelled = b.status === "CANCELLED" || b.status === "EXPIRED";
  const guests = b.adults + b.children;
  // Through a link, a cancelled booking shows only a summary (links.ts): no street then.
  const street = opts.full !== false || linkShowsDetails(b);
  const location = [
    street ? b.addressLine1 : null,
    street ? b.addressLine2 : null,
    b.city,
    [b.state, b.postalCode].filter(Boolean).join(" "),
  ]
    .filter((p) => p && p.trim())
    .join(", ");
  const page = `${opts.customerUrl.replace(/\/$/, "")}/bookings/${b.id}`;
  const details = [
    `Hibachi party for ${guests} ${guests === 1 ? "guest" : "guests"} (${b.package.name}), booking ${b.code}.`,
    cancelled
      ? "This booking is cancelled."
      : "Your chef arrives a little before the start to set up.",
    `Your booking: ${page} (sign in with the email you booked with, or open the link in your confirmation email).`,
    `Questions: ${settings.phone} · ${settings.email}`,
  ].join("\n");
  return {
    uid: `booking-${b.id}@myhibachi`,
    sequence: revisions + (cancelled ? 1 : 0),
    status: cancelled
      ? "CANCELLED"
      : b.status === "CONFIRMED" || b.status === "COMPLETED"
        ? "CONFIRMED"
        : "TENTATIVE",
    bookingCode: b.code,
    filename: `hibachi-party-${b.code}.ics`,
    title: `Hibachi party with ${settings.businessName} (${b.code})`,
    start: b.startsAt,
    end: b.endsAt,
    timeZone: b.timeZone,
    location,
    details,
    organizer: { name: settings.businessName, email: settings.email },
  };
}

/** The .ics text of the event (one VEVENT). `now` stamps it (DTSTAMP). */
export function icsOf(e: BookingCalendarEvent, now: Date): string {
  const cancelled = e.status === "CANCELLED";
  const attrs: EventAttributes = {
    productId: "-//MyHibachi//Bookings//EN",
    method: cancelled ? "CANCEL" : "PUBLISH",
    uid: e.uid,
    sequence: e.sequence,
    status: e.status,
    title: e.title,
    description: e.details,
    location: e.location,
    start: new Date(e.start).getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: new Date(e.end).getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    organizer: e.organizer,
    busyStatus: cancelled ? "FREE" : "BUSY",
  };
  const r = createEvent({ ...attrs, timestamp: now.getTime() } as EventAttributes);
  if (r.error || !r.value) throw r.error ?? new Error("the calendar event could not be written");
  return r.value;
}

/** Everything "add to calendar" needs: the file and the two web calendars' links. */
export function calendarOffer(e: BookingCalendarEvent, now: Date) {
  return {
    filename: e.filename,
    ics: icsOf(e, now),
    googleUrl: googleCalendarUrl(e),
    outlookUrl: outlookCalendarUrl(e),
    cancelled: e.status === "CANCELLED",
  };
}

/** The .ics as an email attachment. */
export function icsAttachment(e: BookingCalendarEvent, now: Date) {
  return {
    filename: e.filename,
    contentType: `text/calendar; charset=utf-8; method=${e.status === "CANCELLED" ? "CANCEL" : "PUBLISH"}`,
    content: icsOf(e, now),
  };
}
