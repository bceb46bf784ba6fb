// Staff: chats the assistant handed off (asked for a person, a complaint, frustration over the
// threshold), their transcripts, and marking them handled.
import { z } from "zod";
import type { Db } from "@myhibachi/db";
import { AppError } from "../../errors";
import { idSchema } from "../../schemas";
import { staff } from "../access";
import { defineOperation } from "../define";

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

const who = (names: Map<string, string>, userId: string | null) =>
  (userId && names.get(userId)) || "Anonymous visitor";

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
      who: who(names, c.userId),
    }));
  },
});

export const getConversationTranscriptOp = defineOperation({
  name: "getConversationTranscript",
  kind: "query",
  summary: "One chat with every message (up to 500), who wrote it and how the assistant answered.",
  input: z.object({ id: idSchema }),
  access: staff,
  async run(ctx, input) {
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
      who: who(names, c.userId),
      messages: c.messages.map((m) => ({
        id: m.id,
        role: m.role,
        content: m.content,
        status: m.status,
        intent: m.intent,
        frustration: m.frustration,
        tier: m.tier,
        cacheStatus: m.cacheStatus,
        createdAt: m.createdAt,
      })),
    };
  },
});

export const markConversationHandledOp = defineOperation({
  name: "markConversationHandled",
  kind: "mutation",
  summary: "A person has taken care of a handed-off chat: the assistant answers it again.",
  input: z.object({ id: idSchema }),
  access: staff,
  async run(ctx, input, user) {
    const n = await ctx.db.conversation.updateMany({
      where: { id: input.id, status: "HANDOFF" },
      data: { status: "OPEN", frustration: 0 },
    });
    if (n.count === 0) {
      const exists = await ctx.db.conversation.findUnique({ where: { id: input.id } });
      if (!exists) throw notFound();
    } else {
      await ctx.db.auditLog.create({
        data: {
          actorId: user.id,
          action: "conversation.handled",
          entity: "Conversation",
          entityId: input.id,
        },
      });
    }
    return { id: input.id, status: "OPEN" as const };
  },
});
