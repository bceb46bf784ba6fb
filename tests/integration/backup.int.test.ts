// Backups drilled (docs/operations/backups.md): the demo business in a scratch database, a backup
// taken with scripts/backup.mjs, restored with it into a new, empty database, and the two compared:
// the row count of every table and a checksum of every row of the tables that hold money.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createTestDatabase, urlFor, withAdmin, type TestDatabase } from "@myhibachi/db/testing";
import { seedDemo } from "@myhibachi/seed";
import { backupName, planRetention } from "../../scripts/lib/backup.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const NOW = new Date("2026-11-28T16:00:00Z");

/** Tables whose rows are money (amounts, refunds, totals, points, AI spend), from schema.prisma. */
const MONEY_TABLES = [
  "Payment",
  "Refund",
  "PaymentDispute",
  "Booking",
  "BookingLine",
  "LoyaltyLedger",
  "CustomerLoyalty",
  "AiCall",
];

let source: TestDatabase;
let restoredName: string;
let dir: string;

function script(args: string[], databaseUrl: string) {
  const r = spawnSync(process.execPath, ["scripts/backup.mjs", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Row count of every table, and an md5 of the money tables' rows in a fixed order. */
async function fingerprint(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = (
      await c.query<{ t: string }>(
        "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
      )
    ).rows.map((r) => r.t);
    const counts: Record<string, number> = {};
    for (const t of tables)
      counts[t] = Number((await c.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
    const md5: Record<string, string> = {};
    for (const t of MONEY_TABLES)
      md5[t] = (
        await c.query(`SELECT md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) AS h
                       FROM "${t}" r`)
      ).rows[0].h;
    const money = (
      await c.query(`SELECT
        (SELECT sum("amountCents") FROM "Payment") AS paid,
        (SELECT sum("amountCents") FROM "Refund") AS refunded,
        (SELECT sum("totalCents") FROM "Booking") AS booked,
        (SELECT sum(points) FROM "LoyaltyLedger") AS points`)
    ).rows[0];
    return { counts, md5, money };
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  source = await createTestDatabase("backup");
  await seedDemo(source.db, { now: NOW });
  // The demo has no refunds or disputes: one of each, so those tables are compared with rows.
  const paid = await source.db.payment.findFirstOrThrow({
    where: { status: "SUCCEEDED", amountCents: { gte: 5000 } },
    orderBy: { id: "asc" },
  });
  await source.db.refund.create({
    data: {
      paymentId: paid.id,
      bookingId: paid.bookingId,
      amountCents: 2500,
      reason: "OWNER",
      status: "SUCCEEDED",
      idempotencyKey: "backup-drill-refund",
      requestedBy: "system",
      succeededAt: NOW,
    },
  });
  await source.db.paymentDispute.create({
    data: {
      id: "dp_backup_drill",
      paymentId: paid.id,
      bookingId: paid.bookingId,
      amountCents: 1000,
      reason: "fraudulent",
      status: "needs_response",
      lastEventAt: NOW,
      openedAt: NOW,
    },
  });
  dir = mkdtempSync(join(tmpdir(), "myhibachi-backup-"));
}, 240_000);

afterAll(async () => {
  await source?.drop();
  if (restoredName)
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("backups", () => {
  it("a backup of the demo business restores into an empty database with every row and every cent", async () => {
    // Backups of other days already in the folder: retention keeps 2 days and 1 week.
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
    const old = [daysAgo(30), daysAgo(8), daysAgo(1)].map((at) => backupName(at) as string);
    for (const name of old) writeFileSync(join(dir, name), "old");
    writeFileSync(join(dir, "notes.txt"), "not a backup");

    const taken = script(["--dir", dir, "--keep-daily", "2", "--keep-weekly", "1"], source.url);
    expect(taken.out).toMatch(/^backup /m);
    expect(taken.status).toBe(0);
    console.info(`[backup drill] ${taken.out.split("\n")[0]}`);
    const files = readdirSync(dir).sort();
    const dumps = files.filter((f) => f.endsWith(".dump"));
    // Today's and yesterday's (2 days; this week's newest is today's). Other names untouched.
    expect(dumps).toHaveLength(2);
    expect(dumps[0]).toBe(old[2]);
    expect(files).toContain("notes.txt");
    const file = join(dir, dumps[1]!);
    expect(files).toContain(`${dumps[1]}.sha256`);

    restoredName = `${source.name}_restored`;
    await withAdmin((c) => c.query(`CREATE DATABASE "${restoredName}" TEMPLATE template0`));
    const restored = script(["restore", file], urlFor(restoredName));
    expect(restored.out).toMatch(/^restored /m);
    expect(restored.status).toBe(0);

    const [a, b] = await Promise.all([fingerprint(source.url), fingerprint(urlFor(restoredName))]);
    expect(Object.keys(a.counts).length).toBeGreaterThan(40);
    for (const t of MONEY_TABLES) expect(a.counts[t], t).toBeGreaterThan(0);
    expect(b.counts).toEqual(a.counts);
    expect(b.md5).toEqual(a.md5);
    expect(b.money).toEqual(a.money);

    // A second restore into the now-filled database is refused, nothing changed.
    const again = script(["restore", file], urlFor(restoredName));
    expect(again.status).toBe(1);
    expect(again.out).toMatch(/already has \d+ tables/);
  });

  it("retention keeps the newest backup of each of the last N days and M weeks", () => {
    const names = [
      "2026-12-01T03:00:00Z",
      "2026-11-30T23:00:00Z",
      "2026-11-30T03:00:00Z",
      "2026-11-29T03:00:00Z", // Sunday: the newest of ISO week 48
      "2026-11-22T03:00:00Z", // the newest of week 47
      "2026-11-21T03:00:00Z",
      "2026-11-15T03:00:00Z", // week 46: beyond 3 weeks
      "2026-10-04T03:00:00Z",
    ].map((at) => backupName(new Date(at)) as string);
    const { keep, remove } = planRetention([...names, "other.dump"], { daily: 3, weekly: 3 }) as {
      keep: string[];
      remove: string[];
    };
    // Days: Dec 1, the later Nov 30, Nov 29. Weeks: 49 (Dec 1), 48 (Nov 29), 47 (Nov 22).
    expect(keep).toEqual([names[0], names[1], names[3], names[4]]);
    expect(remove).toEqual([names[2], names[5], names[6], names[7]]);
    expect(planRetention(names, { daily: 0, weekly: 0 }).keep).toEqual([names[0]]);
  });
});
