// AiCostRollup / AiQuestionRollup maintenance, and the "rollup + fresh tail" source every cost
// query reads. The rollups hold ledger rows created before AiCostRollupState.rolledUpTo (the
// watermark); rows from the watermark on are read from AiCall directly (minutes of data). So a
// figure is the same whether or not the worker has refreshed lately, only the speed differs.
import { Prisma, type Db, type DbTx } from "@myhibachi/db";

/** Rows may be written a little after their createdAt: each refresh redoes this much history. */
export const ROLLUP_LATENESS_MS = 2 * 60 * 60 * 1000;
const BUCKET = Prisma.sql`'15 minutes'::interval`;
const ORIGIN = Prisma.sql`TIMESTAMPTZ '2000-01-01 00:00:00+00'`;
const EPOCH = new Date("1970-01-01T00:00:00Z");

export interface RollupWatermark {
  /** Ledger rows created before this instant are in the rollups (epoch: none are). */
  rolledUpTo: Date;
}

export const ts = (d: Date) => Prisma.sql`${d.toISOString()}::timestamptz`;

/**
 * Where the rollups end, for a query in business zone `timeZone`. If the question rollup was built
 * in another zone (the business moved), its days are wrong: everything is read raw until the next
 * refresh rebuilds it.
 */
export async function rollupWatermark(
  db: DbTx,
  timeZone: string,
  now: Date,
): Promise<RollupWatermark> {
  const s = await db.aiCostRollupState.findUnique({ where: { id: 1 } });
  // A watermark after `now` (a clock set back) would count rows from the future: read raw.
  if (!s || s.timeZone !== timeZone || s.rolledUpTo > now) return { rolledUpTo: EPOCH };
  return { rolledUpTo: s.rolledUpTo };
}

export interface RefreshResult {
  from: Date;
  to: Date;
  rebuilt: boolean;
  bucketRows: number;
  questionRows: number;
}

/**
 * Recomputes the rollups from max(watermark - lateness) to `now` and moves the watermark to `now`,
 * in one transaction under an advisory lock (two workers never interleave). Idempotent: running it
 * twice gives the same rows. A first run, or a change of business time zone, rebuilds everything.
 */
