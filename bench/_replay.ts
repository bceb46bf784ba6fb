// One customer message through the assistant as the chat router sends it: the message is
// stored, the web fast path (`replyFromCache`) answers when the answer is cached, else the
// worker's `respond` does. Shared by `pnpm bench ai` and `pnpm bench ai-heldout`.
import { randomBytes } from "node:crypto";
import { Assistant, ResponseCache, type AssistantDeps, type ReplyView } from "@myhibachi/ai";
import { QueryCache } from "@myhibachi/core";
import type { Redis } from "ioredis";
import type { ChatMessage, Conversation, Db } from "@myhibachi/db";

/**
 * The assistant as the benchmarks run it: its data cache and answer cache on `redis` under
 * `prefix` (`<prefix>:ai` for answers), no site URL, the benchmark's clock, no model unless
 * `providers` are given; `more` adds or overrides the rest of its dependencies.
 */
export function benchAssistant(
  db: Db,
  redis: Redis,
  prefix: string,
  now: Date,
  more: Partial<AssistantDeps> = {},
): Assistant {
  return new Assistant({
    db,
    cache: new QueryCache(redis, prefix),
    responses: new ResponseCache(redis, `${prefix}:ai`),
    providers: {},
    siteUrl: "",
    now: () => now,
    ...more,
  });
}

export interface Turn {
  /** The conversation row just before this message was answered (memory, frustration...). */
  before: Conversation;
  message: ChatMessage;
  reply: ReplyView;
  /** Answered on the web fast path (a cache hit costing no worker job). */
  fastPath: boolean;
  /** Fast path: recognise + route + lookup (`lookupMs`); otherwise the worker's whole turn. */
  ms: number;
}

export async function askTurn(
  assistant: Assistant,
  db: Db,
  conversationId: string,
  text: string,
  clientAddress?: string,
): Promise<Turn> {
  const message = await db.chatMessage.create({
    data: {
      conversationId,
      role: "USER",
      content: text,
      clientMessageId: randomBytes(8).toString("hex"),
      ...(clientAddress ? { clientAddress } : {}),
    },
  });
  // As the chat router does: the conversation row and the stored message are at hand.
  const before = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
  const t0 = performance.now();
  const cached = await assistant.replyFromCache(message.id, { message, conversation: before });
  if (cached)
    return {
      before,
      message,
      reply: cached,
      fastPath: true,
      ms: cached.lookupMs ?? performance.now() - t0,
    };
  const t1 = performance.now();
  const reply = await assistant.respond(message.id);
  return { before, message, reply, fastPath: false, ms: performance.now() - t1 };
}

/** Every hold a reply links to ("/book/finish/<booking id>?token=..."). */
export function heldBookingIds(reply: ReplyView): string[] {
  return (reply.extras.links ?? [])
    .filter((l) => l.href.includes("/book/finish/"))
    .map((l) => new URL(l.href, "http://x").pathname.split("/").pop()!);
}
