// The assistant's reply pipeline as the chat operations see it (core's `ChatReplies` port): the
// response cache fast path and the in-process answer through the assistant, the hand-off to the
// worker through the `ai` queue.
import { chatChannel, createAssistant, DEFAULT_CACHE_PREFIX, type Assistant } from "@myhibachi/ai";
import type { ChatReplies, OperationContext, QueryCache } from "@myhibachi/core";
import { createOutageLog } from "@myhibachi/shared";
import type { Db } from "@myhibachi/db";
import { enqueue } from "@myhibachi/jobs";
import type { Context } from "./context";

/** The query cache's key prefix: the response cache and chat channels live under it too. */
export function cachePrefixOf(cache: QueryCache): string {
  return cache.prefix ?? DEFAULT_CACHE_PREFIX;
}

/** One assistant per database (process), made on the first chat message. */
const assistants = new WeakMap<Db, Assistant>();
export function assistantFor(
  ctx: Pick<Context, "db" | "redis" | "cache" | "aiSettings" | "payments" | "now" | "cookieSecret">,
): Assistant {
  let a = assistants.get(ctx.db);
  if (!a) {
    a = createAssistant({
      db: ctx.db,
      redis: ctx.redis,
      cache: ctx.cache,
      cachePrefix: cachePrefixOf(ctx.cache),
      // The same model tiers as the worker: the fast path looks answers up under the tier that
      // answers (a model's, when one is configured).
      ...(ctx.aiSettings ? { env: ctx.aiSettings } : {}),
      // The worker's assistant says the same about money (and keys its answers the same way).
      payOnline: !!ctx.payments,
      // The arm of the chat's suggestion session, drawn as the site draws the wizard's.
      armSecret: ctx.cookieSecret,
      ...(ctx.now ? { now: ctx.now } : {}),
    });
    assistants.set(ctx.db, a);
  }
  return a;
}

export function chatReplies(ctx: Context): ChatReplies {
  return {
    fromCache: (messageId, seed) =>
      assistantFor(ctx).replyFromCache(
        messageId,
        seed as Parameters<Assistant["replyFromCache"]>[1],
      ),
    async answerLater(conversationId, messageId) {
      if (!ctx.queues) throw new Error("chat: no queues in the API context");
      await enqueue(ctx.queues, "ai.reply", { conversationId, messageId });
    },
    answerNow: (messageId) => assistantFor(ctx).respond(messageId),
  };
}

/** Announcing a staff reply fails with Redis: one log line per outage. */
const announceOutage = createOutageLog(
  "[chat] announcing a staff reply",
  "the customer's open chat finds it by polling the database",
);

/**
 * Tells the customer's open chat (the customer app's /api/chat/updates stream, any process) that
 * a message was stored in its conversation: the same Redis channel the worker announces replies
 * on. Never throws: the stream polls the database as well.
 */
export function chatAnnouncer(
  ctx: Pick<Context, "redis" | "cache">,
): OperationContext["announceChat"] {
  return async (conversationId, messageId) => {
    const redis = ctx.redis;
    if (!redis || redis.status !== "ready") return;
    try {
      await redis.publish(
        chatChannel(conversationId, cachePrefixOf(ctx.cache)),
        JSON.stringify({ messageId }),
      );
      announceOutage.recovered();
    } catch (err) {
      announceOutage.failed(err);
    }
  };
}
