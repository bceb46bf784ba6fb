import { z } from "zod";
import { handledBy } from "../../chat/handoff";
import { chatParticipant } from "../access";
import { defineOperation } from "../define";
import { chatMessageView, participantMessage } from "./conversation";

/**
 * What a person of our team wrote in the caller's conversation after one of its messages (oldest
 * first), and who is on the chat now: the open chat's live feed of staff replies (the
 * /api/chat/updates stream, and its polling fallback). A message of someone else's conversation
 * is NOT_FOUND: its existence isn't told.
 */
export const getChatUpdatesOp = defineOperation({
  name: "getChatUpdates",
  kind: "query",
  summary: "Replies from our staff in the caller's chat after a given message, oldest first.",
  input: z.object({ after: z.string().min(1).max(64) }),
  access: chatParticipant,
  async run(ctx, input, participant) {
    const since = await participantMessage(ctx.db, participant, input.after);
    const rows = await ctx.db.chatMessage.findMany({
      where: {
        conversationId: since.conversation.id,
        role: "STAFF",
        createdAt: { gte: since.createdAt },
        id: { not: since.id },
      },
      orderBy: { createdAt: "asc" },
      take: 50,
    });
    return {
      messages: rows.map(chatMessageView),
      handledBy: await handledBy(ctx.db, since.conversation, ctx.now()),
    };
  },
});
