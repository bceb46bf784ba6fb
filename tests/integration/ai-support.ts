// Shared setup of the AI integration tests (not a test file): a fixture business, the API's
// customer router as a caller, and a real BullMQ worker processing the `ai` queue in-process.
import { randomBytes } from "node:crypto";
import {
  Assistant,
  createAssistant,
  providersFromEnv,
  ResponseCache,
  type AiEnv as ModelEnv,
  type ChatProvider,
  type ToolContext,
  type Tier,
} from "@myhibachi/ai";
import {
  createCallerFactory,
  customerRouter,
  adminRouter,
  signVisitorId,
  type Context,
} from "@myhibachi/api";
import { getCatalog, quoteFor } from "@myhibachi/core";
import { closeQueues, createQueues, createRedis, type Queues } from "@myhibachi/jobs";
import type { Processors, WorkerDeps } from "../../apps/worker/src/context";
import { makeAiReply } from "../../apps/worker/src/processors/ai-reply";
import { startWorkers, type WorkerPool } from "../../apps/worker/src/workers";
import { REDIS_URL, setupEnv, type Env } from "./helpers";

/** Tuesday 2026-11-24 10:00 in Los Angeles: "next Saturday" is 2026-11-28. */
export const NOW = new Date("2026-11-24T18:00:00Z");

export interface AiEnv extends Env {
  queues: Queues;
  assistant: Assistant;
  pool: WorkerPool;
  customer(who: {
    visitorId?: string;
    user?: { id: string; email: string; name: string };
  }): ReturnType<ReturnType<typeof createCallerFactory<typeof customerRouter>>>;
  staff(user: {
    id: string;
    email: string;
    name: string;
  }): ReturnType<ReturnType<typeof createCallerFactory<typeof adminRouter>>>;
  ask(
    caller: ReturnType<AiEnv["customer"]>,
    text: string,
    clientMessageId?: string,
  ): Promise<{
    messageId: string;
    replyId: string;
    content: string;
    cacheStatus: string | null;
    tier: string | null;
    extras: { links?: { href: string }[]; slots?: { date: string; startMinute: number }[] };
    conversationId: string;
    fast: boolean;
  }>;
  /**
   * The answer the assistant gives with NO cache, on a copy of a conversation as it stands (its
   * frame and messages): the independent truth a cached answer must equal.
   */
  answerFresh(conversationId: string, text: string): Promise<string>;
  closeAll(): Promise<void>;
}

export const visitor = () => randomBytes(12).toString("hex");
/** The three paid tiers on an OpenAI-compatible server at `url` (a test's fake). */
export const openAiProviders = (url: string) =>
  providersFromEnv({
    OPENAI_API_KEY: "test-key",
    OPENAI_BASE_URL: url,
    AI_MODEL_SMALL: "gpt-4.1-nano",
    AI_MODEL_MEDIUM: "gpt-4o-mini",
    AI_MODEL_STRONG: "gpt-4o",
  });
const COOKIE_SECRET = "ai-tests-only-cookie-secret-0123456789abcdef";

