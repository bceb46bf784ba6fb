// The receipt-snapshot migration on payments and refunds made before receipts kept their own
// figures: each gets the booking as it was at its own moment, rebuilt from the booking's history
// (the party and total before the first change after it, the start before the first move after
// it), with what had been paid, tipped and refunded by then and what was still due.
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { databaseBefore } from "./migration-db";

const MIGRATION = "20261216090000_receipt_snapshots";
const db = databaseBefore(MIGRATION, "rcpt");

// Figures as the fixture menu prices them ($60.00 an adult, 9.38% tax, no travel fee):
// 12 adults $787.54, 10 adults $656.28.
const T12 = 78_754;
const T10 = 65_628;
const S1 = "2026-12-20T01:00:00.000Z"; // Saturday, December 19, 5 pm in Los Angeles
const S2 = "2026-12-27T01:00:00.000Z"; // a week later

async function booking(id: string, b: { status: string; startsAt: string; cancelledAt?: string }) {
  await db.query(
    `INSERT INTO "Booking" ("id", "code", "status", "startsAt", "endsAt", "chefBlockStart",
       "chefBlockEnd", "timeZone", "adults", "packageId", "postalCode", "travelZoneName",
       "distanceMiles", "selection", "subtotalCents", "travelFeeCents", "taxCents", "totalCents",
       "depositCents", "balanceCents", "settingsVersion", "idempotencyKey", "cancelledAt",
       "paymentMode", "customerId", "contactName", "contactEmail", "contactPhone", "addressLine1",
       "city", "state", "updatedAt")
     VALUES ($1, $1, $2, $3, $3::timestamptz + interval '2 hours', $3::timestamptz - interval '1 hour',
       $3::timestamptz + interval '150 minutes', 'America/Los_Angeles', 10, 'classic', '95125',
       'Local', 3, '{}', 60000, 0, 5628, ${T10}, 10000, ${T10 - 10_000}, 1, $1, $4, 'STRIPE',
       'cust', 'Dana Lee', 'dana@example.com', '408-555-0100', '123 Maple Ave', 'San Jose', 'CA',
       now())`,
    [id, b.status, b.startsAt, b.cancelledAt ?? null],
  );
}
async function payment(
  id: string,
  bookingId: string,
  p: {
    kind?: string;
    method?: string;
    status?: string;
    amountCents: number;
    tipCents?: number;
    paidAt: string | null;
  },
) {
  await db.query(
    `INSERT INTO "Payment" ("id", "bookingId", "kind", "method", "status", "amountCents",
       "tipCents", "idempotencyKey", "paidAt", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $1, $8, COALESCE($8, now()), now())`,
    [
      id,
      bookingId,
      p.kind ?? "BALANCE",
      p.method ?? "CASH",
      p.status ?? "SUCCEEDED",
      p.amountCents,
      p.tipCents ?? 0,
      p.paidAt,
    ],
  );
}
async function event(bookingId: string, type: string, at: string, data: object) {
  await db.query(
    `INSERT INTO "BookingEvent" ("id", "bookingId", "type", "actor", "data", "createdAt")
     VALUES ($1, $2, $3, 'customer-link', $4, $5)`,
    [`ev-${randomBytes(4).toString("hex")}`, bookingId, type, JSON.stringify(data), at],
  );
}
const party = (adults: number, totalCents: number) => ({
  adults,
  children: 0,
  packageName: "Classic Hibachi",
  totalCents,
});
const snapshot = async (table: "Payment" | "Refund", id: string) =>
  (await db.query(`SELECT "receiptSnapshot" FROM "${table}" WHERE id = $1`, [id])).rows[0]
    .receiptSnapshot as unknown;

