import { z } from "zod";
import { defineJob } from "./define";

/** Answer one chat message. One reply per user message (ChatMessage.replyToId is unique). */
export const aiReplyPayload = z.object({
  conversationId: z.string().min(1).max(64),
  messageId: z.string().min(1).max(64),
});

export const aiReply = defineJob({
  queue: "ai",
  schema: aiReplyPayload,
  idempotencyKey: (p) => `ai-reply:${p.messageId}`,
});
