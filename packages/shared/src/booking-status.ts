// The words a customer reads for a booking's status: one vocabulary for My bookings and the
// booking page (and anything else that shows a customer their booking), never the database's
// enum ("pending") in one place and a sentence in another.

export type BookingStatusCode =
  "HELD" | "PENDING" | "CONFIRMED" | "COMPLETED" | "CANCELLED" | "EXPIRED";

/** The colour family of the status badge. */
export type StatusTone = "amber" | "green" | "blue" | "red" | "neutral";

export interface StatusWords {
  /** "Deposit due", "Waiting for your confirmation", "Confirmed", ... */
  label: string;
  tone: StatusTone;
}

/**
 * What the customer reads for a booking in `status`. A HELD booking waits for the customer: in
 * Stripe mode for the deposit ("Deposit due"), otherwise for the press on the emailed link. A
 * PENDING one waits for the business.
 */
export function bookingStatusWords(
  status: BookingStatusCode,
  opts: { depositOnline: boolean },
): StatusWords {
  switch (status) {
    case "HELD":
      return opts.depositOnline
        ? { label: "Deposit due", tone: "amber" }
        : { label: "Waiting for your confirmation", tone: "amber" };
    case "PENDING":
      return { label: "Waiting for our confirmation", tone: "amber" };
    case "CONFIRMED":
      return { label: "Confirmed", tone: "green" };
    case "COMPLETED":
      return { label: "Completed", tone: "blue" };
    case "CANCELLED":
      return { label: "Cancelled", tone: "red" };
    case "EXPIRED":
      return { label: "Expired (not confirmed in time)", tone: "neutral" };
  }
}

/** Still on: held for the customer, waiting for the business, or confirmed. */
export function isLiveBookingStatus(status: BookingStatusCode): boolean {
  return status === "HELD" || status === "PENDING" || status === "CONFIRMED";
}

export type MyBookingsSection = "upcoming" | "past" | "cancelled";

/**
 * Where a booking goes on My bookings: cancelled and expired ones apart (never under Upcoming),
 * live ones that haven't ended under Upcoming, the rest (completed, or over) under Past.
 */
export function myBookingsSection(
  b: {
    status: BookingStatusCode;
    startsAt: Date | string | number;
    endsAt?: Date | string | number | null;
  },
  now: Date | number,
): MyBookingsSection {
  if (b.status === "CANCELLED" || b.status === "EXPIRED") return "cancelled";
  const end = new Date(b.endsAt ?? b.startsAt).getTime();
  if (isLiveBookingStatus(b.status) && end > new Date(now).getTime()) return "upcoming";
  return "past";
}
