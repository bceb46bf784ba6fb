// Staff: chats the assistant handed off, their transcripts, replying inside them, and marking
// them handled.
import { operations as op } from "@myhibachi/core";
import { mutationOf, queryOf } from "../../procedure";
import { router } from "../../trpc";

export const conversationsAdminRouter = router({
  flagged: queryOf(op.listFlaggedConversations),
  list: queryOf(op.listConversations),
  transcript: queryOf(op.getConversationTranscript),
  reply: mutationOf(op.replyToConversation),
  markHandled: mutationOf(op.markConversationHandled),
});