it("gives every payment and refund that went through the booking as it was at that moment", async () => {
  await db.query(
    `INSERT INTO "Package" ("id", "slug", "name", "description", "adultPriceCents",
       "childPriceCents", "updatedAt")
     VALUES ('classic', 'classic', 'Classic Hibachi', '', 6000, 3000, now())`,
  );
  await db.query(
    `INSERT INTO "Customer" ("id", "name", "email", "updatedAt")
     VALUES ('cust', 'Dana Lee', 'dana@example.com', now())`,
  );

  // Paid in person: $200 at 12 adults; then 10 adults; then moved a week; then $100 more.
  await booking("b1", { status: "CONFIRMED", startsAt: S2 });
  await payment("p1", "b1", { amountCents: 20_000, paidAt: "2026-12-01T18:00:00Z" });
  await event("b1", "party-changed", "2026-12-02T18:00:00Z", {
    from: party(12, T12),
    to: party(10, T10),
  });
  await event("b1", "rescheduled", "2026-12-03T18:00:00Z", {
    from: S1,
    to: S2,
    at: "2026-12-03T18:00:00.000Z",
  });
  await payment("p2", "b1", { amountCents: 10_000, tipCents: 500, paidAt: "2026-12-04T18:00:00Z" });
  await payment("p-open", "b1", {
    method: "STRIPE",
    status: "PENDING",
    amountCents: 35_628,
    paidAt: null,
  });

  // Paid in full online at 12 adults; lowered to 10: the difference went back to the card.
  await booking("b2", { status: "CONFIRMED", startsAt: S1 });
  await payment("p3", "b2", {
    kind: "DEPOSIT",
    method: "STRIPE",
    amountCents: 10_000,
    paidAt: "2026-12-01T18:00:00Z",
  });
  await payment("p4", "b2", {
    method: "STRIPE",
    amountCents: T12 - 10_000,
    paidAt: "2026-12-01T19:00:00Z",
  });
  await event("b2", "party-changed", "2026-12-02T18:00:00Z", {
    from: party(12, T12),
    to: party(10, T10),
  });
  await db.query(
    `INSERT INTO "Refund" ("id", "paymentId", "bookingId", "amountCents", "reason", "status",
       "idempotencyKey", "requestedBy", "succeededAt", "createdAt", "updatedAt")
     VALUES ('r1', 'p4', 'b2', $1, 'BOOKING_CHANGE', 'SUCCEEDED', 'r1', 'customer-link',
       '2026-12-02T18:05:00Z', '2026-12-02T18:00:00Z', now())`,
    [T12 - T10],
  );

  // Paid in person, then cancelled: the receipt was issued while the booking was on.
  await booking("b3", { status: "CANCELLED", startsAt: S1, cancelledAt: "2026-12-05T18:00:00Z" });
  await payment("p5", "b3", { amountCents: 20_000, paidAt: "2026-12-01T18:00:00Z" });

  await db.apply();

  expect(await snapshot("Payment", "p1")).toEqual({
    bookingTotalCents: T12,
    paidTowardTotalCents: 20_000,
    tipCents: 0,
    refundedCents: 0,
    balanceDueCents: T12 - 20_000,
    guests: 12,
    packageName: "Classic Hibachi",
    startsAt: S1,
  });
  expect(await snapshot("Payment", "p2")).toEqual({
    bookingTotalCents: T10,
    paidTowardTotalCents: 30_000,
    tipCents: 500,
    refundedCents: 0,
    balanceDueCents: T10 - 30_000,
    guests: 10,
    packageName: "Classic Hibachi",
    startsAt: S2,
  });
  expect(await snapshot("Payment", "p-open")).toBeNull();
  expect(await snapshot("Payment", "p4")).toEqual({
    bookingTotalCents: T12,
    paidTowardTotalCents: T12,
    tipCents: 0,
    refundedCents: 0,
    balanceDueCents: 0,
    guests: 12,
    packageName: "Classic Hibachi",
    startsAt: S1,
  });
  expect(await snapshot("Refund", "r1")).toEqual({
    bookingTotalCents: T10,
    paidTowardTotalCents: T12,
    tipCents: 0,
    refundedCents: T12 - T10,
    balanceDueCents: 0,
    guests: 10,
    packageName: "Classic Hibachi",
    startsAt: S1,
  });
  expect(await snapshot("Payment", "p5")).toMatchObject({
    bookingTotalCents: T10,
    paidTowardTotalCents: 20_000,
    balanceDueCents: T10 - 20_000,
  });
});
