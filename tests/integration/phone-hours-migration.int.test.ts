// The phone-hours migration on a database from before it: the one daily window the owner had
// becomes that window on each of the seven days (nothing changes for callers until the owner
// edits them), and the old columns go.
import { describe, expect, it } from "vitest";
import { databaseBefore } from "./migration-db";

const db = databaseBefore("20261231150000_phone_hours_per_weekday", "phonehours");

describe("phone hours per weekday (migration)", () => {
  it("each day starts with the old daily window", async () => {
    await db.query(`INSERT INTO "BusinessSettings" ("id", "businessName", "timeZone", "phone", "email",
        "baseAddress", "baseLat", "baseLng", "slotStartMinutes", "eventDurationMinutes",
        "travelBufferMinutes", "cleanupBufferMinutes", "minNoticeHours", "bookingWindowDays",
        "maxGuestsPerChef", "partyMinimumCents", "depositCents", "updatedAt",
        "phoneOpenMinute", "phoneCloseMinute")
      VALUES (1, 'MyHibachi', 'America/Los_Angeles', '1', 'a@b.c', 'x', 37, -121, '{1020}', 120,
        60, 30, 48, 180, 25, 55000, 10000, now(), 600, 1080)`);
    await db.apply();
    const { rows } = await db.query(`SELECT "phoneHours" FROM "BusinessSettings" WHERE "id" = 1`);
    expect(rows[0].phoneHours).toEqual(
      Array.from({ length: 7 }, () => ({ open: 600, close: 1080 })),
    );
    const cols = await db.query(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name = 'BusinessSettings' AND column_name LIKE 'phone%' ORDER BY 1`,
    );
    expect(cols.rows.map((r) => r.column_name)).toEqual(["phone", "phoneHours"]);
  });
});
