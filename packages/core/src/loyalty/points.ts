// Redeeming loyalty points (issue 14): 100 points = $1 off the food, in steps of 100, at most the
// food left after the tier discount and any offer code. The balance is always the ledger's sum
// (never a counter): a REDEEM row (points negative, key `REDEEM:<bookingId>`) is written in the
// booking's own transaction, after the customer's rows are locked, so two bookings spending the
// same points can't both succeed; cancelling (or a hold expiring) writes the compensating row
// (`REVERSE:redeem:<bookingId>`, points positive) once.
import type { Db, DbTx } from "@myhibachi/db";
import { formatCents } from "@myhibachi/shared";
import { AppError } from "../errors";
import { customerIdsForUser } from "../booking/customer-access";
import { POINT_CENTS, POINTS_STEP, maxPointsFor } from "../pricing/quote";
import type { LoyaltyUser } from "./customer";

export { POINT_CENTS, POINTS_STEP, maxPointsFor };

/** The key (sourceId) of the row that gives a booking's used points back. */
export const redeemRestoreKey = (bookingId: string) => `redeem:${bookingId}`;

/**
 * The key of the row that gives back the points a change of party left above the smaller party's
 * food: `redeem:<bookingId>:down-to:<points still used>`. The points a booking uses only ever go
 * down, so each key is needed at most once (a repeated change writes nothing more).
 */
export const redeemSurplusKey = (bookingId: string, usedAfter: number) =>
  `${redeemRestoreKey(bookingId)}:down-to:${usedAfter}`;

/** Whether a REVERSE row's key gives back points booking `bookingId` used (in full or a surplus). */
export const isRedeemReturnKey = (sourceId: string, bookingId: string) =>
  sourceId === redeemRestoreKey(bookingId) ||
  sourceId.startsWith(`${redeemRestoreKey(bookingId)}:`);

/** "1,200 points ($12.00)". */
export const pointsInWords = (points: number) =>
  `${points.toLocaleString("en-US")} point${points === 1 ? "" : "s"} (${formatCents(points * POINT_CENTS)})`;

/** The points balance of these customer records: the ledger's sum, read now. */
export async function pointsBalance(
  db: Db | DbTx,
  customerIds: readonly string[],
): Promise<number> {
  if (!customerIds.length) return 0;
  const r = await db.loyaltyLedger.aggregate({
    where: { customerId: { in: [...customerIds] } },
    _sum: { points: true },
  });
  return r._sum.points ?? 0;
}

const refuse = (message: string) => new AppError("BAD_REQUEST", message, { field: "redeemPoints" });

/** Who may use points: a signed-in customer account with a verified email. */
export function pointsHolder(user: LoyaltyUser | null | undefined): LoyaltyUser | null {
  return user && user.role === "CUSTOMER" && user.emailVerified ? user : null;
}

/** The points balance of a signed-in customer (null: a visitor, staff, an unverified email). */
export async function pointsOfUser(
  db: Db | DbTx,
  user: LoyaltyUser | null | undefined,
): Promise<{ balance: number; customerIds: string[] } | null> {
  const holder = pointsHolder(user);
  if (!holder) return null;
  const customerIds = await customerIdsForUser(db as Db, holder);
  return { balance: await pointsBalance(db, customerIds), customerIds };
}

/** Refused before the quote engine: who asks and how many (the engine checks the food). */
export async function checkRedeemRequest(
  db: Db | DbTx,
  user: LoyaltyUser | null | undefined,
  points: number,
  contactEmail?: string,
): Promise<{ balance: number; customerIds: string[] }> {
  if (!Number.isSafeInteger(points) || points <= 0 || points % POINTS_STEP !== 0)
    throw refuse(`Points are used in steps of ${POINTS_STEP} (${POINTS_STEP} points = $1 off).`);
  const mine = await pointsOfUser(db, user);
  if (!mine)
    throw refuse(
      user
        ? "Points can be used by a customer account whose email is confirmed: open the sign-in link we emailed you first."
        : "Sign in to use your points.",
    );
  if (contactEmail !== undefined && contactEmail.trim().toLowerCase() !== user!.email.toLowerCase())
    throw refuse(
      `Points can be used on a booking made with your own email (${user!.email}). Use it as the contact email, or book without points.`,
    );
  if (mine.balance < points) throw notEnough(mine.balance, points);
  return mine;
}

function notEnough(balance: number, wanted: number): AppError {
  const usable = Math.floor(Math.max(0, balance) / POINTS_STEP) * POINTS_STEP;
  return new AppError(
    "CONFLICT",
    usable > 0
      ? `You have ${pointsInWords(Math.max(0, balance))} now, not the ${wanted.toLocaleString("en-US")} asked for (were they just used on another booking?). Use up to ${usable.toLocaleString("en-US")} points, or book without them.`
      : `You have ${pointsInWords(Math.max(0, balance))} now: not enough to use ${wanted.toLocaleString("en-US")} (were they just used on another booking?). Book without points.`,
    { field: "redeemPoints", balance: Math.max(0, balance) },
  );
}

/**
 * Spends `points` for `bookingId` inside the booking's transaction, or throws CONFLICT (the
 * booking is then not written). The account's customer rows are locked first (FOR UPDATE, in id
 * order; the recompute locks the same rows), then the balance is summed from the ledger as
 * committed now: of two bookings racing for the same points the second waits, sees the first's
 * REDEEM row and is refused. One REDEEM per booking (unique kind + sourceId).
 */
