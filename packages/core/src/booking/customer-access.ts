import type { Db } from "@myhibachi/db";

/**
 * The customer records a signed-in user may see and act for: those linked to the account, and
 * those with the account's email once that email is verified (signed in by emailed link). The one
 * place this rule lives: the customer site and the assistant's tools both ask here.
 */
export async function customerIdsForUser(
  db: Db,
  user: { id: string; email: string; emailVerified: boolean } | null,
): Promise<string[]> {
  if (!user) return [];
  const rows = await db.customer.findMany({
    where: {
      OR: [
        { userId: user.id },
        ...(user.emailVerified ? [{ email: user.email.toLowerCase() }] : []),
      ],
    },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** The same, from a user id alone (the user's email and verification are read first). */
export async function customerIdsForUserId(db: Db, userId: string | null): Promise<string[]> {
  if (!userId) return [];
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, emailVerified: true },
  });
  return customerIdsForUser(db, user);
}
