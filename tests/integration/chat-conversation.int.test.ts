// The chat operations through the customer router: a conversation belongs to the visitor cookie
// or the signed-in account that started it, its replies are readable only by them, and starting
// over closes it. (Rate limits: chat-abuse; retries and answers: ai-chat.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupAi, signedInCustomer, visitor, type AiEnv } from "./ai-support";

let env: AiEnv;
beforeAll(async () => {
  env = await setupAi();
});
afterAll(async () => {
  await env?.closeAll();
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  );

describe("whose conversation it is", () => {
  it("a reply is readable by the conversation's owner only", async () => {
    const mine = env.customer({ visitorId: visitor() });
    const asked = await env.ask(mine, "what's on the menu?");
    expect(await mine.chat.reply({ messageId: asked.messageId })).toMatchObject({
      id: asked.replyId,
      role: "ASSISTANT",
    });

    const notFound = { code: "NOT_FOUND", message: "That message isn't in your conversation." };
    const otherVisitor = env.customer({ visitorId: visitor() });
    expect(await refusal(otherVisitor.chat.reply({ messageId: asked.messageId }))).toEqual(
      notFound,
    );
    const someone = env.customer({ user: await signedInCustomer(env, "Mallory") });
    expect(await refusal(someone.chat.reply({ messageId: asked.messageId }))).toEqual(notFound);
    expect(await refusal(mine.chat.reply({ messageId: "no-such-message" }))).toEqual(notFound);
    // Without a chat cookie (and not signed in) there is no conversation to speak of.
    const noCookie = env.customer({});
    expect(await refusal(noCookie.chat.history())).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/needs cookies/),
    });
  });

  it("history shows the owner's conversation; starting over closes it", async () => {
    const id = visitor();
    const me = env.customer({ visitorId: id });
    expect(await me.chat.history()).toEqual({ conversation: null, messages: [] });
    const first = await env.ask(me, "do you serve san jose?");
    const history = await me.chat.history();
    expect(history.conversation?.id).toBe(first.conversationId);
    expect(history.messages.map((m) => [m.role, m.id])).toEqual([
      ["USER", first.messageId],
      ["ASSISTANT", first.replyId],
    ]);
    // Another visitor sees none of it.
    expect(await env.customer({ visitorId: visitor() }).chat.history()).toEqual({
      conversation: null,
      messages: [],
    });

    expect(await me.chat.reset()).toEqual({ ok: true });
    expect(await me.chat.history()).toEqual({ conversation: null, messages: [] });
    const closed = await env.t.db.conversation.findUniqueOrThrow({
      where: { id: first.conversationId },
    });
    expect(closed.status).toBe("CLOSED");
    const next = await env.ask(me, "hello again");
    expect(next.conversationId).not.toBe(first.conversationId);
  });
});
