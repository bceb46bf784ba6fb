// Telling staff about a booking event they must act on: a booking now waiting for their
// confirmation, or a customer's own change that touches the kitchen or the chef's day (a new
// time, guests, menu, allergies, another chef). One place for every caller (the customer's
// confirmation, a reschedule, a change of party, a booking made or paid straight into PENDING).
//
// It writes, in the caller's transaction (so the change and its notice commit together, once):
//   - an entry in the owner's alert bell (a CostAlert row with rule "booking": the bell and the
//     Alerts page are the staff inbox; UNIQUE (rule, periodKey, level) keeps it to one per event),
//   - an email to the business address and to each chef the event concerns (with an email), as
//     EmailMessage rows keyed `staff-notice:<event id>:<recipient>`: the worker's email sweep sends
//     stored rows, and a retry of the same event never writes a second one.
// Staff's own changes (actor "staff:...") tell nobody: they made them.
import type { DbTx } from "@myhibachi/db";
import { formatInstant, formatZoneName, pluralCount, profileWords } from "@myhibachi/shared";
import { readProfile } from "./dietary-profile";

export type StaffNoticeKind = "waiting" | "rescheduled" | "changed" | "cancelled";

/** The alert rule of booking notices in the bell (CostAlert.rule). */
export const BOOKING_ALERT_RULE = "booking";

/** The idempotency-key prefix of staff notice emails (the Outbox topic, hidden in the mailbox). */
export const STAFF_NOTICE_KEY = "staff-notice";

export interface StaffNoticeInput {
  bookingId: string;
  /** The history entry this notice is about: one notice per entry, whatever the retries. */
  eventId: string;
  kind: StaffNoticeKind;
  /** Who made it (`actorLabel`): a staff member's own change tells nobody. */
  actor: string;
  /** The chefs the booking had before a move or change (a chef taken off hears it too). */
  previousChefIds?: string[];
  now: Date;
}

interface ChangeLine {
  what: string;
  from: string;
  to: string;
}

/** Whether this event is one staff should hear about from us (not one they made themselves). */
export function staffShouldHear(actor: string): boolean {
  return !actor.startsWith("staff:");
}

/**
 * Writes the bell entry and the emails for one booking event, in `tx`. Returns what it wrote
 * (nothing for staff's own changes, a booking no longer live, or a replay of the same event).
 */
