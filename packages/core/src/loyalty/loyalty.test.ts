import { describe, expect, it } from "vitest";
import {
  countsAsCompleted,
  loyaltyFacts,
  missingEntries,
  type LoyaltyBookingFact,
} from "./recompute";
import { perksOf, progressOf, tierFor } from "./tiers";

const tiers = [
  { name: "Gold", minCompletedBookings: 10 },
  { name: "Bronze", minCompletedBookings: 0 },
  { name: "Silver", minCompletedBookings: 4 },
];

describe("tiers", () => {
  it.each([
    [0, "Bronze"],
    [3, "Bronze"],
    [4, "Silver"],
    [9, "Silver"],
    [10, "Gold"],
    [57, "Gold"],
  ])("%i completed bookings: %s", (n, name) => {
    expect(tierFor(tiers, n)?.name).toBe(name);
  });

  it("says the progress in words", () => {
    expect(progressOf(tiers, 2).sentence).toBe("2 bookings away from Silver");
    expect(progressOf(tiers, 9).sentence).toBe("1 booking away from Gold");
    expect(progressOf(tiers, 12)).toEqual({
      nextTier: null,
      bookingsToNext: null,
      sentence: "Gold is our top tier",
    });
  });

  it("drops malformed perks rather than failing a quote", () => {
    expect(
      perksOf([{ code: "FREE_DESSERT", label: "Free dessert", inQuote: true }, { x: 1 }]),
    ).toEqual([{ code: "FREE_DESSERT", label: "Free dessert", inQuote: true }]);
    expect(perksOf(null)).toEqual([]);
  });
});

const booking = (over: Partial<LoyaltyBookingFact> = {}): LoyaltyBookingFact => ({
  id: "b1",
  code: "ABC",
  status: "COMPLETED",
  totalCents: 50_099,
  payments: [{ id: "p1", status: "SUCCEEDED", amountCents: 50_099 }],
  refunds: [],
  ...over,
});

describe("ledger entries from facts", () => {
  it("earns once per completed booking, and nothing again once written", () => {
    const first = missingEntries([booking()], []);
    expect(first).toEqual([expect.objectContaining({ kind: "EARN", sourceId: "b1", points: 500 })]);
    expect(missingEntries([booking()], first)).toEqual([]);
  });

  it("a refund takes back its points, never more than were earned", () => {
    const earned = missingEntries([booking()], []);
    const refunded = booking({
      refunds: [
        { id: "r1", paymentId: "p1", status: "SUCCEEDED", amountCents: 30_000 },
        { id: "r2", paymentId: "p1", status: "SUCCEEDED", amountCents: 30_000 },
        { id: "r3", paymentId: "p1", status: "PENDING", amountCents: 100 },
      ],
    });
    const back = missingEntries([refunded], earned);
    expect(back.map((e) => [e.kind, e.sourceId, e.points])).toEqual([
      ["REFUND", "r1", -300],
      ["REFUND", "r2", -200],
    ]);
    expect(loyaltyFacts([refunded], [...earned, ...back]).points).toBe(0);
  });

  it("a booking no longer completed is reversed once", () => {
    const earned = missingEntries([booking()], []);
    const cancelled = booking({ status: "CANCELLED" });
    const rev = missingEntries([cancelled], earned);
    expect(rev).toEqual([expect.objectContaining({ kind: "REVERSE", points: -500 })]);
    expect(missingEntries([cancelled], [...earned, ...rev])).toEqual([]);
    expect(countsAsCompleted(cancelled)).toBe(false);
  });

  it("a completed booking refunded in full no longer counts as completed", () => {
    const full = booking({
      refunds: [{ id: "r1", paymentId: "p1", status: "SUCCEEDED", amountCents: 50_099 }],
    });
    expect(countsAsCompleted(full)).toBe(false);
    expect(countsAsCompleted(booking({ payments: [] }))).toBe(true);
  });
});
