// `pnpm bench redis-outage`: latency of availability and booking.create on the BUILT customer app
// with Redis up, then crashed (SIGKILL), then back (empty); and how long until every confirmation
// email of the outage reached the SMTP server. Prints figures; asserts nothing.
// Build first: pnpm turbo run build --filter=@myhibachi/customer
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createDb } from "@myhibachi/db";
import { classicSelection, createFixtureBusiness, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { freePort, PrivateRedis, startMailSink, trpcCall } from "../tests/security/private-stack";
import { adminQuery, scratchDatabase, summary } from "./_db";

const root = fileURLToPath(new URL("..", import.meta.url));
const DB_NAME = "myhibachi_bench_redis_outage";
const ROUNDS = Number(process.argv[2] ?? 25);

function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn("pnpm", args, {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    detached: true,
    stdio: "ignore",
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not answer`);
}

async function main() {
  console.log(
    `MyHibachi Redis outage benchmark (built customer app + worker, ${ROUNDS} rounds/phase)\n`,
  );
  const url = await scratchDatabase(DB_NAME);
  const db = createDb({ url, max: 4 });
  await createFixtureBusiness(db, { chefs: 2 });
  // Every round comes from 127.0.0.1: lift the per-address booking limit, or the outage would
  // be measured on 429s.
  await db.businessSettings.updateMany({ data: { bookingRateLimit: 100_000 } });
  const redis = await PrivateRedis.start();
  const mail = await startMailSink();
  const [appPort, workerPort] = [await freePort(), await freePort()];
  const app = `http://127.0.0.1:${appPort}`;
  const env = {
    DATABASE_URL: url,
    REDIS_URL: redis.url,
    SMTP_URL: mail.url,
    AUTH_SECRET: "bench-only-insecure-secret-0123456789abcdef",
    CUSTOMER_URL: app,
    WORKER_PORT: String(workerPort),
  };
  const children = [
    start(
      [
        "--filter",
        "@myhibachi/customer",
        "exec",
        "next",
        "start",
        "-H",
        "127.0.0.1",
        "-p",
        String(appPort),
      ],
      env,
    ),
    start(["--filter", "@myhibachi/worker", "start"], env),
  ];
  try {
    await Promise.all([
      waitFor(`${app}/api/health`),
      waitFor(`http://127.0.0.1:${workerPort}/healthz`),
    ]);
    let day = 5;
    const phase = async (label: string, rounds = ROUNDS) => {
      const avail: number[] = [];
      const book: number[] = [];
      const codes: string[] = [];
      let failed = 0;
      for (let i = 0; i < rounds; i++) {
        const date = new Date(Date.now() + day++ * 86_400_000).toISOString().slice(0, 10);
        const [a, b] = await Promise.all([
          trpcCall(
            app,
            "booking.availability",
            { from: date, to: date, guests: 10, postalCode: FIXTURE_ADDRESS.postalCode },
            { method: "GET" },
          ),
          trpcCall(app, "booking.create", {
            idempotencyKey: `bench-${label}-${day}-${Date.now()}`,
            date,
            startMinute: 17 * 60,
            selection: classicSelection(10),
            address: FIXTURE_ADDRESS,
            contact: { name: "Bench", email: `bench+${day}@example.com`, phone: "(408) 555-0199" },
          }),
        ]);
        avail.push(a.ms);
        book.push(b.ms);
        if (a.status !== 200 || b.status !== 200) failed++;
        else codes.push((b.data as { code: string }).code);
      }
      if (label === "warm-up") return codes;
      console.log(summary(`availability, Redis ${label}`, avail));
      console.log(summary(`booking.create, Redis ${label}`, book));
      if (failed) console.log(`  ${failed} round(s) did not answer 200`);
      return codes;
    };
    await phase("warm-up", 3); // first requests compile routes and fill pools: not measured
    await phase("up");
    await redis.kill();
    const during = await phase("down");
    await redis.start();
    const back = performance.now();
    await phase("back");
    const delivered = () =>
      during.filter((c) => mail.delivered.some((m) => m.subject.includes(c))).length;
    while (delivered() < during.length && performance.now() - back < 180_000)
      await new Promise((r) => setTimeout(r, 250));
    console.log(
      `\nconfirmations of the ${during.length} outage bookings delivered: ${delivered()} ` +
        `(last one ${((performance.now() - back) / 1000).toFixed(1)} s after Redis came back)`,
    );
    const dup = during.filter(
      (c) => mail.delivered.filter((m) => m.subject.includes(c)).length > 1,
    );
    console.log(`delivered twice: ${dup.length}`);
  } finally {
    for (const c of children) {
      try {
        if (c.pid) process.kill(-c.pid, "SIGTERM");
      } catch {
        /* gone */
      }
    }
    await redis.kill();
    await mail.close();
    await db.$disconnect();
    await new Promise((r) => setTimeout(r, 2000));
    await adminQuery(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
