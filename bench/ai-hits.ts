// `pnpm bench ai-hits`: where the time goes on the assistant's cache-hit path (issue 11: "hit
// p99 under 5 ms through the same code path as the web request"). Seeds a scratch database as
// `pnpm bench ai` does, replays bench/data/chat-trace.jsonl once (local tier only) to fill the
// response cache, then calls `replyFromCache` again, several rounds, for every message that hit
// (a fresh copy of the message each time, answered in its conversation as it was), and prints
// p50/p90/p99/max of the lookup (recognise + route + Redis lookup: the figure `pnpm bench ai`
// judges) and of the whole call (with storing the reply), and the same per stage.
//
//   --rounds N        timed rounds over the hits (default 5; one more untimed warm-up round)
//   --save FILE       writes every reply of the replay (one JSON line each) to FILE
//   --compare FILE    diffs the replay's replies against FILE (written by --save before a change)
//
// Prints figures, asserts nothing about time.
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import type { ReplyView, Stage } from "@myhibachi/ai";
import { createDb, type ChatMessage, type Conversation } from "@myhibachi/db";
import { createRedis } from "@myhibachi/jobs";
import { createFixtureBusiness } from "@myhibachi/seed/fixtures";
import { adminQuery, percentile, scratchDatabase } from "./_db";
import { askTurn, benchAssistant } from "./_replay";

const NOW = new Date("2026-11-24T18:00:00Z");
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";
const DB = `myhibachi_bench_ai_hits_${process.pid}`;

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ROUNDS = Number(arg("rounds") ?? 5);
const SAVE = arg("save");
const COMPARE = arg("compare");

