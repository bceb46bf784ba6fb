// The owner's cost dashboard equals direct SQL over the ledger, whether the figures come from the
// raw ledger, the rollups, or rollups plus rows written after the last refresh.
import { getCostDashboard, refreshCostRollups } from "@myhibachi/core";
import { createTestDatabase, type TestDatabase } from "@myhibachi/db/testing";
import { createFixtureBusiness } from "@myhibachi/seed/fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAiLedger } from "../../packages/seed/src/ai-ledger";
import { $, addCalls } from "./costs-support";

let t: TestDatabase;
const TZ = "America/Los_Angeles";
const NOW = new Date("2026-03-26T19:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  await createFixtureBusiness(t.db, { chefs: 1 });
  await seedAiLedger(t.db, { now: NOW, timeZone: TZ });
});
afterAll(async () => t.drop());

/** Independent of the app's code: Postgres does the time-zone arithmetic. */
async function sql(now: Date) {
  const q = async (from: string, to = "$1::timestamptz") =>
    (
      await t.db.$queryRawUnsafe<any[]>(
        `SELECT coalesce(sum("costMicros"),0)::bigint AS cost, count(*)::int AS requests,
                count(*) FILTER (WHERE outcome = 'error')::int AS errors,
                count(*) FILTER (WHERE outcome = 'fallback')::int AS fallbacks,
                count(*) FILTER (WHERE "cacheStatus" = 'hit')::int AS hits,
                count(*) FILTER (WHERE "cacheStatus" = 'miss')::int AS misses,
                coalesce(sum("savedMicros"),0)::bigint AS saved
         FROM "AiCall" WHERE "createdAt" >= (${from}) AND "createdAt" < (${to})`,
        now.toISOString(),
        TZ,
      )
    )[0];
  const local = `($1::timestamptz AT TIME ZONE $2)`;
  const today = await q(`date_trunc('day', ${local}) AT TIME ZONE $2`);
  const week = await q(`date_trunc('week', ${local}) AT TIME ZONE $2`);
  const month = await q(`date_trunc('month', ${local}) AT TIME ZONE $2`);
  const top = await t.db.$queryRawUnsafe<any[]>(
    `SELECT fingerprint, count(*)::int AS calls, sum("costMicros")::bigint AS cost FROM "AiCall"
     WHERE "createdAt" >= (date_trunc('day', ${local}) - interval '29 days') AT TIME ZONE $2
       AND "createdAt" < $1::timestamptz
     GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 3`,
    now.toISOString(),
    TZ,
  );
  const days = await t.db.$queryRawUnsafe<any[]>(
    `SELECT to_char(("createdAt" AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS day,
            sum("costMicros")::bigint AS cost, count(*)::int AS requests
     FROM "AiCall" WHERE "createdAt" < $1::timestamptz GROUP BY 1 ORDER BY 1`,
    now.toISOString(),
    TZ,
  );
  const [lat] = await t.db.$queryRawUnsafe<any[]>(
    `SELECT percentile_disc(0.95) WITHIN GROUP (ORDER BY "latencyMs") AS p95 FROM "AiCall"
     WHERE "createdAt" >= $1::timestamptz - interval '7 days' AND "createdAt" < $1::timestamptz`,
    now.toISOString(),
  );
  return { today, week, month, top, days, p95: lat.p95 as number };
}

async function expectDashboardMatchesSql(now: Date) {
  const d = await getCostDashboard(t.db, { now });
  const s = await sql(now);
  const [today, week, month] = d.periods;
  for (const [got, want] of [
    [today!, s.today],
    [week!, s.week],
    [month!, s.month],
  ] as const) {
    expect(got.costMicros).toBe(Number(want.cost));
    expect(got.requests).toBe(want.requests);
    expect(got.errors).toBe(want.errors);
    expect(got.fallbacks).toBe(want.fallbacks);
    expect(got.savedMicros).toBe(Number(want.saved));
  }
  expect(d.cache.hitRate).toBeCloseTo(s.month.hits / (s.month.hits + s.month.misses), 12);
  expect(d.topQuestions.slice(0, 3).map((q) => [q.fingerprint, q.calls, q.totalMicros])).toEqual(
    s.top.map((r) => [r.fingerprint, r.calls, Number(r.cost)]),
  );
  const byDay = new Map(s.days.map((r) => [r.day, r]));
  for (const day of d.daily) {
    const want = byDay.get(day.date);
    expect([day.date, day.costMicros, day.requests]).toEqual([
      day.date,
      Number(want?.cost ?? 0),
      want?.requests ?? 0,
    ]);
    expect(Object.values(day.byModel).reduce((a, b) => a + b, 0)).toBe(day.costMicros);
    expect(Object.values(day.byTier).reduce((a, b) => a + b, 0)).toBe(day.costMicros);
  }
  expect(d.daily).toHaveLength(90);
  expect(d.latency.find((l) => l.group === "all")?.p95).toBe(s.p95);
  return d;
}

describe("cost dashboard", () => {
  it("has ~90 days of demo ledger with ~45% cache hits and a recent spike", async () => {
    const d = await expectDashboardMatchesSql(NOW);
    expect(d.daily.filter((x) => x.requests > 0).length).toBeGreaterThanOrEqual(89);
    const all = d.daily.reduce((a, x) => a + x.requests, 0);
    const hits = d.daily.reduce((a, x) => a + x.cacheHits, 0);
    expect(hits / all).toBeGreaterThan(0.38);
    expect(hits / all).toBeLessThan(0.52);
    expect(d.tiers).toEqual(["local", "medium", "small", "strong"]);
  });

  it("equals direct SQL from the raw ledger, from rollups, and from rollups + newer rows", async () => {
    const raw = await expectDashboardMatchesSql(NOW);
    await refreshCostRollups(t.db, { now: new Date(NOW.getTime() - 3 * 3_600_000), timeZone: TZ });
    const mixed = await expectDashboardMatchesSql(NOW);
    await refreshCostRollups(t.db, { now: NOW, timeZone: TZ });
    const rolled = await expectDashboardMatchesSql(NOW);
    const strip = (x: typeof raw) => JSON.stringify({ ...x, now: 0 });
    expect(strip(mixed)).toBe(strip(raw));
    expect(strip(rolled)).toBe(strip(raw));

    // New calls after the refresh are counted at once (read from the ledger's fresh tail).
    await addCalls(t.db, new Date(NOW.getTime() + 60_000), $(2.5), 3);
    const later = new Date(NOW.getTime() + 120_000);
    const after = await expectDashboardMatchesSql(later);
    expect(after.periods[0]!.costMicros).toBe(raw.periods[0]!.costMicros + $(2.5));
  });

  it("the month-end projection is month-to-date + the last 7 complete days' average x days left", async () => {
    const d = await getCostDashboard(t.db, { now: NOW });
    const last7 = d.daily.slice(-8, -1).reduce((a, x) => a + x.costMicros, 0);
    const avg = Math.round(last7 / 7);
    // March 26 noon PDT to April 1 midnight PDT: 5.5 days.
    expect(d.projection.daysLeft).toBeCloseTo(5.5, 6);
    expect(d.projection.projectedMicros).toBe(d.periods[2]!.costMicros + Math.round(avg * 5.5));
    expect(d.projection.method).toMatch(
      /so far this month \+ .*\/day \(average of the last 7 complete days\) × 5\.5 days left/,
    );
  });
});
