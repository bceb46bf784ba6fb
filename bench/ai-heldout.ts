// `pnpm bench ai-heldout`: the held-out assistant trace (bench/data/ai-heldout-v1.jsonl, 383
// messages written from the business data by someone who had not read the assistant; see its
// .md) replayed through the real assistant (built-in local tier, Redis response cache) on the
// seeded demo business with today = 2026-12-01, and graded by the trace's own `expect` fields:
// prices that must (or must not) appear, personal questions never served from the cache, the
// reason a date can't be booked, non-answers to answerable questions, Spanish replies, and each
// hold in the database against the expected party. It grades; it tunes nothing. Never use this
// set in unit tests or to adjust the matcher (issue 11, point 7).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Assistant, ResponseCache, type ChatProvider, type Tier } from "@myhibachi/ai";
import { QueryCache } from "@myhibachi/core";
import { createDb, type Db } from "@myhibachi/db";
import { createRedis } from "@myhibachi/jobs";
import { seedDemo } from "@myhibachi/seed";
import { zonedParts } from "@myhibachi/shared";
import { adminQuery, scratchDatabase } from "./_db";
import { centsIn } from "./_facts";
import { askTurn, heldBookingIds, type Turn } from "./_replay";

export const NOW = new Date("2026-12-01T18:00:00Z"); // 10:00 in Los Angeles, the trace's "today"
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";

export interface Expect {
  cents?: number[];
  centsAbsent?: number[];
  personal?: boolean;
  reason?: "notice" | "window" | "area" | "size" | "busy" | "time";
  answerable?: boolean | "partial";
  lang?: string;
  hold?: {
    date?: string;
    startMinute?: number;
    adults?: number;
    children?: number;
    postalCode?: string;
  };
  allowBusy?: boolean;
}
export interface HeldoutLine {
  conv: string;
  turn: number;
  lang: string;
  text: string;
  kind: string;
  expect: Expect;
}

const trace: HeldoutLine[] = readFileSync(
  new URL("./data/ai-heldout-v1.jsonl", import.meta.url),
  "utf8",
)
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as HeldoutLine);

const REASON: Record<NonNullable<Expect["reason"]>, RegExp> = {
  notice: /notice|too soon|con anticipaci|antelaci/i,
  window: /days ahead|isn't open yet|not open yet|booking window/i,
  area: /outside|don't (serve|cover|travel)|service area|too far|fuera/i,
  size: /too (large|many|big)|at most \d+ guests|maximum|more than \d+ guests|several chefs/i,
  busy: /fully booked|taken|busy|booked up|no (free|open) (times|slots)|ocupad/i,
  // A start time that isn't one of ours: the reply offers the start times we have.
  time: /\b(start times?|we start at|starts? at|times we offer|7:30|6 ?pm|6:00)\b/i,
};
export const NON_ANSWER = /not sure|i don't know|no estoy segur|couldn't find an answer/i;
const SPANISH =
  /\b(el|la|los|las|para|por|usted|precio|disponib\w*|reserva\w*|gracias|hola|adultos?|niños|fiesta)\b/i;

export type Grade = { kind: string; check: string; ok: boolean; line: HeldoutLine; reply: string };

export interface HeldoutRun {
  lines: number;
  conversations: number;
  /** Turns that threw (no reply). */
  errors: number;
  grades: Grade[];
  /** Every answered message with its line, in replay order. */
  turns: { line: HeldoutLine; turn: Turn }[];
}

/**
 * Replays the held-out trace on a fresh seeded database and grades every reply. `providers`
 * empty is the built-in local tier only (what a fresh install runs); `onTurn` sees every
 * answered message while the conversation is as it was (the wrong-hit check uses it).
 */
