// Hand-off that reaches a person (issue 11, point 6), through the customer and admin routers with
// the real worker: an anonymous visitor handed to staff is asked for an email or phone and what
// they give is stored (junk is refused); staff reply inside the chat and the customer's
// conversation has it at once (stored, announced on Redis, served to the owner only) while the
// assistant stays quiet; marking it handled emails the transcript exactly once per hand-off.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatChannel } from "@myhibachi/ai";
import { listOutbox } from "@myhibachi/core";
import { createRedis, enqueue } from "@myhibachi/jobs";
import type { OutgoingEmail } from "../../apps/worker/src/mailer";
import { emailSend } from "../../apps/worker/src/processors/email-send";
import { startWorkers, type WorkerPool } from "../../apps/worker/src/workers";
import type { Processors } from "../../apps/worker/src/context";
import { NOW, setupAi, signedInCustomer, visitor, type AiEnv } from "./ai-support";
import { REDIS_URL } from "./helpers";

let env: AiEnv;
let staff: ReturnType<AiEnv["staff"]>;
const sam = { id: "staff-sam", email: "sam@fixture.test", name: "Sam Rivera" };
/** What reached the SMTP boundary (the outside service), in order. */
const delivered: OutgoingEmail[] = [];
let mailPool: WorkerPool;

