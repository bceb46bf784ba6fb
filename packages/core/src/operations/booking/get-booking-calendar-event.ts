import { z } from "zod";
import { bookingCalendarEvent, calendarOffer } from "../../calendar/booking-calendar";
import { loadBookingFor } from "../../booking/manage-booking";
import { bookingHolder } from "../access";
import { defineOperation } from "../define";
import { bookingRefInput } from "./get-booking";

/**
 * "Add to calendar" for a booking: its .ics file (Apple Calendar and any other app) and the
 * Google Calendar and Outlook links, with no secret link inside (see calendar/booking-calendar).
 */
export const getBookingCalendarEventOp = defineOperation({
  name: "getBookingCalendarEvent",
  kind: "query",
  summary:
    "A booking as a calendar event: its .ics file and Google Calendar / Outlook links (by its secret link or as its signed-in customer).",
  input: bookingRefInput,
  output: z.object({
    /** "hibachi-party-HB-7K2QXA.ics" */
    filename: z.string(),
    /** The iCalendar text (text/calendar). */
    ics: z.string(),
    googleUrl: z.string(),
    outlookUrl: z.string(),
    /** The booking is cancelled: the file removes the event from a calendar. */
    cancelled: z.boolean(),
  }),
  access: bookingHolder,
  async run(ctx, input, actor) {
    const now = ctx.now();
    const b = await loadBookingFor(ctx.db, input.id, actor, now);
    const event = await bookingCalendarEvent(ctx.db, b.id, {
      customerUrl: ctx.customerUrl ?? "",
      // Through a link, a cancelled booking shows only a summary: no street address either.
      full: actor.kind !== "token",
    });
    return calendarOffer(event, now);
  },
});
