// Staff: chats the assistant handed off (asked for a person, complaint, frustration over the
// threshold), their transcripts, and marking them handled.
import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { router, staffProcedure } from "../../trpc";

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
      const userIds = rows.map((r) => r.userId).filter((x): x is string => !!x);
      const users = userIds.length
        ? await ctx.db.user.findMany({
            where: { id: { in: userIds } },
            select: { id: true, name: true, email: true },
          })
        : [];
      return rows.map((c) => {
        const u = users.find((x) => x.id === c.userId);
        return {
          id: c.id,
          status: c.status,
          flaggedAt: c.flaggedAt,
          flagReason: c.flagReason,
          frustration: c.frustration,
          lastMessageAt: c.lastMessageAt,
          messageCount: c._count.messages,
          lastUserMessage: c.messages[0]?.content ?? null,
          who: u ? `${u.name} <${u.email}>` : "Anonymous visitor",
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
      const user = c.userId
        ? await ctx.db.user.findUnique({
            where: { id: c.userId },
            select: { name: true, email: true },
          })
        : null;
      return {
        id: c.id,
        status: c.status,
        flaggedAt: c.flaggedAt,
        flagReason: c.flagReason,
        frustration: c.frustration,
        memory: c.memory,
        who: user ? `${user.name} <${user.email}>` : "Anonymous visitor",
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
