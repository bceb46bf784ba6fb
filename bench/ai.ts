// `pnpm bench ai`: replays bench/data/chat-trace.jsonl (560 labelled customer messages) through
// the real assistant (Postgres, Redis response cache, router, tools) with a fake OpenAI-compatible
// server on 127.0.0.1 that takes ~500 ms per call. Prints cache hit rate, wrong hits, cost against
// "always the strongest model, no cache", and p50/p99 latency of hits and misses.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  Assistant,
  ResponseCache,
  canonicalJson,
  normalizeText,
  providersFromEnv,
  type ReplyView,
} from "@myhibachi/ai";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { QueryCache } from "@myhibachi/core";
import { createDb, type Db } from "@myhibachi/db";
import { createRedis } from "@myhibachi/jobs";
import { createFixtureBusiness } from "@myhibachi/seed/fixtures";
import { adminQuery, scratchDatabase } from "./_db";

const NOW = new Date("2026-11-24T18:00:00Z");
const MODEL_DELAY_MS = Number(process.env.BENCH_MODEL_DELAY_MS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";

interface Line {
  conv: string;
  text: string;
  intent: string;
  slots: Record<string, unknown>;
}
const trace: Line[] = readFileSync(new URL("./data/chat-trace.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Line);

/** The expected answer identity of a question: its labelled intent and the slots that matter. */
const labelOf = (l: Line) => canonicalJson({ intent: l.intent, slots: l.slots });
const labelsByText = new Map<string, Set<string>>();
for (const l of trace) {
  const k = normalizeText(l.text);
  labelsByText.set(k, (labelsByText.get(k) ?? new Set()).add(labelOf(l)));
}

/** Starts bench/_fake-openai.ts in its own process and returns its base URL. */
async function fakeModel(delayMs: number): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      fileURLToPath(new URL("./_fake-openai.ts", import.meta.url)),
      String(delayMs),
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once("exit", (code) => reject(new Error(`fake model exited (${code})`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

async function main() {
  const fake = await fakeModel(MODEL_DELAY_MS);
  const instant = await fakeModel(0);
  const redis = createRedis(REDIS_URL, "cache");
  if (redis.status !== "ready") await new Promise((r) => redis.once("ready", r));
  const models = (url: string) =>
    providersFromEnv({
      OPENAI_API_KEY: "bench",
      OPENAI_BASE_URL: url,
      AI_MODEL_SMALL: "gpt-4.1-nano",
      AI_MODEL_MEDIUM: "gpt-4o-mini",
      AI_MODEL_STRONG: "gpt-4o",
    });

  async function replay(t: { db: Db }, assistant: Assistant, measure: boolean) {
    const convs = new Map<string, Line[]>();
    for (const l of trace) convs.set(l.conv, [...(convs.get(l.conv) ?? []), l]);
    const queue = [...convs.values()];
    const hits: number[] = [];
    /** Hits that waited for the same question being computed by another turn (single flight). */
    const shared: number[] = [];
    const misses: number[] = [];
    const statuses = { hit: 0, miss: 0, bypass: 0 };
    let wrong = 0;
    const wrongExamples: string[] = [];
    const worker = async () => {
      for (let lines = queue.shift(); lines; lines = queue.shift()) {
        const conv = await t.db.conversation.create({
          data: { visitorId: randomBytes(12).toString("hex") },
        });
        for (const l of lines) {
          const msg = await t.db.chatMessage.create({
            data: {
              conversationId: conv.id,
              role: "USER",
              content: l.text,
              clientMessageId: randomBytes(8).toString("hex"),
            },
          });
          // As the chat router does: the conversation row and the stored message are at hand.
          const row = await t.db.conversation.findUniqueOrThrow({ where: { id: conv.id } });
          const t0 = performance.now();
          let reply: ReplyView | null = await assistant.replyFromCache(msg.id, {
            message: msg,
            conversation: row,
          });
          let ms: number;
          if (reply) ms = reply.lookupMs ?? performance.now() - t0;
          else {
            const t1 = performance.now();
            reply = await assistant.respond(msg.id);
            ms = performance.now() - t1;
          }
          const status = (reply.cacheStatus ?? "bypass") as keyof typeof statuses;
          statuses[status]++;
          if (!measure) continue;
          (status === "hit" ? (reply.lookupMs !== undefined ? hits : shared) : misses).push(ms);
          if (status === "hit") {
            const produced = labelsByText.get(reply.cachedFrom ?? "") ?? new Set();
            if (!produced.has(labelOf(l))) {
              wrong++;
              if (wrongExamples.length < 5)
                wrongExamples.push(`"${l.text}" got the answer to "${reply.cachedFrom}"`);
            }
          }
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const agg = await t.db.aiCall.aggregate({
      _sum: { costMicros: true, savedMicros: true },
      _count: true,
    });
    const modelCalls = await t.db.aiCall.count({
      where: { provider: { notIn: ["cache", "local"] } },
    });
    return {
      hits,
      shared,
      misses,
      statuses,
      wrong,
      wrongExamples,
      cost: agg._sum.costMicros ?? 0,
      saved: agg._sum.savedMicros ?? 0,
      rows: agg._count,
      modelCalls,
    };
  }

  const pct = (xs: number[], p: number) => {
    if (!xs.length) return NaN;
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  };
  const usd = (m: number) => `$${(m / 1e6).toFixed(4)}`;

  const prefix = `bench-${randomBytes(4).toString("hex")}`;
  const t1 = { db: createDb({ url: await scratchDatabase("myhibachi_bench_ai"), max: 20 }) };
  const t2 = { db: createDb({ url: await scratchDatabase("myhibachi_bench_ai_base"), max: 20 }) };
  try {
    await createFixtureBusiness(t1.db, { chefs: 3 });
    await createFixtureBusiness(t2.db, { chefs: 3 });

    // 1. The real thing: router + response cache.
    const started = Date.now();
    const smart = new Assistant({
      db: t1.db,
      cache: new QueryCache(redis, prefix),
      responses: new ResponseCache(redis, `${prefix}:ai`),
      providers: models(fake.url),
      siteUrl: "",
      now: () => NOW,
    });
    const run = await replay(t1, smart, true);
    const secs = (Date.now() - started) / 1000;

    // 2. Baseline: every message to the strongest model, no cache (model delay off: cost only).
    const baseline = new Assistant({
      db: t2.db,
      cache: new QueryCache(redis, `${prefix}-b`),
      responses: new ResponseCache(null),
      providers: models(instant.url),
      siteUrl: "",
      now: () => NOW,
      routeOverride: "strong",
    });
    const base = await replay(t2, baseline, false);

    const total = trace.length;
    const tiers = await t1.db.aiCall.groupBy({
      by: ["tier", "provider"],
      _count: true,
      orderBy: { tier: "asc" },
    });
    console.log(
      `AI assistant benchmark: ${total} messages, ${new Set(trace.map((l) => l.conv)).size} conversations, fake model ${MODEL_DELAY_MS} ms/call, ${CONCURRENCY} conversations in parallel, ${secs.toFixed(1)} s`,
    );
    console.log(
      `cache:        hit ${run.statuses.hit} (${((run.statuses.hit / total) * 100).toFixed(1)}%), miss ${run.statuses.miss}, bypass ${run.statuses.bypass} (personal, bookings, handoffs)`,
    );
    console.log(
      `wrong hits:   ${run.wrong}${run.wrongExamples.length ? `  e.g. ${run.wrongExamples.join("; ")}` : ""}`,
    );
    console.log(
      `model calls:  ${run.modelCalls} vs ${base.modelCalls} always-strong (${(((base.modelCalls - run.modelCalls) / base.modelCalls) * 100).toFixed(1)}% fewer API calls)`,
    );
    console.log(
      `cost:         ${usd(run.cost)} vs ${usd(base.cost)} always-strong without cache: ${(((base.cost - run.cost) / base.cost) * 100).toFixed(1)}% lower (cache saved ${usd(run.saved)} at the routed tiers)`,
    );
    console.log(
      `latency hits: p50 ${pct(run.hits, 50).toFixed(2)} ms, p99 ${pct(run.hits, 99).toFixed(2)} ms (web fast path: recognise + route + Redis lookup; n=${run.hits.length})`,
    );
    if (run.shared.length)
      console.log(
        `single-flight: ${run.shared.length} hits waited for an identical question in flight (p50 ${pct(run.shared, 50).toFixed(1)} ms)`,
      );
    console.log(
      `latency miss: p50 ${pct(run.misses, 50).toFixed(1)} ms, p99 ${pct(run.misses, 99).toFixed(1)} ms (n=${run.misses.length}, incl. local-tier answers)`,
    );
    console.log(
      `ledger rows by tier/provider: ${tiers.map((r) => `${r.tier}/${r.provider}=${r._count}`).join(", ")}`,
    );
  } finally {
    const keys = await redis.keys(`${prefix}*`).catch(() => []);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    fake.stop();
    instant.stop();
    await t1.db.$disconnect();
    await t2.db.$disconnect();
    await adminQuery('DROP DATABASE IF EXISTS "myhibachi_bench_ai" WITH (FORCE)');
    await adminQuery('DROP DATABASE IF EXISTS "myhibachi_bench_ai_base" WITH (FORCE)');
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
