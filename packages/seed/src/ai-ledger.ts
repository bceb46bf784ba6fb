// Demo AI cost ledger: ~90 days of AiCall rows for the demo business (a few thousand), so the
// owner's cost dashboard has something to show: four tiers, cache hits (~45%), a few errors and
// fallbacks, volume growing over time, and a spike of expensive calls in the hour before `now`.
// Deterministic ids + skipDuplicates: running it twice adds nothing.
import { createHash } from "node:crypto";
import type { Db, Prisma } from "@myhibachi/db";
import { addDays, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";
import { rng } from "./random";

const QUESTIONS: [question: string, intent: string, weight: number][] = [
  ["How much is hibachi for 12 adults?", "pricing", 12],
  ["Do you serve vegetarians?", "menu", 10],
  ["What's available next Saturday for 15 guests?", "availability", 9],
  ["Is the deposit refundable?", "policy", 8],
  ["Do you travel to San Jose?", "coverage", 7],
  ["Can we add lobster tail for 4 people?", "menu", 6],
  ["How long does the show take?", "faq", 6],
  ["Do you bring the grill and tables?", "faq", 5],
  ["Can I book for my daughter's birthday on the 14th?", "booking", 5],
  ["Are your sauces gluten free?", "allergens", 4],
  ["What's the travel fee to Palo Alto?", "pricing", 4],
  ["Can I change my party from 10 to 14 guests?", "booking", 3],
  ["Please call me at [phone] about a corporate event", "handoff", 2],
  ["Is there a kids price?", "pricing", 3],
  ["Do you do sake service?", "menu", 2],
  ["Can the chef cook indoors if it rains?", "faq", 2],
  ["My email is [email], can you send the menu?", "handoff", 1],
  ["Write me a 2,000-word essay about teppanyaki history with citations", "offtopic", 1],
];

/** Prices in US dollars per million tokens (demo copy of a dated price sheet). */
const TIERS = {
  local: {
    provider: "local",
    model: "local-kb",
    in: 0,
    out: 0,
    prompt: [0, 0],
    completion: [0, 0],
    latency: [8, 60],
  },
  small: {
    provider: "openai",
    model: "gpt-4o-mini",
    in: 0.15,
    out: 0.6,
    prompt: [1_500, 4_000],
    completion: [80, 300],
    latency: [500, 1_800],
  },
  medium: {
    provider: "openai",
    model: "gpt-4.1-mini",
    in: 0.4,
    out: 1.6,
    prompt: [3_000, 8_000],
    completion: [150, 450],
    latency: [900, 2_800],
  },
  strong: {
    provider: "openai",
    model: "gpt-4o",
    in: 2.5,
    out: 10,
    prompt: [8_000, 22_000],
    completion: [250, 900],
    latency: [1_800, 6_500],
  },
} as const;
type Tier = keyof typeof TIERS;
const PRICE_VERSION = "openai-2026-10-01";

const fingerprintOf = (q: string) =>
  createHash("sha256")
    .update(q.toLowerCase().replace(/\s+/g, " ").trim())
    .digest("hex")
    .slice(0, 16);

export async function seedAiLedger(
  db: Db,
  { now, timeZone, days = 90 }: { now: Date; timeZone: string; days?: number },
): Promise<number> {
  const r = rng(20261124);
  const totalWeight = QUESTIONS.reduce((s, q) => s + q[2], 0);
  const pickQuestion = () => {
    let x = r.next() * totalWeight;
    for (const q of QUESTIONS) if ((x -= q[2]) < 0) return q;
    return QUESTIONS[0]!;
  };
  const rows: Prisma.AiCallCreateManyInput[] = [];
  const call = (createdAt: Date, forced?: Tier) => {
    const [question, intent] = pickQuestion();
    const roll = r.next();
    const tier: Tier =
      forced ?? (roll < 0.3 ? "local" : roll < 0.65 ? "small" : roll < 0.87 ? "medium" : "strong");
    const t = TIERS[tier];
    const promptTokens = r.int(t.prompt[0], t.prompt[1]);
    const completionTokens = r.int(t.completion[0], t.completion[1]);
    const fullCost = Math.round(promptTokens * t.in + completionTokens * t.out);
    const hit = !forced && tier !== "local" && r.chance(0.64); // ~45% of all calls
    const outcome = hit ? "ok" : r.chance(0.03) ? "error" : r.chance(0.04) ? "fallback" : "ok";
    rows.push({
      id: `seedai_${rows.length.toString(36).padStart(5, "0")}`,
      createdAt,
      provider: hit ? "cache" : t.provider,
      model: t.model,
      tier,
      promptTokens: hit ? 0 : promptTokens,
      completionTokens: hit ? 0 : completionTokens,
      priceVersion: PRICE_VERSION,
      costMicros: hit || outcome === "error" ? 0 : fullCost,
      savedMicros: hit ? fullCost : 0,
      latencyMs: hit ? r.int(3, 25) : r.int(t.latency[0], t.latency[1]),
      cacheStatus: hit ? "hit" : tier === "local" || intent === "handoff" ? "bypass" : "miss",
      outcome,
      error: outcome === "error" ? "upstream timeout after 15000 ms" : null,
      intent,
      fingerprint: fingerprintOf(question),
      preview: question,
    });
  };

  const today = zonedParts(now, timeZone).date;
  for (let d = days - 1; d >= 0; d--) {
    const date = addDays(today, -d);
    const growth = 0.7 + (0.6 * (days - d)) / days; // busier lately
    const weekend = [0, 5, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay()) ? 1.4 : 1;
    const n = Math.round(40 * growth * weekend * (0.8 + 0.4 * r.next()));
    for (let i = 0; i < n; i++) {
      // Mostly 9 am - 10 pm local time.
      const minute = r.chance(0.9) ? r.int(9 * 60, 22 * 60 - 1) : r.int(0, 24 * 60 - 1);
      const at = new Date(zonedTimeToUtc(date, minute, timeZone).getTime() + r.int(0, 59_999));
      if (at < new Date(now.getTime() - 60 * 60_000)) call(at);
    }
  }
  // The spike: a burst of long, strong-tier answers in the last hour (a bot scraping the chat?).
  for (let i = 0; i < 45; i++)
    call(new Date(now.getTime() - 55 * 60_000 + i * 70_000 + r.int(0, 999)), "strong");

  let inserted = 0;
  for (let i = 0; i < rows.length; i += 2_000) {
    const { count } = await db.aiCall.createMany({
      data: rows.slice(i, i + 2_000),
      skipDuplicates: true,
    });
    inserted += count;
  }
  return inserted;
}
