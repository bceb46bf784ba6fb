-- A repeat customer is one with completed parties on two or more different days (attack 15 round
-- 2, F4): two parties on one day are one occasion. Stored runs get it from their bookings as they
-- stood when the run started (the local day of each completed party, as the refit counts them).
ALTER TABLE "CustomerScore" ADD COLUMN "eventDays" INTEGER;

UPDATE "CustomerScore" s
   SET "eventDays" = GREATEST(1, (
     SELECT COUNT(DISTINCT (b."startsAt" AT TIME ZONE b."timeZone")::date)
       FROM "Booking" b JOIN "AnalyticsRun" r ON r.id = s."runId"
      WHERE b."customerId" = s."customerId" AND b.status = 'COMPLETED'
        AND b."startsAt" <= r."startedAt"));

ALTER TABLE "CustomerScore" ALTER COLUMN "eventDays" SET NOT NULL;
