import { bookingWithDetails, issueAccessToken, type BookingNotification } from "@myhibachi/core";
import { formatCents, formatMinutes, formatWhen, zonedParts } from "@myhibachi/shared";
import type { ApiDeps } from "./context";

/** "Saturday, November 28, 2026 at 6 pm" on the event's wall clock. */
function when(startsAt: Date, tz: string): string {
  const p = zonedParts(startsAt, tz);
  return formatWhen(p.date, p.minutes);
}

/** Emails the customer about a booking change. Idempotent per booking and event. */
export function bookingNotifier(deps: Pick<ApiDeps, "db" | "sendEmail" | "customerUrl">) {
  return async (n: BookingNotification): Promise<void> => {
    try {
      const b = await bookingWithDetails(deps.db, n.bookingId);
      if (!b.contactEmail) return;
      // Each email carries a link token of its own (only its hash is stored).
      const token = await issueAccessToken(deps.db, b.id, { sentByEmail: true });
      const link = `${deps.customerUrl}/bookings/${b.id}?token=${token}`;
      const until = b.holdExpiresAt
        ? formatMinutes(zonedParts(b.holdExpiresAt, b.timeZone).minutes)
        : "";
      const lines = b.lines
        .map((l) => `  ${l.label} (${l.detail}): ${formatCents(l.totalCents)}`)
        .join("\n");
      const base = `Booking ${b.code}\n${when(b.startsAt, b.timeZone)}\n${b.adults} adults, ${b.children} children\n${b.addressLine1}, ${b.city}\n\n${lines}\n  Total: ${formatCents(b.totalCents)} (deposit ${formatCents(b.depositCents)}, balance at the event ${formatCents(b.balanceCents)})\n\nManage your booking: ${link}`;
      const subjects: Record<BookingNotification["type"], string> = {
        "booking.held": `Please confirm your booking ${b.code}`,
        "booking.created": `We got your booking ${b.code}`,
        "booking.confirmed": `Your hibachi party is confirmed (${b.code})`,
        "booking.cancelled": `Your booking ${b.code} is cancelled`,
        "booking.rescheduled": `Your booking ${b.code} has a new time`,
      };
      const intro: Record<BookingNotification["type"], string> = {
        "booking.held": `Thanks, ${b.contactName}! We're holding this time for you until ${until}. Open the link below and press "Confirm my booking" before then, or the time is released for other guests. (Only this emailed link can confirm: it shows the booking was made by the owner of this address.)`,
        "booking.created": `Thanks, ${b.contactName}! Your deposit of ${formatCents(b.depositCents)} holds the date.`,
        "booking.confirmed": `Good news, ${b.contactName}: your chef is booked.`,
        "booking.cancelled": `Your booking is cancelled.${b.refundCents ? ` We'll refund ${formatCents(b.refundCents)}.` : ""}`,
        "booking.rescheduled": `Your booking now starts ${when(b.startsAt, b.timeZone)}.`,
      };
      await deps.sendEmail({
        to: b.contactEmail,
        subject: subjects[n.type],
        text: `${intro[n.type]}\n\n${base}`,
        idempotencyKey: `${n.type}:${b.id}:${n.type === "booking.rescheduled" ? b.startsAt.toISOString() : ""}`,
      });
    } catch (err) {
      // A booking is never undone because an email could not be queued.
      console.error("[api] could not queue booking email", err);
    }
  };
}
