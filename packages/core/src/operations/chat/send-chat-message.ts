import { z } from "zod";
import { PG_UNIQUE_VIOLATION, pgErrorCode } from "@myhibachi/db";
import { handledBy } from "../../chat/handoff";
import { chatParticipant } from "../access";
import { defineOperation, type ChatReplies, type OperationContext } from "../define";
import { activeConversation, chatMessageView, limitChatMessages } from "./conversation";

export const sendChatMessageInput = z.object({
  text: z
    .string()
    .trim()
    .min(1, "Type a message first.")
    .max(1000, "Please keep messages under 1000 characters."),
  clientMessageId: z.string().min(8, "Missing message id.").max(64),
});

function repliesOf(ctx: OperationContext): ChatReplies {
  if (!ctx.chat) throw new Error("sendChatMessage: no reply pipeline (ctx.chat) in the context");
  return ctx.chat;
}

/**
 * Stores the caller's message (a retried send with the same client id is stored once), answers
 * it from the response cache at once when possible, else hands it to the worker; when the queue
 * is unreachable it is answered in this process. The browser then receives the reply over the
 * stream or by polling `getChatReply`. While a person handles the chat, the assistant stays quiet
 * (`handledBy` names them) and their reply reaches the browser through `getChatUpdates`.
 */
export const sendChatMessageOp = defineOperation({
  name: "sendChatMessage",
  kind: "mutation",
  summary: "Send a message to the assistant; the reply comes at once when cached, else later.",
  input: sendChatMessageInput,
  access: chatParticipant,
  async run(ctx, input, participant) {
    const chat = repliesOf(ctx);
    await limitChatMessages(ctx, participant);
    let conv = await activeConversation(ctx.db, participant);
    conv ??= await ctx.db.conversation.create({
      data: { userId: participant.userId, visitorId: participant.visitorId },
    });
    let message;
    let created = true;
    try {
      message = await ctx.db.chatMessage.create({
        data: {
          conversationId: conv.id,
          role: "USER",
          content: input.text,
          clientMessageId: input.clientMessageId,
          clientAddress: ctx.caller.address,
        },
      });
    } catch (err) {
      if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) throw err;
      created = false;
      message = await ctx.db.chatMessage.findUniqueOrThrow({
        where: {
          conversationId_clientMessageId: {
            conversationId: conv.id,
            clientMessageId: input.clientMessageId,
          },
        },
      });
    }
    if (created)
      await ctx.db.conversation.update({
        where: { id: conv.id },
        data: { lastMessageAt: ctx.now() },
      });
    // A person is on this chat: the assistant stays quiet and that person answers (chat/handoff.ts).
    const person = await handledBy(ctx.db, conv, ctx.now());
    if (person)
      return {
        conversationId: conv.id,
        message: chatMessageView(message),
        reply: null,
        handledBy: person,
      };
    let reply = await chat
      .fromCache(message.id, created ? { message, conversation: conv } : undefined)
      .catch((err: unknown) => {
        console.error("[chat] cache fast path failed; the worker will answer", err);
        return null;
      });
    if (!reply) {
      try {
        await chat.answerLater(conv.id, message.id);
      } catch (err) {
        console.error("[chat] could not enqueue; answering in-process", err);
        reply = await chat.answerNow(message.id);
      }
    }
    const stored = reply ? await ctx.db.chatMessage.findUnique({ where: { id: reply.id } }) : null;
    return {
      conversationId: conv.id,
      message: chatMessageView(message),
      reply: stored ? chatMessageView(stored) : null,
      handledBy: null,
    };
  },
});
