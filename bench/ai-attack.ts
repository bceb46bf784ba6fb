// `pnpm bench ai-attack`: the held-out attack cases (bench/data/ai-attack-heldout-v1.jsonl: 152
// cases written by a tester session that never read the assistant, see its .md) replayed through
// the real assistant (built-in local tier, Redis response cache) on the seeded demo business, on
// the day they were written (Saturday 2026-11-28, 6 pm in Los Angeles). A case is right when its
// last reply matches every `must` pattern and no `must_not` pattern, and, for a hold, when the one
// live hold in the database has the date, start, adults, children, package and total it asked
// for. It grades; it tunes nothing: never use these cases in tests or to adjust the assistant.
// Prints figures per area and the ids that failed (`--show` prints their texts too).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createDb } from "@myhibachi/db";
import { createRedis } from "@myhibachi/jobs";
import { seedDemo } from "@myhibachi/seed";
import { formatCents, zonedParts } from "@myhibachi/shared";
import { adminQuery, scratchDatabase } from "./_db";
import { askTurn, benchAssistant, heldBookingIds } from "./_replay";

interface Case {
  id: string;
  area: string;
  turns: string[];
  must: string[];
  must_not: string[];
  note: string;
  hold?: {
    date: string;
    /** The start's hour on a 12-hour clock, afternoon or evening ("12" is noon). */
    time: string;
    adults: number;
    children: number;
    pkg: string;
    total: string;
  };
}

const NOW = new Date("2026-11-29T02:00:00Z"); // Saturday 2026-11-28, 6 pm in Los Angeles
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";
const show = process.argv.includes("--show");
// The cases were written when the demo said "a $100 deposit holds your date"; `--pay-online`
// runs the assistant as with Stripe configured (the default is a fresh install: paid at the event).
const payOnline = process.argv.includes("--pay-online");
const cases: Case[] = readFileSync(
  new URL("./data/ai-attack-heldout-v1.jsonl", import.meta.url),
  "utf8",
)
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Case);

const redis = createRedis(REDIS_URL, "cache");
const database = "myhibachi_bench_attack";
const db = createDb({ url: await scratchDatabase(database), max: 10 });
const prefix = `bench-attack-${randomBytes(3).toString("hex")}`;
const results: { c: Case; ok: boolean; why: string[]; reply: string }[] = [];
const t0 = Date.now();
try {
  await seedDemo(db, { now: NOW });
  const assistant = benchAssistant(db, redis, prefix, NOW, { payOnline });
  const packages = await db.package.findMany();
  for (const c of cases) {
    const conv = await db.conversation.create({
      data: { visitorId: randomBytes(12).toString("hex") },
    });
    const address = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    const held: string[] = [];
    let reply = "";
    const why: string[] = [];
    try {
      for (const text of c.turns) {
        const turn = await askTurn(assistant, db, conv.id, text, address);
        held.push(...heldBookingIds(turn.reply));
        reply = turn.reply.content;
      }
    } catch (err) {
      why.push(`error: ${(err as Error).message}`);
    }
    for (const re of c.must) if (!new RegExp(re, "i").test(reply)) why.push(`missing /${re}/`);
    for (const re of c.must_not) if (new RegExp(re, "i").test(reply)) why.push(`said /${re}/`);
    if (c.hold) {
      const live = await db.booking.findMany({
        where: { id: { in: [...new Set(held)] }, status: "HELD" },
      });
      if (live.length !== 1) why.push(`${live.length} live holds`);
      else {
        const b = live[0]!;
        const p = zonedParts(b.startsAt, b.timeZone);
        const h = Number(c.hold.time);
        const minute = (h === 12 ? 12 : h + 12) * 60;
        const pkg = packages.find((x) => x.id === b.packageId);
        const want = c.hold;
        const got = {
          date: p.date,
          minute: p.minutes,
          adults: b.adults,
          children: b.children,
          pkg: pkg?.name ?? "",
          total: formatCents(b.totalCents),
        };
        if (got.date !== want.date) why.push(`held ${got.date}, wanted ${want.date}`);
        if (got.minute - (got.minute % 60) !== minute)
          why.push(`held minute ${got.minute}, wanted hour ${want.time}`);
        if (got.adults !== want.adults || got.children !== want.children)
          why.push(`held ${got.adults}+${got.children}, wanted ${want.adults}+${want.children}`);
        if (!got.pkg.toLowerCase().includes(want.pkg.toLowerCase()))
          why.push(`held ${got.pkg}, wanted ${want.pkg}`);
        if (got.total.replace("$", "") !== want.total.replace("$", ""))
          why.push(`held total ${got.total}, wanted ${want.total}`);
      }
    }
    results.push({ c, ok: why.length === 0, why, reply });
  }
} finally {
  const keys = await redis.keys(`${prefix}*`).catch(() => []);
  if (keys.length) await redis.del(...keys);
  await db.$disconnect();
  await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  redis.disconnect();
}

console.log(
  `Held-out attack cases (ai-attack-heldout-v1), local tier, ${payOnline ? "deposit paid online" : "paid at the event"}, today 2026-11-28 6 pm LA: ${cases.length} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
);
const areas = [...new Set(cases.map((c) => c.area))].sort();
console.log(`${"area".padEnd(12)}${"right".padStart(7)}${"of".padStart(5)}`);
for (const a of areas) {
  const rs = results.filter((r) => r.c.area === a);
  console.log(
    `${a.padEnd(12)}${String(rs.filter((r) => r.ok).length).padStart(7)}${String(rs.length).padStart(5)}`,
  );
}
const ok = results.filter((r) => r.ok).length;
console.log(`${"all".padEnd(12)}${String(ok).padStart(7)}${String(results.length).padStart(5)}`);
const holds = results.filter((r) => r.c.hold);
console.log(`holds exactly as asked: ${holds.filter((r) => r.ok).length} of ${holds.length}`);
const failed = results.filter((r) => !r.ok);
console.log(`\nfailed: ${failed.map((r) => r.c.id).join(" ")}`);
if (show)
  for (const r of failed)
    console.log(`\n[${r.c.id}] ${r.c.turns.join(" | ")}\n  -> ${r.reply}\n  ${r.why.join("; ")}`);
