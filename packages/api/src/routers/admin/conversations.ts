// Staff: chats the assistant handed off (asked for a person, complaint, frustration over the
// threshold), their transcripts, and marking them handled.
import { z } from "zod";
import { TRPCError } from "@trpc/server";
import type { Db } from "@myhibachi/db";
import { router, staffProcedure } from "../../trpc";

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

export const conversationsAdminRouter = router({
  flagged: staffProcedure
    .input(
      z.object({ includeHandled: z.boolean().default(false) }).default({ includeHandled: false }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.conversation.findMany({
        where: input.includeHandled ? { flaggedAt: { not: null } } : { status: "HANDOFF" },
        orderBy: { flaggedAt: "desc" },
        take: 100,
        include: {
          messages: { where: { role: "USER" }, orderBy: { createdAt: "desc" }, take: 1 },
          _count: { select: { messages: true } },
        },
      });
      const who = await whoByUserId(
        ctx.db,
        rows.map((r) => r.userId),
      );
      return rows.map((c) => {
        return {
          id: c.id,
          status: c.status,
          flaggedAt: c.flaggedAt,
          flagReason: c.flagReason,
          frustration: c.frustration,
          lastMessageAt: c.lastMessageAt,
          messageCount: c._count.messages,
          lastUserMessage: c.messages[0]?.content ?? null,
          who: (c.userId && who.get(c.userId)) || "Anonymous visitor",
        };
      });
    }),

  transcript: staffProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .query(async ({ ctx, input }) => {
      const c = await ctx.db.conversation.findUnique({
        where: { id: input.id },
        include: { messages: { orderBy: { createdAt: "asc" }, take: 500 } },
      });
      if (!c)
        throw new TRPCError({ code: "NOT_FOUND", message: "That conversation doesn't exist." });
      const who = await whoByUserId(ctx.db, [c.userId]);
      return {
        id: c.id,
        status: c.status,
        flaggedAt: c.flaggedAt,
        flagReason: c.flagReason,
        frustration: c.frustration,
        memory: c.memory,
        who: (c.userId && who.get(c.userId)) || "Anonymous visitor",
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
    }),

  markHandled: staffProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .mutation(async ({ ctx, input }) => {
      const n = await ctx.db.conversation.updateMany({
        where: { id: input.id, status: "HANDOFF" },
        data: { status: "OPEN", frustration: 0 },
      });
      if (n.count === 0) {
        const exists = await ctx.db.conversation.findUnique({ where: { id: input.id } });
        if (!exists)
          throw new TRPCError({ code: "NOT_FOUND", message: "That conversation doesn't exist." });
      } else {
        await ctx.db.auditLog.create({
          data: {
            actorId: ctx.user.id,
            action: "conversation.handled",
            entity: "Conversation",
            entityId: input.id,
          },
        });
      }
      return { id: input.id, status: "OPEN" as const };
    }),
});
