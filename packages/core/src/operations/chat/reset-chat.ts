import { chatParticipant } from "../access";
import { defineOperation } from "../define";
import { participantWhere } from "./conversation";

/** Starts over: closes the caller's open conversation (the next message opens a new one). */
export const resetChatOp = defineOperation({
  name: "resetChat",
  kind: "mutation",
  summary: "Start the chat over: closes the caller's open conversation.",
  access: chatParticipant,
  async run(ctx, _input, participant) {
    await ctx.db.conversation.updateMany({
      where: { ...participantWhere(participant), status: "OPEN" },
      data: { status: "CLOSED" },
    });
    return { ok: true };
  },
});
