import { handledBy } from "../../chat/handoff";
import { chatParticipant } from "../access";
import { defineOperation } from "../define";
import { activeConversation, chatMessageView } from "./conversation";

/** The caller's open conversation and its newest 60 messages (oldest first). */
export const getChatHistoryOp = defineOperation({
  name: "getChatHistory",
  kind: "query",
  summary: "The caller's open chat conversation and its latest 60 messages.",
  access: chatParticipant,
  async run(ctx, _input, participant) {
    const conv = await activeConversation(ctx.db, participant);
    if (!conv) return { conversation: null, messages: [] };
    const rows = await ctx.db.chatMessage.findMany({
      where: { conversationId: conv.id },
      orderBy: { createdAt: "desc" },
      take: 60,
    });
    return {
      conversation: {
        id: conv.id,
        status: conv.status,
        /** The person answering this chat now (the assistant is quiet), or null. */
        handledBy: await handledBy(ctx.db, conv, ctx.now()),
      },
      messages: rows.reverse().map(chatMessageView),
    };
  },
});
