import type { Db } from "@myhibachi/db";

/**
 * The customer records a signed-in user may see and act for. None until the account has proved
 * it owns its email (an emailed sign-in link, or the confirmation link opened while signed in):
 * anyone can sign up with someone else's address, and the bookings made with that address are
 * not theirs. Once verified: the records linked to the account and the one with its email. The
 * one place this rule lives: the customer site and the assistant's tools both ask here.
 */
export async function customerIdsForUser(
  db: Db,
  user: { id: string; email: string; emailVerified: boolean } | null,
): Promise<string[]> {
  if (!user?.emailVerified) return [];
  const rows = await db.customer.findMany({
    where: { OR: [{ userId: user.id }, { email: user.email.toLowerCase() }] },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** A signed-in account's access to bookings: its customer records, and whether it may have any. */
export async function bookingAccessForUserId(
  db: Db,
  userId: string | null,
): Promise<{ customerIds: string[]; emailVerified: boolean }> {
  if (!userId) return { customerIds: [], emailVerified: false };
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, emailVerified: true },
  });
  return {
    customerIds: await customerIdsForUser(db, user),
    emailVerified: user?.emailVerified === true,
  };
}

/** The same, from a user id alone (the user's email and verification are read first). */
export async function customerIdsForUserId(db: Db, userId: string | null): Promise<string[]> {
  return (await bookingAccessForUserId(db, userId)).customerIds;
}
