import Link from "next/link";
import type { Metadata } from "next";
import { formatStamp } from "@myhibachi/shared";
import { Badge, Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { CHANNEL_WORDS, durationText, outcomeText } from "~/lib/chat-words";
import { adminApi, requireStaff } from "~/server/session";

export const metadata: Metadata = { title: "All conversations" };
export const dynamic = "force-dynamic";

const FILTERS = [
  { value: undefined, label: "All" },
  { value: "CHAT", label: "Web chats" },
  { value: "VOICE", label: "Phone calls" },
  { value: "SMS", label: "Text messages" },
] as const;

const TONE: Record<string, "green" | "blue" | "amber" | "red" | "neutral"> = {
  booked: "green",
  transferred: "blue",
  message: "amber",
  dropped: "red",
};

/** Every conversation with the assistant: web chats, phone calls and text threads side by side. */
export default async function AllConversationsPage({
  searchParams,
}: {
  searchParams: Promise<{ channel?: string }>;
}) {
  await requireStaff();
  const sp = await searchParams;
  const channel = FILTERS.find((f) => f.value === sp.channel)?.value;
  const api = await adminApi();
  const { timeZone } = await api.bookings.businessToday();
  let error: string | null = null;
  const rows = await api.conversations
    .list(channel ? { channel, take: 100 } : { take: 100 })
    .catch((e: Error) => {
      error = errorMessage(e);
      return [];
    });
  return (
    <div>
      <Link href="/conversations" className="text-sm underline">
        ← Chats handed to staff
      </Link>
      <h1 className="mt-2 text-2xl font-bold">All conversations</h1>
      <p className="mt-1 text-sm text-muted">
        Web chats, phone calls and text messages with the assistant, newest first. A call shows how
        it ended and how long it lasted; open one for its transcript.
      </p>
      <nav className="mt-3 flex flex-wrap gap-3 text-sm" aria-label="Channel">
        {FILTERS.map((f) => (
          <Link
            key={f.label}
            href={f.value ? `/conversations/all?channel=${f.value}` : "/conversations/all"}
            className={f.value === channel ? "font-semibold" : "underline"}
            aria-current={f.value === channel ? "page" : undefined}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {error && <ErrorBox>{error}</ErrorBox>}
      {rows.length === 0 && !error ? (
        <Card className="mt-4">
          <p>No conversations yet.</p>
        </Card>
      ) : (
        <ul className="mt-4 flex flex-col gap-3">
          {rows.map((c) => {
            const outcome = outcomeText(c.outcome);
            const duration = durationText(c.durationSeconds);
            return (
              <li key={c.id}>
                <Card>
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge>{CHANNEL_WORDS[c.channel] ?? c.channel}</Badge>
                    <Link href={`/conversations/${c.id}`} className="font-semibold underline">
                      {c.who}
                    </Link>
                    {outcome && <Badge tone={TONE[c.outcome ?? ""] ?? "neutral"}>{outcome}</Badge>}
                    {c.status === "HANDOFF" && <Badge tone="red">needs a person</Badge>}
                    <span className="text-sm text-muted">
                      {formatStamp(c.startedAt, timeZone)}
                      {duration ? ` · ${duration}` : ""} · {c.messageCount} messages
                    </span>
                  </div>
                  {c.lastUserMessage && (
                    <p className="mt-1 text-sm italic">“{c.lastUserMessage}”</p>
                  )}
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
