import Link from "next/link";
import type { Metadata } from "next";
import { formatStamp } from "@myhibachi/shared";
import { flagReasonText } from "~/lib/chat-words";
import { Badge, Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { adminApi, requireStaff } from "~/server/session";

export const metadata: Metadata = { title: "Chats" };
export const dynamic = "force-dynamic";

export default async function ConversationsPage({
  searchParams,
}: {
  searchParams: Promise<{ all?: string }>;
}) {
  await requireStaff();
  const sp = await searchParams;
  const includeHandled = sp.all === "1";
  const api = await adminApi();
  const { timeZone } = await api.bookings.businessToday();
  let error: string | null = null;
  const rows = await api.conversations.flagged({ includeHandled }).catch((e: Error) => {
    error = errorMessage(e);
    return [];
  });
  return (
    <div>
      <h1 className="text-2xl font-bold">Chats handed to staff</h1>
      <p className="mt-1 text-sm text-muted">
        The assistant flags a chat when the customer asks for a person, complains, or gets
        frustrated. Open it and reply right in the chat (the customer sees it at once) or by phone
        or email, then mark it handled: the customer gets the transcript by email.
      </p>
      <p className="mt-2 text-sm">
        <Link className="underline" href="/conversations/all">
          All conversations: web chats, phone calls and text messages
        </Link>
      </p>
      <p className="mt-2 text-sm">
        {includeHandled ? (
          <Link className="underline" href="/conversations">
            Show only open handoffs
          </Link>
        ) : (
          <Link className="underline" href="/conversations?all=1">
            Include handled chats
          </Link>
        )}
      </p>
      {error && <ErrorBox>{error}</ErrorBox>}
      {rows.length === 0 && !error ? (
        <Card className="mt-4">
          <p>No chats need a person right now.</p>
        </Card>
      ) : (
        <ul className="mt-4 flex flex-col gap-3">
          {rows.map((c) => (
            <li key={c.id}>
              <Card>
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/conversations/${c.id}`} className="font-semibold underline">
                    {c.who}
                  </Link>
                  <Badge tone={c.status === "HANDOFF" ? "red" : "neutral"}>
                    {c.status === "HANDOFF" ? "needs a person" : c.status.toLowerCase()}
                  </Badge>
                  {c.personOnIt && <Badge tone="blue">staff replying</Badge>}
                  <span className="text-sm text-muted">
                    flagged {c.flaggedAt ? formatStamp(c.flaggedAt, timeZone) : ""}
                  </span>
                </div>
                <p className="mt-1 text-sm">Why: {flagReasonText(c.flagReason)}</p>
                {c.lastUserMessage && <p className="mt-1 text-sm italic">“{c.lastUserMessage}”</p>}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
