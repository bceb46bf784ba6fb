// Recovery after Redis (re)connects (called from main.ts): work that requests could not hand to
// the queue, or whose jobs a Redis restart lost, is re-derived from Postgres.
import type { Db } from "@myhibachi/db";
import { enqueue, type Queues } from "@myhibachi/jobs";

/**
 * Sends now every email still QUEUED in Postgres, whatever its age (after a Redis outage: requests
 * could not enqueue them). Safe against jobs for the same rows running at once: the sender sends a
 * key once.
 */
export async function sweepNow(queues: Queues): Promise<void> {
  await enqueue(queues, "email.sweep", { olderThanMs: 0 });
}

/**
 * Queues `ai.reply` again for every customer message of the last hour still without a reply
 * (older than 30 s, so an answer in progress is not raced). Jobs live only in Redis: a Redis that
 * restarted empty lost the waiting ones, but each is re-derived from its message in Postgres. The
 * jobId (one per message) makes this a no-op for jobs Redis still holds.
 */
export async function requeueUnansweredMessages(
  db: Db,
  queues: Queues,
  now = new Date(),
): Promise<number> {
  const rows = await db.$queryRaw<{ id: string; conversationId: string }[]>`
    SELECT m."id", m."conversationId" FROM "ChatMessage" m
    WHERE m."role" = 'USER'
      AND m."createdAt" >= ${new Date(now.getTime() - 3_600_000)}
      AND m."createdAt" < ${new Date(now.getTime() - 30_000)}
      AND NOT EXISTS (SELECT 1 FROM "ChatMessage" r WHERE r."replyToId" = m."id")
    ORDER BY m."createdAt" LIMIT 500`;
  for (const r of rows)
    await enqueue(queues, "ai.reply", { conversationId: r.conversationId, messageId: r.id });
  return rows.length;
}
