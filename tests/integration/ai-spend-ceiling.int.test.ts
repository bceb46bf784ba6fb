// Issue 9, point 5: a hard AI spend ceiling. With this month's ledger at the owner's monthly
// budget, no request reaches the paid model (a local OpenAI-compatible server counts them), the
// local tier answers, the ledger says why, and raising the budget resumes paid answers.
import { ledgerData } from "@myhibachi/ai";
import { startFakeOpenAi, type FakeOpenAi } from "@myhibachi/ai/testing";
import { aiSpendCeiling, BUDGET_PAUSE_REASON, updateCostAlertSettings } from "@myhibachi/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOW, openAiProviders, setupAi, visitor, type AiEnv } from "./ai-support";

let env: AiEnv;
let fake: FakeOpenAi;

beforeAll(async () => {
  fake = await startFakeOpenAi(() => ({
    content: "a paid model's answer",
    usage: { prompt: 700, completion: 50 },
  }));
  env = await setupAi({
    providers: openAiProviders(fake.url),
  });
});
afterAll(async () => {
  await env?.closeAll();
  await fake?.close();
});

async function setMonthlyBudget(cents: number) {
  await updateCostAlertSettings(
    env.t.db,
    {
      dailyBudgetCents: 100,
      weeklyBudgetCents: 100,
      monthlyBudgetCents: cents,
      warnAtPercent: 80,
      spikePercent: 150,
      spikeMinIncreaseCents: 100,
      spikeMinRequests: 20,
      emailEnabled: false,
      webhookUrl: null,
    },
    { actorId: null },
  );
}

/** A paid call already in this month's ledger (business zone: America/Los_Angeles). */
async function spend(micros: number, at: Date) {
  await env.t.db.aiCall.create({
    data: {
      ...ledgerData({
        provider: "openai",
        model: "gpt-4o",
        tier: "strong",
        usage: { promptTokens: 1000, cachedTokens: 0, completionTokens: 100 },
        latencyMs: 900,
        cacheStatus: "miss",
        outcome: "ok",
        fingerprint: "earlier",
        preview: "an earlier question",
      }),
      costMicros: micros,
      createdAt: at,
    },
  });
}

// Routed to a paid tier (open question, several parts), never cacheable by the local tier alone.
const QUESTION = "My grandmother is turning ninety; can you suggest how to make the party special?";

describe("monthly AI budget ceiling", () => {
  it("with the budget spent, the paid model is never called and the local tier answers", async () => {
    await setMonthlyBudget(1_000); // $10.00
    await spend(6_000_000, new Date("2026-11-03T18:00:00Z")); // $6.00 on Nov 3
    await spend(4_000_000, new Date("2026-11-21T18:00:00Z")); // $4.00 on Nov 21: $10.00 reached

    const ceiling = await aiSpendCeiling(env.t.db, { now: NOW, countPaused: true });
    expect(ceiling).toMatchObject({ month: "2026-11", reached: true, reachedOn: "2026-11-21" });

    const before = fake.requests.length;
    const r = await env.ask(env.customer({ visitorId: visitor() }), QUESTION);
    expect(fake.requests.length).toBe(before); // not one request reached the model server
    expect(r.tier).toBe("local");
    expect(r.content.length).toBeGreaterThan(0);
    expect(r.content).not.toContain("a paid model's answer");

    // Recorded: the local call's ledger row carries the reason, and the dashboard counts it.
    const rows = await env.t.db.aiCall.findMany({ where: { messageId: r.replyId } });
    expect(rows.map((x) => x.tier)).toEqual(["local"]);
    expect(rows[0]!.outcome).toBe("fallback");
    expect((rows[0]!.routeReasons as { reasons: string[] }).reasons).toContain(BUDGET_PAUSE_REASON);
    // The real clock, not NOW: the ledger row was written just now.
    const counted = await aiSpendCeiling(env.t.db, { now: new Date(), countPaused: true });
    expect(counted.pausedReplies).toBeGreaterThanOrEqual(1);

    // Raising the budget resumes paid models at once.
    await setMonthlyBudget(5_000);
    const again = await env.ask(env.customer({ visitorId: visitor() }), QUESTION);
    expect(fake.requests.length).toBeGreaterThan(before);
    expect(again.tier).not.toBe("local");
    expect(again.content).toContain("a paid model's answer");
  });
});