beforeAll(async () => {
  env = await setupAi();
  await env.t.db.user.create({ data: { ...sam, role: "STAFF", emailVerified: true } });
  staff = env.staff(sam);
  // The real email.send processor on the real queue; only the SMTP server is replaced.
  const queueRedis = createRedis(REDIS_URL, "queue");
  mailPool = startWorkers({
    connection: queueRedis,
    prefix: env.prefix,
    processors: { "email.send": emailSend } as unknown as Processors,
    deps: {
      db: env.t.db,
      mailer: { mode: "smtp", send: async (m) => void delivered.push(m), close() {} },
      log: { info: () => {}, error: () => {} },
      now: () => NOW,
    },
    queues: ["email"],
  });
});
afterAll(async () => {
  await mailPool?.close(2_000);
  await env?.closeAll();
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  );

const conversation = (id: string) => env.t.db.conversation.findUniqueOrThrow({ where: { id } });

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>) {
  const end = Date.now() + 15_000;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The menu's vegetarian protein, from the database (lower case). */
const vegetarianProtein = async () =>
  (
    await env.t.db.menuItem.findFirstOrThrow({
      where: { active: true, kind: "PROTEIN", dietaryTags: { has: "vegetarian" } },
    })
  ).name.toLowerCase();

/** An anonymous visitor whose chat was handed to staff after asking for a person. */
async function handedOff() {
  const v = env.customer({ visitorId: visitor() });
  await env.ask(v, "hi");
  const asked = await env.ask(v, "can I talk to a real person please");
  return { v, asked };
}

describe("a person can get back to an anonymous visitor", () => {
  it("asks for an email or phone when handing off, refuses junk, stores a real one", async () => {
    const { v, asked } = await handedOff();
    expect(asked.content).toMatch(/email address or phone number/);
    let conv = await conversation(asked.conversationId);
    expect(conv.status).toBe("HANDOFF");
    expect(conv.contactAskAt).not.toBeNull();

    for (const junk of ["jane@", "555-12", "jane at gmail dot com"]) {
      const r = await env.ask(v, junk);
      expect(r.content, junk).toMatch(/doesn't look like an email address or phone number/);
    }
    conv = await conversation(asked.conversationId);
    expect([conv.contactEmail, conv.contactPhone]).toEqual([null, null]);

    const given = await env.ask(v, "sure, it's Jane.Doe@Example.com");
    expect(given.content).toContain("jane.doe@example.com");
    conv = await conversation(asked.conversationId);
    expect(conv.contactEmail).toBe("jane.doe@example.com");
    expect(conv.contactPhone).toBeNull();

    // Not asked twice in the same chat.
    const again = await env.ask(v, "I want to speak to a manager");
    expect(again.content).not.toMatch(/email address or phone number/);
  });

  it("reads a phone number in any usual form, and one given with the request itself", async () => {
    const { v, asked } = await handedOff();
    await env.ask(v, "you can reach me at (408) 555-0134");
    expect((await conversation(asked.conversationId)).contactPhone).toBe("(408) 555-0134");

    const w = env.customer({ visitorId: visitor() });
    const r = await env.ask(w, "I want to talk to a manager, call me at 408.555.0101");
    expect(r.content).toContain("(408) 555-0101");
    expect(r.content).not.toMatch(/what's the best email address or phone number/);
    const conv = await conversation(r.conversationId);
    expect([conv.status, conv.contactPhone]).toEqual(["HANDOFF", "(408) 555-0101"]);
  });

  it("a visitor who'd rather not is fine, and other questions are still answered", async () => {
    const { v, asked } = await handedOff();
    const no = await env.ask(v, "no thanks");
    expect(no.content).toMatch(/reply right here in this chat/);
    const menu = await env.ask(v, "do you serve vegetarians?");
    expect(menu.content.toLowerCase()).toContain(await vegetarianProtein());
    const conv = await conversation(asked.conversationId);
    expect([conv.contactEmail, conv.contactPhone]).toEqual([null, null]);
  });

  it("in Spanish, when the visitor writes Spanish", async () => {
    const v = env.customer({ visitorId: visitor() });
    const r = await env.ask(v, "quiero hablar con una persona, por favor");
    expect(r.content).toMatch(/correo electrónico o número de teléfono/);
    const bad = await env.ask(v, "maria@");
    expect(bad.content).toMatch(/no parece un correo electrónico/);
    const ok = await env.ask(v, "maria@example.com");
    expect(ok.content).toContain("le contactaremos en maria@example.com");
    expect((await conversation(r.conversationId)).contactEmail).toBe("maria@example.com");
  });

  it("a signed-in customer is not asked: their account email is used", async () => {
    const user = await signedInCustomer(env, "Maya");
    const r = await env.ask(env.customer({ user }), "can I talk to a real person please");
    expect(r.content).not.toMatch(/email address or phone number/);
    expect(r.content).toContain(user.email);
    const conv = await conversation(r.conversationId);
    expect([conv.status, conv.contactAskAt, conv.contactEmail]).toEqual(["HANDOFF", null, null]);
    const t = await staff.conversations.transcript({ id: r.conversationId });
    expect(t.contactEmail).toBe(user.email);
  });
});

describe("staff reply inside the conversation", () => {
  it("the customer's conversation has the reply at once, announced live, signed with the staff member's first name", async () => {
    const { v, asked } = await handedOff();
    const sub = createRedis(REDIS_URL, "cache");
    if (sub.status !== "ready") await new Promise((resolve) => sub.once("ready", resolve));
    const heard: string[] = [];
    sub.on("message", (_c: string, payload: string) => heard.push(payload));
    await sub.subscribe(chatChannel(asked.conversationId, env.cache.prefix));
    try {
      const clientMessageId = randomUUID();
      const sent = await staff.conversations.reply({
        id: asked.conversationId,
        text: "Hi, this is Sam. What happened with your booking?",
        clientMessageId,
      });
      // A retried send (same id) is stored once.
      await staff.conversations.reply({
        id: asked.conversationId,
        text: "Hi, this is Sam. What happened with your booking?",
        clientMessageId,
      });
      const rows = await env.t.db.chatMessage.findMany({
        where: { conversationId: asked.conversationId, role: "STAFF" },
      });
      expect(rows.map((r) => [r.id, r.content, r.authorId, r.authorName])).toEqual([
        [sent.id, "Hi, this is Sam. What happened with your booking?", sam.id, "Sam"],
      ]);
      await until("the announcement", async () => heard.length > 0);
      expect(JSON.parse(heard[0]!)).toEqual({ messageId: sent.id });

      // The customer's own chat: in the history and in the live feed after their message.
      const history = await v.chat.history();
      expect(history.messages.at(-1)).toMatchObject({
        id: sent.id,
        role: "STAFF",
        from: "Sam",
        content: "Hi, this is Sam. What happened with your booking?",
      });
      expect(history.conversation?.handledBy).toBe("Sam");
      const feed = await v.chat.updates({ after: asked.messageId });
      expect(feed.messages.map((m) => [m.id, m.from])).toEqual([[sent.id, "Sam"]]);
      expect(feed.handledBy).toBe("Sam");
      expect((await v.chat.updates({ after: sent.id })).messages).toEqual([]);

      // Nobody else reads it.
      const other = env.customer({ visitorId: visitor() });
      expect(await refusal(other.chat.updates({ after: asked.messageId }))).toEqual({
        code: "NOT_FOUND",
        message: "That message isn't in your conversation.",
      });
      const mallory = env.customer({ user: await signedInCustomer(env, "Mallory") });
      expect(await refusal(mallory.chat.updates({ after: sent.id }))).toMatchObject({
        code: "NOT_FOUND",
      });
    } finally {
      sub.disconnect();
    }
  });

  it("while a person is on it the assistant stays quiet; 30 minutes after their last reply it answers again", async () => {
    const { v, asked } = await handedOff();
    await staff.conversations.reply({
      id: asked.conversationId,
      text: "Sam here, looking into it now.",
      clientMessageId: randomUUID(),
    });
    const sent = await v.chat.send({
      text: "thanks, the chef was 2 hours late",
      clientMessageId: randomUUID(),
    });
    expect(sent.reply).toBeNull();
    expect(sent.handledBy).toBe("Sam");
    await sleep(1500); // the worker would have answered by now
    expect(await env.t.db.chatMessage.count({ where: { replyToId: sent.message.id } })).toBe(0);
    const t = await staff.conversations.transcript({ id: asked.conversationId });
    expect(t.messages.at(-1)?.content).toBe("thanks, the chef was 2 hours late");
    expect(t.handledBy).toBe("Sam");

    await env.t.db.conversation.update({
      where: { id: asked.conversationId },
      data: { staffReplyAt: new Date(NOW.getTime() - 31 * 60_000) },
    });
    const later = await env.ask(v, "do you serve vegetarians?");
    expect(later.content.toLowerCase()).toContain(await vegetarianProtein());
  });

  it("bad input is a readable 4xx that writes nothing; a closed chat can't be replied to", async () => {
    const { asked } = await handedOff();
    const before = await env.t.db.chatMessage.count();
    expect(
      await refusal(
        staff.conversations.reply({
          id: asked.conversationId,
          text: "   ",
          clientMessageId: randomUUID(),
        }),
      ),
    ).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Type a reply first."),
    });
    expect(
      await refusal(
        staff.conversations.reply({
          id: "no-such-chat",
          text: "hello",
          clientMessageId: randomUUID(),
        }),
      ),
    ).toEqual({ code: "NOT_FOUND", message: "That conversation doesn't exist." });
    const closed = await env.t.db.conversation.create({
      data: { visitorId: visitor(), status: "CLOSED" },
    });
    expect(
      await refusal(
        staff.conversations.reply({ id: closed.id, text: "hello", clientMessageId: randomUUID() }),
      ),
    ).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/closed this chat/) });
    expect(await env.t.db.chatMessage.count()).toBe(before);
    // The customer's site has no way to write as staff.
    expect(Object.keys(env.customer({ visitorId: visitor() }))).not.toContain("conversations");
  });
});

