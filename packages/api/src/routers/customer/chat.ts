// The customer chat: messages are stored first (a retried send is stored once), answered from the
// response cache at once when possible, otherwise handed to the worker on the `ai` queue; the
// browser then receives the reply over SSE (/api/chat/stream) or by polling `reply`.
import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { createAssistant, DEFAULT_CACHE_PREFIX, type Assistant } from "@myhibachi/ai";
import { rateLimiterFor, retryAfterText, type QueryCache, type RateRule } from "@myhibachi/core";
import { PG_UNIQUE_VIOLATION, pgErrorCode, type Db } from "@myhibachi/db";
import { enqueue } from "@myhibachi/jobs";
import type { Context } from "../../context";
import { visitorIdFrom } from "../../visitor";
import { publicProcedure, router } from "../../trpc";

/** Messages one visitor (or signed-in user) may send per minute. */
export const CHAT_VISITOR_LIMIT: RateRule = { name: "chat:visitor", points: 20, windowSeconds: 60 };
/**
 * Messages one IP address may send per minute, whatever cookies it presents: rotating visitor
 * cookies (or accounts) does not buy more model calls. A household or office shares it.
 */
export const CHAT_IP_LIMIT: RateRule = { name: "chat:ip", points: 40, windowSeconds: 60 };

/** The query cache's key prefix: the response cache and chat channels live under it too. */
export function cachePrefixOf(cache: QueryCache): string {
  return cache.prefix ?? DEFAULT_CACHE_PREFIX;
}

const assistants = new WeakMap<Db, Assistant>();
function assistantFor(ctx: Context): Assistant {
  let a = assistants.get(ctx.db);
  if (!a) {
    a = createAssistant({
      db: ctx.db,
      redis: ctx.redis,
      cache: ctx.cache,
      cachePrefix: cachePrefixOf(ctx.cache),
      ...(ctx.now ? { now: ctx.now } : {}),
    });
    assistants.set(ctx.db, a);
  }
  return a;
}

export interface ChatOwner {
  userId: string | null;
  visitorId: string | null;
}

export function chatOwner(ctx: Context): ChatOwner {
  if (ctx.user) return { userId: ctx.user.id, visitorId: null };
  const visitorId = visitorIdFrom(ctx.headers, ctx.cookieSecret);
  if (!visitorId)
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message:
        "The chat needs cookies to remember your conversation. Please enable cookies and reload the page.",
    });
  return { userId: null, visitorId };
}

function ownerWhere(o: ChatOwner) {
  return o.userId ? { userId: o.userId } : { visitorId: o.visitorId, userId: null };
}

/** The identity's open conversation (most recent), if any. */
export async function activeConversation(db: Db, o: ChatOwner) {
  return db.conversation.findFirst({
    where: { ...ownerWhere(o), status: { in: ["OPEN", "HANDOFF"] } },
    orderBy: { lastMessageAt: "desc" },
  });
}

function messageView(m: {
  id: string;
  role: string;
  content: string;
  status: string;
  replyToId: string | null;
  clientMessageId: string | null;
  cacheStatus: string | null;
  tier: string | null;
  extras: unknown;
  createdAt: Date;
}) {
  return {
    id: m.id,
    role: m.role as "USER" | "ASSISTANT",
    content: m.content,
    status: m.status as "PENDING" | "DONE" | "ERROR",
    replyToId: m.replyToId,
    clientMessageId: m.clientMessageId,
    cacheStatus: m.cacheStatus,
    tier: m.tier,
    extras: (m.extras ?? {}) as {
      slots?: { date: string; startMinute: number; label: string; dayLabel: string }[];
      links?: { label: string; href: string }[];
      guests?: number;
    },
    createdAt: m.createdAt,
  };
}
export type ChatMessageView = ReturnType<typeof messageView>;

/** Per IP, then per visitor (or user): each refused message is a readable 429. */
async function rateLimit(ctx: Context, o: ChatOwner, ip: string | null): Promise<void> {
  const limiter = rateLimiterFor(ctx.cache);
  const checks: [RateRule, string][] = [
    ...(ip ? [[CHAT_IP_LIMIT, ip] as [RateRule, string]] : []),
    [CHAT_VISITOR_LIMIT, o.userId ? `user:${o.userId}` : `visitor:${o.visitorId}`],
  ];
  for (const [rule, key] of checks) {
    const d = await limiter.consume(rule, key);
    if (!d.allowed)
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `You're sending messages very fast. Please wait ${retryAfterText(d.retryAfterSeconds)} and try again.`,
      });
  }
}