export async function replayHeldout(opts: {
  redis: ReturnType<typeof createRedis>;
  providers?: Partial<Record<Tier, ChatProvider>>;
  database?: string;
  onTurn?: (db: Db, turn: Turn) => Promise<void>;
}): Promise<HeldoutRun> {
  const database = opts.database ?? "myhibachi_bench_heldout";
  const db = createDb({ url: await scratchDatabase(database), max: 10 });
  const prefix = `bench-heldout-${randomBytes(3).toString("hex")}`;
  try {
    await seedDemo(db, { now: NOW });
    const assistant = new Assistant({
      db,
      cache: new QueryCache(opts.redis, prefix),
      responses: new ResponseCache(opts.redis, `${prefix}:ai`),
      providers: opts.providers ?? {},
      siteUrl: "",
      now: () => NOW,
    });

    const grades: Grade[] = [];
    const turns: HeldoutRun["turns"] = [];
    const convs = new Map<string, HeldoutLine[]>();
    for (const l of trace) convs.set(l.conv, [...(convs.get(l.conv) ?? []), l]);
    let errors = 0;
    for (const lines of convs.values()) {
      const conv = await db.conversation.create({
        data: { visitorId: randomBytes(12).toString("hex") },
      });
      for (const l of lines.sort((a, b) => a.turn - b.turn)) {
        const address = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
        let turn: Turn;
        try {
          turn = await askTurn(assistant, db, conv.id, l.text, address);
          await opts.onTurn?.(db, turn);
        } catch (err) {
          errors++;
          console.error(`  error on ${l.conv}#${l.turn}:`, (err as Error).message);
          continue;
        }
        turns.push({ line: l, turn });
        const reply = turn.reply;
        const text = reply.content;
        const e = l.expect;
        const add = (check: string, ok: boolean) =>
          grades.push({ kind: l.kind, check, ok, line: l, reply: text });
        const money = centsIn(text);
        if (e.cents?.length)
          add(
            "price said",
            e.cents.every((c) => money.has(c)),
          );
        if (e.centsAbsent?.length)
          add("other price not said", !e.centsAbsent.some((c) => money.has(c)));
        if (e.personal) add("personal never from cache", reply.cacheStatus !== "hit");
        if (e.reason && !(e.allowBusy && e.reason === "busy"))
          add(`reason: ${e.reason}`, REASON[e.reason].test(text));
        if (e.answerable === true) add("answered", !NON_ANSWER.test(text));
        if (l.lang === "es" || e.lang === "es") add("in Spanish", SPANISH.test(text));
        if (e.hold) {
          const id = heldBookingIds(reply)[0];
          const b = id ? await db.booking.findUnique({ where: { id } }) : null;
          const p = b ? zonedParts(b.startsAt, b.timeZone) : null;
          const h = e.hold;
          add(
            "held exactly as asked",
            !!b &&
              (h.date === undefined || p!.date === h.date) &&
              (h.startMinute === undefined || p!.minutes === h.startMinute || !!e.allowBusy) &&
              (h.adults === undefined || b.adults === h.adults) &&
              (h.children === undefined || b.children === h.children) &&
              (h.postalCode === undefined || b.postalCode === h.postalCode),
          );
        }
      }
    }
    return { lines: trace.length, conversations: convs.size, errors, grades, turns };
  } finally {
    const keys = await opts.redis.keys(`${prefix}*`).catch(() => []);
    if (keys.length) await opts.redis.del(...keys);
    await db.$disconnect();
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}

/** The grading table: each check, how many were right, and a few that failed. */
export function printHeldout(run: HeldoutRun): void {
  const { grades } = run;
  const byCheck = new Map<string, { ok: number; all: number }>();
  for (const g of grades) {
    const s = byCheck.get(g.check.startsWith("reason") ? "reason given" : g.check) ?? {
      ok: 0,
      all: 0,
    };
    s.all++;
    if (g.ok) s.ok++;
    byCheck.set(g.check.startsWith("reason") ? "reason given" : g.check, s);
  }
  const ok = grades.filter((g) => g.ok).length;
  console.log(
    `${run.lines} messages in ${run.conversations} conversations; ${run.errors} failed turns\n`,
  );
  console.log(`${"check".padEnd(28)}${"right".padStart(7)}${"of".padStart(6)}${"%".padStart(7)}`);
  for (const [check, s] of [...byCheck].sort())
    console.log(
      `${check.padEnd(28)}${String(s.ok).padStart(7)}${String(s.all).padStart(6)}${((s.ok / s.all) * 100).toFixed(0).padStart(7)}`,
    );
  console.log(
    `${"all checks".padEnd(28)}${String(ok).padStart(7)}${String(grades.length).padStart(6)}${((ok / grades.length) * 100).toFixed(0).padStart(7)}`,
  );
  console.log("\nA few that failed:");
  for (const g of grades.filter((x) => !x.ok).slice(0, 8))
    console.log(
      `  [${g.check}] "${g.line.text}" -> "${g.reply.slice(0, 110).replaceAll("\n", " ")}"`,
    );
}

async function main() {
  console.log("MyHibachi held-out assistant trace (local tier, Redis cache, today 2026-12-01)\n");
  const redis = createRedis(REDIS_URL, "cache");
  if (redis.status !== "ready") await new Promise((r) => redis.once("ready", r));
  try {
    printHeldout(await replayHeldout({ redis }));
  } finally {
    redis.disconnect();
  }
}

// Run on its own (`pnpm bench ai-heldout`); `pnpm bench ai` imports the functions above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
