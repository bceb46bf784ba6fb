-- A receipt says what was true when its money moved: the booking's total then, what had been
-- paid towards it, tips, refunds, what was still due, the guests, the package and the event's
-- time. Until now a receipt was rendered from the booking as it is today, so a customer who
-- lowered their guest count after paying got receipts showing the new, lower total.
-- From now on each payment and refund stores its receipt's figures in the transaction that
-- makes it SUCCEEDED (core/payments/receipts.ts, `ReceiptSnapshot`).
ALTER TABLE "Payment" ADD COLUMN "receiptSnapshot" JSONB;
ALTER TABLE "Refund" ADD COLUMN "receiptSnapshot" JSONB;

-- Backfill every payment and refund that went through, as of its own moment T (a payment's
-- paidAt, a refund's succeededAt), from what the database remembers:
-- - the party and its total at T: the "from" of the first "party-changed" history entry after T
--   (each stores the party before and after, with its total), else the booking as it is now;
-- - the event's time at T: the "from" of the first move ("rescheduled", data.at or its time)
--   after T, else the booking's start now;
-- - paid towards the total by T (this payment included; tips apart), tips by T, refunds that
--   had succeeded by T (this refund included), and what was still due then: the total less
--   what was paid, less what earlier party changes had sent back (as `paidTowardTotalCents`),
--   nothing once the booking had been cancelled (or has expired).
CREATE FUNCTION pg_temp.receipt_snapshot(booking_id TEXT, at TIMESTAMPTZ, payment_id TEXT, refund_id TEXT)
RETURNS JSONB LANGUAGE sql STABLE AS $$
  WITH b AS (
    SELECT bk.*, pk.name AS package_name
      FROM "Booking" bk JOIN "Package" pk ON pk.id = bk."packageId"
     WHERE bk.id = booking_id
  ),
  party AS (
    SELECT e.data -> 'from' AS was
      FROM "BookingEvent" e
     WHERE e."bookingId" = booking_id AND e.type = 'party-changed' AND e."createdAt" > at
     ORDER BY e."createdAt" ASC, e.id ASC
     LIMIT 1
  ),
  moved AS (
    SELECT e.data ->> 'from' AS was
      FROM "BookingEvent" e
     WHERE e."bookingId" = booking_id AND e.type = 'rescheduled'
       AND CASE WHEN e.data ->> 'at' IS NOT NULL THEN (e.data ->> 'at')::timestamptz ELSE e."createdAt" END > at
     ORDER BY e."createdAt" ASC, e.id ASC
     LIMIT 1
  ),
  paid AS (
    SELECT COALESCE(SUM(p."amountCents"), 0)::int AS cents, COALESCE(SUM(p."tipCents"), 0)::int AS tips
      FROM "Payment" p
     WHERE p."bookingId" = booking_id AND p.status = 'SUCCEEDED' AND p."paidAt" IS NOT NULL
       AND (p."paidAt" < at OR (p."paidAt" = at AND (payment_id IS NULL OR p.id <= payment_id)))
  ),
  refunded AS (
    SELECT
      COALESCE(SUM(r."amountCents") FILTER (
        WHERE r.status = 'SUCCEEDED'
          AND (COALESCE(r."succeededAt", r."createdAt") < at
               OR (COALESCE(r."succeededAt", r."createdAt") = at AND (refund_id IS NULL OR r.id <= refund_id)))
      ), 0)::int AS cents,
      COALESCE(SUM(r."amountCents") FILTER (
        WHERE r.reason = 'BOOKING_CHANGE' AND r.status <> 'FAILED' AND r."createdAt" <= at
      ), 0)::int AS returned
      FROM "Refund" r
     WHERE r."bookingId" = booking_id
  ),
  facts AS (
    SELECT
      COALESCE(((SELECT was FROM party) ->> 'totalCents')::int, b."totalCents") AS total,
      COALESCE(
        ((SELECT was FROM party) ->> 'adults')::int + ((SELECT was FROM party) ->> 'children')::int,
        b.adults + b.children
      ) AS guests,
      COALESCE((SELECT was FROM party) ->> 'packageName', b.package_name) AS package_name,
      COALESCE((SELECT was FROM moved)::timestamptz, b."startsAt") AS starts_at,
      NOT (b.status = 'EXPIRED' OR (b.status = 'CANCELLED' AND COALESCE(b."cancelledAt" <= at, TRUE))) AS live
      FROM b
  )
  SELECT jsonb_build_object(
    'bookingTotalCents', f.total,
    'paidTowardTotalCents', paid.cents,
    'tipCents', paid.tips,
    'refundedCents', refunded.cents,
    'balanceDueCents',
      CASE WHEN f.live THEN GREATEST(0, f.total - GREATEST(0, paid.cents - refunded.returned)) ELSE 0 END,
    'guests', f.guests,
    'packageName', f.package_name,
    'startsAt', to_char(f.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  )
  FROM facts f, paid, refunded
$$;

UPDATE "Payment" p
   SET "receiptSnapshot" = pg_temp.receipt_snapshot(p."bookingId", p."paidAt", p.id, NULL)
 WHERE p.status = 'SUCCEEDED' AND p."paidAt" IS NOT NULL;

UPDATE "Refund" r
   SET "receiptSnapshot" = pg_temp.receipt_snapshot(r."bookingId", COALESCE(r."succeededAt", r."createdAt"), NULL, r.id)
 WHERE r.status = 'SUCCEEDED';

DROP FUNCTION pg_temp.receipt_snapshot(TEXT, TIMESTAMPTZ, TEXT, TEXT);
