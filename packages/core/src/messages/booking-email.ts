// The customer's emails about their booking (made, held, confirmed, cancelled, rescheduled,
// changed),
// written from the booking and its money as they are now. Sent by the apps (packages/api) and by
// the worker (a payment applied from a Stripe webhook). In "pay at the event" mode they say so
// plainly and never claim a deposit was paid or will be refunded.
import type { Db } from "@myhibachi/db";
import {
  addressLine,
  formatCents,
  formatInstant,
  formatWhen,
  kitchenOrderText,
  zonedParts,
} from "@myhibachi/shared";
import type { BookingNotification } from "../booking/shared";
import { issueAccessToken } from "../booking/links";
import { changeLineText } from "../booking/change-booking";
import { bookingWithDetails } from "../booking/manage-booking";
import { bookingMoney, PAY_AT_EVENT_NOTICE } from "../payments/money";
import { depositTerms, paidInPersonCents } from "../payments/cancel";
import { loadCatalogFromDb } from "../catalog/catalog";
import { bookingCalendarEvent, icsAttachment } from "../calendar/booking-calendar";
import type { EmailAttachment } from "./attachments";
import { googleCalendarUrl, outlookCalendarUrl, pluralCount } from "@myhibachi/shared";
import { bookingEmailHtml } from "./booking-email-html";

export interface BookingEmail {
  to: string;
  subject: string;
  text: string;
  /** The same content as `text`, for mail clients that show HTML. */
  html: string;
  idempotencyKey: string;
  /** The party as a calendar event (.ics), on every email but the held one. */
  attachments?: EmailAttachment[];
}

/** The emails that carry the calendar event: the booking is on (or moved, changed, or off). */
const WITH_CALENDAR: BookingNotification["type"][] = [
  "booking.created",
  "booking.confirmed",
  "booking.rescheduled",
  "booking.changed",
  "booking.cancelled",
];

/** What the file does to an event the customer may already have added. */
const REVISES: Partial<Record<BookingNotification["type"], string>> = {
  "booking.rescheduled": " (it moves the event you already added)",
  "booking.changed": " (it updates the event you already added)",
};

/** "Saturday, November 28, 2026 at 6:00 PM" on the event's wall clock. */
function when(startsAt: Date, tz: string): string {
  const p = zonedParts(startsAt, tz);
  return formatWhen(p.date, p.minutes);
}