export const chatRouter = router({
  /** The current conversation and its messages (newest 60). */
  history: publicProcedure.query(async ({ ctx }) => {
    const o = chatOwner(ctx);
    const conv = await activeConversation(ctx.db, o);
    if (!conv) return { conversation: null, messages: [] };
    const rows = await ctx.db.chatMessage.findMany({
      where: { conversationId: conv.id },
      orderBy: { createdAt: "desc" },
      take: 60,
    });
    return {
      conversation: { id: conv.id, status: conv.status },
      messages: rows.reverse().map(messageView),
    };
  }),

  send: publicProcedure
    .input(
      z.object({
        text: z
          .string()
          .trim()
          .min(1, "Type a message first.")
          .max(1000, "Please keep messages under 1000 characters."),
        clientMessageId: z.string().min(8, "Missing message id.").max(64),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const o = chatOwner(ctx);
      const address = ctx.clientAddress?.(ctx.headers) ?? null;
      await rateLimit(ctx, o, address);
      let conv = await activeConversation(ctx.db, o);
      conv ??= await ctx.db.conversation.create({
        data: { userId: o.userId, visitorId: o.visitorId },
      });
      let message;
      let created = true;
      try {
        message = await ctx.db.chatMessage.create({
          data: {
            conversationId: conv.id,
            role: "USER",
            content: input.text,
            clientMessageId: input.clientMessageId,
            clientAddress: address,
          },
        });
      } catch (err) {
        if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) throw err;
        created = false;
        message = await ctx.db.chatMessage.findUniqueOrThrow({
          where: {
            conversationId_clientMessageId: {
              conversationId: conv.id,
              clientMessageId: input.clientMessageId,
            },
          },
        });
      }
      if (created)
        await ctx.db.conversation.update({
          where: { id: conv.id },
          data: { lastMessageAt: new Date() },
        });
      const assistant = assistantFor(ctx);
      let reply = await assistant
        .replyFromCache(message.id, created ? { message, conversation: conv } : undefined)
        .catch((err: unknown) => {
          console.error("[chat] cache fast path failed; the worker will answer", err);
          return null;
        });
      if (!reply) {
        const queues = ctx.queues;
        if (!queues) throw new Error("chat: no queues in the API context");
        try {
          await enqueue(queues, "ai.reply", { conversationId: conv.id, messageId: message.id });
        } catch (err) {
          console.error("[chat] could not enqueue; answering in-process", err);
          reply = await assistant.respond(message.id);
        }
      }
      const stored = reply
        ? await ctx.db.chatMessage.findUnique({ where: { id: reply.id } })
        : null;
      return {
        conversationId: conv.id,
        message: messageView(message),
        reply: stored ? messageView(stored) : null,
      };
    }),

  /** The reply to one of the caller's messages, once stored (polling fallback of the stream). */
  reply: publicProcedure
    .input(z.object({ messageId: z.string().min(1).max(64) }))
    .query(async ({ ctx, input }) => {
      const o = chatOwner(ctx);
      const msg = await ctx.db.chatMessage.findUnique({
        where: { id: input.messageId },
        include: { conversation: true },
      });
      const c = msg?.conversation;
      const mine =
        c && (o.userId ? c.userId === o.userId : c.visitorId === o.visitorId && !c.userId);
      if (!msg || !mine)
        throw new TRPCError({
          code: "NOT_FOUND",
          message: "That message isn't in your conversation.",
        });
      const reply = await ctx.db.chatMessage.findUnique({ where: { replyToId: msg.id } });
      return reply ? messageView(reply) : null;
    }),

  /** Starts over: closes the current conversation. */
  reset: publicProcedure.mutation(async ({ ctx }) => {
    const o = chatOwner(ctx);
    await ctx.db.conversation.updateMany({
      where: { ...ownerWhere(o), status: "OPEN" },
      data: { status: "CLOSED" },
    });
    return { ok: true };
  }),
});
