import { z } from "zod";
import type { Db } from "@myhibachi/db";
import { createHold, moveHold } from "../../booking/create-hold";
import { isAppError } from "../../errors";
import {
  dateString,
  guestCountSchema,
  guestsSchema,
  idSchema,
  offerCodeSchema,
  postalCodeSchema,
  startMinuteSchema,
} from "../../schemas";
import { chatParticipant } from "../access";
import { defineOperation } from "../define";
import { withCodeGuessLimit } from "../booking/deps";
import { participantKey } from "../chat/conversation";

export const createChatHoldInput = z.object({
  /** One hold per key and chat participant (e.g. the message that asked): a retry returns it. */
  idempotencyKey: z.string().min(8, "Missing request id.").max(200),
  date: dateString,
  startMinute: startMinuteSchema,
  guests: guestCountSchema,
  /** Of the guests, how many are children (12 and under). */
  children: guestsSchema.shape.children.unwrap().optional(),
  /** The package asked for (default: the first on sale). */
  packageSlug: z.string().trim().min(1).max(60).optional(),
  /** Upgrades (portions) and add-ons by menu slug, with counts. */
  items: z
    .record(z.string().max(60), z.number().int().min(0).max(500))
    .refine((r) => Object.keys(r).length <= 30, "Too many items.")
    .optional(),
  postalCode: postalCodeSchema,
  /**
   * This participant's earlier hold to move instead of holding a second time (a change after
   * "hold it"). When it was finished or expired, a new hold is made.
   */
  replacesHoldId: idSchema.optional(),
  /** A single-use offer code the customer gave ("SAVE-..."): priced as a line, taken by the hold. */
  offerCode: offerCodeSchema.optional(),
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
    const origin = await holdOrigin(ctx.db, participant.visitorId);
    const party = {
      date: input.date,
      startMinute: input.startMinute,
      guests: input.guests,
      ...(input.children !== undefined ? { children: input.children } : {}),
      ...(input.packageSlug ? { packageSlug: input.packageSlug } : {}),
      ...(input.items ? { items: input.items } : {}),
      postalCode: input.postalCode,
      userId: participant.userId,
      ...origin,
      ...(input.offerCode ? { offerCode: input.offerCode } : {}),
    };
    const deps = { cache: ctx.cache, now: ctx.now, payments: ctx.payments };
    // A phone or text thread: one open hold per number. A new call or thread from a number with
    // one moves it (told "I've moved your hold"), never holds a second party beside it.
    const phone = origin.source !== "CHAT" ? origin.contactPhone : undefined;
    const now = ctx.now();
    const samePhone = phone ? await openPhoneHold(ctx.db, phone, now) : null;
    const move = async (bookingId: string, holderKeyPrefix: string) => {
      try {
        return await moveHold(ctx.db, { ...party, bookingId, holderKeyPrefix }, deps);
      } catch (err) {
        if (!isAppError(err) || err.code !== "NOT_FOUND") throw err;
        return null;
      }
    };
    const target = input.replacesHoldId ?? samePhone?.id;
    let hold =
      target === undefined
        ? null
        : await move(target, samePhone?.id === target ? samePhone.idempotencyKey : `chat:${who}:`);
    // The conversation's own hold is gone (finished, expired) but the number has another.
    if (!hold && samePhone && target !== samePhone.id)
      hold = await move(samePhone.id, samePhone.idempotencyKey);
    try {
      hold ??= await withCodeGuessLimit(ctx, input.offerCode, () =>
        createHold(
          ctx.db,
          {
            ...party,
            // Scoped to the participant: nobody else's retry can return this hold (and its link).
            idempotencyKey: `chat:${who}:${input.idempotencyKey}`,
            client: { ip: ctx.caller.address, key: who },
          },
          deps,
        ),
      );
    } catch (err) {
      // Two calls from one number at once: the database keeps one open hold per number (a
      // partial unique index), so the one that lost moves the one that won.
      const won = phone ? await openPhoneHold(ctx.db, phone, now) : null;
      if (!won) throw err;
      hold = await move(won.id, won.idempotencyKey);
      if (!hold) throw err;
    }
    const moved = (!!target && hold.id === target) || hold.id === samePhone?.id;
    return {
      id: hold.id,
      code: hold.code,
      token: hold.accessToken,
      status: hold.status,
      holdExpiresAt: hold.holdExpiresAt,
      replayed: hold.replayed,
      moved,
      totalCents: hold.totalCents,
      depositCents: hold.depositCents,
    };
  },
});

/**
 * Where a hold is made: a phone call (`call:<CallSid>`) or a text thread (`sms:<number>`) says so,
 * with the caller's number (staff can call back); else the chat.
 */
async function holdOrigin(
  db: Db,
  visitorId: string | null,
): Promise<{ source: "CHAT" | "PHONE" | "SMS"; contactPhone?: string }> {
  const channel = visitorId?.startsWith("call:")
    ? "PHONE"
    : visitorId?.startsWith("sms:")
      ? "SMS"
      : null;
  if (!channel) return { source: "CHAT" };
  const c = await db.conversation.findFirst({
    where: { visitorId: visitorId! },
    select: { phone: true },
    orderBy: { createdAt: "desc" },
  });
  return { source: channel, ...(c?.phone ? { contactPhone: c.phone } : {}) };
}

/**
 * The open hold made by phone or text from this number (its contact phone), if any: the one
 * hold a number may have while it is not finished.
 */
async function openPhoneHold(db: Db, contactPhone: string, now: Date) {
  return db.booking.findFirst({
    where: {
      contactPhone,
      status: "HELD",
      customerId: null,
      source: { in: ["PHONE", "SMS"] },
      holdExpiresAt: { gt: now },
    },
    select: { id: true, idempotencyKey: true },
    orderBy: { createdAt: "desc" },
  });
}
