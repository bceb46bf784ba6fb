import { z } from "zod";
import { createHold } from "../../booking/create-hold";
import { dateString, guestCountSchema, postalCodeSchema, startMinuteSchema } from "../../schemas";
import { chatParticipant } from "../access";
import { defineOperation } from "../define";
import { participantKey } from "../chat/conversation";

export const createChatHoldInput = z.object({
  /** One hold per key and chat participant (e.g. the message that asked): a retry returns it. */
  idempotencyKey: z.string().min(8, "Missing request id.").max(200),
  date: dateString,
  startMinute: startMinuteSchema,
  guests: guestCountSchema,
  postalCode: postalCodeSchema,
});

/**
 * Holds a start time for a chat participant for a few minutes (the assistant's booking step): a
 * HELD booking with no contact yet, finished through the link (`getChatHold`/`finishChatHold`).
 * The same limits as a booking on the site: per address, per chat participant.
 */
export const createChatHoldOp = defineOperation({
  name: "createChatHold",
  kind: "mutation",
  summary: "Hold a start time from the chat for a few minutes; the link finishes the booking.",
  input: createChatHoldInput,
  access: chatParticipant,
  async run(ctx, input, participant) {
    const who = participantKey(participant);
    const hold = await createHold(
      ctx.db,
      {
        // Scoped to the participant: nobody else's retry can return this hold (and its link).
        idempotencyKey: `chat:${who}:${input.idempotencyKey}`,
        date: input.date,
        startMinute: input.startMinute,
        guests: input.guests,
        postalCode: input.postalCode,
        userId: participant.userId,
        client: { ip: ctx.caller.address, key: who },
      },
      { cache: ctx.cache, now: ctx.now },
    );
    return {
      id: hold.id,
      code: hold.code,
      token: hold.accessToken,
      status: hold.status,
      holdExpiresAt: hold.holdExpiresAt,
      replayed: hold.replayed,
    };
  },
});
