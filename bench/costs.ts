// `pnpm bench costs [rows] [runs]`: AI cost dashboard and alert evaluation on a big ledger.
// Builds a scratch database (migrated), fills AiCall with `rows` (default 1,000,000) calls over
// 90 days with generate_series, then times: the rollup build, the dashboard (rollups + fresh
// tail) N times, the same dashboard read from the raw ledger only, and the alert evaluation.
// Drops the scratch database at the end. Prints figures; asserts nothing.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import {
  costPeriods,
  getCostDashboard,
  loadAlertAggregates,
  refreshCostRollups,
  runCostAlerts,
} from "../packages/core/src/index";
import { createDb } from "../packages/db/src/index";
import { createFixtureBusiness } from "../packages/seed/src/fixtures";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 30);
const root = fileURLToPath(new URL("..", import.meta.url));
const admin =
  process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const name = `myhibachi_bench_costs_${randomBytes(3).toString("hex")}`;
const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();

async function withAdmin(sql: string) {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return `p50 ${ms(at(0.5))}  p95 ${ms(at(0.95))}  max ${ms(s[s.length - 1]!)}  (n=${s.length})`;
}
async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

await withAdmin(`CREATE DATABASE "${name}"`);
const db = createDb({ url, max: 4 });
try {
  const mig = spawnSync(process.execPath, ["packages/db/scripts/prisma.mjs", "migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (mig.status !== 0) throw new Error(`migrate deploy failed:\n${mig.stdout}${mig.stderr}`);
  await createFixtureBusiness(db, { chefs: 1 }); // America/Los_Angeles
  const now = new Date();

  const [fillMs] = await time(async () => {
    await db.$executeRawUnsafe(`SELECT setseed(0.42)`);
    await db.$executeRawUnsafe(
      `
      INSERT INTO "AiCall" ("id", "createdAt", "provider", "model", "tier", "promptTokens",
        "completionTokens", "priceVersion", "costMicros", "savedMicros", "latencyMs", "cacheStatus",
        "outcome", "intent", "fingerprint", "preview")
      SELECT 'b' || g, $1::timestamptz - (g::float8 / ${ROWS}) * interval '90 days',
        CASE WHEN hit THEN 'cache' WHEN tier = 'local' THEN 'local' ELSE 'openai' END,
        CASE tier WHEN 'local' THEN 'local-kb' WHEN 'small' THEN 'gpt-4o-mini'
                  WHEN 'medium' THEN 'gpt-4.1-mini' ELSE 'gpt-4o' END,
        tier, 2000, 300, 'bench',
        CASE WHEN hit THEN 0 ELSE cost END, CASE WHEN hit THEN cost ELSE 0 END,
        CASE WHEN hit THEN 10 + (r * 20)::int ELSE 300 + (r * 4000)::int END,
        CASE WHEN hit THEN 'hit' WHEN tier = 'local' THEN 'bypass' ELSE 'miss' END,
        CASE WHEN r < 0.03 THEN 'error' WHEN r < 0.07 THEN 'fallback' ELSE 'ok' END,
        'faq', 'fp' || fp, 'Question number ' || fp
      FROM (
        SELECT g, random() AS r, random() < 0.45 AS hit, (power(random(), 3) * 2000)::int AS fp,
          (ARRAY['local', 'small', 'small', 'medium', 'strong'])[1 + (g % 5)] AS tier,
          (ARRAY[0, 400, 450, 2000, 18000])[1 + (g % 5)] + (random() * 200)::int AS cost
        FROM generate_series(1, ${ROWS}) g
      ) x`,
      now.toISOString(),
    );
    await db.$executeRawUnsafe(`ANALYZE "AiCall"`);
  });
  console.log(
    `ledger: ${ROWS.toLocaleString("en-US")} AiCall rows over 90 days, filled in ${ms(fillMs)}`,
  );

  const [rawMs] = await time(() => getCostDashboard(db, { now }));
  const raw: number[] = [rawMs];
  for (let i = 0; i < 4; i++) raw.push((await time(() => getCostDashboard(db, { now })))[0]);
  console.log(`dashboard from the raw ledger only (no rollup):   ${stats(raw)}`);

  const [buildMs, built] = await time(() =>
    refreshCostRollups(db, { now, timeZone: "America/Los_Angeles" }),
  );
  await db.$executeRawUnsafe(`ANALYZE "AiCostRollup"; ANALYZE "AiQuestionRollup"`);
  console.log(
    `rollup build (first run): ${ms(buildMs)} -> ${built.bucketRows} bucket rows, ${built.questionRows} question-day rows`,
  );

  const dash: number[] = [];
  for (let i = 0; i < RUNS; i++)
    dash.push((await time(() => getCostDashboard(db, { now: new Date() })))[0]);
  console.log(`DASHBOARD (rollups + fresh tail), all queries:    ${stats(dash)}`);

  const periods = costPeriods(new Date(), "America/Los_Angeles");
  const agg: number[] = [];
  for (let i = 0; i < RUNS; i++) agg.push((await time(() => loadAlertAggregates(db, periods)))[0]);
  console.log(`alert aggregates (rules' input):                  ${stats(agg)}`);

  const evals: number[] = [];
  const refresh: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 20); i++) {
    const [t, run] = await time(() => runCostAlerts(db, { now: new Date() }));
    evals.push(t);
    refresh.push(run.ms.refresh);
  }
  console.log(`ALERT EVALUATION (refresh + aggregate + rules + record): ${stats(evals)}`);
  console.log(`  of which incremental rollup refresh:            ${stats(refresh)}`);
  console.log(`target: dashboard p95 < 300 ms`);
} finally {
  await db.$disconnect();
  await withAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  console.log(`dropped ${name}`);
}
