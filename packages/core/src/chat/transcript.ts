// The transcript of a handed-off chat, emailed to the customer when staff mark it handled. It is
// stored in the Outbox in the same transaction as the change of status, under a key naming the
// conversation and its last message, so it is written once per state of the conversation,
// whatever the retries: a chat handed off again and handled again after more was said gets a new
// one; handling it again with nothing new said sends none.
import type { DbTx } from "@myhibachi/db";
import { formatInstant } from "@myhibachi/shared";
import { LINK_HIDDEN, redactSecrets } from "../messages/redact";
import type { StoredEmail } from "../operations/define";
import { TEAM_NAME } from "./handoff";

/** Idempotency key of the transcript of a conversation up to its message `lastMessageId`. */
export const transcriptKey = (conversationId: string, lastMessageId: string) =>
  `chat-transcript:${conversationId}:${lastMessageId}`;

/**
 * A chat message as it may travel by email: secret links (absolute, or a site path with a token
 * in its query) hidden. Links the assistant attached (hold links) are never part of the text.
 */
export function transcriptSafe(text: string): string {
  return redactSecrets(text).replace(
    /(?:^|(?<=\s))\/[^\s?]*\?[^\s]*\b(?:token|key|code|secret)=[^\s]*/gi,
    LINK_HIDDEN,
  );
}

interface TranscriptMessage {
  id: string;
  role: string;
  content: string;
  status: string;
  authorName: string | null;
  createdAt: Date;
}

/** The email: who said what and when, in the business's time zone. */
export function transcriptEmail(opts: {
  to: string;
  conversationId: string;
  messages: TranscriptMessage[];
  settings: { businessName: string; timeZone: string; phone: string; email: string };
}): StoredEmail {
  const s = opts.settings;
  const first = opts.messages[0]?.createdAt ?? new Date();
  const lines = opts.messages
    .filter((m) => m.status !== "ERROR")
    .map((m) => {
      const who =
        m.role === "USER"
          ? "You"
          : m.role === "STAFF"
            ? `${m.authorName ?? TEAM_NAME} (${s.businessName})`
            : `${s.businessName} assistant`;
      return `${who}, ${formatInstant(m.createdAt, s.timeZone, "shortDayTime")}:\n${transcriptSafe(m.content)}`;
    });
  return {
    to: opts.to,
    subject: `Your chat with ${s.businessName}`,
    text: [
      `Here is your chat with ${s.businessName} from ${formatInstant(first, s.timeZone, "fullDate")}, for your records.`,
      lines.join("\n\n"),
      `Anything else? Call us at ${s.phone} or email ${s.email}, or open the chat on our site again.`,
      `You get this email because this address was given in our chat.`,
    ].join("\n\n"),
    idempotencyKey: transcriptKey(opts.conversationId, opts.messages.at(-1)?.id ?? "-"),
  };
}

/**
 * Stores the transcript email (QUEUED) inside the caller's transaction, once per key: a row that
 * exists already is left as it is. Returns the email to hand to the sender queue after commit.
 */
export async function storeTranscriptEmail(
  tx: DbTx,
  conversationId: string,
  to: string,
): Promise<StoredEmail | null> {
  const settings = await tx.businessSettings.findUnique({ where: { id: 1 } });
  if (!settings) return null;
  const messages = await tx.chatMessage.findMany({
    where: { conversationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true,
      role: true,
      content: true,
      status: true,
      authorName: true,
      createdAt: true,
    },
  });
  if (!messages.length) return null;
  const email = transcriptEmail({ to, conversationId, messages, settings });
  const { count } = await tx.emailMessage.createMany({
    data: [
      {
        idempotencyKey: email.idempotencyKey,
        to: email.to,
        subject: email.subject,
        text: email.text,
      },
    ],
    skipDuplicates: true,
  });
  return count ? email : null;
}
