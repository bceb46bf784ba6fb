// Staff: chats the assistant handed off (asked for a person, a complaint, frustration over the
// threshold), their transcripts, replying inside them, and marking them handled (which emails the
// customer the transcript).
import { z } from "zod";
import { PG_UNIQUE_VIOLATION, pgErrorCode, type Db } from "@myhibachi/db";
import { handledBy, personOnIt, staffDisplayName, transcriptEmailFor } from "../../chat/handoff";
import { storeTranscriptEmail } from "../../chat/transcript";
import { AppError } from "../../errors";
import { idSchema } from "../../schemas";
import { staff } from "../access";
import { defineOperation } from "../define";
import { chatMessageView } from "../chat/conversation";
import { staffSmsRoom, staffSmsText } from "../../messages/sms";
import { smsStopped } from "../../campaigns/sms-replies";
import { holdIdOfLink } from "../../phone/conversations";

/** "Name <email>" of each signed-in chatter, by user id (anonymous visitors have none). */
async function whoByUserId(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const userIds = [...new Set(ids.filter((x): x is string => !!x))];
  const users = userIds.length
    ? await db.user.findMany({
        where: { id: { in: userIds } },
        select: { id: true, name: true, email: true },
      })
    : [];
  return new Map(users.map((u) => [u.id, `${u.name} <${u.email}>`]));
}

const who = (
  names: Map<string, string>,
  userId: string | null,
  c?: { channel: string; phone: string | null },
) =>
  (userId && names.get(userId)) ||
  (c?.channel === "VOICE"
    ? `Caller ${c.phone ?? "(number withheld)"}`
    : c?.channel === "SMS"
      ? `Texts from ${c.phone ?? "an unknown number"}`
      : "Anonymous visitor");

/** Where a conversation happened, as staff read it. */
export const CHANNELS = ["CHAT", "VOICE", "SMS"] as const;

const notFound = () => new AppError("NOT_FOUND", "That conversation doesn't exist.");

export const listFlaggedConversationsOp = defineOperation({
  name: "listFlaggedConversations",
  kind: "query",
  summary:
    "Chats waiting for a person (or every flagged one), newest flag first, with the last thing the customer said.",
  input: z
    .object({ includeHandled: z.boolean().default(false) })
    .default({ includeHandled: false }),
  access: staff,
  async run(ctx, input) {
    const rows = await ctx.db.conversation.findMany({
      where: input.includeHandled ? { flaggedAt: { not: null } } : { status: "HANDOFF" },
      orderBy: { flaggedAt: "desc" },
      take: 100,
      include: {
        messages: { where: { role: "USER" }, orderBy: { createdAt: "desc" }, take: 1 },
        _count: { select: { messages: true } },
      },
    });
    const names = await whoByUserId(
      ctx.db,
      rows.map((r) => r.userId),
    );
    return rows.map((c) => ({
      id: c.id,
      status: c.status,
      flaggedAt: c.flaggedAt,
      flagReason: c.flagReason,
      frustration: c.frustration,
      lastMessageAt: c.lastMessageAt,
      messageCount: c._count.messages,
      lastUserMessage: c.messages[0]?.content ?? null,
      who: who(names, c.userId, c),
      channel: c.channel,
      /** A staff member replied recently: the assistant is quiet and that person is on it. */
      personOnIt: personOnIt(c, ctx.now()),
    }));
  },
});

export const listConversationsOp = defineOperation({
  name: "listConversations",
  kind: "query",
  summary:
    "Every conversation with the assistant, newest first: web chats, phone calls and text threads, with the outcome and length of each call.",
  input: z
    .object({
      channel: z.enum(CHANNELS, { error: "Channel is CHAT, VOICE or SMS." }).optional(),
      take: z.number().int().min(1).max(200).default(50),
    })
    .default({ take: 50 }),
  access: staff,
  async run(ctx, input) {
    const rows = await ctx.db.conversation.findMany({
      where: input.channel ? { channel: input.channel } : {},
      orderBy: { lastMessageAt: "desc" },
      take: input.take,
      include: {
        messages: { where: { role: "USER" }, orderBy: { createdAt: "desc" }, take: 1 },
        _count: { select: { messages: true } },
      },
    });
    const names = await whoByUserId(
      ctx.db,
      rows.map((r) => r.userId),
    );
    return rows.map((c) => ({
      id: c.id,
      channel: c.channel,
      status: c.status,
      who: who(names, c.userId, c),
      startedAt: c.createdAt,
      lastMessageAt: c.lastMessageAt,
      endedAt: c.endedAt,
      /** Calls: booked, transferred, message, dropped or completed; null while it goes on. */
      outcome: c.outcome,
      durationSeconds: c.durationSeconds,
      messageCount: c._count.messages,
      lastUserMessage: c.messages[0]?.content ?? null,
      flagReason: c.flagReason,
    }));
  },
});