interface Line {
  conv: string;
  text: string;
}
const trace: Line[] = readFileSync(new URL("./data/chat-trace.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Line);

const STAGES: { stage: Stage; what: string }[] = [
  { stage: "kb", what: "knowledge-base stamp (Redis generation, in-process copy)" },
  { stage: "menu", what: "menu matching (dishes, packages, typos)" },
  { stage: "recognize", what: "normalise + intents + slots (chrono dates, people, ZIP)" },
  { stage: "frame", what: "frame update (dialogue memory)" },
  { stage: "residue", what: "residue (words nothing understood)" },
  { stage: "route", what: "frustration + route" },
  { stage: "handoff", what: "hand-off plan" },
  { stage: "generations", what: "data generations (Redis MGET)" },
  { stage: "key", what: "cache key (question key, hashes, preview)" },
  { stage: "get", what: "Redis GET + JSON parse of the answer" },
  { stage: "persist", what: "storing the reply (Postgres; after lookupMs)" },
];

/** A reply as compared across runs: hold links carry ids and tokens made fresh each run. */
function comparable(line: Line, reply: ReplyView) {
  const scrub = (s: string) =>
    s
      .replace(/\/book\/finish\/[\w-]+(\?token=[\w.-]+)?/g, "/book/finish/<id>")
      .replace(/\bHB-[A-Z0-9]{4,}\b/g, "HB-<code>");
  return {
    conv: line.conv,
    text: line.text,
    status: reply.cacheStatus,
    tier: reply.tier,
    content: scrub(reply.content),
    extras: JSON.parse(scrub(JSON.stringify(reply.extras))) as unknown,
  };
}

const fmt = (n: number) => n.toFixed(3).padStart(8);
function row(label: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return `${label.padEnd(13)} p50 ${fmt(percentile(s, 50))}  p90 ${fmt(percentile(s, 90))}  p99 ${fmt(percentile(s, 99))}  max ${fmt(s[s.length - 1] ?? NaN)}  mean ${fmt(mean)} ms`;
}

async function main() {
  const redis = createRedis(REDIS_URL, "cache");
  if (redis.status !== "ready") await new Promise((r) => redis.once("ready", r));
  const prefix = `bench-hits-${randomBytes(4).toString("hex")}`;
  const db = createDb({ url: await scratchDatabase(DB), max: 10 });
  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ");
  console.log(
    `AI cache-hit path benchmark: node ${process.version}, ${os.cpus().length} CPUs, load ${load()} (1/5/15 min)`,
  );
  try {
    await createFixtureBusiness(db, { chefs: 3 });
    let laps: { stage: Stage; at: number }[] | null = null;
    const assistant = benchAssistant(db, redis, prefix, NOW, {
      lap: (stage) => laps?.push({ stage, at: performance.now() }),
    });

    // 1. The replay: fills the response cache; its replies are what --save/--compare diff.
    const t0 = Date.now();
    const convs = new Map<string, Line[]>();
    for (const l of trace) convs.set(l.conv, [...(convs.get(l.conv) ?? []), l]);
    const replies: ReturnType<typeof comparable>[] = [];
    const hits: { before: Conversation; message: ChatMessage; content: string }[] = [];
    for (const lines of convs.values()) {
      const conv = await db.conversation.create({
        data: { visitorId: randomBytes(12).toString("hex") },
      });
      for (const l of lines) {
        const turn = await askTurn(assistant, db, conv.id, l.text);
        replies.push(comparable(l, turn.reply));
        if (turn.fastPath)
          hits.push({ before: turn.before, message: turn.message, content: turn.reply.content });
      }
    }
    console.log(
      `replay: ${trace.length} messages in ${convs.size} conversations, ${hits.length} answered on the fast path, ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    if (SAVE) {
      writeFileSync(SAVE, replies.map((r) => JSON.stringify(r)).join("\n") + "\n");
      console.log(`replies written to ${SAVE}`);
    }
    if (COMPARE) {
      const before = readFileSync(COMPARE, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as ReturnType<typeof comparable>);
      const differ = replies.filter(
        (r, i) => JSON.stringify(r) !== JSON.stringify(before[i] ?? null),
      );
      console.log(
        `compare with ${COMPARE}: ${replies.length - differ.length} of ${replies.length} replies identical (content, extras, cache status, tier)${before.length !== replies.length ? `; ${before.length} replies in the file` : ""}`,
      );
      for (const r of differ.slice(0, 10)) {
        const was = before[replies.indexOf(r)];
        console.log(
          `  DIFF ${r.conv} "${r.text}"\n    was: ${JSON.stringify(was)}\n    now: ${JSON.stringify(r)}`,
        );
      }
    }

    // 2. The hits again: each round answers a fresh copy of every hit message in its
    //    conversation as it was when the message was first answered.
    const lookup: number[] = [];
    const whole: number[] = [];
    const perStage = new Map<Stage, number[]>(STAGES.map((s) => [s.stage, []]));
    let wrong = 0;
    const changed: string[] = [];
    let missed = 0;
    for (let round = 0; round <= ROUNDS; round++) {
      const timed = round > 0; // round 0 warms up (JIT, connections, in-process copies)
      for (const h of hits) {
        const message = await db.chatMessage.create({
          data: {
            conversationId: h.message.conversationId,
            role: "USER",
            content: h.message.content,
            clientMessageId: randomBytes(8).toString("hex"),
          },
        });
        laps = [];
        const start = performance.now();
        const reply = await assistant.replyFromCache(message.id, {
          message,
          conversation: h.before,
        });
        const end = performance.now();
        if (!reply) {
          missed++;
          continue;
        }
        if (reply.content !== h.content && wrong++ < 3)
          changed.push(`"${h.message.content}": was "${h.content}", now "${reply.content}"`);
        if (!timed) continue;
        lookup.push(reply.lookupMs ?? NaN);
        whole.push(end - start);
        let prev = start;
        for (const { stage, at } of laps) {
          perStage.get(stage)?.push(at - prev);
          prev = at;
        }
      }
    }
    laps = null;
    console.log(
      `\nhit path: ${hits.length} hit messages x ${ROUNDS} rounds (after 1 warm-up round) = ${lookup.length} calls; ${missed} missed, ${wrong} answered differently from the replay; load now ${load()}`,
    );
    // The rounds run after the whole replay: holds made later in it changed the calendar (and
    // its generation), so a question about free times hits the newer answer, not the replay's.
    for (const c of changed) console.log(`  answered differently: ${c}`);
    console.log(row("lookupMs", lookup), " (recognise + route + Redis lookup)");
    console.log(row("whole call", whole), " (replyFromCache incl. storing the reply)");
    console.log("\nper stage:");
    for (const { stage, what } of STAGES)
      console.log(row(stage, perStage.get(stage) ?? []), ` ${what}`);
  } finally {
    const keys = await redis.keys(`${prefix}*`).catch(() => []);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await db.$disconnect();
    await adminQuery(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