export async function setupAi(
  opts: {
    providers?: Partial<Record<Tier, ChatProvider>>;
    chefs?: number;
    /** Build the worker's assistant as production does (createAssistant: models from these
     * settings, replies announced and streamed over Redis pub/sub under the test's prefix). */
    modelEnv?: ModelEnv;
    /** Stripe configured: the deposit is paid online (default: everything paid at the event). */
    payOnline?: boolean;
  } = {},
): Promise<AiEnv> {
  const env = await setupEnv({ chefs: opts.chefs ?? 2 });
  const db = env.t.db;
  const queueRedis = createRedis(REDIS_URL, "queue");
  const queues = createQueues(queueRedis, { prefix: env.prefix });
  const assistant = opts.modelEnv
    ? createAssistant({
        db,
        redis: env.redis,
        cache: env.cache,
        cachePrefix: env.prefix,
        env: opts.modelEnv,
        now: () => NOW,
      })
    : new Assistant({
        db,
        cache: env.cache,
        responses: new ResponseCache(env.redis, `${env.prefix}:ai`),
        providers: opts.providers ?? {},
        siteUrl: "",
        now: () => NOW,
        payOnline: !!opts.payOnline,
      });
  const deps = {
    db,
    mailer: {} as WorkerDeps["mailer"],
    log: { info: () => {}, error: () => {} },
    now: () => NOW,
  } satisfies WorkerDeps;
  const aiReply = makeAiReply(async () => ({ assistant, redis: null, ratePerMinute: 0 }));
  const pool = startWorkers({
    connection: queueRedis,
    prefix: env.prefix,
    processors: { "ai.reply": aiReply } as unknown as Processors,
    deps,
    queues: ["ai"],
  });
  const baseCtx = {
    db,
    redis: env.redis,
    cache: env.cache,
    auth: {} as Context["auth"],
    // Emails are stored as the apps store them (the worker isn't needed to read them).
    sendEmail: async (m: { to: string; subject: string; text: string; idempotencyKey: string }) => {
      await db.emailMessage.upsert({
        where: { idempotencyKey: m.idempotencyKey },
        create: { idempotencyKey: m.idempotencyKey, to: m.to, subject: m.subject, text: m.text },
        update: {},
      });
    },
    customerUrl: "http://127.0.0.1:3999",
    cookieSecret: COOKIE_SECRET,
    // The web app knows the worker's model tiers, as production's does (its cache fast path).
    ...(opts.modelEnv ? { aiSettings: opts.modelEnv } : {}),
    now: () => NOW,
    queues,
  };
  const customer: AiEnv["customer"] = (who) =>
    createCallerFactory(customerRouter)({
      ...baseCtx,
      user: who.user ? { ...who.user, role: "CUSTOMER", emailVerified: true } : null,
      headers: new Headers(
        who.visitorId ? { cookie: `mh_vid=${signVisitorId(who.visitorId, COOKIE_SECRET)}` } : {},
      ),
    } as Context);
  const staff: AiEnv["staff"] = (user) =>
    createCallerFactory(adminRouter)({
      ...baseCtx,
      user: { ...user, role: "STAFF", emailVerified: true },
      headers: new Headers(),
    } as Context);
  const ask: AiEnv["ask"] = async (caller, text, clientMessageId) => {
    const sent = await caller.chat.send({ text, clientMessageId: clientMessageId ?? visitor() });
    let reply = sent.reply;
    const fast = !!reply;
    const until = Date.now() + 20_000;
    while (!reply) {
      if (Date.now() > until) throw new Error(`no reply to "${text}" within 20 s`);
      await new Promise((r) => setTimeout(r, 40));
      reply = await caller.chat.reply({ messageId: sent.message.id });
    }
    return {
      messageId: sent.message.id,
      replyId: reply.id,
      content: reply.content,
      cacheStatus: reply.cacheStatus,
      tier: reply.tier,
      extras: reply.extras,
      conversationId: sent.conversationId,
      fast,
    };
  };
  const uncached = new Assistant({
    db,
    cache: env.cache,
    responses: new ResponseCache(null),
    providers: opts.providers ?? {},
    siteUrl: "",
    now: () => NOW,
  });
  const answerFresh: AiEnv["answerFresh"] = async (conversationId, text) => {
    const conv = await db.conversation.findUniqueOrThrow({
      where: { id: conversationId },
      include: { messages: { orderBy: { createdAt: "asc" } } },
    });
    const copy = await db.conversation.create({
      data: {
        visitorId: visitor(),
        memory: (conv.memory ?? undefined) as Prisma.InputJsonValue | undefined,
        frustration: conv.frustration,
      },
    });
    for (const m of conv.messages)
      if (m.role === "USER" || m.role === "ASSISTANT")
        await db.chatMessage.create({
          data: {
            conversationId: copy.id,
            role: m.role,
            content: m.content,
            status: m.status,
            createdAt: m.createdAt,
          },
        });
    const msg = await db.chatMessage.create({
      data: { conversationId: copy.id, role: "USER", content: text, clientMessageId: visitor() },
    });
    return (await uncached.respond(msg.id)).content;
  };
  return {
    ...env,
    queues,
    assistant,
    pool,
    customer,
    staff,
    ask,
    answerFresh,
    async closeAll() {
      await pool.close(2_000);
      await closeQueues(queues);
      const keys = await queueRedis.keys(`${env.prefix}:*`).catch(() => []);
      if (keys.length) await queueRedis.del(...keys);
      queueRedis.disconnect();
      await env.close();
    },
  };
}

export async function signedInCustomer(env: Env, name: string) {
  const db = env.t.db;
  const id = `user-${randomBytes(6).toString("hex")}`;
  const email = `${name.toLowerCase()}-${id}@example.com`;
  await db.user.create({ data: { id, name, email, emailVerified: true } });
  await db.customer.create({ data: { name, email, userId: id, phone: "4085550100" } });
  return { id, email, name };
}

/** The quote engine's total for a party (standard proteins: they cost nothing), written here by
 * hand rather than by the assistant: the independent truth a held or quoted total is checked by. */
export async function expectedTotal(
  env: Env,
  pkgSlug: string,
  adults: number,
  children: number,
  zip: string,
): Promise<number> {
  const db = env.t.db;
  const pkg = await db.package.findUniqueOrThrow({ where: { slug: pkgSlug } });
  const standard = await db.menuItem.findFirstOrThrow({
    where: { kind: "PROTEIN", priceCents: 0, active: true },
  });
  const q = await quoteFor(
    db,
    {
      selection: {
        packageSlug: pkgSlug,
        adults,
        children,
        proteins: { [standard.slug]: (adults + children) * pkg.proteinsPerGuest },
        extras: {},
      },
      postalCode: zip,
    },
    { cache: env.cache },
  );
  return q.totalCents;
}

export { localDateTime } from "./helpers";

/** The tools' context of another visitor's chat at `address` (a turn of its own). */
export async function anotherChatsTools(env: Env, address: string): Promise<ToolContext> {
  return {
    db: env.t.db,
    cache: env.cache,
    catalog: await getCatalog(env.t.db, env.cache),
    now: NOW,
    identity: { userId: null, visitorId: visitor(), address },
    turnKey: `turn-${visitor()}`,
    siteUrl: "",
  };
}
