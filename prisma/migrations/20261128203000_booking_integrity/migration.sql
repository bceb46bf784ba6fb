-- Booking state and data integrity (issue 9, points 3, 4, 15, 16).

-- ---------------------------------------------------------------------------------------------
-- Settings: how long an unconfirmed online booking holds its time; booking rate limits.
ALTER TABLE "BusinessSettings"
  ADD COLUMN "confirmHoldMinutes" INTEGER NOT NULL DEFAULT 30,
  ADD COLUMN "bookingRateLimit" INTEGER NOT NULL DEFAULT 3,
  ADD COLUMN "bookingRateWindowMinutes" INTEGER NOT NULL DEFAULT 10;

-- ---------------------------------------------------------------------------------------------
-- Manage-link tokens are stored only as sha256 hashes. Existing tokens are hashed, so the links
-- in emails already sent keep working (the presented token is hashed to look it up).
CREATE TABLE "BookingAccessToken" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BookingAccessToken_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "BookingAccessToken_tokenHash_key" ON "BookingAccessToken"("tokenHash");
CREATE INDEX "BookingAccessToken_bookingId_idx" ON "BookingAccessToken"("bookingId");
ALTER TABLE "BookingAccessToken" ADD CONSTRAINT "BookingAccessToken_bookingId_fkey"
  FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "BookingAccessToken" ("id", "bookingId", "tokenHash")
SELECT 'bat' || md5("id" || random()::text), "id",
       encode(sha256(convert_to("accessToken", 'UTF8')), 'hex')
  FROM "Booking";

DROP INDEX "Booking_accessToken_key";
ALTER TABLE "Booking" DROP COLUMN "accessToken";

-- ---------------------------------------------------------------------------------------------
-- An idempotency key is bound to the request it was first used with.
ALTER TABLE "Booking" ADD COLUMN "idempotencyHash" TEXT;

-- ---------------------------------------------------------------------------------------------
-- The window a booking holds its chefs (event widened by travel and cleanup).
ALTER TABLE "Booking"
  ADD COLUMN "chefBlockStart" TIMESTAMPTZ(3),
  ADD COLUMN "chefBlockEnd" TIMESTAMPTZ(3);

-- Backfill from the block at the booking's current time, else from the settings' buffers.
UPDATE "Booking" b
   SET "chefBlockStart" = c."blockStart", "chefBlockEnd" = c."blockEnd"
  FROM (SELECT DISTINCT ON (bc."bookingId") bc."bookingId", bc."blockStart", bc."blockEnd"
          FROM "BookingChef" bc JOIN "Booking" bb ON bb."id" = bc."bookingId"
         WHERE bc."blockStart" <= bb."startsAt" AND bc."blockEnd" >= bb."endsAt"
         ORDER BY bc."bookingId", bc."live" DESC, bc."createdAt" DESC) c
 WHERE c."bookingId" = b."id";
UPDATE "Booking" b
   SET "chefBlockStart" = b."startsAt" - make_interval(mins => s."travelBufferMinutes"),
       "chefBlockEnd" = b."endsAt" + make_interval(mins => s."cleanupBufferMinutes")
  FROM "BusinessSettings" s
 WHERE b."chefBlockStart" IS NULL;
UPDATE "Booking" SET "chefBlockStart" = "startsAt", "chefBlockEnd" = "endsAt"
 WHERE "chefBlockStart" IS NULL;

ALTER TABLE "Booking"
  ALTER COLUMN "chefBlockStart" SET NOT NULL,
  ALTER COLUMN "chefBlockEnd" SET NOT NULL,
  ADD CONSTRAINT "Booking_chef_window_valid"
    CHECK ("chefBlockStart" <= "startsAt" AND "chefBlockEnd" >= "endsAt");

-- Repair what earlier races left behind: live blocks of cancelled/expired bookings are released,
-- live blocks at a booking's old time are removed.
UPDATE "BookingChef" bc SET "live" = false
  FROM "Booking" b
 WHERE b."id" = bc."bookingId" AND bc."live"
   AND b."status" NOT IN ('HELD', 'PENDING', 'CONFIRMED', 'COMPLETED');
DELETE FROM "BookingChef" bc
 USING "Booking" b
 WHERE b."id" = bc."bookingId" AND bc."live"
   AND (bc."blockStart" <> b."chefBlockStart" OR bc."blockEnd" <> b."chefBlockEnd");

-- ---------------------------------------------------------------------------------------------
-- A booking that leaves the live statuses releases its chefs. Blocks are never revived: a
-- cancelled or expired booking never becomes live again.
CREATE OR REPLACE FUNCTION booking_sync_chef_live() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" NOT IN ('HELD', 'PENDING', 'CONFIRMED', 'COMPLETED') THEN
    UPDATE "BookingChef" SET "live" = false WHERE "bookingId" = NEW."id" AND "live";
  END IF;
  RETURN NEW;
END
$$;

-- The invariant: a live BookingChef block belongs to a live booking and spans exactly the
-- booking's current chef window. Checked at commit (deferred) from both sides, so a transaction
-- may replace blocks and move the booking in any order. The booking row is read FOR SHARE, so a
-- concurrent transaction changing the booking (which holds its row lock) is waited for and its
-- committed result is what gets checked: two transactions can't each pass on a stale view.
CREATE FUNCTION booking_chef_blocks_check(p_booking TEXT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  b RECORD;
  bad RECORD;
BEGIN
  SELECT "status", "chefBlockStart", "chefBlockEnd", "code" INTO b
    FROM "Booking" WHERE "id" = p_booking FOR SHARE;
  IF NOT FOUND THEN
    RETURN; -- deleted: its blocks went with it (ON DELETE CASCADE)
  END IF;
  SELECT bc."id", bc."blockStart", bc."blockEnd" INTO bad
    FROM "BookingChef" bc
   WHERE bc."bookingId" = p_booking AND bc."live"
     AND (b."status" NOT IN ('HELD', 'PENDING', 'CONFIRMED', 'COMPLETED')
          OR bc."blockStart" <> b."chefBlockStart" OR bc."blockEnd" <> b."chefBlockEnd")
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'live chef block % of booking % (%) does not match it: booking is % over [%, %), block is [%, %)',
      bad."id", p_booking, b."code", b."status", b."chefBlockStart", b."chefBlockEnd",
      bad."blockStart", bad."blockEnd"
      USING ERRCODE = 'check_violation', CONSTRAINT = 'BookingChef_live_matches_booking',
            TABLE = 'BookingChef';
  END IF;
END
$$;

CREATE FUNCTION booking_chef_blocks_check_chef() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."live" THEN
    PERFORM booking_chef_blocks_check(NEW."bookingId");
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION booking_chef_blocks_check_booking() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM booking_chef_blocks_check(NEW."id");
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "BookingChef_live_matches_booking"
  AFTER INSERT OR UPDATE ON "BookingChef"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION booking_chef_blocks_check_chef();

CREATE CONSTRAINT TRIGGER "Booking_chef_blocks_match"
  AFTER UPDATE OF "status", "startsAt", "endsAt", "chefBlockStart", "chefBlockEnd" ON "Booking"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION booking_chef_blocks_check_booking();
