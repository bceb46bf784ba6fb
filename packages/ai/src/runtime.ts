// Wiring shared by the web app (cache fast path) and the worker (full turns): one assistant per
// process, Redis keys derived from the query cache prefix, pub/sub channel per conversation.
import type { Redis } from "ioredis";
import type { Db } from "@myhibachi/db";
import type { QueryCache } from "@myhibachi/core";
import { Assistant, providersFromEnv, type AiEnv } from "./assistant";
import { ResponseCache } from "./response-cache";

export const DEFAULT_CACHE_PREFIX = "myhibachi:qc";

export const responseCachePrefix = (cachePrefix = DEFAULT_CACHE_PREFIX) => `${cachePrefix}:ai`;

/** Redis pub/sub channel on which the worker announces a stored reply. */
export const chatChannel = (conversationId: string, cachePrefix = DEFAULT_CACHE_PREFIX) =>
  `${cachePrefix}:chat:${conversationId}`;

/** Redis pub/sub channel on which the worker streams a model's reply as it is written. */
export const chatPartialChannel = (conversationId: string, cachePrefix = DEFAULT_CACHE_PREFIX) =>
  `${cachePrefix}:chat-partial:${conversationId}`;

export function createAssistant(opts: {
  db: Db;
  redis: Redis | null;
  cache: QueryCache;
  cachePrefix?: string;
  env?: AiEnv;
  siteUrl?: string;
  now?: () => Date;
  /** The deposit is paid online (Stripe configured); else everything is paid at the event. */
  payOnline?: boolean;
  /** The server's secret (AUTH_SECRET): the menu suggestions' arms are drawn with it. */
  armSecret?: string | null;
}): Assistant {
  const prefix = opts.cachePrefix ?? DEFAULT_CACHE_PREFIX;
  const redis = opts.redis;
  return new Assistant({
    db: opts.db,
    cache: opts.cache,
    responses: new ResponseCache(redis, responseCachePrefix(prefix)),
    providers: providersFromEnv(opts.env ?? {}),
    siteUrl: opts.siteUrl ?? "",
    payOnline: !!opts.payOnline,
    menuSuggestions: true,
    armSecret: opts.armSecret ?? null,
    ...(opts.now ? { now: opts.now } : {}),
    publish: async (conversationId, messageId) => {
      if (redis && redis.status === "ready")
        await redis.publish(chatChannel(conversationId, prefix), JSON.stringify({ messageId }));
    },
    publishPartial: async (conversationId, messageId, text) => {
      if (redis && redis.status === "ready")
        await redis.publish(
          chatPartialChannel(conversationId, prefix),
          JSON.stringify({ messageId, text }),
        );
    },
  });
}