/** The email for a booking event, with a fresh emailed link token; null when there is no address. */
export async function composeBookingEmail(
  db: Db,
  n: BookingNotification,
  customerUrl: string,
  now: Date = new Date(),
): Promise<BookingEmail | null> {
  const b = await bookingWithDetails(db, n.bookingId);
  if (!b.contactEmail) return null;
  const [payments, refunds, disputes] = await Promise.all([
    db.payment.findMany({ where: { bookingId: b.id }, orderBy: { createdAt: "asc" } }),
    db.refund.findMany({ where: { bookingId: b.id }, orderBy: { createdAt: "asc" } }),
    db.paymentDispute.findMany({ where: { bookingId: b.id } }),
  ]);
  const money = bookingMoney(b, payments, refunds, disputes);
  const stripe = b.paymentMode === "STRIPE";
  // The deposit's terms for this booking (null in "pay at the event" mode: nothing said).
  const { settings } = await loadCatalogFromDb(db);
  const terms = depositTerms(b, settings, now).sentence;
  const withTerms = (text: string) => (terms ? `${text} ${terms}` : text);
  // Each email carries a link token of its own (only its hash is stored).
  const token = await issueAccessToken(db, b.id, { sentByEmail: true });
  const link = `${customerUrl}/bookings/${b.id}?token=${token}`;
  // "10:07 PM PST", as the hold pages say it.
  const until = b.holdExpiresAt ? formatInstant(b.holdExpiresAt, b.timeZone, "timeWithZone") : "";
  // The kitchen order first (proteins per type, extras, allergies and notes, as the chef will
  // read them), then the price lines.
  const lines = [
    "Your menu",
    ...kitchenOrderText(b.kitchenOrder).map((l) => `  ${l}`),
    "",
    ...b.lines.map((l) => `  ${l.label} (${l.detail}): ${formatCents(l.totalCents)}`),
  ].join("\n");
  const moneyLines = money.lines
    .map(
      (l) =>
        `  ${l.label}${l.amountCents != null && l.kind !== "pay_at_event" ? `: ${formatCents(l.amountCents)}` : ""}`,
    )
    .join("\n");
  const totals = stripe
    ? `  Total: ${formatCents(b.totalCents)}\n\nPayments\n${moneyLines}`
    : // Paid at the event already (staff recorded it): what was paid, not "no payment is taken".
      `  Total: ${formatCents(b.totalCents)}\n\n${money.paidCents ? `Payments\n${moneyLines}` : PAY_AT_EVENT_NOTICE}`;
  // The whole address as entered (the gate code is what the chef needs at the door).
  const address = addressLine({
    line1: b.addressLine1,
    line2: b.addressLine2,
    city: b.city,
    state: b.state,
    postalCode: b.postalCode,
  });
  const base = `Booking ${b.code}\n${when(b.startsAt, b.timeZone)}\n${pluralCount(b.adults, "adult")}, ${pluralCount(b.children, "child")}\n${address}\n\n${lines}\n${totals}\n\nManage your booking: ${link}`;
  // A move or a change names what it was before and what it is now, from its history entry.
  const eventId = "eventId" in n ? n.eventId : undefined;
  const event =
    n.type === "booking.rescheduled" || n.type === "booking.changed"
      ? await db.bookingEvent.findFirst({
          where: {
            bookingId: b.id,
            type: n.type === "booking.changed" ? "party-changed" : "rescheduled",
            ...(eventId ? { id: eventId } : {}),
          },
          orderBy: { createdAt: "desc" },
        })
      : null;
  const eventData = (event?.data ?? {}) as {
    from?: unknown;
    changes?: { what: string; from: string; to: string }[];
    money?: string;
  };
  const movedFrom =
    typeof eventData.from === "string" ? when(new Date(eventData.from), b.timeZone) : null;
  const subjects: Record<BookingNotification["type"], string> = {
    "booking.held": stripe
      ? `Pay the deposit to confirm your booking ${b.code}`
      : `Please confirm your booking ${b.code}`,
    "booking.created": `We got your booking ${b.code}`,
    "booking.confirmed": `Your hibachi party is confirmed (${b.code})`,
    "booking.cancelled": `Your booking ${b.code} is cancelled`,
    "booking.rescheduled": `Your booking ${b.code} has a new time`,
    "booking.changed": `Your booking ${b.code} is updated`,
  };
  const cancelledMoney = (): string => {
    const inPerson = paidInPersonCents(payments);
    if (!stripe)
      return inPerson > 0
        ? `You paid ${formatCents(inPerson)} in person; our team will return it to you directly.`
        : "No payment was taken online, so there is nothing to refund.";
    if (money.nothingCharged) return "Nothing was charged.";
    const back = money.refundedCents + money.refundPendingCents;
    return back > 0
      ? `We're refunding ${formatCents(back)} to your card (it usually shows within 5-10 business days).`
      : "As the cancellation came within the policy's window, the deposit is not refunded.";
  };
  // Staff cancelling say why (the admin dialog promises the customer reads it): the email says
  // that we cancelled it, and the reason in the staff member's words.
  const cancelled = (): string =>
    b.cancelledBy?.startsWith("staff:")
      ? `We're sorry, ${b.contactName}: we have cancelled your booking. Our reason: ${b.cancelReason?.trim() || "none given"}\n\n${cancelledMoney()}${settings.phone ? ` Questions? Call us at ${settings.phone}.` : ""}`
      : `Your booking is cancelled. ${cancelledMoney()}`;
  const intro: Record<BookingNotification["type"], string> = {
    "booking.held": stripe
      ? withTerms(
          `Thanks, ${b.contactName}! We're holding this time for you until ${until}. Pay the ${formatCents(b.depositCents)} deposit on our secure Stripe page (open the link below) before then to confirm your booking, or the time is released for other guests. Nothing has been charged yet.`,
        )
      : `Thanks, ${b.contactName}! We're holding this time for you until ${until}. Open the link below and press "Confirm my booking" before then, or the time is released for other guests. (Only this emailed link can confirm: it shows the booking was made by the owner of this address.) No payment is taken online.`,
    "booking.created": stripe
      ? withTerms(
          money.depositPaid
            ? `Thanks, ${b.contactName}! ${money.headline} We'll confirm your booking shortly.`
            : `Thanks, ${b.contactName}! We got your booking.`,
        )
      : `Thanks, ${b.contactName}! We got your booking. ${PAY_AT_EVENT_NOTICE}`,
    "booking.confirmed":
      stripe && money.depositPaid
        ? withTerms(`Good news, ${b.contactName}: your chef is booked. ${money.headline}`)
        : `Good news, ${b.contactName}: your chef is booked.`,
    "booking.cancelled": cancelled(),
    "booking.rescheduled": withTerms(
      movedFrom
        ? `Your booking has moved.\n\n  Was: ${movedFrom}\n  Now: ${when(b.startsAt, b.timeZone)}\n\nYour party, menu and price stay the same.`
        : `Your booking now starts ${when(b.startsAt, b.timeZone)}.`,
    ),
    "booking.changed": `Your party has been updated, ${b.contactName}. What changed:\n\n${(
      eventData.changes ?? []
    )
      .map((c) => `  ${changeLineText(c)}`)
      .join("\n")}${eventData.money ? `\n\n${eventData.money}` : ""}`,
  };
  // A held booking isn't on yet (it expires unless confirmed): no calendar event for it.
  let calendar = "";
  let attachments: EmailAttachment[] | undefined;
  if (WITH_CALENDAR.includes(n.type)) {
    const party = await bookingCalendarEvent(db, b.id, { customerUrl });
    const file = icsAttachment(party, now);
    attachments = [file];
    calendar =
      party.status === "CANCELLED"
        ? `\n\nThe attached calendar file (${file.filename}) takes the party off your calendar.`
        : `\n\nAdd it to your calendar:\n  Google Calendar: ${googleCalendarUrl(party)}\n  Outlook: ${outlookCalendarUrl(party)}\n  Apple Calendar and others: open the attached ${file.filename}${REVISES[n.type] ?? ""}`;
  }
  const amount = (l: { amountCents: number | null; kind: string }) =>
    l.amountCents != null && l.kind !== "pay_at_event" ? formatCents(l.amountCents) : null;
  const html = bookingEmailHtml({
    intro: intro[n.type],
    code: b.code,
    when: when(b.startsAt, b.timeZone),
    guests: `${pluralCount(b.adults, "adult")}, ${pluralCount(b.children, "child")}`,
    address,
    kitchenOrder: b.kitchenOrder,
    priceLines: b.lines.map((l) => ({
      label: `${l.label} (${l.detail})`,
      amount: formatCents(l.totalCents),
    })),
    total: formatCents(b.totalCents),
    paymentsNote: stripe || money.paidCents ? null : PAY_AT_EVENT_NOTICE,
    payments:
      stripe || money.paidCents
        ? money.lines
            .filter((l) => l.kind !== "pay_at_event")
            .map((l) => ({ label: l.label, amount: amount(l) }))
        : [],
    manageUrl: link,
    extraText: calendar,
  });
  return {
    html,
    to: b.contactEmail,
    subject: subjects[n.type],
    text: `${intro[n.type]}\n\n${base}${calendar}`,
    // One email per move or change (moving back and forth is two moves).
    idempotencyKey: `${n.type}:${b.id}:${event ? event.id : n.type === "booking.rescheduled" ? b.startsAt.toISOString() : ""}`,
    ...(attachments ? { attachments } : {}),
  };
}
