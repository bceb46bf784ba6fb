import type { Db } from "@myhibachi/db";

/**
 * Who is chatting, established on the server (session or visitor cookie), never from the text.
 * Tools authorize with this and nothing else.
 */
export interface ChatIdentity {
  userId: string | null;
  visitorId: string | null;
}

/** Customer records a signed-in user may see: linked to the account, or by verified email. */
export async function customerIdsForUser(db: Db, userId: string | null): Promise<string[]> {
  if (!userId) return [];
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, emailVerified: true },
  });
  if (!user) return [];
  const rows = await db.customer.findMany({
    where: {
      OR: [{ userId }, ...(user.emailVerified ? [{ email: user.email.toLowerCase() }] : [])],
    },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
