// Issue 11, point 5: model replies stream to the browser token by token. The worker's assistant
// (built as production builds it: createAssistant) streams a model's completion from a local
// OpenAI-compatible server; the customer app's SSE route (/api/chat/stream, its real handler)
// forwards the text so far as `partial` events before the stored reply, which replaces it, also
// when the safety net corrected the streamed text. Real Postgres, Redis pub/sub and BullMQ.
import { signVisitorId } from "@myhibachi/api";
import { startFakeOpenAi, type FakeOpenAi, type FakeRequest } from "@myhibachi/ai/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setupAi, visitor, type AiEnv } from "./ai-support";
import { customerServerDeps } from "./helpers";

// The route's wiring, pointed at this test's database, Redis prefix and secret.
const wiring = vi.hoisted(() => ({
  env: { REDIS_URL: "", CACHE_PREFIX: "" },
  deps: null as unknown,
}));
vi.mock("../../apps/customer/node_modules/server-only", () => ({}));
vi.mock("~/env", () => ({ env: wiring.env }));
vi.mock("~/server/deps", () => ({ deps: () => wiring.deps }));
// Modules the route imports import them too (resolved to the files themselves).
vi.mock("../../apps/customer/src/env", () => ({ env: wiring.env }));
vi.mock("../../apps/customer/src/server/deps", () => ({ deps: () => wiring.deps }));
// The real Redis subscriber of the app (the test runner doesn't know the app's `~` alias).
vi.mock("~/server/chat-events", () => import("../../apps/customer/src/server/chat-events"));
vi.mock("~/server/chat-sse", () => import("../../apps/customer/src/server/chat-sse"));

const SECRET = "x".repeat(40); // customerServerDeps' AUTH_SECRET
const SLOW =
  "Happy to help! Our chefs bring the grill, cook at your table and clean up after the show.";
const lastUser = (r: FakeRequest) =>
  [...r.messages].reverse().find((m) => m.role === "user")?.content ?? "";

let env: AiEnv;
let fake: FakeOpenAi;
let server: ReturnType<typeof customerServerDeps>;
let GET: (req: Request) => Promise<Response>;

beforeAll(async () => {
  fake = await startFakeOpenAi((req) => {
    const q = lastUser(req);
    const after = req.messages.slice(req.messages.map((m) => m.role).lastIndexOf("user") + 1);
    if (q.startsWith("price check")) {
      if (!after.some((m) => m.role === "tool"))
        return {
          toolCalls: [{ name: "get_quote", arguments: { adults: 10, postalCode: "95125" } }],
        };
      // Wrong first, then still wrong after the fact check: the local tier answers instead.
      return {
        content: "Ten adults come to $4,321.00 in all, tax included.",
        chunkDelayMs: 30,
        delayMs: 300,
      };
    }
    return { content: SLOW, chunkDelayMs: 30, delayMs: 300 };
  });
  env = await setupAi({
    modelEnv: { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: fake.url },
  });
  server = customerServerDeps(env);
  wiring.env.REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";
  wiring.env.CACHE_PREFIX = env.prefix;
  wiring.deps = server;
  ({ GET } = await import("../../apps/customer/src/app/api/chat/stream/route"));
});
afterAll(async () => {
  await server?.close();
  await env?.closeAll();
  await fake?.close();
});

/** Sends a message as a visitor and reads the SSE route for its reply, event by event. */
async function askAndStream(text: string) {
  const vid = visitor();
  const sent = await env
    .customer({ visitorId: vid })
    .chat.send({ text, clientMessageId: visitor() });
  expect(sent.reply).toBeNull(); // not from the cache: the worker answers
  const res = await GET(
    new Request(`http://127.0.0.1:3999/api/chat/stream?messageId=${sent.message.id}`, {
      headers: { cookie: `mh_vid=${signVisitorId(vid, SECRET)}` },
    }),
  );
  expect(res.status).toBe(200);
  const events: { event: string; data: Record<string, unknown> }[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    let end: number;
    while ((end = buf.indexOf("\n\n")) >= 0) {
      const block = buf.slice(0, end);
      buf = buf.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
      events.push({ event, data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "{}") });
    }
  }
  const stored = await env.t.db.chatMessage.findUniqueOrThrow({
    where: { replyToId: sent.message.id },
  });
  return { events, stored };
}

describe("a model's reply streams to the chat", () => {
  it("arrives as growing partial text before the stored reply", async () => {
    const { events, stored } = await askAndStream("what do your chefs bring to the party?");
    const names = events.map((e) => e.event);
    expect(names.at(-1)).toBe("reply");
    const partials = events.filter((e) => e.event === "partial").map((e) => e.data.text as string);
    // Word by word (some may be merged when they come faster than Redis delivers them).
    expect(partials.length).toBeGreaterThan(3);
    for (let i = 1; i < partials.length; i++) {
      expect(partials[i]!.startsWith(partials[i - 1]!)).toBe(true);
      expect(partials[i]!.length).toBeGreaterThan(partials[i - 1]!.length);
    }
    expect(SLOW.startsWith(partials[0]!)).toBe(true);
    expect(partials.at(-1)).toBe(SLOW);
    // Every partial came before the reply, which is the stored message.
    expect(names.indexOf("partial")).toBeLessThan(names.indexOf("reply"));
    expect(events.at(-1)!.data).toMatchObject({ id: stored.id, content: SLOW });
  });

  it("leaves the cache fast path as it was: the same question again is answered at once", async () => {
    const q = "do your chefs bring the grill?";
    const first = await askAndStream(q);
    expect(first.stored.content).toBe(SLOW);
    const again = await env.customer({ visitorId: visitor() }).chat.send({
      text: q,
      clientMessageId: visitor(),
    });
    // Answered inside the send (no worker, no stream), with the model's stored answer.
    expect(again.reply).toMatchObject({ content: SLOW, cacheStatus: "hit" });
  });

  it("never shows a figure the safety net refuses, and the corrected reply replaces it", async () => {
    const { events, stored } = await askAndStream("price check: 10 adults, 95125");
    const partials = events.filter((e) => e.event === "partial").map((e) => e.data.text as string);
    // The words before the wrong total streamed; the total itself never reached the browser.
    expect(partials.some((t) => t.startsWith("Ten adults come to"))).toBe(true);
    expect(partials.some((t) => t.includes("4,321") || t.includes("$4"))).toBe(false);
    const reply = events.at(-1)!;
    expect(reply.event).toBe("reply");
    expect(reply.data).toMatchObject({ id: stored.id, tier: "local" });
    expect(stored.content).not.toContain("$4,321.00");
    expect(reply.data.content).toBe(stored.content);
  });
});
