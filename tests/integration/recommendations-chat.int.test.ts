// The assistant's one menu suggestion per conversation (issue 16, point 5): offered once when
// the frame has a party and a package, through the real suggestion step (surface "chat"), and
// never again after a "no" (recorded as declined). The production assistant has it on
// (createAssistant); here an Assistant is built the same way with it on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Assistant, ResponseCache } from "@myhibachi/ai";
import { chatSessionKey } from "../../packages/ai/src/suggestion";
import { setupEnv, type Env } from "./helpers";

let env: Env;
let assistant: Assistant;
const NOW = new Date("2026-11-24T18:00:00Z");
beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  assistant = new Assistant({
    db: env.t.db,
    cache: env.cache,
    responses: new ResponseCache(null),
    providers: {},
    siteUrl: "",
    now: () => NOW,
    menuSuggestions: true,
  });
});
afterAll(async () => env?.close());

async function say(conversationId: string, text: string) {
  const msg = await env.t.db.chatMessage.create({
    data: { conversationId, role: "USER", content: text, clientMessageId: `m-${Math.random()}` },
  });
  return (await assistant.respond(msg.id)).content;
}

const eventsOf = (conversationId: string) =>
  env.t.db.recommendationEvent.findMany({
    where: { session: { key: chatSessionKey(conversationId) } },
    orderBy: { createdAt: "asc" },
  });

describe("the chat's suggestion", () => {
  it("is offered once for a party with a package, and never again after a no", async () => {
    await env.t.db.businessSettings.update({
      where: { id: 1 },
      data: { recommendationHoldoutPercent: 0, version: { increment: 1 } },
    });
    await env.cache.invalidate("catalog");
    const conv = await env.t.db.conversation.create({ data: { visitorId: "v-rec-chat-1" } });
    const first = await say(conv.id, "How much is the classic package for 12 adults?");
    // The chat's party: 24 portions of the standard split, mostly chicken: the shrimp upgrade at
    // the menu's $4.00 for 12 guests, $48.00 + 9.38 % tax.
    expect(first).toMatch(/One idea: Add jumbo tiger shrimp \(\+\$52\.50 on the total\)/);
    expect(first.match(/One idea/g)).toHaveLength(1);
    expect((await eventsOf(conv.id)).map((e) => [e.surface, e.outcome])).toEqual([
      ["chat", "SHOWN"],
    ]);

    const no = await say(conv.id, "no thanks");
    expect(no).not.toMatch(/One idea/);
    expect((await eventsOf(conv.id)).map((e) => e.outcome)).toEqual(["SHOWN", "DECLINED"]);

    const later = await say(conv.id, "And for 14 adults with the classic?");
    expect(later).not.toMatch(/One idea/);
    expect(await eventsOf(conv.id)).toHaveLength(2);

    // The chat's hold is the booking its session became.
    await say(conv.id, "Hold Saturday December 19 at 5pm for 14 adults, zip 95125");
    const hold = await env.t.db.booking.findFirst({
      where: { status: "HELD", source: "CHAT" },
      orderBy: { createdAt: "desc" },
    });
    expect(hold).not.toBeNull();
    const session = await env.t.db.recommendationSession.findUnique({
      where: { key: chatSessionKey(conv.id) },
    });
    expect(session?.bookingId).toBe(hold!.id);
  });

  it("offers nothing the party can't eat, and nothing for a diet it can't prove", async () => {
    const shell = await env.t.db.conversation.create({ data: { visitorId: "v-rec-chat-2" } });
    const noShrimp = await say(
      shell.id,
      "Price for the classic for 12 adults? One guest has a shellfish allergy",
    );
    expect(noShrimp).not.toMatch(/One idea: Add jumbo/);
    // Gluten-free: the standard split's chicken has wheat, so no suggested party is safe.
    const gf = await env.t.db.conversation.create({ data: { visitorId: "v-rec-chat-3" } });
    expect(await say(gf.id, "Price for the classic for 12 adults? We are gluten free")).not.toMatch(
      /One idea/,
    );
    const kosher = await env.t.db.conversation.create({ data: { visitorId: "v-rec-chat-4" } });
    expect(await say(kosher.id, "Price for the classic for 12 adults? We keep kosher")).not.toMatch(
      /One idea/,
    );
  });
});
