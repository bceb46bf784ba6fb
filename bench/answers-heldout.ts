// `pnpm bench answers-heldout`: 15 questions about single dishes, packages and policies (English
// and Spanish) kept out of the tests (bench/data/answers-heldout.jsonl), asked through the real
// assistant (built-in local tier, Redis response cache) on the fixture business (the demo menu
// and settings), each in a fresh conversation, and graded by the line's own expectations: prices
// that must and must not appear, words that must and must not appear, Spanish when asked in
// Spanish. It grades; it tunes nothing.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createDb } from "@myhibachi/db";
import { createRedis } from "@myhibachi/jobs";
import { createFixtureBusiness } from "@myhibachi/seed/fixtures";
import { scratchDatabase } from "./_db";
import { askTurn, benchAssistant } from "./_replay";
import { centsIn } from "./_facts";

const NOW = new Date("2026-12-01T18:00:00Z"); // 10:00 in Los Angeles
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";

interface Line {
  text: string;
  lang?: "es";
  cents?: number[];
  centsAbsent?: number[];
  contains?: string[];
  absent?: string[];
  note: string;
}

const lines: Line[] = readFileSync(new URL("./data/answers-heldout.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Line);

const SPANISH = /\b(el|la|los|las|para|por|precio|cuesta|mínimo|disponible|libre|invitados)\b/i;
const ENGLISH = /\b(the|per adult|per person|guests|free for|is an upgrade)\b/i;

async function main() {
  console.log("MyHibachi held-out answers (local tier, fixture business, today 2026-12-01)\n");
  const db = createDb({ url: await scratchDatabase("myhibachi_bench_answers"), max: 5 });
  await createFixtureBusiness(db, { chefs: 2 });
  const redis = createRedis(REDIS_URL, "cache");
  if (redis.status !== "ready") await new Promise((r) => redis.once("ready", r));
  const prefix = `bench-answers-${randomBytes(3).toString("hex")}`;
  const assistant = benchAssistant(db, redis, prefix, NOW);

  let right = 0;
  let checks = 0;
  let passed = 0;
  for (const l of lines) {
    const conv = await db.conversation.create({
      data: { visitorId: randomBytes(12).toString("hex") },
    });
    const { reply } = await askTurn(assistant, db, conv.id, l.text);
    const text = reply.content;
    const money = centsIn(text);
    const failed: string[] = [];
    const check = (name: string, ok: boolean) => {
      checks++;
      if (ok) passed++;
      else failed.push(name);
    };
    for (const c of l.cents ?? []) check(`says $${c / 100}`, money.has(c));
    for (const c of l.centsAbsent ?? []) check(`never $${c / 100}`, !money.has(c));
    for (const w of l.contains ?? [])
      check(`says "${w}"`, text.toLowerCase().includes(w.toLowerCase()));
    for (const w of l.absent ?? [])
      check(`never "${w}"`, !text.toLowerCase().includes(w.toLowerCase()));
    if (l.lang === "es") check("in Spanish", SPANISH.test(text) && !ENGLISH.test(text));
    if (!failed.length) right++;
    console.log(`${failed.length ? "✗" : "✓"} ${l.text}`);
    if (failed.length)
      console.log(
        `    failed: ${failed.join(", ")}\n    reply: ${text.slice(0, 240).replaceAll("\n", " ")}`,
      );
  }
  console.log(
    `\n${right} of ${lines.length} questions answered right (${passed} of ${checks} checks)`,
  );

  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
