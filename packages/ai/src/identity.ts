import type { Caller } from "@myhibachi/core";
import type { Db } from "@myhibachi/db";

/**
 * Who is chatting, established on the server (session or visitor cookie), never from the text.
 * Tools authorize with this and nothing else.
 */
export interface ChatIdentity {
  userId: string | null;
  visitorId: string | null;
  /** The address the message came from (for per-address booking limits), if known. */
  address?: string | null;
}

/**
 * The chat identity as an operation's caller (surface "assistant"): the signed-in account as it
 * is now (role, whether its email is verified), else the anonymous visitor. Operations called by
 * the tools authorize this caller with their own access rules, as for any other surface.
 */
export async function assistantCaller(db: Db, identity: ChatIdentity): Promise<Caller> {
  const user = identity.userId
    ? await db.user.findUnique({
        where: { id: identity.userId },
        select: { id: true, email: true, name: true, role: true, emailVerified: true },
      })
    : null;
  return {
    user,
    address: identity.address ?? null,
    visitorId: identity.visitorId,
    surface: "assistant",
  };
}
