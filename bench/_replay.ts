// One customer message through the assistant as the chat router sends it: the message is
// stored, the web fast path (`replyFromCache`) answers when the answer is cached, else the
// worker's `respond` does. Shared by `pnpm bench ai` and `pnpm bench ai-heldout`.
import { randomBytes } from "node:crypto";
import type { Assistant, ReplyView } from "@myhibachi/ai";
import type { ChatMessage, Conversation, Db } from "@myhibachi/db";

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
