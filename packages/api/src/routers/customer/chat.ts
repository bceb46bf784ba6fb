// The customer chat: tRPC over the chat operations (core/operations/chat). Messages are stored
// first and answered from the response cache or by the worker; the browser receives the reply
// over SSE (/api/chat/stream, which calls `reply`) or by polling `reply`; replies from our staff
// over SSE (/api/chat/updates, which calls `updates`) or by polling `updates`.
import { operations as op } from "@myhibachi/core";
import { mutationOf, queryOf } from "../../procedure";
import { router } from "../../trpc";

export const chatRouter = router({
  history: queryOf(op.getChatHistory),
  send: mutationOf(op.sendChatMessage),
  reply: queryOf(op.getChatReply),
  updates: queryOf(op.getChatUpdates),
  reset: mutationOf(op.resetChat),
});
