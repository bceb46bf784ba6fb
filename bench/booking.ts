// `pnpm bench booking`: availability query latency (cached vs uncached) and booking throughput
// on the seeded demo business, against the real Postgres and Redis.
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { AppError, QueryCache, createBooking, getAvailability } from "@myhibachi/core";
import { addDays, zonedParts } from "@myhibachi/shared";
import { createDb } from "@myhibachi/db";
import { createRedis } from "@myhibachi/jobs";
import { seedDemo } from "@myhibachi/seed";
import { classicSelection } from "@myhibachi/seed/fixtures";
import { adminQuery, scratchDatabase, summary } from "./_db";

const DB_NAME = "myhibachi_bench_booking";
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
  const db = createDb({ url, max: 20 });
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

  // Booking creation: 200 customers book concurrently (8 at a time), each picking a free time
  // from what the site showed; some race for the same time and get a CONFLICT.
  const offered = (
    await getAvailability(
      db,
      { from: addDays(today, 3), to: addDays(today, 60), guests: 12, postalCode: "95125" },
      { cache: uncached },
    )
  ).slots;
  const N = 200;
  const CONCURRENCY = 8;
  const lat: number[] = [];
  let ok = 0;
  let conflicts = 0;
  let other = 0;
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < N; i = next++) {
        const slot = offered[(i * 17) % offered.length]!;
        const s = performance.now();
        try {
          await createBooking(
            db,
            {
              idempotencyKey: `bench-${prefix}-${i}`,
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
                name: `Bench Customer ${i}`,
                email: `bench${i}@example.com`,
                phone: "408-555-0100",
              },
            },
            { cache: cached },
          );
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
  console.log(
    `\nBooking creation (${N} requests, ${CONCURRENCY} concurrent, ${offered.length} offered times)`,
  );
  console.log(
    `  booked ${ok}, conflicts ${conflicts} (answered with alternatives), errors ${other}`,
  );
  console.log(
    `  throughput ${(ok / secs).toFixed(1)} bookings/s, ${(N / secs).toFixed(1)} requests/s over ${secs.toFixed(1)} s`,
  );
  console.log(summary("  latency per request", lat));
  const dup = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "BookingChef" a JOIN "BookingChef" b
      ON a."chefId" = b."chefId" AND a.id < b.id AND a.live AND b.live
     AND tstzrange(a."blockStart", a."blockEnd") && tstzrange(b."blockStart", b."blockEnd")`;
  console.log(`  overlapping live chef blocks after the run: ${dup[0]!.n}`);

  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await db.$disconnect();
  await adminQuery(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
