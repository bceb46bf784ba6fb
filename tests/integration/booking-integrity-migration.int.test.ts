// The booking-integrity migration on a database with data from before it: existing manage
// tokens are replaced by their sha256 (so links in emails already sent keep working), every
// booking gets its chef window, and phantom blocks left by the old races are repaired.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseBefore } from "./migration-db";

const MIGRATION = "20261128203000_booking_integrity";
const db = databaseBefore(MIGRATION, "mig");

const TOKEN = "old-plain-token-from-an-email-sent-last-week";

async function seedOldData() {
  await db.query(`INSERT INTO "BusinessSettings" ("id", "businessName", "timeZone", "phone", "email",
      "baseAddress", "baseLat", "baseLng", "slotStartMinutes", "eventDurationMinutes",
      "travelBufferMinutes", "cleanupBufferMinutes", "minNoticeHours", "bookingWindowDays",
      "maxGuestsPerChef", "partyMinimumCents", "depositCents", "updatedAt")
    VALUES (1, 'MyHibachi', 'America/Los_Angeles', '1', 'a@b.c', 'x', 37, -121, '{1020}', 120,
      60, 30, 48, 180, 25, 55000, 10000, now())`);
  await db.query(`INSERT INTO "Package" ("id", "slug", "name", "description", "adultPriceCents",
      "childPriceCents", "includes", "updatedAt") VALUES ('p1', 'classic', 'Classic', '', 6000, 3000, '{}', now())`);
  await db.query(`INSERT INTO "Chef" ("id", "name", "email", "updatedAt") VALUES
      ('chef1', 'A', 'a@x', now()), ('chef2', 'B', 'b@x', now())`);
  const booking = (id: string, status: string, token: string, starts: string) =>
    db.query(
      `INSERT INTO "Booking" ("id", "code", "accessToken", "status", "startsAt", "endsAt", "timeZone",
        "adults", "packageId", "postalCode", "travelZoneName", "distanceMiles", "selection",
        "subtotalCents", "travelFeeCents", "taxCents", "totalCents", "depositCents", "balanceCents",
        "settingsVersion", "idempotencyKey", "updatedAt")
       VALUES ($1, $1, $2, $3::"BookingStatus", $4::timestamptz, $4::timestamptz + interval '2 hours',
        'America/Los_Angeles', 10, 'p1', '95125', 'Local', 1, '{}', 0, 0, 0, 0, 0, 0, 1, $1, now())`,
      [id, token, status, starts],
    );
  // A live booking whose old reschedule left a live block at its previous time (phantom).
  await booking("b-live", "HELD", TOKEN, "2026-12-05T01:00:00Z");
  await db.query(`INSERT INTO "BookingChef" ("id", "bookingId", "chefId", "blockStart", "blockEnd", "live") VALUES
      ('bc1', 'b-live', 'chef1', '2026-12-05T00:00:00Z', '2026-12-05T03:30:00Z', true),
      ('bc2', 'b-live', 'chef2', '2026-12-01T00:00:00Z', '2026-12-01T03:30:00Z', true)`);
  // A cancelled booking that still held a live block (the cancel x reschedule race).
  await booking("b-cancelled", "CANCELLED", "another-old-token-0123456789", "2026-12-08T01:00:00Z");
  await db.query(`INSERT INTO "BookingChef" ("id", "bookingId", "chefId", "blockStart", "blockEnd", "live") VALUES
      ('bc3', 'b-cancelled', 'chef1', '2026-12-08T00:00:00Z', '2026-12-08T03:30:00Z', true)`);
}

describe("booking-integrity migration on existing data", () => {
  it("hashes manage tokens, sets chef windows and repairs phantom blocks", async () => {
    await seedOldData();
    await db.apply();

    const cols = await db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'Booking' AND column_name = 'accessToken'`,
    );
    expect(cols.rowCount).toBe(0);
    const tokens = await db.query<{ bookingId: string; tokenHash: string }>(
      `SELECT "bookingId", "tokenHash" FROM "BookingAccessToken" ORDER BY "bookingId"`,
    );
    expect(tokens.rows).toContainEqual({
      bookingId: "b-live",
      tokenHash: createHash("sha256").update(TOKEN).digest("hex"),
    });
    expect(JSON.stringify(tokens.rows)).not.toContain(TOKEN);

    const live = await db.query(
      `SELECT "chefBlockStart", "chefBlockEnd" FROM "Booking" WHERE "id" = 'b-live'`,
    );
    expect(live.rows[0].chefBlockStart.toISOString()).toBe("2026-12-05T00:00:00.000Z");
    expect(live.rows[0].chefBlockEnd.toISOString()).toBe("2026-12-05T03:30:00.000Z");
    const blocks = await db.query<{ id: string; live: boolean }>(
      `SELECT "id", "live" FROM "BookingChef" ORDER BY "id"`,
    );
    expect(blocks.rows).toEqual([
      { id: "bc1", live: true },
      { id: "bc3", live: false },
    ]);
    // And from now on the invariant is enforced.
    const err = await db
      .query(`UPDATE "BookingChef" SET "live" = true WHERE "id" = 'bc3'`)
      .catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe("23514");
  });
});
