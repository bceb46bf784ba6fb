import { z } from "zod";
import { chatParticipant } from "../access";
import { defineOperation } from "../define";
import { chatMessageView, participantMessage } from "./conversation";

/**
 * The reply to one of the caller's messages once it is stored, else null (the polling fallback of
 * the chat stream). A message of someone else's conversation is NOT_FOUND: its existence isn't told.
 */
export const getChatReplyOp = defineOperation({
  name: "getChatReply",
  kind: "query",
  summary: "The assistant's reply to one of the caller's chat messages, or null while pending.",
  input: z.object({ messageId: z.string().min(1).max(64) }),
  access: chatParticipant,
  async run(ctx, input, participant) {
    const msg = await participantMessage(ctx.db, participant, input.messageId);
    const reply = await ctx.db.chatMessage.findUnique({ where: { replyToId: msg.id } });
    return reply ? chatMessageView(reply) : null;
  },
});
