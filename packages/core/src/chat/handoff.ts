// A handed-off chat reaching a person: who is on it, what the customer sees of them, and how the
// customer can be reached when they leave the page.
//
// While a person is on it the assistant stays quiet: a conversation in HANDOFF whose last staff
// reply is less than STAFF_QUIET_MINUTES old gets no assistant answer, so the customer never gets
// two voices at once (a bot answering while a person is typing). The customer's message is
// stored and shown to staff; the widget says who will answer. After that window (staff stepped
// away without marking it handled) or once staff mark it handled, the assistant answers again.
import type { Db, DbTx } from "@myhibachi/db";

/** Minutes after a staff reply during which the assistant leaves the chat to that person. */
export const STAFF_QUIET_MINUTES = 30;

/** What the customer sees as the author of a staff reply when the account has no name. */
export const TEAM_NAME = "MyHibachi team";

/** The name a customer sees on a staff reply: the staff member's first name. */
export function staffDisplayName(fullName: string | null | undefined): string {
  const first = (fullName ?? "").trim().split(/\s+/)[0] ?? "";
  return first.slice(0, 40) || TEAM_NAME;
}

/** True while a person handles the conversation (the assistant stays quiet). */
export function personOnIt(
  conv: { status: string; staffReplyAt: Date | null },
  now: Date,
): boolean {
  return (
    conv.status === "HANDOFF" &&
    !!conv.staffReplyAt &&
    now.getTime() - conv.staffReplyAt.getTime() < STAFF_QUIET_MINUTES * 60_000
  );
}

/** The name of the person on the conversation now, or null (the assistant answers). */
export async function handledBy(
  db: Db,
  conv: { id: string; status: string; staffReplyAt: Date | null },
  now: Date,
): Promise<string | null> {
  if (!personOnIt(conv, now)) return null;
  const last = await db.chatMessage.findFirst({
    where: { conversationId: conv.id, role: "STAFF" },
    orderBy: { createdAt: "desc" },
    select: { authorName: true },
  });
  return last?.authorName ?? TEAM_NAME;
}

/**
 * The email a transcript goes to: the one the visitor gave in the chat, else the signed-in
 * customer's account email; null when neither is known (a phone number only, or nothing).
 */
export async function transcriptEmailFor(
  db: DbTx,
  conv: { userId: string | null; contactEmail: string | null },
): Promise<string | null> {
  if (conv.contactEmail) return conv.contactEmail;
  if (!conv.userId) return null;
  const user = await db.user.findUnique({ where: { id: conv.userId }, select: { email: true } });
  return user?.email ?? null;
}
