// Finishing a booking held from the chat: the link carries the booking id and its secret token.
import { operations as op } from "@myhibachi/core";
import { mutationOf, queryOf } from "../../procedure";
import { router } from "../../trpc";

export const holdRouter = router({
  get: queryOf(op.getChatHold),
  quote: queryOf(op.quoteChatHold),
  finish: mutationOf(op.finishChatHold),
});