export async function redeemPointsInTx(
  tx: DbTx,
  p: {
    customerIds: readonly string[];
    /** The booking's customer record (the row the REDEEM is written on). */
    customerId: string;
    bookingId: string;
    bookingCode: string;
    points: number;
    now: Date;
  },
): Promise<void> {
  const ids = [...new Set([...p.customerIds, p.customerId])].sort();
  await tx.$queryRaw`SELECT "id" FROM "Customer" WHERE "id" = ANY(${ids}::text[]) ORDER BY "id" FOR UPDATE`;
  const balance = await pointsBalance(tx, ids);
  if (balance < p.points) throw notEnough(balance, p.points);
  await tx.loyaltyLedger.create({
    data: {
      customerId: p.customerId,
      kind: "REDEEM",
      sourceId: p.bookingId,
      bookingId: p.bookingId,
      points: -p.points,
      note: `${pointsInWords(p.points)} used on booking ${p.bookingCode}`,
      createdAt: p.now,
    },
  });
}

/**
 * Gives back the points a booking used (it was cancelled, or its hold expired): one compensating
 * row, written once whatever retries or repairs run (unique key; a second call inserts nothing).
 */
export async function restoreRedeemedPoints(
  tx: Db | DbTx,
  bookingId: string,
  now: Date,
  why: string,
): Promise<number> {
  const redeem = await tx.loyaltyLedger.findUnique({
    where: { kind_sourceId: { kind: "REDEEM", sourceId: bookingId } },
  });
  if (!redeem) return 0;
  // What it still uses: a change of party may already have given part of it back.
  const left = await redeemedPointsOf(tx, bookingId);
  if (left <= 0) return 0;
  const r = await tx.loyaltyLedger.createMany({
    data: [
      {
        customerId: redeem.customerId,
        kind: "REVERSE",
        sourceId: redeemRestoreKey(bookingId),
        bookingId,
        points: left,
        note: `${pointsInWords(left)} given back: ${why}`,
        createdAt: now,
      },
    ],
    skipDuplicates: true,
  });
  return r.count;
}

/**
 * The points a booking has used and not been given back (a change of party keeps them, up to the
 * new food; `giveBackRedeemSurplus` returns the rest).
 */
export async function redeemedPointsOf(db: Db | DbTx, bookingId: string): Promise<number> {
  const rows = await db.loyaltyLedger.findMany({
    where: {
      OR: [
        { kind: "REDEEM", sourceId: bookingId },
        { kind: "REVERSE", sourceId: redeemRestoreKey(bookingId) },
        { kind: "REVERSE", sourceId: { startsWith: `${redeemRestoreKey(bookingId)}:` } },
      ],
    },
    select: { points: true },
  });
  return Math.max(0, -rows.reduce((s, r) => s + r.points, 0));
}

/**
 * A change of party priced the POINTS line at `usedNow` points (the old points, capped at the
 * smaller party's food): the points above that go back to the ledger, once, inside the change's
 * transaction. Under the redeem's own lock (the customer rows, FOR UPDATE, in id order), then a
 * fresh sum of what the booking still uses; the row's key (`redeemSurplusKey`) makes a repeat
 * write nothing (ON CONFLICT DO NOTHING). Returns the points given back.
 */
export async function giveBackRedeemSurplus(
  tx: DbTx,
  p: { bookingId: string; bookingCode: string; usedNow: number; now: Date },
): Promise<number> {
  const redeem = await tx.loyaltyLedger.findUnique({
    where: { kind_sourceId: { kind: "REDEEM", sourceId: p.bookingId } },
    select: { customerId: true },
  });
  if (!redeem) return 0;
  await tx.$queryRaw`SELECT "id" FROM "Customer" WHERE "id" = ${redeem.customerId} FOR UPDATE`;
  const used = await redeemedPointsOf(tx, p.bookingId);
  const usedNow = Math.max(0, Math.floor(p.usedNow));
  const surplus = used - usedNow;
  if (surplus <= 0) return 0;
  const r = await tx.loyaltyLedger.createMany({
    data: [
      {
        customerId: redeem.customerId,
        kind: "REVERSE",
        sourceId: redeemSurplusKey(p.bookingId, usedNow),
        bookingId: p.bookingId,
        points: surplus,
        note: `${pointsInWords(surplus)} given back: booking ${p.bookingCode}'s food after the change is less than the points it used`,
        createdAt: p.now,
      },
    ],
    skipDuplicates: true,
  });
  return r.count ? surplus : 0;
}

/** The points a quote's POINTS line takes (0 without one). */
export const pointsOfLines = (lines: readonly { code: string; totalCents: number }[]) =>
  Math.floor(
    -lines.filter((l) => l.code === "POINTS").reduce((s, l) => s + l.totalCents, 0) / POINT_CENTS,
  );

/** What a quote tells a points holder: their balance and the most this party can take. */
export interface QuotePoints {
  balance: number;
  /** The most points this booking can use (whole dollars of the food after other discounts). */
  maxRedeemable: number;
  /** Points per dollar off. */
  pointsPerDollar: number;
}

export function quotePoints(balance: number, foodAfterDiscountsCents: number): QuotePoints {
  return {
    balance,
    maxRedeemable: maxPointsFor(foodAfterDiscountsCents, balance),
    pointsPerDollar: 100 / POINT_CENTS,
  };
}
