// `pnpm bench recommendations` (issue 16). Prints:
// 1. The suggestion step's latency on the full demo menu (seeded in a scratch database) with 200
//    random dietary profiles and parties: the pure engine alone, then the whole operation path
//    (session upsert, rules, declined rules, event log; Postgres, no Redis cache).
// 2. A simulated A/B over the seeded history: every seeded booking replayed as the visits behind
//    it, each visit's arm by the REAL assignment (armForKey, 10 % hold-out), its suggestions by
//    the REAL engine, and answers drawn from a STATED ground truth (packages/seed
//    recommendation-history.ts: conversion 30 % without, 32 % with; per-rule acceptance). Then the
//    REAL report code (recommendationReport through Postgres for one replication, buildReport
//    in memory for 200) estimates the uplift; its interval is printed beside the true uplift the
//    simulation implies, and the 200 replications say how often the 95 % interval covers it.
import { performance } from "node:perf_hooks";
import {
  DEFAULT_RULES,
  QueryCache,
  buildReport,
  computeQuote,
  quoteColumns,
  loadCatalogFromDb,
  recommendationReport,
  suggest,
  suggestForSession,
  type EngineCatalog,
  type EngineItem,
  type QuoteSelection,
  type ReportEvent,
  type ReportSession,
  type Suggestion,
} from "@myhibachi/core";
import { createDb, type Prisma } from "@myhibachi/db";
import { seedDemo } from "@myhibachi/seed";
import {
  DEMO_RECOMMENDATIONS as MODEL,
  visitsForBooking,
} from "../packages/seed/src/recommendation-history";
import { rng } from "../packages/seed/src/random";
import { DIETS, MAJOR_ALLERGENS, formatCents, type DietaryProfile } from "@myhibachi/shared";
import { adminQuery, scratchDatabase, summary } from "./_db";

const DB_NAME = "myhibachi_bench_recommendations";
const REPLICATIONS = 200;
const BOOKED = new Set(["HELD", "PENDING", "CONFIRMED", "COMPLETED"]);

const money = (c: number) => `${c < 0 ? "-" : "+"}${formatCents(Math.abs(Math.round(c)))}`;
const points = (f: number) => `${f >= 0 ? "+" : ""}${(f * 100).toFixed(1)} pts`;

