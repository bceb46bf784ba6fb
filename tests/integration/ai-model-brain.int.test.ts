// Issue 11, point 5: a model, when configured, is the primary brain. Through the real `openai`
// SDK (streamed completions) against a scripted OpenAI-compatible server on 127.0.0.1, through
// the worker's ai queue: the model fills the dialogue frame through tool calls over a multi-turn
// chat and the hold it makes is exactly that frame (the database and the quote engine say so);
// a reply whose price disagrees with the tool result is caught and corrected (one repair round,
// else the local tier's answer), and the ledger says so; each tier talks to its own server.
import { formatCents } from "@myhibachi/shared";
import { providersFromEnv, runTool } from "@myhibachi/ai";
import {
  startFakeOpenAi,
  type FakeOpenAi,
  type FakeReply,
  type FakeRequest,
} from "@myhibachi/ai/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  anotherChatsTools,
  expectedTotal as totalFor,
  localDateTime as localTime,
  setupAi,
  visitor,
  type AiEnv,
} from "./ai-support";

type Msg = FakeRequest["messages"][number];
/** A scripted model turn: the reply for each step after the customer's message. */
type Script = (step: number, after: Msg[], req: FakeRequest) => FakeReply;

const scripts = new Map<string, Script>();
/** The messages of a request after the customer's last one (tool results, fact checks). */
function afterUser(req: FakeRequest): { text: string; after: Msg[] } {
  const i = req.messages.map((m) => m.role).lastIndexOf("user");
  return { text: req.messages[i]?.content ?? "", after: req.messages.slice(i + 1) };
}
function scripted(req: FakeRequest): FakeReply {
  const { text, after } = afterUser(req);
  const script = scripts.get(text);
  if (!script) return { content: "Happy to help with your party." };
  return script(after.filter((m) => m.role === "assistant").length, after, req);
}
const toolResults = (after: Msg[]) =>
  after
    .filter((m) => m.role === "tool")
    .map((m) => JSON.parse(m.content!) as Record<string, never>);
const lastTool = (after: Msg[]) => toolResults(after).at(-1)!;

let env: AiEnv;
let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi(scripted);
  env = await setupAi({
    providers: providersFromEnv({
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: "http://127.0.0.1:9/unused",
      AI_SMALL_BASE_URL: fake.url,
      AI_MEDIUM_BASE_URL: fake.url,
      AI_STRONG_BASE_URL: fake.url,
    }),
  });
});
afterAll(async () => {
  await env?.closeAll();
  await fake?.close();
});

const expectedTotal = (pkg: string, adults: number, children: number, zip: string) =>
  totalFor(env, pkg, adults, children, zip);

async function memoryOf(conversationId: string) {
  const c = await env.t.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
  return c.memory as Record<string, unknown> & { hold?: { id: string; code: string } };
}

