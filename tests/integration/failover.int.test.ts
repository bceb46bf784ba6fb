// The second region's database, drilled (docs/operations/failover.md): a primary and a streaming
// replica on private Postgres servers, the admin app's own clients over them (DATABASE_URL and
// DATABASE_REPLICA_URL through createServerDeps), then the failover: the primary stops, the replica
// is promoted, the app is repointed at it and carries on, and nothing committed is missing.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import {
  adminRouter,
  createCallerFactory,
  createServerDeps,
  type ServerDeps,
} from "@myhibachi/api";
import { closeQueues } from "@myhibachi/jobs";
import { createDb, pgErrorCode } from "@myhibachi/db";
import { classicSelection, createFixtureBusiness, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { createUser } from "./admin-helpers";
import { REDIS_URL } from "./helpers";
import { PgCluster, postgresBinDir, type PgServer } from "./pg-cluster";

const root = fileURLToPath(new URL("../..", import.meta.url));
const NOW = new Date("2026-06-01T17:00:00Z");
const DB = "myhibachi";

let cluster: PgCluster;
let primary: PgServer;
let replica: PgServer;
let deps: (ServerDeps & { close(): Promise<void> }) | null = null;
let owner: Awaited<ReturnType<typeof createUser>>;
let staff: Awaited<ReturnType<typeof createUser>>;
const prefix = `failover-${randomBytes(4).toString("hex")}`;
const started = Date.now();

/** The admin app's dependencies exactly as `next start` builds them (apps/admin/src/server/deps.ts). */
function adminDeps(databaseUrl: string, replicaUrl?: string) {
  const d = createServerDeps(
    {
      DATABASE_URL: databaseUrl,
      DATABASE_REPLICA_URL: replicaUrl,
      REDIS_URL,
      AUTH_SECRET: "x".repeat(40),
      APP_URL: "http://127.0.0.1:3998",
      CUSTOMER_URL: "http://127.0.0.1:3999",
      QUEUE_PREFIX: prefix,
      CACHE_PREFIX: prefix,
    },
    "admin",
  );
  return {
    ...d,
    async close() {
      await closeQueues(d.queues);
      d.queueRedis.disconnect();
      d.redis?.disconnect();
      await d.db.$disconnect();
      await d.readDb?.().$disconnect();
    },
  };
}

const factory = createCallerFactory(adminRouter);
const as = (user: { id: string; email: string; name: string; role: "STAFF" | "OWNER" }) =>
  factory({
    ...deps!,
    now: () => NOW,
    headers: new Headers(),
    user: { ...user, emailVerified: true },
  });

let n = 0;
const phoneBooking = (date: string) => ({
  idempotencyKey: `failover-${++n}-${randomBytes(4).toString("hex")}`,
  date,
  startMinute: 17 * 60,
  selection: classicSelection(10),
  address: FIXTURE_ADDRESS,
  contact: { name: `Region Guest ${n}`, email: `region${n}@example.com`, phone: "408-555-0142" },
});

const one = async <T>(s: PgServer, sql: string, database = DB): Promise<T> => {
  const c = new pg.Client({ connectionString: s.url(database) });
  await c.connect();
  try {
    return (await c.query(sql)).rows[0] as T;
  } finally {
    await c.end();
  }
};

/** Waits until the replica has replayed everything the primary has written so far. */
async function caughtUp(): Promise<{ lsn: string; waitedMs: number }> {
  const { lsn } = await one<{ lsn: string }>(primary, "SELECT pg_current_wal_lsn()::text AS lsn");
  const t0 = Date.now();
  for (;;) {
    const { behind } = await one<{ behind: string }>(
      replica,
      `SELECT pg_wal_lsn_diff('${lsn}', pg_last_wal_replay_lsn())::text AS behind`,
    );
    if (Number(behind) <= 0) return { lsn, waitedMs: Date.now() - t0 };
    if (Date.now() - t0 > 30_000) throw new Error(`replica still ${behind} bytes behind ${lsn}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every table's row count in the app's database, and the ids of the bookings. */
async function snapshot(s: PgServer) {
  const c = new pg.Client({ connectionString: s.url(DB) });
  await c.connect();
  try {
    const tables = await c.query<{ t: string }>(
      "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    );
    const counts: Record<string, number> = {};
    for (const { t } of tables.rows)
      counts[t] = Number((await c.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
    const ids = (await c.query<{ id: string }>(`SELECT id FROM "Booking" ORDER BY id`)).rows.map(
      (r) => r.id,
    );
    return { counts, ids };
  } finally {
    await c.end();
  }
}

const bin = postgresBinDir();

beforeAll(async () => {
  if (!bin)
    throw new Error(
      "The failover drill needs Postgres server programs (initdb, pg_ctl, pg_basebackup): apt-get install postgresql",
    );
  cluster = new PgCluster(bin, "myhibachi-failover-");
  primary = await cluster.primary();
  await primary.sql((c) => c.query(`CREATE DATABASE ${DB}`));
  // The schema, as every test database gets it: our migrations, by `prisma migrate deploy`.
  const migrate = spawnSync(
    process.execPath,
    ["packages/db/scripts/prisma.mjs", "migrate", "deploy"],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: primary.url(DB) },
      encoding: "utf8",
    },
  );
  if (migrate.status !== 0) throw new Error(`migrate deploy: ${migrate.stdout}${migrate.stderr}`);
  const setup = createDb({ url: primary.url(DB), max: 4 });
  try {
    await createFixtureBusiness(setup, { chefs: 1 });
    await setup.businessSettings.update({ where: { id: 1 }, data: { bookingRateLimit: 1000 } });
    owner = await createUser(setup, "OWNER");
    staff = await createUser(setup, "STAFF");
  } finally {
    await setup.$disconnect();
  }
  replica = await cluster.replica(primary);
  deps = adminDeps(primary.url(DB), replica.url(DB));
}, 180_000);

afterAll(async () => {
  await deps?.close().catch(() => {});
  cluster?.destroy();
  console.info(`[failover drill] ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
});

describe("a primary and a streaming replica", () => {
  it("the dashboards read the replica, everything else the primary; the replica refuses writes", async () => {
    const recovery = async (db: ServerDeps["db"]) =>
      (await db.$queryRaw<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`)[0]!.r;
    expect(await recovery(deps!.db)).toBe(false);
    expect(await recovery(deps!.readDb!())).toBe(true);

    const writeThroughReplica = await deps!.readDb!()
      .customer.create({ data: { name: "Nope", email: "nope@example.com" } })
      .catch((e: unknown) => e);
    expect(pgErrorCode(writeThroughReplica)).toBe("25006"); // read-only transaction

    // Replay paused: the replica holds still while the primary takes a phone booking, so which
    // server each read went to shows in what it answers.
    await caughtUp();
    const customersBefore = (await as(staff).staff.customers.list({})).total;
    await replica.sql((c) => c.query("SELECT pg_wal_replay_pause()"));
    try {
      const made = await as(staff).bookings.create(phoneBooking("2026-06-13"));
      expect(made.status).toBe("CONFIRMED");
      // What the staff member just wrote: read back at once from the primary.
      const booking = await as(staff).bookings.get({ id: made.id });
      expect(booking.id).toBe(made.id);
      const emails = await deps!.db.customer.count({ where: { email: "region1@example.com" } });
      expect(emails).toBe(1);
      // The customers list and the owner's overview are dashboards: the (paused) replica.
      expect((await as(staff).staff.customers.list({})).total).toBe(customersBefore);
      const overview = await as(owner).owner.overview();
      expect(JSON.stringify(overview)).not.toContain(made.id);
    } finally {
      await replica.sql((c) => c.query("SELECT pg_wal_replay_resume()"));
    }
    await caughtUp();
    expect((await as(staff).staff.customers.list({})).total).toBe(customersBefore + 1);
  });

  it("failover: the primary stops, the replica is promoted, the app is repointed and carries on with nothing committed missing", async () => {
    await as(staff).bookings.create(phoneBooking("2026-06-20"));
    const lag = await one<{ state: string; replay_lag: string | null }>(
      primary,
      "SELECT state, replay_lag::text FROM pg_stat_replication",
      "postgres",
    );
    expect(lag.state).toBe("streaming");
    // Nothing committed may be lost: the last LSN is replayed before the primary goes.
    const { lsn, waitedMs } = await caughtUp();
    const before = await snapshot(primary);
    expect(before.ids).toHaveLength(2);
    console.info(
      `[failover drill] replay_lag ${lag.replay_lag ?? "none"}; caught up with ${lsn} after ${waitedMs} ms`,
    );

    const t0 = Date.now();
    cluster.stopFast(primary);
    const promoted = await replica.sql(async (c) => {
      await c.query("SELECT pg_promote(wait => true)");
      return (await c.query("SELECT pg_is_in_recovery() AS r")).rows[0].r as boolean;
    });
    expect(promoted).toBe(false);
    // The repoint: DATABASE_URL is now the promoted server, no replica until a new one is built.
    await deps!.close();
    deps = adminDeps(replica.url(DB));
    console.info(`[failover drill] stop + promote + repoint: ${Date.now() - t0} ms`);

    const after = await snapshot(replica);
    expect(after).toEqual(before);

    const made = await as(staff).bookings.create(phoneBooking("2026-06-27"));
    expect(made.status).toBe("CONFIRMED");
    const later = await snapshot(replica);
    expect(later.ids).toEqual([...before.ids, made.id].sort());
    expect(later.counts.Booking).toBe(before.counts.Booking! + 1);
    // The dashboards read the promoted primary now.
    expect((await as(staff).staff.customers.list({})).total).toBe(await deps!.db.customer.count());
  });
});
