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
  if (process.env.SHOW_CHAT) console.log(">>", text);
  const msg = await env.t.db.chatMessage.create({
    data: { conversationId, role: "USER", content: text, clientMessageId: `m-${Math.random()}` },
  });
  const out = (await assistant.respond(msg.id)).content;
  if (process.env.SHOW_CHAT) console.log("<<", out);
  return out;
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
    // The chat's party has no proteins named, so no rule that reads the protein split speaks
    // (attack R1-5: "mostly chicken" was said to parties who never chose chicken): the Classic
    // party is offered an appetizer, one serving each.
    expect(first).toMatch(/One idea: Add [^(]+\(\+\$[\d,.]+ on the total\)/);
    expect(first).not.toMatch(/One idea: [^\n]*(jumbo tiger shrimp|chicken)/i);
    expect(first.match(/One idea/g)).toHaveLength(1);
    expect((await eventsOf(conv.id)).map((e) => [e.surface, e.outcome])).toEqual([
      ["chat", "SHOWN"],
    ]);

    const no = await say(conv.id, "no thanks");
    expect(no).not.toMatch(/One idea/);
    // R1-6: the "no" is answered as a no, not as a question the assistant didn't understand.
    expect(no).toMatch(/No problem, I won't suggest it again/);
    expect(no).not.toMatch(/not sure/i);
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
    // Gluten-free: what a suggestion brings must be gluten-free as it stands (the party's own
    // picks are theirs, attack R16-8): edamame, never the wheat of gyoza or spring rolls.
    const gf = await env.t.db.conversation.create({ data: { visitorId: "v-rec-chat-3" } });
    const gfReply = await say(gf.id, "Price for the classic for 12 adults? We are gluten free");
    expect(gfReply).not.toMatch(/One idea: [^\n]*(gyoza|spring rolls|yakisoba|fried rice)/i);
    const kosher = await env.t.db.conversation.create({ data: { visitorId: "v-rec-chat-4" } });
    expect(await say(kosher.id, "Price for the classic for 12 adults? We keep kosher")).not.toMatch(
      /One idea/,
    );
  });

  it("hears shrimp, lobster and crab allergies as shellfish, and an allergy it can't name as a stop (R1-1)", async () => {
    for (const [visitor, text] of [
      ["v-rec-chat-5", "Classic for 12 adults please, my mom is allergic to lobster"],
      ["v-rec-chat-6", "two guests have a crab allergy. classic package for 12 adults, how much?"],
      ["v-rec-chat-7", "no shrimp for me, I'm allergic. classic for 12 adults?"],
    ]) {
      const conv = await env.t.db.conversation.create({ data: { visitorId: visitor } });
      const reply = await say(conv.id, text);
      expect(reply).not.toMatch(/One idea: .*(shrimp|lobster|scallop|sushi)/i);
      const session = await env.t.db.recommendationSession.findUnique({
        where: { key: chatSessionKey(conv.id) },
        include: { events: true },
      });
      expect(session?.events.map((e) => e.ruleSlug) ?? []).not.toContain(
        "shrimp-upgrade-big-chicken-party",
      );
    }
    const kiwi = await env.t.db.conversation.create({ data: { visitorId: "v-rec-chat-8" } });
    expect(await say(kiwi.id, "classic for 12 adults? my son is allergic to kiwi")).not.toMatch(
      /One idea/,
    );
    // ...and stays quiet later in that conversation.
    expect(await say(kiwi.id, "and for 14 adults?")).not.toMatch(/One idea/);
  });
});

