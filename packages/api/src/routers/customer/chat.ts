// The customer chat: messages are stored first (a retried send is stored once), answered from the
// response cache at once when possible, otherwise handed to the worker on the `ai` queue; the
// browser then receives the reply over SSE (/api/chat/stream) or by polling `reply`.
import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { createAssistant, DEFAULT_CACHE_PREFIX, type Assistant } from "@myhibachi/ai";
import type { QueryCache } from "@myhibachi/core";
import { PG_UNIQUE_VIOLATION, pgErrorCode, type Db } from "@myhibachi/db";
import { enqueue } from "@myhibachi/jobs";
import type { Context } from "../../context";
import { publicProcedure, router } from "../../trpc";

export const VISITOR_COOKIE = "mh_vid";
const VISITOR_RE = /^[A-Za-z0-9_-]{16,64}$/;
const MAX_MESSAGES_PER_MINUTE = 20;

/** The visitor id from the httpOnly cookie set by /api/chat/session. */
export function visitorIdFrom(headers: Headers): string | null {
  const raw = headers.get("cookie") ?? "";
  for (const part of raw.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === VISITOR_COOKIE) {
      const id = decodeURIComponent(v.join("="));
      return VISITOR_RE.test(id) ? id : null;
    }
  }
  return null;
}

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
  const visitorId = visitorIdFrom(ctx.headers);
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

async function rateLimit(ctx: Context, o: ChatOwner): Promise<void> {
  const r = ctx.redis;
  if (!r || r.status !== "ready") return;
  const key = `${cachePrefixOf(ctx.cache)}:chat-rate:${o.userId ?? o.visitorId}:${Math.floor(Date.now() / 60_000)}`;
  try {
    const n = await r.incr(key);
    if (n === 1) await r.expire(key, 120);
    if (n > MAX_MESSAGES_PER_MINUTE)
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: "You're sending messages very fast. Please wait a minute and try again.",
      });
  } catch (err) {
    if (err instanceof TRPCError) throw err;
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
      await rateLimit(ctx, o);
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
