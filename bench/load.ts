// `pnpm bench load`: the capacity of ONE customer-app instance, measured. It starts the BUILT app
// (apps/customer/.next, `next start`: run `pnpm build` first) on a free port against a scratch
// database it seeds (the demo business and BENCH_CHEFS more chefs) and its own Redis prefixes,
// drives the REST API with autocannon at rising concurrency, and prints requests/s and p50/p99
// for the two things a customer does most: look at free times (GET /api/v1/availability, the
// wizard's month view) and book (POST /api/v1/bookings), then the sizing that implies.
// The scratch database's owner settings allow many bookings per address and email (the limit
// against abuse of the site is the owner's setting: `bookingRateLimit`); nothing else is relaxed.
// Env: LOAD_APP_DIR (the app to start, default apps/customer of this checkout), LOAD_SECONDS (per
// step, default 8), LOAD_CONCURRENCY (default "1,4,16,64"), BENCH_CHEFS (default 40).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { createDb } from "@myhibachi/db";
import { createRedis } from "@myhibachi/jobs";
import { seedDemo } from "@myhibachi/seed";
import { classicSelection } from "@myhibachi/seed/fixtures";
import { addDays, zonedParts } from "@myhibachi/shared";
import { addBenchChefs, adminQuery, scratchDatabase } from "./_db";