const url = await scratchDatabase(DB_NAME);
const db = createDb({ url, max: 10 });
try {
  const t0 = performance.now();
  const seeded = await seedDemo(db);
  console.log(
    `scratch database ${DB_NAME}: ${seeded.bookings} bookings seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const catalog = await loadCatalogFromDb(db);
  const engineCatalog: EngineCatalog = { ...catalog, items: catalog.items as EngineItem[] };
  const items = catalog.items.filter((i) => i.active);

  // ---------------------------------------------------------------- 1. latency
  const r = rng(16);
  const proteinSlugs = items.filter((i) => i.kind === "PROTEIN" || i.kind === "UPGRADE");
  const extraSlugs = items.filter(
    (i) => i.pricing === "PER_PERSON" && ["APPETIZER", "SIDE", "ADDON"].includes(i.kind),
  );
  const cases: { selection: QuoteSelection; profile: DietaryProfile; date: string }[] = [];
  for (let k = 0; k < 200; k++) {
    const pkg = r.pick(catalog.packages.filter((p) => p.active));
    const adults = r.int(2, 30);
    const portions = adults * pkg.proteinsPerGuest;
    const proteins: Record<string, number> = {};
    const a = r.pick(proteinSlugs).slug;
    const b = r.pick(proteinSlugs).slug;
    const first = r.int(0, portions);
    proteins[a] = (proteins[a] ?? 0) + first;
    proteins[b] = (proteins[b] ?? 0) + portions - first;
    const extras: Record<string, number> = {};
    if (r.chance(0.4)) extras[r.pick(extraSlugs).slug] = adults;
    const profile: DietaryProfile = {
      avoid: MAJOR_ALLERGENS.filter(() => r.chance(0.12)).map((value) => ({ value, guests: 1 })),
      diets: DIETS.filter(() => r.chance(0.07)).map((value) => ({ value, guests: 1 })),
      likes: [],
    };
    const date = `2027-${String(r.int(1, 12)).padStart(2, "0")}-15`;
    cases.push({
      selection: { packageSlug: pkg.slug, adults, children: 0, proteins, extras },
      profile,
      date,
    });
  }
  // One warm-up pass (the JIT), not measured.
  for (const c of cases) suggest({ catalog: engineCatalog, rules: DEFAULT_RULES, ...c });
  const engineMs: number[] = [];
  let shownTotal = 0;
  for (let pass = 0; pass < 5; pass++)
    for (const c of cases) {
      const s = performance.now();
      const out = suggest({ catalog: engineCatalog, rules: DEFAULT_RULES, ...c });
      engineMs.push(performance.now() - s);
      if (pass === 0) shownTotal += out.length;
    }
  const cache = new QueryCache(null, "bench-rec");
  const opMs: number[] = [];
  for (const [k, c] of cases.entries()) {
    const s = performance.now();
    await suggestForSession(
      { db, cache, now: () => new Date() },
      { sessionKey: `bench-latency-${String(k).padStart(6, "0")}`, surface: "wizard-menu", ...c },
    );
    opMs.push(performance.now() - s);
  }
  console.log(
    `\n# 1. The suggestion step: ${items.length} menu items, ${DEFAULT_RULES.length} rules, 200 random profiles and parties`,
  );
  console.log(summary("  engine (pure, 5 passes, warm)", engineMs));
  console.log(summary("  operation path (Postgres)", opMs));
  console.log(
    `  suggestions per party: ${(shownTotal / cases.length).toFixed(2)} on average (at most 2)`,
  );

  // ---------------------------------------------------------------- 2. simulated A/B
  const bookings = await db.booking.findMany({
    orderBy: { code: "asc" },
    select: {
      id: true,
      status: true,
      startsAt: true,
      timeZone: true,
      selection: true,
      adults: true,
      children: true,
      travelFeeCents: true,
      totalCents: true,
      package: { select: { slug: true } },
    },
  });
  // The replay's "organic" party is the booking as seeded (a seeded booking may already carry an
  // accepted suggestion; that only makes it the starting party here).
  interface Replay {
    id: string;
    booked: boolean;
    total: number;
    suggestions: Suggestion[];
    travelFee: number;
    selection: QuoteSelection;
    date: string;
  }
  const replays: Replay[] = bookings.map((b) => {
    const sel = b.selection as unknown as QuoteSelection;
    const selection = {
      ...sel,
      packageSlug: b.package.slug,
      adults: b.adults,
      children: b.children,
    };
    const date = new Intl.DateTimeFormat("en-CA", { timeZone: b.timeZone }).format(b.startsAt);
    const total = computeQuote(
      catalog,
      { name: "", feeCents: b.travelFeeCents },
      selection,
    ).totalCents;
    return {
      id: b.id,
      booked: BOOKED.has(b.status),
      total,
      travelFee: b.travelFeeCents,
      selection,
      date,
      suggestions: suggest({
        catalog: engineCatalog,
        rules: DEFAULT_RULES,
        selection,
        profile: { avoid: [], diets: [], likes: [] },
        date,
      }),
    };
  });
  const exposed = replays.filter((x) => x.suggestions.length > 0);
  const bookedShare = exposed.filter((x) => x.booked).length / exposed.length;
  // The truth the model implies, over the exposed bookings that stay booked: the expected change
  // of the total (the first accepted suggestion counts) and of the conversion rate.
  const expectedDelta = (s: Suggestion[]) => {
    let notYet = 1;
    let e = 0;
    for (const x of s) {
      const p = MODEL.accept[x.rule] ?? 0.1;
      e += notYet * p * x.revenueDeltaCents;
      notYet *= 1 - p;
    }
    return e;
  };
  const keptBooked = exposed.filter((x) => x.booked);
  const baseAov = keptBooked.reduce((a, x) => a + x.total, 0) / keptBooked.length;
  const trueAov =
    keptBooked.reduce((a, x) => a + expectedDelta(x.suggestions), 0) / keptBooked.length;
  const trueConv = (MODEL.conversion.treatment - MODEL.conversion.control) * bookedShare;

  function replicate(rep: number) {
    const rand = rng(5000 + rep);
    const sessions: ReportSession[] = [];
    const events: ReportEvent[] = [];
    const writes: {
      session: Prisma.RecommendationSessionCreateManyInput;
      events: Omit<ReportEvent, "sessionId">[];
      total?: number;
      columns?: ReturnType<typeof quoteColumns>;
    }[] = [];
    exposed.forEach((x, i) => {
      const visits = visitsForBooking(rand, i, engineCatalog, x.selection, x.date);
      for (const v of visits) {
        const id = `rep${rep}-${v.key}`;
        const total = x.total + (v.accepted ? v.accepted.revenueDeltaCents : 0);
        sessions.push({
          id,
          arm: v.arm,
          booking: v.books
            ? { status: x.booked ? "COMPLETED" : "CANCELLED", totalCents: total }
            : null,
        });
        const ev: Omit<ReportEvent, "sessionId">[] = v.suggestions.map((s) => ({
          ruleSlug: s.rule,
          outcome: v.arm === "control" ? "ELIGIBLE" : "SHOWN",
          revenueDeltaCents: s.revenueDeltaCents,
        }));
        if (v.accepted)
          ev.push({
            ruleSlug: v.accepted.rule,
            outcome: "ACCEPTED",
            revenueDeltaCents: v.accepted.revenueDeltaCents,
          });
        for (const d of v.declined)
          ev.push({ ruleSlug: d, outcome: "DECLINED", revenueDeltaCents: 0 });
        events.push(...ev.map((e) => ({ ...e, sessionId: id })));
        writes.push({
          session: { id, key: `${v.key}-r${rep}`, arm: v.arm, bookingId: v.books ? x.id : null },
          events: ev,
          total: v.books ? total : undefined,
          columns:
            v.books && v.accepted
              ? quoteColumns(
                  computeQuote(
                    catalog,
                    { name: "", feeCents: x.travelFee },
                    { ...x.selection, ...v.accepted.selection },
                  ),
                )
              : undefined,
        });
      }
    });
    return { sessions, events, writes };
  }

  // Replication 0 through Postgres: the seeded demo sessions replaced by the replay, each booking's
  // total set to what its visit paid, then the stored report.
  const first = replicate(0);
  await db.recommendationEvent.deleteMany({});
  await db.recommendationSession.deleteMany({});
  await db.recommendationSession.createMany({ data: first.writes.map((w) => w.session) });
  await db.recommendationEvent.createMany({
    data: first.writes.flatMap((w) =>
      w.events.map((e) => ({ ...e, sessionId: w.session.id!, surface: "wizard-menu" })),
    ),
  });
  for (const w of first.writes)
    if (w.columns)
      await db.booking.update({ where: { id: w.session.bookingId! }, data: w.columns });
  const stored = await recommendationReport(db);
  const memory = buildReport(
    first.sessions,
    first.events,
    DEFAULT_RULES.map((x) => x.slug),
  );
  const o = stored.overall;
  console.log(
    `\n# 2. Simulated A/B over the seeded history (${exposed.length} of ${replays.length} bookings had a suggestion; ground truth in packages/seed/src/recommendation-history.ts)`,
  );
  console.log(
    `  ground truth: conversion ${(MODEL.conversion.control * 100).toFixed(0)} % without, ${(MODEL.conversion.treatment * 100).toFixed(0)} % with; acceptance ${Object.entries(
      MODEL.accept,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  console.log(
    `  true uplift: order value ${money(trueAov)} per booking (on ${formatCents(Math.round(baseAov))}, ${((trueAov / baseAov) * 100).toFixed(1)} %), conversion ${points(trueConv)}`,
  );
  console.log(
    `  replication 0, through Postgres and recommendationReport (in-memory buildReport agrees: ${JSON.stringify(memory.overall) === JSON.stringify(o)}):`,
  );
  console.log(
    `    sessions: ${o.treatment.sessions} with suggestions, ${o.control.sessions} without; bookings ${o.treatment.bookings} / ${o.control.bookings}`,
  );
  const aov = o.averageOrderDiff;
  const conv = o.conversionDiff;
  console.log(
    `    order value: ${formatCents(o.treatment.averageOrderCents ?? 0)} with vs ${formatCents(o.control.averageOrderCents ?? 0)} without: estimate ${aov ? `${money(aov.estimate)} (95 % ${money(aov.low)} to ${money(aov.high)})` : "n/a"}, true ${money(trueAov)}`,
  );
  console.log(
    `    conversion: ${((o.treatment.conversion ?? 0) * 100).toFixed(1)} % with vs ${((o.control.conversion ?? 0) * 100).toFixed(1)} % without: estimate ${conv ? `${points(conv.estimate)} (95 % ${points(conv.low)} to ${points(conv.high)})` : "n/a"}, true ${points(trueConv)}`,
  );
  console.log("    per rule: shown  accepted  accept-rate  revenue-delta  AOV with-without (95 %)");
  for (const x of stored.rules)
    console.log(
      `      ${x.rule.padEnd(34)} ${String(x.shown).padStart(5)}  ${String(x.accepted).padStart(8)}  ${x.acceptRate === null ? "   -" : `${(x.acceptRate * 100).toFixed(0).padStart(3)} %`}  ${money(x.revenueDeltaCents).padStart(13)}  ${x.averageOrderDiff ? `${money(x.averageOrderDiff.estimate)} (${money(x.averageOrderDiff.low)} to ${money(x.averageOrderDiff.high)})` : "n/a"}`,
    );

  // 200 replications in memory: how often does the 95 % interval hold the truth?
  let coverAov = 0;
  let coverConv = 0;
  let sumAov = 0;
  let sumConv = 0;
  let n = 0;
  for (let rep = 1; rep <= REPLICATIONS; rep++) {
    const x = replicate(rep);
    const rep0 = buildReport(x.sessions, x.events, []).overall;
    if (!rep0.averageOrderDiff || !rep0.conversionDiff) continue;
    n++;
    sumAov += rep0.averageOrderDiff.estimate;
    sumConv += rep0.conversionDiff.estimate;
    if (rep0.averageOrderDiff.low <= trueAov && trueAov <= rep0.averageOrderDiff.high) coverAov++;
    if (rep0.conversionDiff.low <= trueConv && trueConv <= rep0.conversionDiff.high) coverConv++;
  }
  console.log(`  ${n} replications in memory (buildReport, the report's own code):`);
  console.log(
    `    order value: mean estimate ${money(sumAov / n)} vs true ${money(trueAov)}; the 95 % interval held the truth ${((coverAov / n) * 100).toFixed(1)} % of the time`,
  );
  console.log(
    `    conversion: mean estimate ${points(sumConv / n)} vs true ${points(trueConv)}; the 95 % interval held the truth ${((coverConv / n) * 100).toFixed(1)} % of the time`,
  );
} finally {
  await db.$disconnect();
  await adminQuery(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
}