describe("a yes to the chat's suggestion, and the diet the chat heard", () => {
  const linesOf = (bookingId: string) =>
    env.t.db.bookingLine.findMany({ where: { bookingId }, orderBy: { position: "asc" } });
  const latestChatHold = () =>
    env.t.db.booking.findFirst({
      where: { status: "HELD", source: "CHAT" },
      orderBy: { createdAt: "desc" },
    });
  /** The suggestion's item as offered ("One idea: Add edamame for everyone (+$60.00 ..."). */
  const offeredItem = async (reply: string) => {
    const items = await env.t.db.menuItem.findMany({ where: { active: true } });
    const line = reply.match(/One idea: ([^(]+)\(/)?.[1] ?? "";
    return items.find((i) => line.toLowerCase().includes(i.name.toLowerCase()));
  };

  it("a yes adds it: the new total is said, the hold made next carries it, and it counts as accepted", async () => {
    await env.t.db.businessSettings.update({
      where: { id: 1 },
      data: { recommendationHoldoutPercent: 0, version: { increment: 1 } },
    });
    await env.cache.invalidate("catalog");
    const conv = await env.t.db.conversation.create({ data: { visitorId: "v-rec-yes-1" } });
    const first = await say(conv.id, "How much is the classic package for 12 adults?");
    const item = await offeredItem(first);
    expect(item, first).toBeDefined();
    const before = Number(first.match(/\$([\d,]+\.\d\d)/)![1]!.replace(/,/g, ""));

    const yes = await say(conv.id, "yes please");
    expect(yes).toMatch(new RegExp(`^Done, I've added [^\\n]*${item!.name}`, "i"));
    expect(yes).not.toMatch(/One idea/);
    // The total said is the old one plus the item for 12 (the menu's price, not the reply's).
    const after = [...yes.matchAll(/\$([\d,]+\.\d\d)/g)].map((m) =>
      Number(m[1]!.replace(/,/g, "")),
    );
    const added = (item!.priceCents * 12) / 100;
    expect(
      after.some((x) => Math.abs(x - (before + added)) < 0.01),
      yes,
    ).toBe(true);

    await say(conv.id, "Hold Saturday December 19 at 5pm, zip 95125");
    const hold = await latestChatHold();
    expect(hold).not.toBeNull();
    const lines = await linesOf(hold!.id);
    expect(
      lines.find((l) => l.label.toLowerCase().includes(item!.name.toLowerCase())),
    ).toBeTruthy();
    expect((await eventsOf(conv.id)).map((e) => e.outcome)).toEqual(["SHOWN", "ACCEPTED"]);
    // A second yes adds nothing more.
    const again = await say(conv.id, "yes");
    expect(again).not.toMatch(/I've added/);
    expect((await eventsOf(conv.id)).map((e) => e.outcome)).toEqual(["SHOWN", "ACCEPTED"]);
  });

  it("a yes after the hold moves the hold to it (one hold, the item on it)", async () => {
    const conv = await env.t.db.conversation.create({ data: { visitorId: "v-rec-yes-2" } });
    const held = await say(
      conv.id,
      "Hold Sunday December 20 at 5pm for 12 adults, classic package, zip 95125",
    );
    const item = await offeredItem(held);
    expect(item, held).toBeDefined();
    const hold = await latestChatHold();
    const yes = await say(conv.id, "sure, add it");
    expect(yes).toMatch(/^Done, I've added/);
    const after = await env.t.db.booking.findMany({
      where: { status: "HELD", source: "CHAT", startsAt: hold!.startsAt },
    });
    expect(after.map((b) => b.id)).toEqual([hold!.id]);
    const lines = await linesOf(hold!.id);
    expect(
      lines.find((l) => l.label.toLowerCase().includes(item!.name.toLowerCase())),
    ).toBeTruthy();
  });

  it("keeps the allergies and diets the chat heard on its hold, for staff and the finish page", async () => {
    const conv = await env.t.db.conversation.create({ data: { visitorId: "v-rec-diet-1" } });
    await say(
      conv.id,
      "Classic for 10 adults, my son has a peanut allergy and 2 of us are vegetarian",
    );
    await say(conv.id, "Hold Saturday December 26 at 5pm, zip 95125");
    const hold = await latestChatHold();
    expect(hold?.adults).toBe(10);
    const profile = hold!.dietaryProfile as {
      avoid: { value: string; guests: number | null }[];
      diets: { value: string; guests: number | null }[];
    };
    expect(profile.avoid.map((a) => a.value)).toContain("peanuts");
    expect(profile.diets).toContainEqual({ value: "vegetarian", guests: 2 });
    // Heard after the hold: joins it.
    await say(conv.id, "oh and one guest can't have shellfish");
    const later = await env.t.db.booking.findUniqueOrThrow({ where: { id: hold!.id } });
    expect(
      (later.dietaryProfile as { avoid: { value: string }[] }).avoid.map((a) => a.value),
    ).toEqual(expect.arrayContaining(["peanuts", "shellfish"]));
  });
});

describe("the chat's suggestion after what is said since (attack round 2)", () => {
  const extrasOfHold = async (id: string) =>
    (
      (await env.t.db.booking.findUniqueOrThrow({ where: { id } })).selection as {
        extras?: Record<string, number>;
      }
    ).extras ?? {};
  const holdOf = async (conversationId: string) => {
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    const id = (conv.memory as { hold?: { id: string } } | null)?.hold?.id;
    return id ? env.t.db.booking.findUniqueOrThrow({ where: { id } }) : null;
  };

  it("an allergy said after the offer takes it back: a yes then adds nothing (H1)", async () => {
    const conv = await env.t.db.conversation.create({ data: { visitorId: "v-rec-r2-h1" } });
    const first = await say(conv.id, "How much is the classic package for 12 adults?");
    expect(first).toMatch(/One idea: Add vegetable spring rolls/);
    const allergy = await say(conv.id, "my son is allergic to wheat");
    expect(allergy).toMatch(
      /Scratch my earlier idea: vegetable spring rolls \(contains wheat\) isn't safe for your party/,
    );
    const yes = await say(conv.id, "yes");
    expect(yes).not.toMatch(/I've added/);
    expect((await eventsOf(conv.id)).map((e) => e.outcome)).toEqual(["SHOWN"]);
  });

  it("a yes to another question asked since is not a yes to the offer (M1)", async () => {
    const conv = await env.t.db.conversation.create({ data: { visitorId: "v-rec-r2-m1" } });
    expect(await say(conv.id, "How much is the classic package for 12 adults?")).toMatch(
      /One idea/,
    );
    await say(conv.id, "Can I bring my own drinks?");
    expect(await say(conv.id, "sure")).not.toMatch(/I've added/);
    expect((await eventsOf(conv.id)).map((e) => e.outcome)).toEqual(["SHOWN"]);
  });

  it("a dish taken for every guest follows the party, up and down (M2)", async () => {
    const conv = await env.t.db.conversation.create({ data: { visitorId: "v-rec-r2-m2" } });
    const held = await say(
      conv.id,
      "Hold Monday December 21 at 5pm for 12 adults, classic package, zip 95125",
    );
    expect(held).toMatch(/One idea: Add vegetable spring rolls/);
    expect(await say(conv.id, "yes please")).toMatch(/^Done, I've added vegetable spring rolls/);
    const hold = (await holdOf(conv.id))!;
    expect(await extrasOfHold(hold.id)).toEqual({ "vegetable-spring-rolls": 12 });
    const grown = await say(conv.id, "actually we are 20 adults");
    expect(grown).toMatch(/20 guests/);
    expect(await extrasOfHold(hold.id)).toEqual({ "vegetable-spring-rolls": 20 });
    const shrunk = await say(conv.id, "sorry, only 8 adults");
    expect(shrunk).not.toMatch(/at most 8 servings/);
    expect(await extrasOfHold(hold.id)).toEqual({ "vegetable-spring-rolls": 8 });
  });

  it("an allergy said after a yes is pointed out, once, with how to take the dish off (M4)", async () => {
    const conv = await env.t.db.conversation.create({ data: { visitorId: "v-rec-r2-m4" } });
    await say(conv.id, "Hold Tuesday December 22 at 5pm for 12 adults, classic package, zip 95125");
    expect(await say(conv.id, "yes")).toMatch(/I've added vegetable spring rolls/);
    const soy = await say(conv.id, "oh wait, one guest is allergic to soy");
    expect(soy).toMatch(
      /Heads-up: vegetable spring rolls, which I added \(contains soy\), isn't safe for your party\. You can take it off on the finish page, or tell me "remove the vegetable spring rolls"/,
    );
    expect(await say(conv.id, "ok thanks")).not.toMatch(/Heads-up/);
    const removed = await say(conv.id, "remove the vegetable spring rolls");
    const hold = (await holdOf(conv.id))!;
    expect(await extrasOfHold(hold.id), removed).toEqual({});
  });
});