const root = fileURLToPath(new URL("..", import.meta.url));
const APP_DIR = process.env.LOAD_APP_DIR ?? join(root, "apps/customer");
const DB_NAME = "myhibachi_bench_load";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";
const SECONDS = Number(process.env.LOAD_SECONDS ?? 8);
const LEVELS = (process.env.LOAD_CONCURRENCY ?? "1,4,16,64").split(",").map(Number);
const EXTRA_CHEFS = Number(process.env.BENCH_CHEFS ?? 40);
const ZIPS = ["95125", "95123", "95008", "94087", "95035", "94538", "95037", "94401", "95014"];
const load = () => os.loadavg()[0]!.toFixed(2);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, app: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode}) before answering`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

interface Step {
  concurrency: number;
  rps: number;
  ok: number;
  /** 409: the time was taken meanwhile (answered with other times). */
  conflicts: number;
  errors: number;
  p50: number;
  p99: number;
  load: string;
}

async function drive(
  title: string,
  url: string,
  concurrency: number,
  request: () => { method: "GET" | "POST"; path: string; body?: string },
): Promise<Step> {
  let conflicts = 0;
  let errors = 0;
  const r = await autocannon({
    url,
    connections: concurrency,
    duration: SECONDS,
    headers: { "content-type": "application/json" },
    requests: [
      {
        setupRequest: (req) => {
          const next = request();
          return { ...req, method: next.method, path: next.path, body: next.body };
        },
        onResponse: (status) => {
          if (status === 409) conflicts++;
          else if (status >= 300) errors++;
        },
      },
    ],
  });
  const step = {
    concurrency,
    rps: r.requests.average,
    ok: r["2xx"],
    conflicts,
    errors: errors + r.errors + r.timeouts,
    p50: r.latency.p50,
    p99: r.latency.p99,
    load: load(),
  };
  console.log(
    `  ${title.padEnd(12)} ${String(concurrency).padStart(3)} concurrent: ${step.rps.toFixed(1).padStart(7)} req/s  p50 ${String(step.p50).padStart(5)} ms  p99 ${String(step.p99).padStart(5)} ms  2xx ${step.ok}, 409 ${conflicts}, other ${step.errors}  (load average ${step.load})`,
  );
  return step;
}

async function main() {
  console.log("MyHibachi capacity: one customer-app instance (`next start`), REST API\n");
  if (!existsSync(join(APP_DIR, ".next", "BUILD_ID"))) {
    console.error(
      `No build at ${APP_DIR}/.next (BUILD_ID missing). Build it first:\n  pnpm turbo run build --filter=@myhibachi/customer\nor point LOAD_APP_DIR at a built apps/customer.`,
    );
    process.exit(2);
  }
  const nextBin = [join(APP_DIR, "node_modules/.bin/next"), join(root, "node_modules/.bin/next")]
    .filter(existsSync)
    .at(0);
  if (!nextBin) throw new Error(`no next binary under ${APP_DIR}/node_modules/.bin`);

  const url = await scratchDatabase(DB_NAME);
  const db = createDb({ url, max: 4 });
  const seeded = await seedDemo(db);
  await addBenchChefs(db, EXTRA_CHEFS);
  // The owner's limit on bookings per address/email per window, raised on this scratch business.
  await db.businessSettings.update({
    where: { id: 1 },
    data: { bookingRateLimit: 1_000_000 },
  });
  const settings = await db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
  const today = zonedParts(new Date(), settings.timeZone).date;
  console.log(
    `scratch business: ${seeded.customers} customers, ${seeded.bookings} bookings, ${4 + EXTRA_CHEFS} chefs; app ${APP_DIR}`,
  );

  const port = await freePort();
  const tag = `bench-load-${randomBytes(4).toString("hex")}`;
  const base = `http://127.0.0.1:${port}`;
  const app = spawn(nextBin, ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      REDIS_URL,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      CUSTOMER_URL: base,
      // Its own cache keys and queues: emails it enqueues reach no worker, and are removed after.
      CACHE_PREFIX: `${tag}-cache`,
      QUEUE_PREFIX: `${tag}-q`,
      LOCAL_MAILBOX: "0",
    },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  app.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const stop = () => {
    try {
      if (app.pid && app.exitCode === null) process.kill(-app.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.on("exit", stop);
  try {
    await waitFor(`${base}/api/health`, app, 120_000).catch((e) => {
      throw new Error(`${(e as Error).message}\n${stderr}`);
    });
    // The wizard's month view: one ZIP and party size, 31 days, over the booking window.
    const monthView = (i: number) => {
      const from = addDays(today, 3 + (i % 4) * 31);
      const q = new URLSearchParams({
        from,
        to: addDays(from, 30),
        guests: String(8 + (i % 12)),
        postalCode: ZIPS[i % ZIPS.length]!,
      });
      return `/api/v1/availability?${q}`;
    };
    // Free times to book, as customers pick them from what they were shown.
    const offered: { date: string; startMinute: number }[] = [];
    for (let m = 0; m < 4; m++) {
      const from = addDays(today, 3 + m * 31);
      const q = new URLSearchParams({
        from,
        to: addDays(from, 30),
        guests: "12",
        postalCode: "95125",
      });
      const r = await fetch(`${base}/api/v1/availability?${q}`);
      if (!r.ok) throw new Error(`availability: ${r.status} ${await r.text()}`);
      const body = (await r.json()) as { slots: { date: string; startMinute: number }[] };
      offered.push(...body.slots.map((s) => ({ date: s.date, startMinute: s.startMinute })));
    }
    console.log(`${offered.length} free times offered to book (party of 12, ZIP 95125)\n`);

    let n = 0;
    const booking = () => {
      const i = n++;
      const slot = offered[(i * 17) % offered.length]!;
      return {
        method: "POST" as const,
        path: "/api/v1/bookings",
        body: JSON.stringify({
          idempotencyKey: `${tag}-${i}`,
          date: slot.date,
          startMinute: slot.startMinute,
          selection: classicSelection(12),
          address: {
            line1: `${100 + i} Load St`,
            city: "San Jose",
            state: "CA",
            postalCode: "95125",
          },
          contact: {
            name: `Load Customer ${i}`,
            email: `load${i}@example.com`,
            phone: "408-555-0100",
          },
        }),
      };
    };
    let v = 0;
    const availability = () => ({ method: "GET" as const, path: monthView(v++) });

    // Warm-up (not counted): the first requests compile and fill caches.
    await drive("warm-up", base, 4, availability);
    await drive("warm-up", base, 4, booking);
    console.log("");
    const avail: Step[] = [];
    const book: Step[] = [];
    for (const c of LEVELS) avail.push(await drive("availability", base, c, availability));
    for (const c of LEVELS) book.push(await drive("booking", base, c, booking));

    const [check] = await db.$queryRaw<{ overlaps: bigint }[]>`
      WITH held AS (
        SELECT bc."chefId", bc."bookingId", tstzrange(bc."blockStart", bc."blockEnd") AS r
          FROM "BookingChef" bc JOIN "Booking" b ON b."id" = bc."bookingId"
         WHERE b."status" IN ('HELD', 'PENDING', 'CONFIRMED', 'COMPLETED'))
      SELECT count(*) AS overlaps FROM held x JOIN held y
        ON x."chefId" = y."chefId" AND x."bookingId" < y."bookingId" AND x.r && y.r`;
    console.log(`\noverlapping chef bookings after the run (SQL self-join): ${check!.overlaps}`);

    // Sizing: what one instance sustains with p99 under a second, run at half of it.
    const best = (steps: Step[]) =>
      steps.filter((s) => s.p99 < 1000 && s.errors === 0).sort((a, b) => b.rps - a.rps)[0] ??
      steps[0]!;
    const a = best(avail);
    const b = best(book);
    const bookingsPerMin = (b.rps * 60 * b.ok) / Math.max(1, b.ok + b.conflicts);
    // A visitor who books looks at about 10 month views first (dates, party sizes, back).
    const VIEWS_PER_BOOKING = 10;
    const perBookingSeconds = 1 / (bookingsPerMin / 60) + VIEWS_PER_BOOKING / a.rps;
    const perInstance = 60 / perBookingSeconds;
    console.log(
      `\none instance: ${a.rps.toFixed(0)} availability req/s (p99 ${a.p99} ms at ${a.concurrency}), ${bookingsPerMin.toFixed(0)} bookings/min (p99 ${b.p99} ms at ${b.concurrency});` +
        `\nwith ${VIEWS_PER_BOOKING} month views per booking: ~${perInstance.toFixed(0)} bookings/min per instance at full load`,
    );
    console.log("\nbookings/min  instances (run at 50 % of the measured capacity, at least 2)");
    for (const want of [10, 100, 1000, 5000, 10000])
      console.log(
        `${String(want).padStart(12)}  ${Math.max(2, Math.ceil(want / (perInstance * 0.5)))}`,
      );
  } finally {
    stop();
    const redis = createRedis(REDIS_URL, "cache");
    for (const p of [`${tag}-cache`, `${tag}-q`]) {
      const keys = await redis.keys(`${p}*`).catch(() => [] as string[]);
      for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    }
    redis.disconnect();
    await db.$disconnect();
    await adminQuery(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