describe("the transcript is emailed when the chat is marked handled", () => {
  it("exactly once per state of the chat, whatever the retries, without secret links, and it shows in the Outbox", async () => {
    const { v, asked } = await handedOff();
    await env.ask(v, "jane.transcript@example.com");
    await staff.conversations.reply({
      id: asked.conversationId,
      text: "Sorry about that! Your deposit is refunded.",
      clientMessageId: randomUUID(),
    });
    // A link with a token someone pasted never travels by email.
    await v.chat.send({
      text: "ok thanks, I used http://127.0.0.1:3999/bookings/abc?token=supersecrettoken123",
      clientMessageId: randomUUID(),
    });

    // Two staff members (or a double click) at once, then a retry.
    const results = await Promise.all([
      staff.conversations.markHandled({ id: asked.conversationId }),
      staff.conversations.markHandled({ id: asked.conversationId }),
    ]);
    const retry = await staff.conversations.markHandled({ id: asked.conversationId });
    expect(results.map((r) => r.transcriptEmailedTo).sort()).toEqual([
      "jane.transcript@example.com",
      null,
    ]);
    expect(retry.transcriptEmailedTo).toBeNull();

    const key = { startsWith: `chat-transcript:${asked.conversationId}:` };
    const row = await until("the transcript to be sent", () =>
      env.t.db.emailMessage.findFirst({ where: { idempotencyKey: key, status: "SENT" } }),
    );
    // The job delivered again (a BullMQ retry, or the sweep) does not send it twice.
    await enqueue(
      env.queues,
      "email.send",
      { to: row.to, subject: row.subject, text: row.text, idempotencyKey: row.idempotencyKey },
      { jobId: `email.send--again-${row.id}` },
    );
    await sleep(1000);
    expect(await env.t.db.emailMessage.count({ where: { idempotencyKey: key } })).toBe(1);
    const mine = delivered.filter((m) => m.to === "jane.transcript@example.com");
    expect(mine).toHaveLength(1);
    const text = mine[0]!.text;
    expect(text).toContain("can I talk to a real person please");
    expect(text).toContain("Sam (MyHibachi)");
    expect(text).toContain("Sorry about that! Your deposit is refunded.");
    expect(text).not.toContain("supersecrettoken123");
    expect(text).toContain("[link hidden]");

    const outbox = await listOutbox(env.t.db, { to: "jane.transcript@example.com" });
    expect(outbox.items.map((i) => [i.topic, i.subject, i.status])).toEqual([
      ["chat transcript", "Your chat with MyHibachi", "sent"],
    ]);

    // Handed off again later: a new hand-off, a new transcript when it is handled.
    const again = await env.ask(v, "I need to talk to a manager again");
    expect((await conversation(again.conversationId)).status).toBe("HANDOFF");
    await staff.conversations.markHandled({ id: asked.conversationId });
    await until("the second transcript", async () =>
      delivered.filter((m) => m.to === "jane.transcript@example.com").length === 2 ? true : null,
    );
    expect(await env.t.db.emailMessage.count({ where: { idempotencyKey: key } })).toBe(2);
  });

  it("no email known (a phone only), no transcript", async () => {
    const { v, asked } = await handedOff();
    await env.ask(v, "408-555-0177");
    const r = await staff.conversations.markHandled({ id: asked.conversationId });
    expect(r.transcriptEmailedTo).toBeNull();
    expect(
      await env.t.db.emailMessage.count({
        where: { idempotencyKey: { startsWith: `chat-transcript:${asked.conversationId}:` } },
      }),
    ).toBe(0);
  });
});