export async function refreshCostRollups(
  db: Db,
  { now, timeZone }: { now: Date; timeZone: string },
): Promise<RefreshResult> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('myhibachi:ai-cost-rollup'))`;
      const state = await tx.aiCostRollupState.findUnique({ where: { id: 1 } });
      const rebuilt = !state || state.timeZone !== timeZone;
      const since = rebuilt
        ? EPOCH
        : new Date(Math.min(state.rolledUpTo.getTime(), now.getTime()) - ROLLUP_LATENESS_MS);
      // Whole buckets / whole local days from `since`, so no bucket is half recomputed.
      const [bounds] = await tx.$queryRaw<
        { bucketFrom: Date; dayFrom: string; dayFromStart: Date }[]
      >`
        SELECT date_bin(${BUCKET}, ${ts(since)}, ${ORIGIN}) AS "bucketFrom",
               to_char((${ts(since)} AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS "dayFrom",
               (date_trunc('day', ${ts(since)} AT TIME ZONE ${timeZone}) AT TIME ZONE ${timeZone}) AS "dayFromStart"`;
      const { bucketFrom, dayFrom, dayFromStart } = bounds!;
      if (rebuilt) {
        await tx.$executeRaw`DELETE FROM "AiCostRollup"`;
        await tx.$executeRaw`DELETE FROM "AiQuestionRollup"`;
      } else {
        await tx.$executeRaw`DELETE FROM "AiCostRollup" WHERE "bucketStart" >= ${ts(bucketFrom)}`;
        await tx.$executeRaw`DELETE FROM "AiQuestionRollup" WHERE "day" >= ${dayFrom}::date`;
      }
      const bucketRows = await tx.$executeRaw`
        INSERT INTO "AiCostRollup" ("bucketStart", "provider", "model", "tier", "calls", "costMicros",
          "savedMicros", "cacheHits", "cacheMisses", "cacheBypass", "errors", "fallbacks", "latencySumMs")
        SELECT date_bin(${BUCKET}, "createdAt", ${ORIGIN}), "provider", "model", "tier", count(*),
               sum("costMicros"), sum("savedMicros"),
               count(*) FILTER (WHERE "cacheStatus" = 'hit'),
               count(*) FILTER (WHERE "cacheStatus" = 'miss'),
               count(*) FILTER (WHERE "cacheStatus" = 'bypass'),
               count(*) FILTER (WHERE "outcome" = 'error'),
               count(*) FILTER (WHERE "outcome" = 'fallback'),
               sum("latencyMs")
        FROM "AiCall"
        WHERE "createdAt" >= ${ts(bucketFrom)} AND "createdAt" < ${ts(now)}
        GROUP BY 1, 2, 3, 4`;
      const questionRows = await tx.$executeRaw`
        INSERT INTO "AiQuestionRollup" ("day", "fingerprint", "calls", "costMicros", "preview")
        SELECT ("createdAt" AT TIME ZONE ${timeZone})::date, "fingerprint", count(*),
               sum("costMicros"), max("preview")
        FROM "AiCall"
        WHERE "createdAt" >= ${ts(dayFromStart)} AND "createdAt" < ${ts(now)}
        GROUP BY 1, 2`;
      await tx.aiCostRollupState.upsert({
        where: { id: 1 },
        create: { id: 1, rolledUpTo: now, timeZone },
        update: { rolledUpTo: now, timeZone },
      });
      return { from: since, to: now, rebuilt, bucketRows, questionRows };
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}

/**
 * SQL for the ledger in 15-minute buckets from `from` to `to`: rollup rows before the watermark,
 * AiCall rows (one per call) after it. Columns: t, provider, model, tier, calls, cost, saved,
 * hits, misses, bypass, errors, fallbacks, lat.
 */
export function bucketSource(w: RollupWatermark, from: Date, to: Date): Prisma.Sql {
  const tailFrom = new Date(Math.max(w.rolledUpTo.getTime(), from.getTime()));
  return Prisma.sql`
    SELECT "bucketStart" AS t, "provider", "model", "tier", "calls"::bigint AS calls,
           "costMicros" AS cost, "savedMicros" AS saved, "cacheHits"::bigint AS hits,
           "cacheMisses"::bigint AS misses, "cacheBypass"::bigint AS bypass,
           "errors"::bigint AS errors, "fallbacks"::bigint AS fallbacks, "latencySumMs" AS lat
    FROM "AiCostRollup"
    WHERE "bucketStart" >= ${ts(from)} AND "bucketStart" < ${ts(to)}
    UNION ALL
    SELECT date_bin(${BUCKET}, "createdAt", ${ORIGIN}), "provider", "model", "tier", 1,
           "costMicros", "savedMicros", ("cacheStatus" = 'hit')::int, ("cacheStatus" = 'miss')::int,
           ("cacheStatus" = 'bypass')::int, ("outcome" = 'error')::int,
           ("outcome" = 'fallback')::int, "latencyMs"
    FROM "AiCall"
    WHERE "createdAt" >= ${ts(tailFrom)} AND "createdAt" < ${ts(to)}`;
}

/** Same for per-question rows: day (local date), fingerprint, calls, cost, preview. */
export function questionSource(
  w: RollupWatermark,
  fromDay: string,
  fromInstant: Date,
  to: Date,
): Prisma.Sql {
  const tailFrom = new Date(Math.max(w.rolledUpTo.getTime(), fromInstant.getTime()));
  return Prisma.sql`
    SELECT "fingerprint", "calls"::bigint AS calls, "costMicros" AS cost, "preview"
    FROM "AiQuestionRollup"
    WHERE "day" >= ${fromDay}::date
    UNION ALL
    SELECT "fingerprint", 1, "costMicros", "preview"
    FROM "AiCall"
    WHERE "createdAt" >= ${ts(tailFrom)} AND "createdAt" < ${ts(to)}`;
}

/** bigint / numeric / null from SQL to a JS number (micro-dollar sums stay far below 2^53). */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
