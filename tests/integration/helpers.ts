import { randomBytes } from "node:crypto";
import { QueryCache } from "@myhibachi/core";
import { createRedis } from "@myhibachi/jobs";
import { createTestDatabase, type TestDatabase } from "@myhibachi/db/testing";
import { createServerDeps, type ServerDeps } from "@myhibachi/api";
import { closeQueues } from "@myhibachi/jobs";
import { createFixtureBusiness, type FixtureBusiness } from "@myhibachi/seed/fixtures";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";

export interface Env {
  t: TestDatabase;
  biz: FixtureBusiness;
  redis: ReturnType<typeof createRedis>;
  cache: QueryCache;
  prefix: string;
  close(): Promise<void>;
}

/** A fresh database with a small business, and a cache with its own Redis key prefix. */
export async function setupEnv(opts: { chefs?: number } = {}): Promise<Env> {
  const t = await createTestDatabase();
  const biz = await createFixtureBusiness(t.db, { chefs: opts.chefs ?? 1 });
  const redis = createRedis(REDIS_URL, "cache");
  if (redis.status !== "ready") await new Promise((resolve) => redis.once("ready", resolve));
  const prefix = `test-${randomBytes(4).toString("hex")}`;
  const cache = new QueryCache(redis, prefix);
  return {
    t,
    biz,
    redis,
    cache,
    prefix,
    async close() {
      const keys = await redis.keys(`${prefix}:*`).catch(() => []);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await t.drop();
    },
  };
}

/** The customer app's server dependencies (as `next start` builds them) over a test env. */
export function customerServerDeps(env: Env): ServerDeps & { close(): Promise<void> } {
  const deps = createServerDeps(
    {
      DATABASE_URL: env.t.url,
      REDIS_URL,
      AUTH_SECRET: "x".repeat(40),
      APP_URL: "http://127.0.0.1:3999",
      CUSTOMER_URL: "http://127.0.0.1:3999",
      QUEUE_PREFIX: env.prefix,
      CACHE_PREFIX: env.prefix,
    },
    "customer",
  );
  return {
    ...deps,
    async close() {
      await closeQueues(deps.queues);
      deps.queueRedis.disconnect();
      deps.redis?.disconnect();
      await deps.db.$disconnect();
    },
  };
}

/**
 * The link token in the newest email about a booking (only an emailed link can confirm a held
 * booking), read from the stored email the way the customer would read it from their inbox.
 */
export async function emailedLinkToken(
  db: { emailMessage: { findMany(args: object): Promise<{ text: string }[]> } },
  bookingId: string,
): Promise<string> {
  const mails = await db.emailMessage.findMany({
    where: { text: { contains: `/bookings/${bookingId}?token=` } },
    orderBy: { createdAt: "desc" },
    take: 1,
  });
  const m =
    mails[0] && new RegExp(`/bookings/${bookingId}\\?token=([A-Za-z0-9_-]+)`).exec(mails[0].text);
  if (!m) throw new Error(`no email with a link to booking ${bookingId}`);
  return m[1]!;
}

/** "2026-12-12, 17:00": an instant as a local date and time in the business time zone. */
export const localDateTime = (d: Date, tz = "America/Los_Angeles") =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(d);