describe("the model fills the frame through tool calls", () => {
  it("over a multi-turn chat with a correction, and the hold is exactly that frame", async () => {
    const v = env.customer({ visitorId: visitor() });

    // 1. Words the regex layer reads nothing useful from: the model records them.
    const t1 =
      "thinking the twelfth of december, round five in the evening, ten grown-ups and two little ones";
    scripts.set(t1, (step, after) =>
      step === 0
        ? {
            toolCalls: [
              {
                name: "update_booking_details",
                arguments: { date: "2026-12-12", startMinute: 1020, adults: 10, children: 2 },
              },
            ],
          }
        : {
            content: `Lovely! ${lastTool(after).recorded.date.split(" (")[0]} at ${lastTool(after).recorded.startTime} for 10 adults and 2 children. What's the ZIP code?`,
            chunkDelayMs: 5,
          },
    );
    const r1 = await env.ask(v, t1);
    expect(r1.tier).not.toBe("local");
    expect(r1.content).toBe(
      "Lovely! Saturday, December 12 at 5:00 PM for 10 adults and 2 children. What's the ZIP code?",
    );
    expect(await memoryOf(r1.conversationId)).toMatchObject({
      date: "2026-12-12",
      startMinute: 1020,
      adults: 10,
      children: 2,
      guests: 12,
    });

    // 2. A package that isn't on the menu comes back as an error the model reads; nothing of
    // that call is recorded, and the next call is.
    const t2 = "we're in willow glen 95125 and we want the deluxe one";
    scripts.set(t2, (step) =>
      step === 0
        ? {
            toolCalls: [
              {
                name: "update_booking_details",
                arguments: { postalCode: "95125", packageSlug: "deluxe" },
              },
            ],
          }
        : step === 1
          ? {
              toolCalls: [
                {
                  name: "update_booking_details",
                  arguments: { postalCode: "95125", packageSlug: "premium" },
                },
              ],
            }
          : {
              content:
                "We have Classic and Premium; I've put you down for Premium Hibachi in 95125.",
            },
    );
    const r2 = await env.ask(v, t2);
    const seen = fake.requests.filter((q) => afterUser(q).text === t2);
    expect(seen).toHaveLength(3);
    expect(toolResults(afterUser(seen[1]!).after)[0]).toMatchObject({
      nothingRecorded: true,
      error: expect.stringMatching(/"deluxe" is not one of our packages/),
    });
    expect(await memoryOf(r2.conversationId)).toMatchObject({
      postalCode: "95125",
      packageSlug: "premium",
      adults: 10,
      children: 2,
    });

    // 3. "Lock it in": the hold is the frame (adults AND children, package, ZIP, time).
    const t3 = "ok lock it in";
    scripts.set(t3, (step, after) =>
      step === 0
        ? {
            toolCalls: [
              {
                name: "create_booking_hold",
                arguments: {
                  date: "2026-12-12",
                  startMinute: 1020,
                  guests: 12,
                  children: 2,
                  postalCode: "95125",
                },
              },
            ],
          }
        : {
            content: `Done: ${lastTool(after).when}, reference ${lastTool(after).code}, total ${lastTool(after).total}.`,
          },
    );
    const r3 = await env.ask(v, t3);
    const memory = await memoryOf(r3.conversationId);
    const held = await env.t.db.booking.findUniqueOrThrow({
      where: { id: memory.hold!.id },
      include: { package: true },
    });
    expect(held).toMatchObject({ status: "HELD", adults: 10, children: 2, postalCode: "95125" });
    expect(held.package?.slug).toBe("premium");
    expect(localTime(held.startsAt)).toBe("2026-12-12, 17:00");
    expect(held.totalCents).toBe(await expectedTotal("premium", 10, 2, "95125"));
    expect(r3.content).toContain(formatCents(held.totalCents));
    expect(r3.content).toContain(held.code);

    // Another chat's hold, which the model will try to name.
    const tools = await anotherChatsTools(env, "203.0.113.7");
    const other = await runTool(tools, "create_booking_hold", {
      date: "2026-12-19",
      startMinute: 720,
      guests: 6,
      postalCode: "95125",
    });
    const otherId = (other.data as { id: string }).id;

    // 4. A correction moves the same hold; the hold id the model names is never used.
    const t4 = "actually make that twelve grown-ups";
    scripts.set(t4, (step, after) =>
      step === 0
        ? { toolCalls: [{ name: "update_booking_details", arguments: { adults: 12 } }] }
        : step === 1
          ? { toolCalls: [{ name: "create_booking_hold", arguments: { replacesHoldId: otherId } }] }
          : { content: `Moved ${lastTool(after).code}: total ${lastTool(after).total}.` },
    );
    const r4 = await env.ask(v, t4);
    const moved = await env.t.db.booking.findUniqueOrThrow({ where: { id: held.id } });
    expect(moved).toMatchObject({ status: "HELD", adults: 12, children: 2 });
    expect(localTime(moved.startsAt)).toBe("2026-12-12, 17:00");
    expect(moved.totalCents).toBe(await expectedTotal("premium", 12, 2, "95125"));
    expect(r4.content).toContain(formatCents(moved.totalCents));
    expect((await memoryOf(r4.conversationId)).hold!.id).toBe(held.id);
    const untouched = await env.t.db.booking.findUniqueOrThrow({ where: { id: otherId } });
    expect(untouched).toMatchObject({ status: "HELD", adults: 6 });
    expect(localTime(untouched.startsAt)).toBe("2026-12-19, 12:00");
    // Never two holds from this chat.
    const fromChat = await env.t.db.booking.count({
      where: { status: "HELD", source: "CHAT", id: { not: otherId }, startsAt: held.startsAt },
    });
    expect(fromChat).toBe(1);
  });

  it("a model that fails after holding leaves the hold to the next tier: still one hold, remembered", async () => {
    const t = "lock in the nineteenth of december, six in the evening, eight of us, zip 95125";
    scripts.set(t, (step) =>
      step === 0
        ? {
            toolCalls: [
              {
                name: "update_booking_details",
                arguments: {
                  date: "2026-12-19",
                  startMinute: 1080,
                  adults: 8,
                  postalCode: "95125",
                },
              },
              { name: "create_booking_hold", arguments: {} },
            ],
          }
        : { status: 500 },
    );
    const r = await env.ask(env.customer({ visitorId: visitor() }), t);
    expect(r.tier).toBe("local");
    const memory = await memoryOf(r.conversationId);
    const held = await env.t.db.booking.findUniqueOrThrow({ where: { id: memory.hold!.id } });
    expect(held).toMatchObject({ status: "HELD", adults: 8, children: 0, postalCode: "95125" });
    expect(localTime(held.startsAt)).toBe("2026-12-19, 18:00");
    expect(
      await env.t.db.booking.count({
        where: { status: "HELD", source: "CHAT", startsAt: held.startsAt, adults: 8 },
      }),
    ).toBe(1);
  });

  it("the model hands the chat to a person", async () => {
    const t = "my company wants 200 people on a boat, who do I talk to";
    scripts.set(t, (step) =>
      step === 0
        ? {
            toolCalls: [
              { name: "hand_off_to_person", arguments: { reason: "corporate event on a boat" } },
            ],
          }
        : { content: "I've asked our team to take this over; a person will reply here." },
    );
    const r = await env.ask(env.customer({ visitorId: visitor() }), t);
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { id: r.conversationId } });
    expect(conv.status).toBe("HANDOFF");
    expect(conv.flagReason).toContain("corporate event on a boat");
  });
});

