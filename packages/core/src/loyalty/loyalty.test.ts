import { describe, expect, it } from "vitest";
import {
  countsAsCompleted,
  expiryEntry,
  loyaltyFacts,
  missingEntries,
  type LedgerEntry,
  type LoyaltyBookingFact,
} from "./recompute";
import {
  bookingWindowOf,
  perkLabel,
  perksOf,
  progressOf,
  tierFor,
  tierLadderProblem,
} from "./tiers";
import { expiryReminderDue } from "./expiry-reminder";
import { pointsExpiryOf } from "./recompute";

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

describe("priority booking: the window and the perk in numbers", () => {
  const priority = { code: "PRIORITY_BOOKING", label: "Book further ahead", inQuote: false };

  it("a member's window is the business's plus the tier's extra days; anyone else's the business's", async () => {
    expect(bookingWindowOf(180, { tierName: "Gold", extraWindowDays: 60 })).toEqual({
      days: 240,
      extraDays: 60,
      tierName: "Gold",
    });
    expect(bookingWindowOf(180, { tierName: "Bronze", extraWindowDays: 0 })).toEqual({
      days: 180,
      extraDays: 0,
      tierName: null,
    });
    expect(bookingWindowOf(180, null)).toEqual({ days: 180, extraDays: 0, tierName: null });
    // Terms stored before the column existed have no extra days.
    expect(bookingWindowOf(90, { tierName: "Silver" }).days).toBe(90);
  });

  it("the priority perk says how far ahead; other perks and a tier with no extra days keep their label", () => {
    expect(perkLabel(priority, 60, 180)).toBe(
      "Book up to 240 days ahead (60 more than our usual 180)",
    );
    expect(perkLabel(priority, 30)).toBe("Book 30 days further ahead than the booking window");
    expect(perkLabel(priority, 1)).toBe("Book 1 day further ahead than the booking window");
    expect(perkLabel(priority, 0, 180)).toBe("Book further ahead");
    expect(perkLabel({ code: "FREE_DESSERT", label: "Free dessert" }, 60, 180)).toBe(
      "Free dessert",
    );
  });
});

describe("points used on a booking, and points expiring", () => {
  const fact = (o: Partial<LoyaltyBookingFact> & { id: string }): LoyaltyBookingFact => ({
    code: `HB-${o.id}`,
    status: "COMPLETED",
    totalCents: 60_000,
    payments: [],
    refunds: [],
    ...o,
  });
  const redeem = (bookingId: string, points: number): LedgerEntry => ({
    kind: "REDEEM",
    sourceId: bookingId,
    bookingId,
    points: -points,
    note: null,
  });

  it("a cancelled or expired booking that used points gets one REVERSE redeem:<id> back; a live one none", () => {
    const ledger = [redeem("a", 1200), redeem("b", 500), redeem("c", 300)];
    const out = missingEntries(
      [
        fact({ id: "a", status: "CANCELLED" }),
        fact({ id: "b", status: "EXPIRED" }),
        fact({ id: "c", status: "PENDING" }),
      ],
      ledger,
    );
    expect(out.map((e) => [e.kind, e.sourceId, e.points])).toEqual([
      ["REVERSE", "redeem:a", 1200],
      ["REVERSE", "redeem:b", 500],
    ]);
    // Written already: nothing again.
    expect(missingEntries([fact({ id: "a", status: "CANCELLED" })], [...ledger, ...out])).toEqual(
      [],
    );
  });

  it("after a change of party gave back a surplus (redeem:<id>:down-to:600), the repair gives back only what is still used, and the earn side ignores it", () => {
    const surplus: LedgerEntry = {
      kind: "REVERSE",
      sourceId: "redeem:f:down-to:600",
      bookingId: "f",
      points: 400,
      note: null,
    };
    const earn: LedgerEntry = {
      kind: "EARN",
      sourceId: "f",
      bookingId: "f",
      points: 50,
      note: null,
    };
    const out = missingEntries(
      [fact({ id: "f", status: "CANCELLED" })],
      [earn, redeem("f", 1000), surplus],
    );
    expect(out.map((e) => [e.kind, e.sourceId, e.points])).toEqual([
      ["REVERSE", "redeem:f", 600],
      ["REVERSE", "f", -50],
    ]);
    // A live booking with a surplus given back: nothing to repair.
    expect(
      missingEntries([fact({ id: "f", status: "PENDING" })], [redeem("f", 1000), surplus]),
    ).toEqual([]);
  });

  it("a completed booking that used points and is cancelled after all: its EARN is reversed in full, its points given back", () => {
    const earn: LedgerEntry = {
      kind: "EARN",
      sourceId: "d",
      bookingId: "d",
      points: 600,
      note: null,
    };
    const given: LedgerEntry = {
      kind: "REVERSE",
      sourceId: "redeem:d",
      bookingId: "d",
      points: 1000,
      note: null,
    };
    const out = missingEntries(
      [fact({ id: "d", status: "CANCELLED" })],
      [earn, redeem("d", 1000), given],
    );
    expect(out).toEqual([
      expect.objectContaining({ kind: "REVERSE", sourceId: "d", points: -600 }),
    ]);
  });

  it("the expiry reminder: 24 months after the last completed party, due within the last 30 days only", () => {
    const ended = new Date("2024-12-22T03:00:00Z");
    const e = pointsExpiryOf(
      [
        fact({ id: "r1", endsAt: new Date("2024-01-01T00:00:00Z") }),
        fact({ id: "r2", endsAt: ended }),
      ],
      [{ points: 600 }, { points: 600 }, { points: -200 }],
    )!;
    expect(e).toEqual({
      balance: 1000,
      lastPartyEnd: ended,
      expiresAt: new Date("2026-12-22T03:00:00Z"),
    });
    expect(expiryReminderDue(e.expiresAt, new Date("2026-11-22T02:59:00Z"))).toBe(false);
    expect(expiryReminderDue(e.expiresAt, new Date("2026-11-22T03:00:00Z"))).toBe(true);
    expect(expiryReminderDue(e.expiresAt, new Date("2026-12-22T02:59:00Z"))).toBe(true);
    expect(expiryReminderDue(e.expiresAt, e.expiresAt)).toBe(false);
    // Nothing to remind: no points, or no completed party.
    expect(pointsExpiryOf([fact({ id: "r3", endsAt: ended })], [{ points: 0 }])).toBeNull();
    expect(
      pointsExpiryOf([fact({ id: "r4", status: "CANCELLED", endsAt: ended })], [{ points: 50 }]),
    ).toBeNull();
  });

  it("expires the balance 24 months after the last completed party, once for that quiet spell", () => {
    const ended = new Date("2024-06-01T20:00:00Z");
    const bookings = [fact({ id: "e", endsAt: ended })];
    const earned: LedgerEntry[] = [
      { kind: "EARN", sourceId: "e", bookingId: "e", points: 600, note: null },
    ];
    expect(expiryEntry("c1", bookings, earned, new Date("2026-05-31T20:00:00Z"))).toBeNull();
    const e = expiryEntry("c1", bookings, earned, new Date("2026-06-01T20:00:00Z"))!;
    expect(e).toMatchObject({
      kind: "EXPIRE",
      sourceId: "c1:2024-06-01T20:00:00.000Z",
      points: -600,
      bookingId: null,
    });
    expect(
      expiryEntry("c1", bookings, [...earned, e], new Date("2026-07-01T00:00:00Z")),
    ).toBeNull();
    // A later party starts a new spell: nothing to expire yet.
    const later = [...bookings, fact({ id: "f", endsAt: new Date("2026-05-01T20:00:00Z") })];
    expect(expiryEntry("c1", later, earned, new Date("2026-06-01T20:00:00Z"))).toBeNull();
    // No points, or no completed party: nothing.
    expect(expiryEntry("c1", bookings, [], new Date("2027-01-01T00:00:00Z"))).toBeNull();
    expect(
      expiryEntry(
        "c1",
        [fact({ id: "g", status: "CANCELLED", endsAt: ended })],
        earned,
        new Date("2027-01-01T00:00:00Z"),
      ),
    ).toBeNull();
  });
});

