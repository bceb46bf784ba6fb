// `pnpm bench booking`: availability query latency (cached vs uncached) and booking throughput
// on the seeded demo business, against the real Postgres and Redis, beside what Postgres itself
// does on this machine at the same concurrency (pgbench's TPC-B), so the ratio is measured.
// Afterwards it checks the database for double-booked chefs with its own SQL (not the code under
// test). Env: BENCH_BOOKINGS (requests, default 2000), BENCH_CHEFS (chefs added to the demo's
// four, default 40: enough free times for every request), PGBENCH_SECONDS (default 10),
// PGBENCH_BIN (default /usr/lib/postgresql/15/bin/pgbench; "skip" to leave it out).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { AppError, QueryCache, createBooking, getAvailability } from "@myhibachi/core";
import { addDays, zonedParts } from "@myhibachi/shared";
import { createDb } from "@myhibachi/db";
import { createRedis } from "@myhibachi/jobs";
import { seedDemo } from "@myhibachi/seed";
import { classicSelection } from "@myhibachi/seed/fixtures";
import { addBenchChefs, adminQuery, adminUrl, scratchDatabase, summary } from "./_db";

const DB_NAME = "myhibachi_bench_booking";
const PGBENCH_DB = "myhibachi_bench_pgbench";
const N = Number(process.env.BENCH_BOOKINGS ?? 2000);
const EXTRA_CHEFS = Number(process.env.BENCH_CHEFS ?? 40);
const CONCURRENCY = 8;
const PGBENCH = process.env.PGBENCH_BIN ?? "/usr/lib/postgresql/15/bin/pgbench";
const load = () => `load average ${os.loadavg()[0]!.toFixed(2)}`;

/** pgbench's TPC-B on a scratch database at our concurrency: transactions/s, or why not. */
async function pgbenchTps(): Promise<string> {
  if (PGBENCH === "skip") return "skipped (PGBENCH_BIN=skip)";
  if (!existsSync(PGBENCH)) return `skipped: no ${PGBENCH} (set PGBENCH_BIN)`;
  await adminQuery(`DROP DATABASE IF EXISTS "${PGBENCH_DB}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${PGBENCH_DB}"`);
  const u = new URL(adminUrl());
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
  const conn = ["-h", u.hostname, "-p", u.port || "5432", "-U", decodeURIComponent(u.username)];
  try {
    const init = spawnSync(PGBENCH, ["-i", "-q", ...conn, PGBENCH_DB], { env, encoding: "utf8" });
    if (init.status !== 0) return `failed: ${init.stderr.trim().split("\n").pop()}`;
    const seconds = process.env.PGBENCH_SECONDS ?? "10";
    const run = spawnSync(
      PGBENCH,
      ["-c", String(CONCURRENCY), "-j", "2", "-T", seconds, ...conn, PGBENCH_DB],
      { env, encoding: "utf8" },
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout)?.[1];
    const lat = /latency average = ([\d.]+) ms/.exec(run.stdout)?.[1];
    if (!tps) return `failed: ${(run.stderr || run.stdout).trim().split("\n").pop()}`;
    return `${Number(tps).toFixed(0)} tps (TPC-B, ${CONCURRENCY} clients, ${seconds} s, latency avg ${lat} ms)`;
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${PGBENCH_DB}" WITH (FORCE)`);
  }
}
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";
const ZIPS = [
  "95125",
  "95123",
  "95008",
  "94087",
  "95035",
  "94538",
  "95037",
  "94401",
  "95014",
  "95120",
];