export const getConversationTranscriptOp = defineOperation({
  name: "getConversationTranscript",
  kind: "query",
  summary:
    "One chat with every message (up to 500), who wrote it, how the assistant answered, and how to reach the customer.",
  input: z.object({ id: idSchema }),
  access: staff,
  async run(ctx, input, user) {
    const c = await ctx.db.conversation.findUnique({
      where: { id: input.id },
      include: { messages: { orderBy: { createdAt: "asc" }, take: 500 } },
    });
    if (!c) throw notFound();
    const names = await whoByUserId(ctx.db, [c.userId]);
    return {
      id: c.id,
      status: c.status,
      flaggedAt: c.flaggedAt,
      flagReason: c.flagReason,
      frustration: c.frustration,
      memory: c.memory,
      who: who(names, c.userId, c),
      channel: c.channel,
      /** Calls: how it ended (booked, transferred, message, dropped, completed) and how long. */
      outcome: c.outcome,
      durationSeconds: c.durationSeconds,
      startedAt: c.createdAt,
      endedAt: c.endedAt,
      /** How to reach the customer: what the visitor gave in the chat, or the account's email. */
      contactEmail: await transcriptEmailFor(ctx.db, c),
      contactPhone: c.contactPhone,
      /** A call's or a text thread's number: where a staff reply is texted (null: withheld). */
      phone: c.phone,
      /** Other numbers the caller had a hold link texted to ("text it to my wife"): not theirs. */
      linkAlsoTextedTo: await linkAlsoTextedTo(ctx.db, c.messages),
      /** That number replied STOP: no reply can be texted to it. */
      textsStopped: c.channel !== "CHAT" && c.phone ? await smsStopped(ctx.db, c.phone) : false,
      /** How long this staff member's reply may be: one text on a call or a thread, else a chat message's limit. */
      replyLimit:
        c.channel === "CHAT"
          ? REPLY_MAX
          : Math.min(
              REPLY_MAX,
              staffSmsRoom(await businessNameOf(ctx.db), staffDisplayName(user.name)),
            ),
      /** The person on the chat now (the assistant is quiet), and their last reply. */
      handledBy: await handledBy(ctx.db, c, ctx.now()),
      staffReplyAt: c.staffReplyAt,
      messages: c.messages.map((m) => ({
        id: m.id,
        role: m.role,
        content: m.content,
        status: m.status,
        intent: m.intent,
        frustration: m.frustration,
        tier: m.tier,
        cacheStatus: m.cacheStatus,
        authorName: m.authorName,
        createdAt: m.createdAt,
      })),
    };
  },
});

/** The other numbers a hold link of these replies was texted to, at the caller's request. */
async function linkAlsoTextedTo(
  db: Pick<Db, "smsMessage">,
  messages: { role: string; extras: unknown }[],
): Promise<string[]> {
  const holds = new Set<string>();
  for (const m of messages) {
    if (m.role !== "ASSISTANT") continue;
    const links = ((m.extras ?? {}) as { links?: { href: string }[] }).links ?? [];
    for (const l of links) {
      const id = holdIdOfLink(l.href);
      if (id) holds.add(id);
    }
  }
  if (!holds.size) return [];
  const sent = await db.smsMessage.findMany({
    where: {
      OR: [...holds].map((id) => ({ idempotencyKey: { startsWith: `hold-link:${id}:to:` } })),
    },
    select: { to: true },
    orderBy: { createdAt: "asc" },
  });
  return [...new Set(sent.map((x) => x.to))];
}

/** A chat reply's longest length (a texted one is shorter: `staffSmsRoom`). */
const REPLY_MAX = 2000;

const businessNameOf = async (db: Pick<Db, "businessSettings">) =>
  (await db.businessSettings.findUnique({ where: { id: 1 }, select: { businessName: true } }))
    ?.businessName ?? "MyHibachi";

export const replyToConversationInput = z.object({
  id: idSchema,
  text: z
    .string()
    .trim()
    .min(1, "Type a reply first.")
    .max(REPLY_MAX, `Please keep a reply under ${REPLY_MAX} characters.`),
  /** Sent by the browser: a retried send is stored once. */
  clientMessageId: z.string().min(8, "Missing message id.").max(64),
});

/**
 * A staff member answers inside the customer's chat. The reply is stored as a STAFF message with
 * the staff member's first name, the chat is marked as handled by them (the assistant stays
 * quiet while they are on it: chat/handoff.ts) and the customer's open chat is told at once. A
 * text-message thread or a phone call has no open chat: the reply is texted to the customer's
 * number (an SmsMessage stored with the reply, once per reply, sent by the worker), unless they
 * replied STOP.
 */
