// What the chat operations share: whose conversation it is, the open conversation, the message as
// the browser sees it, and the per-address and per-participant message limits.
import type { Db } from "@myhibachi/db";
import { TEAM_NAME } from "../../chat/handoff";
import { AppError } from "../../errors";
import { rateLimiterFor, retryAfterText, type RateRule } from "../../rate-limit";
import type { ChatParticipant } from "../access";
import type { OperationContext } from "../define";

/** Messages one visitor (or signed-in user) may send per minute. */
export const CHAT_VISITOR_LIMIT: RateRule = { name: "chat:visitor", points: 20, windowSeconds: 60 };
/**
 * Messages one IP address may send per minute, whatever cookies it presents: rotating visitor
 * cookies (or accounts) does not buy more model calls. A household or office shares it.
 */
export const CHAT_IP_LIMIT: RateRule = { name: "chat:ip", points: 40, windowSeconds: 60 };

/** The participant's conversations: a visitor's never include one a user owns. */
export function participantWhere(p: ChatParticipant) {
  return p.userId ? { userId: p.userId } : { visitorId: p.visitorId, userId: null };
}

/**
 * One of the participant's messages, with its conversation; someone else's (or none) is
 * NOT_FOUND: its existence isn't told.
 */
export async function participantMessage(db: Db, p: ChatParticipant, messageId: string) {
  const msg = await db.chatMessage.findFirst({
    where: { id: messageId, conversation: participantWhere(p) },
    select: { id: true, createdAt: true, conversation: true },
  });
  if (!msg) throw new AppError("NOT_FOUND", "That message isn't in your conversation.");
  return msg;
}

/** The participant's rate-limit key (also the booking limits' client key for chat holds). */
export const participantKey = (p: ChatParticipant): string =>
  p.userId ? `user:${p.userId}` : `visitor:${p.visitorId}`;

/** The participant's open conversation (most recent), if any. */
export async function activeConversation(db: Db, p: ChatParticipant) {
  return db.conversation.findFirst({
    where: { ...participantWhere(p), status: { in: ["OPEN", "HANDOFF"] } },
    orderBy: { lastMessageAt: "desc" },
  });
}

/** A stored chat message as the chat widget renders it. */
export function chatMessageView(m: {
  id: string;
  role: string;
  content: string;
  status: string;
  replyToId: string | null;
  clientMessageId: string | null;
  cacheStatus: string | null;
  tier: string | null;
  extras: unknown;
  authorName?: string | null;
  createdAt: Date;
}) {
  return {
    id: m.id,
    role: m.role as "USER" | "ASSISTANT" | "STAFF",
    content: m.content,
    /** For a reply from a person: the name the customer sees (first name, or the team). */
    from: m.role === "STAFF" ? (m.authorName ?? TEAM_NAME) : null,
    status: m.status as "PENDING" | "DONE" | "ERROR",
    replyToId: m.replyToId,
    clientMessageId: m.clientMessageId,
    cacheStatus: m.cacheStatus,
    tier: m.tier,
    extras: (m.extras ?? {}) as {
      slots?: { date: string; startMinute: number; label: string; dayLabel: string }[];
      links?: { label: string; href: string }[];
      guests?: number;
    },
    createdAt: m.createdAt,
  };
}
export type ChatMessageView = ReturnType<typeof chatMessageView>;

/** Per address, then per participant: each refused message is a readable 429. */
export async function limitChatMessages(ctx: OperationContext, p: ChatParticipant): Promise<void> {
  const limiter = rateLimiterFor(ctx.cache);
  const address = ctx.caller.address;
  const checks: [RateRule, string][] = [
    ...(address ? [[CHAT_IP_LIMIT, address] as [RateRule, string]] : []),
    [CHAT_VISITOR_LIMIT, participantKey(p)],
  ];
  for (const [rule, key] of checks) {
    const d = await limiter.consume(rule, key);
    if (!d.allowed)
      throw new AppError(
        "TOO_MANY_REQUESTS",
        `You're sending messages very fast. Please wait ${retryAfterText(d.retryAfterSeconds)} and try again.`,
      );
  }
}