async function main() {
  console.log("MyHibachi booking benchmark (real Postgres + Redis, seeded demo business)\n");
  const url = await scratchDatabase(DB_NAME);
  let counting = false;
  let statements = 0;
  const db = createDb({
    url,
    max: 20,
    onQuery: () => {
      if (counting) statements++;
    },
  });
  const t0 = performance.now();
  const seeded = await seedDemo(db);
  console.log(
    `seeded ${seeded.customers} customers, ${seeded.bookings} bookings in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const redis = createRedis(REDIS_URL, "cache");
  await new Promise((r) => (redis.status === "ready" ? r(null) : redis.once("ready", r)));
  const prefix = `bench-${randomBytes(4).toString("hex")}`;
  const cached = new QueryCache(redis, prefix);
  const uncached = new QueryCache(null, prefix);
  const tz = (await db.businessSettings.findUniqueOrThrow({ where: { id: 1 } })).timeZone;
  const today = zonedParts(new Date(), tz).date;

  // The queries customers make: a month view for their ZIP and party size.
  const queries = Array.from({ length: 60 }, (_, i) => {
    const from = addDays(today, 3 + (i % 6) * 30);
    return {
      from,
      to: addDays(from, 30),
      guests: 8 + ((i * 7) % 30),
      postalCode: ZIPS[i % ZIPS.length]!,
    };
  });
  const time = async (fn: () => Promise<unknown>) => {
    const s = performance.now();
    await fn();
    return performance.now() - s;
  };

  const unc: number[] = [];
  for (let round = 0; round < 5; round++)
    for (const q of queries)
      unc.push(await time(() => getAvailability(db, q, { cache: uncached })));
  for (const q of queries) await getAvailability(db, q, { cache: cached }); // warm
  const hit: number[] = [];
  for (let round = 0; round < 5; round++)
    for (const q of queries) hit.push(await time(() => getAvailability(db, q, { cache: cached })));
  console.log("\nAvailability (31-day month view, one ZIP and party size)");
  console.log(summary("  uncached (Postgres every time)", unc));
  console.log(summary("  cached (Redis, warm)", hit));
  console.log(`  cache stats: ${JSON.stringify(cached.stats)}`);

  // Booking creation: customers book concurrently (8 at a time), each picking a free time from
  // what the site showed; some race for the same time and get a CONFLICT. The demo's 4 chefs
  // are joined by BENCH_CHEFS more (each with the hours and areas of one of them): a business at scale.
  await addBenchChefs(db, EXTRA_CHEFS);
  await cached.invalidate("chefs");
  const offered = (
    await getAvailability(
      db,
      { from: addDays(today, 3), to: addDays(today, 60), guests: 12, postalCode: "95125" },
      { cache: uncached },
    )
  ).slots;
  const book = (i: number, key: string) => {
    const slot = offered[(i * 17) % offered.length]!;
    return createBooking(
      db,
      {
        idempotencyKey: `bench-${prefix}-${key}`,
        date: slot.date,
        startMinute: slot.startMinute,
        selection: classicSelection(12),
        address: {
          line1: `${100 + i} Bench St`,
          city: "San Jose",
          state: "CA",
          postalCode: "95125",
        },
        contact: {
          name: `Bench Customer ${key}`,
          email: `bench${key}@example.com`,
          phone: "408-555-0100",
        },
      },
      { cache: cached },
    );
  };
  // Warm-up (not measured): a server that has been up a while.
  for (let i = 0; i < 40; i++) await book(N + i, `warm${i}`).catch(() => {});

  console.log(`\nPostgres on this machine (${load()}): pgbench ${await pgbenchTps()}`);
  const lat: number[] = [];
  let ok = 0;
  let conflicts = 0;
  let other = 0;
  let next = 0;
  counting = true;
  const loadBefore = load();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < N; i = next++) {
        const s = performance.now();
        try {
          await book(i, String(i));
          ok++;
        } catch (e) {
          if (e instanceof AppError && e.code === "CONFLICT") conflicts++;
          else {
            other++;
            console.error(e);
          }
        }
        lat.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - start) / 1000;
  counting = false;
  console.log(
    `\nBooking creation (${N} requests, ${CONCURRENCY} concurrent, ${offered.length} offered times, ${4 + EXTRA_CHEFS} chefs; ${loadBefore} before, ${load()} after)`,
  );
  console.log(
    `  booked ${ok}, conflicts ${conflicts} (answered with alternatives), errors ${other}`,
  );
  console.log(
    `  throughput ${(ok / secs).toFixed(1)} bookings/s, ${(N / secs).toFixed(1)} requests/s over ${secs.toFixed(1)} s`,
  );
  console.log(summary("  latency per request", lat));
  console.log(`  SQL statements per request: ${(statements / N).toFixed(1)}`);
  // Checked with our own SQL, not with the code under test: no chef holds two bookings at once,
  // among the bookings that hold their chefs (whatever the "live" flag says), and every booking
  // made holds its chef.
  const [check] = await db.$queryRaw<{ overlaps: bigint; made: bigint; unplaced: bigint }[]>`
    WITH held AS (
      SELECT bc."chefId", bc."bookingId", tstzrange(bc."blockStart", bc."blockEnd") AS r
        FROM "BookingChef" bc JOIN "Booking" b ON b."id" = bc."bookingId"
       WHERE b."status" IN ('HELD', 'PENDING', 'CONFIRMED', 'COMPLETED'))
    SELECT (SELECT count(*) FROM held x JOIN held y
              ON x."chefId" = y."chefId" AND x."bookingId" < y."bookingId" AND x.r && y.r) AS overlaps,
           (SELECT count(*) FROM "Booking" WHERE "idempotencyKey" LIKE ${`bench-${prefix}-%`}
               AND "idempotencyKey" NOT LIKE ${`bench-${prefix}-warm%`}) AS made,
           (SELECT count(*) FROM "Booking" b WHERE "idempotencyKey" LIKE ${`bench-${prefix}-%`}
               AND NOT EXISTS (SELECT 1 FROM "BookingChef" bc WHERE bc."bookingId" = b."id")) AS unplaced`;
  console.log(
    `  overlapping chef bookings after the run (SQL self-join): ${check!.overlaps}; bookings in the database ${check!.made} (reported ${ok}), without a chef ${check!.unplaced}`,
  );

  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await db.$disconnect();
  if (!process.env.BENCH_KEEP)
    await adminQuery(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
