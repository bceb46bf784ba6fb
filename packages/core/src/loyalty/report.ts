// The owner's view of loyalty (issue 14, point 4): how customers spread over the tiers, the points
// the business owes (the ledger's sum: what customers could one day redeem), the tier discounts
// given per month, and how often each tier's customers book again. Everything is read from the
// bookings, their priced lines and the points ledger, never from counters.
import type { Db } from "@myhibachi/db";
import { shiftMonth, todayIn } from "@myhibachi/shared";
import { businessTimeZone } from "../costs/settings";
import { loadTiers } from "./tiers";

export interface LoyaltyReport {
  timeZone: string;
  tiers: {
    id: string;
    name: string;
    minCompletedBookings: number;
    discountBps: number;
    /** Customers whose stored tier is this one (as last recomputed: nightly, or at their events). */
    customers: number;
    /** Their points, summed from the ledger. */
    points: number;
    /** Of this tier's customers with a completed event, how many booked again after the first. */
    repeat: { customers: number; bookedAgain: number };
  }[];
  /** Every customer's points together: what the business owes in points. */
  pointsOutstanding: number;
  /** The last 12 months (the month each booking was made, business time zone), oldest first. */
  discountsByMonth: { month: string; discountCents: number; bookings: number }[];
}

/** Live or done: bookings whose discount was (or will be) given. */
const COUNTED = ["PENDING", "CONFIRMED", "COMPLETED"];

export async function loyaltyReport(db: Db, now: Date): Promise<LoyaltyReport> {
  const timeZone = await businessTimeZone(db);
  const tiers = await loadTiers(db);
  const thisMonth = `${todayIn(timeZone, now).slice(0, 7)}-01`;
  const months = Array.from({ length: 12 }, (_, i) => shiftMonth(thisMonth, i - 11).slice(0, 7));

  const [byTier, repeat, outstanding, discounts] = await Promise.all([
    db.$queryRaw<{ tierId: string; customers: bigint; points: bigint }[]>`
      SELECT cl."tierId", COUNT(*)::bigint AS customers,
             COALESCE(SUM(l.points), 0)::bigint AS points
      FROM "CustomerLoyalty" cl
      LEFT JOIN LATERAL (SELECT SUM(points) AS points FROM "LoyaltyLedger" x
                         WHERE x."customerId" = cl."customerId") l ON true
      GROUP BY cl."tierId"`,
    db.$queryRaw<{ tierId: string; customers: bigint; again: bigint }[]>`
      WITH first AS (
        SELECT "customerId", MIN("startsAt") AS first_at FROM "Booking"
        WHERE status = 'COMPLETED' AND "customerId" IS NOT NULL GROUP BY "customerId")
      SELECT cl."tierId", COUNT(*)::bigint AS customers,
             COUNT(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM "Booking" b WHERE b."customerId" = f."customerId"
                 AND b.status::text = ANY(${COUNTED}) AND b."startsAt" > f.first_at))::bigint AS again
      FROM first f JOIN "CustomerLoyalty" cl ON cl."customerId" = f."customerId"
      GROUP BY cl."tierId"`,
    db.$queryRaw<{ points: bigint }[]>`
      SELECT COALESCE(SUM(points), 0)::bigint AS points FROM "LoyaltyLedger"`,
    db.$queryRaw<{ month: string; cents: bigint; bookings: bigint }[]>`
      SELECT to_char(b."createdAt" AT TIME ZONE ${timeZone}, 'YYYY-MM') AS month,
             (-SUM(l."totalCents"))::bigint AS cents, COUNT(DISTINCT b.id)::bigint AS bookings
      FROM "BookingLine" l JOIN "Booking" b ON b.id = l."bookingId"
      WHERE l.code = 'LOYALTY' AND b.status::text = ANY(${COUNTED})
        AND to_char(b."createdAt" AT TIME ZONE ${timeZone}, 'YYYY-MM') >= ${months[0]!}
        AND to_char(b."createdAt" AT TIME ZONE ${timeZone}, 'YYYY-MM') <= ${months[11]!}
      GROUP BY 1`,
  ]);

  return {
    timeZone,
    tiers: tiers.map((t) => {
      const d = byTier.find((r) => r.tierId === t.id);
      const r = repeat.find((x) => x.tierId === t.id);
      return {
        id: t.id,
        name: t.name,
        minCompletedBookings: t.minCompletedBookings,
        discountBps: t.discountBps,
        customers: Number(d?.customers ?? 0),
        points: Number(d?.points ?? 0),
        repeat: { customers: Number(r?.customers ?? 0), bookedAgain: Number(r?.again ?? 0) },
      };
    }),
    pointsOutstanding: Number(outstanding[0]?.points ?? 0),
    discountsByMonth: months.map((month) => {
      const m = discounts.find((x) => x.month === month);
      return { month, discountCents: Number(m?.cents ?? 0), bookings: Number(m?.bookings ?? 0) };
    }),
  };
}