export const replyToConversationOp = defineOperation({
  name: "replyToConversation",
  kind: "mutation",
  summary:
    "Reply inside a customer's chat as a person: the customer's open chat shows it at once and the assistant stays quiet while you are on it.",
  input: replyToConversationInput,
  access: staff,
  async run(ctx, input, user) {
    const now = ctx.now();
    const key = { conversationId: input.id, clientMessageId: input.clientMessageId };
    const stored = async () => {
      const m = await ctx.db.chatMessage.findUnique({
        where: { conversationId_clientMessageId: key },
      });
      // Another message of the chat with this id (the customer's): not this staff reply.
      if (m && m.role !== "STAFF")
        throw new AppError("CONFLICT", "That message id is taken. Please send the reply again.");
      return m;
    };
    let message = await stored();
    /** The key of the text carrying the reply (a thread or a call), to hand to the worker. */
    let texted: string | null = null;
    if (!message) {
      try {
        message = await ctx.db.$transaction(async (tx) => {
          const conv = await tx.conversation.findUnique({ where: { id: input.id } });
          if (!conv) throw notFound();
          if (conv.status === "CLOSED")
            throw new AppError(
              "CONFLICT",
              "The customer closed this chat, so a reply here won't reach them. Use their email or phone instead.",
            );
          const byText = conv.channel !== "CHAT";
          if (byText) {
            if (!conv.phone)
              throw new AppError(
                "CONFLICT",
                "This caller's number is unknown (it was withheld), so a reply can't be texted to them.",
              );
            if (await smsStopped(tx, conv.phone))
              throw new AppError(
                "CONFLICT",
                `${conv.phone} replied STOP to our texts, so a reply can't be texted. Call them instead.`,
              );
          }
          const created = await tx.chatMessage.create({
            data: {
              ...key,
              role: "STAFF",
              content: input.text,
              authorId: user.id,
              authorName: staffDisplayName(user.name),
            },
          });
          if (byText) {
            const business = await businessNameOf(tx);
            const body = staffSmsText(business, staffDisplayName(user.name), input.text);
            const room = staffSmsRoom(business, staffDisplayName(user.name));
            // One text at most (Twilio refuses longer ones), its signature and opt-out counted.
            if (input.text.trim().length > room)
              throw new AppError(
                "BAD_REQUEST",
                `A text can hold ${room.toLocaleString("en-US")} characters of your reply (with your name and the opt-out line); this one has ${input.text.trim().length.toLocaleString("en-US")}. Shorten it, or send it in two replies.`,
              );
            texted = `staff-reply:${created.id}`;
            await tx.smsMessage.create({
              data: { idempotencyKey: texted, to: conv.phone!, body, createdAt: now },
            });
          }
          await tx.conversation.update({
            where: { id: conv.id },
            data: {
              status: "HANDOFF",
              staffUserId: user.id,
              staffReplyAt: now,
              lastMessageAt: now,
              // Writing in a chat that was handled (or never flagged) opens a new hand-off.
              ...(conv.status === "HANDOFF"
                ? {}
                : { flaggedAt: now, flagReason: conv.flagReason ?? "staff wrote to the customer" }),
            },
          });
          await tx.auditLog.create({
            data: {
              actorId: user.id,
              action: "conversation.reply",
              entity: "Conversation",
              entityId: conv.id,
            },
          });
          return created;
        });
      } catch (err) {
        if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) throw err;
        texted = null; // rolled back: the concurrent retry's own call hands its text over
        message = await stored(); // a concurrent retry stored it first
        if (!message) throw err;
      }
    }
    await ctx.announceChat?.(input.id, message.id);
    if (texted) await ctx.sendSms?.(texted);
    return chatMessageView(message);
  },
});

export const markConversationHandledOp = defineOperation({
  name: "markConversationHandled",
  kind: "mutation",
  summary:
    "A person has taken care of a handed-off chat: the assistant answers it again, and the customer gets the transcript by email (once).",
  input: z.object({ id: idSchema }),
  access: staff,
  async run(ctx, input, user) {
    // The change of status and the transcript email commit together, and only the call that
    // made the change stores the email (under a key naming the conversation's last message): a
    // retry, a double click or two staff members at once never send it twice.
    const done = await ctx.db.$transaction(async (tx) => {
      const [conv] = await tx.conversation.updateManyAndReturn({
        where: { id: input.id, status: "HANDOFF" },
        data: { status: "OPEN", frustration: 0 },
      });
      if (!conv) {
        const exists = await tx.conversation.findUnique({ where: { id: input.id } });
        if (!exists) throw notFound();
        return null;
      }
      await tx.auditLog.create({
        data: {
          actorId: user.id,
          action: "conversation.handled",
          entity: "Conversation",
          entityId: input.id,
        },
      });
      const to = await transcriptEmailFor(tx, conv);
      return to ? await storeTranscriptEmail(tx, conv.id, to) : null;
    });
    if (done) await ctx.requeueEmail?.(done, done.idempotencyKey.replaceAll(":", "-"));
    return {
      id: input.id,
      status: "OPEN" as const,
      /** Where the transcript was emailed by this call, or null (no email known, or done before). */
      transcriptEmailedTo: done?.to ?? null,
    };
  },
});