describe("tierLadderProblem: the tiers after an edit make a ladder", () => {
  const t = (name: string, minCompletedBookings: number, discountBps: number) => ({
    id: name,
    name,
    minCompletedBookings,
    discountBps,
  });
  it("accepts the defaults, a one-tier ladder and no tiers at all", () => {
    expect(
      tierLadderProblem([t("Gold", 10, 1500), t("Bronze", 0, 500), t("Silver", 4, 1000)]),
    ).toBeNull();
    expect(tierLadderProblem([t("Bronze", 0, 0)])).toBeNull();
    expect(tierLadderProblem([])).toBeNull();
  });
  it("refuses equal discounts in any order (attack round 2, G5: Silver above Gold)", () => {
    expect(tierLadderProblem([t("Bronze", 0, 500), t("Silver", 4, 500)])).toBe(
      "Silver (from 4 completed bookings) would give the same 5 % as Bronze (from 0 completed bookings): a tier that needs more bookings must give a larger discount, so the tiers keep their order. Change the discount or the number of bookings.",
    );
    expect(
      tierLadderProblem([t("Bronze", 0, 500), t("Silver", 15, 1500), t("Gold", 10, 1500)]),
    ).toMatch(/^Silver \(from 15 completed bookings\) would give the same 15 % as Gold \(from 10/);
  });
  it("refuses a lowest tier above 0, two tiers at one number and a smaller discount higher up", () => {
    expect(tierLadderProblem([t("Bronze", 3, 500), t("Silver", 4, 1000)])).toMatch(
      /^The lowest tier must start at 0 completed bookings.*Bronze would start at 3\./,
    );
    expect(
      tierLadderProblem([t("Bronze", 0, 500), t("Silver", 4, 1000), t("Gold", 4, 1500)]),
    ).toMatch(/^Silver and Gold would both start at 4 completed bookings/);
    expect(
      tierLadderProblem([t("Bronze", 0, 500), t("Silver", 20, 1000), t("Gold", 10, 1500)]),
    ).toBe(
      "Silver (from 20 completed bookings) would give 10 %, less than Gold (from 10 completed bookings, 15 %): a tier that needs more bookings can't give a smaller discount. Change the discount or the number of bookings.",
    );
  });
});
