import { describe, expect, it } from "vitest";
import { bookingStatusWords, myBookingsSection } from "./booking-status";

describe("the customer's status words", () => {
  it("say who is waiting for what, the same wherever a booking is shown", () => {
    expect(bookingStatusWords("HELD", { depositOnline: true }).label).toBe("Deposit due");
    expect(bookingStatusWords("HELD", { depositOnline: false }).label).toBe(
      "Waiting for your confirmation",
    );
    expect(bookingStatusWords("PENDING", { depositOnline: false }).label).toBe(
      "Waiting for our confirmation",
    );
    expect(bookingStatusWords("CONFIRMED", { depositOnline: true })).toEqual({
      label: "Confirmed",
      tone: "green",
    });
    expect(bookingStatusWords("CANCELLED", { depositOnline: false })).toEqual({
      label: "Cancelled",
      tone: "red",
    });
    // Never the database's own word.
    for (const s of ["HELD", "PENDING", "CONFIRMED", "COMPLETED", "CANCELLED", "EXPIRED"] as const)
      expect(bookingStatusWords(s, { depositOnline: false }).label).not.toBe(s.toLowerCase());
  });
});

describe("My bookings sections", () => {
  const now = new Date("2026-11-20T12:00:00Z");
  const next = "2026-11-28T02:00:00Z";
  const last = "2026-10-01T02:00:00Z";
  it("a cancelled or expired booking is never upcoming, even when its date is ahead", () => {
    expect(myBookingsSection({ status: "CANCELLED", startsAt: next }, now)).toBe("cancelled");
    expect(myBookingsSection({ status: "EXPIRED", startsAt: next }, now)).toBe("cancelled");
  });
  it("live bookings ahead are upcoming (until the party ends); the rest are past", () => {
    expect(myBookingsSection({ status: "PENDING", startsAt: next }, now)).toBe("upcoming");
    expect(myBookingsSection({ status: "CONFIRMED", startsAt: next }, now)).toBe("upcoming");
    expect(
      myBookingsSection(
        { status: "CONFIRMED", startsAt: "2026-11-20T11:00:00Z", endsAt: "2026-11-20T13:00:00Z" },
        now,
      ),
    ).toBe("upcoming");
    expect(myBookingsSection({ status: "CONFIRMED", startsAt: last }, now)).toBe("past");
    expect(myBookingsSection({ status: "COMPLETED", startsAt: last }, now)).toBe("past");
  });
});
