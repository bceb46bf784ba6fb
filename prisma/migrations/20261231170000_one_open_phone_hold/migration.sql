-- One open hold per phone number made by phone or text (issue 17 round 6, M1): a caller who
-- calls again, or two calls from one number at once, move the one hold instead of holding a
-- second party. Older duplicates (before this rule) expire now; a trigger frees their chefs.
UPDATE "Booking" b SET "status" = 'EXPIRED', "updatedAt" = now()
 WHERE b."status" = 'HELD' AND b."customerId" IS NULL AND b."source" IN ('PHONE', 'SMS')
   AND b."contactPhone" IS NOT NULL
   AND EXISTS (SELECT 1 FROM "Booking" o
                WHERE o."contactPhone" = b."contactPhone" AND o."status" = 'HELD'
                  AND o."customerId" IS NULL AND o."source" IN ('PHONE', 'SMS')
                  AND (o."createdAt", o."id") > (b."createdAt", b."id"));

CREATE UNIQUE INDEX "Booking_one_open_phone_hold" ON "Booking"("contactPhone")
  WHERE "status" = 'HELD' AND "customerId" IS NULL AND "source" IN ('PHONE', 'SMS');