export async function tellStaffAboutBooking(
  tx: DbTx,
  input: StaffNoticeInput,
): Promise<{ alert: boolean; emails: string[] }> {
  const none = { alert: false, emails: [] };
  if (!staffShouldHear(input.actor)) return none;
  const b = await tx.booking.findUnique({
    where: { id: input.bookingId },
    include: { chefs: { where: { live: true }, include: { chef: true } } },
  });
  // A hold nobody confirmed yet is not staff's business. A cancellation is told when the
  // customer cancels (the caller passes only bookings staff had: pending or confirmed).
  const live = b && ["PENDING", "CONFIRMED"].includes(b.status);
  if (!b || !(input.kind === "cancelled" ? b.status === "CANCELLED" : live)) return none;
  const [settings, event] = await Promise.all([
    tx.businessSettings.findUnique({ where: { id: 1 } }),
    tx.bookingEvent.findUnique({ where: { id: input.eventId } }),
  ]);
  const data = (event?.data ?? {}) as {
    from?: unknown;
    changes?: ChangeLine[];
    reason?: unknown;
  };
  const tz = b.timeZone;
  const when = (d: Date) => formatInstant(d, tz, "fullDateTime");
  const customer = b.contactName ?? "The customer";
  const nowChefs = b.chefs.map((c) => c.chef);
  const previous = input.previousChefIds ?? nowChefs.map((c) => c.id);
  const gone = previous.length
    ? await tx.chef.findMany({
        where: { id: { in: previous.filter((id) => !nowChefs.some((c) => c.id === id)) } },
      })
    : [];
  const chefNames = (cs: { name: string }[]) => cs.map((c) => c.name).join(" and ");
  const chefLine =
    input.kind === "cancelled"
      ? gone.length
        ? `Chef: ${chefNames(gone)} (free again at that time)`
        : "Chef: none was assigned"
      : nowChefs.length === 0
        ? "Chef: none assigned yet"
        : `Chef: ${chefNames(nowChefs)}${gone.length ? ` (was ${chefNames(gone)})` : ""}`;

  const changes: string[] = [];
  if (input.kind === "rescheduled" && typeof data.from === "string")
    changes.push(`Date and time: ${when(new Date(data.from))} → ${when(b.startsAt)}`);
  if (input.kind === "changed")
    for (const c of data.changes ?? []) changes.push(`${c.what}: ${c.from} → ${c.to}`);
  if (input.kind === "cancelled" && typeof data.reason === "string" && data.reason.trim())
    changes.push(`Reason: ${data.reason.trim()}`);
  if (gone.length && input.kind !== "waiting" && input.kind !== "cancelled")
    changes.push(`Chef: ${chefNames(gone)} → ${chefNames(nowChefs) || "none assigned yet"}`);

  const what = {
    waiting: {
      title: `${b.code} is waiting for your confirmation`,
      lead: `${customer} ${
        event?.type.startsWith("deposit-paid")
          ? "paid the deposit"
          : event?.type === "customer-confirmed"
            ? "confirmed their booking from the emailed link"
            : "booked"
      }. The booking waits for you to confirm it.`,
    },
    rescheduled: {
      title: `${b.code} moved by the customer`,
      lead: `${customer} moved their booking to a new time.`,
    },
    cancelled: {
      title: `${b.code} cancelled by the customer`,
      lead: `${customer} cancelled their booking. Nothing to do: it is off the calendar.`,
    },
    changed: {
      title: `${b.code} changed by the customer`,
      lead: `${customer} changed their party (${(data.changes ?? []).map((c) => c.what.toLowerCase()).join(", ") || "guests or menu"}).`,
    },
  }[input.kind];

  const profile = readProfile(b.dietaryProfile);
  const dietaryNeeds = profile ? profileWords(profile) : null;
  const summary = [
    `Booking ${b.code}`,
    `${when(b.startsAt)}, ${formatZoneName(tz, b.startsAt)}`,
    `${pluralCount(b.adults, "adult")}, ${pluralCount(b.children, "child")}${b.city ? ` · ${b.city}` : ""}`,
    chefLine,
    ...(b.allergies ? [`Allergies: ${b.allergies}`] : []),
    ...(dietaryNeeds ? [`Dietary needs: ${dietaryNeeds}`] : []),
  ];
  const text = [
    what.lead,
    "",
    ...summary,
    ...(changes.length
      ? ["", input.kind === "cancelled" ? "Why:" : "What changed:", ...changes.map((c) => `  ${c}`)]
      : []),
    "",
    input.kind === "waiting"
      ? `Confirm it in the admin: Bookings → ${b.code}.`
      : `Open it in the admin: Bookings → ${b.code}.`,
  ].join("\n");

  const alert = await tx.costAlert.createMany({
    data: {
      rule: BOOKING_ALERT_RULE,
      periodKey: `${b.id}:${input.eventId}`,
      level: "WARNING",
      title: what.title,
      message: [what.lead, ...changes].join(" "),
      costMicros: 0n,
      thresholdMicros: 0n,
      data: { bookingId: b.id, eventId: input.eventId, kind: input.kind },
      firedAt: input.now,
    },
    skipDuplicates: true,
  });

  // The business address, then every chef the event concerns (now on it, or taken off it).
  const recipients = new Map<string, string>();
  if (settings?.email) recipients.set(settings.email.toLowerCase(), "business");
  for (const c of [...nowChefs, ...gone])
    if (c.email && !recipients.has(c.email.toLowerCase()))
      recipients.set(c.email.toLowerCase(), `chef-${c.id}`);
  const emails = [...recipients].map(([to, who]) => ({
    idempotencyKey: `${STAFF_NOTICE_KEY}:${input.eventId}:${who}`,
    to,
    subject: what.title,
    text,
  }));
  const written = emails.length
    ? await tx.emailMessage.createMany({ data: emails, skipDuplicates: true })
    : { count: 0 };
  return {
    alert: alert.count > 0,
    emails: written.count > 0 ? emails.map((e) => e.to) : [],
  };
}
