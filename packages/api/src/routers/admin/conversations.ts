// Staff: chats the assistant handed off, their transcripts, and marking them handled.
import { operations as op } from "@myhibachi/core";
import { mutationOf, queryOf } from "../../procedure";
import { router } from "../../trpc";

export const conversationsAdminRouter = router({
  flagged: queryOf(op.listFlaggedConversations),
  transcript: queryOf(op.getConversationTranscript),
  markHandled: mutationOf(op.markConversationHandled),
});