describe("the safety net", () => {
  it("a reply whose price disagrees with the quote is repaired with the right figure", async () => {
    const t = "how much for premium, 10 adults, we're in 95125?";
    scripts.set(t, (step, after) => {
      if (step === 0)
        return {
          toolCalls: [
            {
              name: "get_quote",
              arguments: { adults: 10, postalCode: "95125", packageSlug: "premium" },
            },
          ],
        };
      if (step === 1)
        return { content: "Premium Hibachi for 10 adults comes to $9,999.00 in all." };
      // The repair round: the fact check told the model the right figure.
      const check = after.filter((m) => m.role === "system").at(-1)!.content!;
      const total = /the total from the tools is (\$[\d,]+\.\d{2})/.exec(check)?.[1] ?? "$0.00";
      return { content: `Premium Hibachi for 10 adults comes to ${total} in all.` };
    });
    const r = await env.ask(env.customer({ visitorId: visitor() }), t);
    const total = formatCents(await expectedTotal("premium", 10, 0, "95125"));
    expect(r.content).toBe(`Premium Hibachi for 10 adults comes to ${total} in all.`);
    expect(r.content).not.toContain("$9,999.00");
    const rows = await env.t.db.aiCall.findMany({
      where: { messageId: r.replyId },
      orderBy: { createdAt: "asc" },
    });
    expect(rows).toHaveLength(3);
    expect(rows.every((x) => x.outcome === "ok")).toBe(true);
    const reasons = (rows[0]!.routeReasons as { reasons: string[] }).reasons;
    expect(reasons).toContain("fact-check:repaired");
    expect(reasons.join(" ")).toContain(`the total from the tools is ${total}`);
  });

  it("a reply still wrong after the repair round is replaced by the local tier's answer, never cached", async () => {
    const t = "how much for 10 adults in 95125?";
    scripts.set(t, (step) =>
      step === 0
        ? { toolCalls: [{ name: "get_quote", arguments: { adults: 10, postalCode: "95125" } }] }
        : { content: "For 10 adults it's $5,000.00 all in." },
    );
    const r = await env.ask(env.customer({ visitorId: visitor() }), t);
    const total = formatCents(await expectedTotal("classic", 10, 0, "95125"));
    expect(r.tier).toBe("local");
    expect(r.content).toContain(total);
    expect(r.content).not.toContain("$5,000.00");
    const rows = await env.t.db.aiCall.findMany({
      where: { messageId: r.replyId },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((x) => [x.provider, x.outcome])).toEqual([
      ["openai-compatible", "ok"],
      ["openai-compatible", "ok"],
      ["openai-compatible", "error"],
      ["local", "fallback"],
    ]);
    expect(rows[2]!.error).toMatch(/fact check: \$5,000\.00 is not a figure/);
    expect((rows[3]!.routeReasons as { reasons: string[] }).reasons).toContain(
      "fact-check:replaced",
    );
    const again = await env.ask(env.customer({ visitorId: visitor() }), t);
    expect(again.cacheStatus).not.toBe("hit");
  });
  it("a reply that dumps fields and ids instead of words is replaced by the local tier's answer", async () => {
    const t = "how much is it for 10 adults in 95125, all in?";
    // The model restates the quote's total, right, but as the tool's raw fields: both rounds.
    scripts.set(t, (step, after) =>
      step === 0
        ? { toolCalls: [{ name: "get_quote", arguments: { adults: 10, postalCode: "95125" } }] }
        : {
            content: `Here is your quote: ${JSON.stringify({ total: lastTool(after.filter((m) => m.role === "tool")).total, priceCents: 6000, postalCode: "95125" })}`,
          },
    );
    const r = await env.ask(env.customer({ visitorId: visitor() }), t);
    const total = formatCents(await expectedTotal("classic", 10, 0, "95125"));
    expect(r.tier).toBe("local");
    expect(r.content).toContain(total);
    expect(r.content).not.toMatch(/priceCents|postalCode|[{}"]/);
    const rows = await env.t.db.aiCall.findMany({
      where: { messageId: r.replyId },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((x) => [x.provider, x.outcome])).toEqual([
      ["openai-compatible", "ok"],
      ["openai-compatible", "ok"],
      ["openai-compatible", "error"],
      ["local", "fallback"],
    ]);
    expect(rows[2]!.error).toMatch(/^fact check: "total" is raw JSON/);
    expect(rows[2]!.error).toContain('"priceCents"');
    // The repair round told the model what to leave out.
    const repair = fake.requests
      .filter((q) => q.messages.some((m) => m.role === "user" && m.content === t))
      .flatMap((q) => q.messages)
      .find((m) => m.role === "system" && m.content?.startsWith("Fact check"));
    expect(repair?.content).toContain("plain words");
  });
});

describe("providers per tier", () => {
  let small: FakeOpenAi;
  let strong: FakeOpenAi;
  let tiers: AiEnv;
  beforeAll(async () => {
    small = await startFakeOpenAi(() => ({ content: "small server answer" }));
    strong = await startFakeOpenAi(() => ({ content: "strong server answer" }));
    tiers = await setupAi({
      providers: providersFromEnv({
        OPENAI_API_KEY: "sk-shared-openai-key",
        AI_SMALL_BASE_URL: small.url,
        AI_SMALL_MODEL: "llama3.2:3b",
        AI_STRONG_BASE_URL: strong.url,
        AI_STRONG_API_KEY: "sk-strong-key",
        AI_STRONG_MODEL: "gpt-4o",
      }),
    });
  });
  afterAll(async () => {
    await tiers?.closeAll();
    await small?.close();
    await strong?.close();
  });

  it("route to their own servers and models; a tier's own server never gets the shared key", async () => {
    const hi = await tiers.ask(tiers.customer({ visitorId: visitor() }), "hello there");
    expect(hi).toMatchObject({ tier: "small", content: "small server answer" });
    const upset = await tiers.ask(
      tiers.customer({ visitorId: visitor() }),
      "I'm really disappointed, the chef was late and rude. I want a refund",
    );
    expect(upset.tier).toBe("strong");
    // The strong model's answer, then the hand-off's ask for a way to reach this visitor.
    expect(upset.content).toMatch(/^strong server answer\n\n.*email address or phone number/s);
    expect(small.requests.map((q) => q.model)).toEqual(["llama3.2:3b"]);
    expect(strong.requests.map((q) => q.model)).toEqual(["gpt-4o"]);
    expect(small.requests[0]!.authorization).toBe("Bearer not-needed");
    expect(strong.requests[0]!.authorization).toBe("Bearer sk-strong-key");
    const rows = await tiers.t.db.aiCall.findMany({ where: { provider: "openai-compatible" } });
    expect(rows.map((x) => [x.tier, x.model]).sort()).toEqual([
      ["small", "llama3.2:3b"],
      ["strong", "gpt-4o"],
    ]);
  });
});
