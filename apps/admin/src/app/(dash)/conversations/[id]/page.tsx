import Link from "next/link";
import type { Metadata } from "next";
import { ErrorBox, errorMessage } from "@myhibachi/ui";
import { adminApi, requireStaff } from "~/server/session";
import { ConversationView } from "./conversation-view";

export const metadata: Metadata = { title: "Chat transcript" };
export const dynamic = "force-dynamic";

export default async function TranscriptPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const { id } = await params;
  const api = await adminApi();
  const { timeZone } = await api.bookings.businessToday();
  const t = await api.conversations.transcript({ id }).catch((e: Error) => e);
  if (t instanceof Error)
    return (
      <div>
        <ErrorBox>{errorMessage(t)}</ErrorBox>
        <Link href="/conversations" className="underline">
          Back to chats
        </Link>
      </div>
    );
  return (
    <div className="flex flex-col gap-4">
      <Link href="/conversations" className="text-sm underline">
        ← All flagged chats
      </Link>
      <h1 className="text-2xl font-bold">{t.channel === "CHAT" ? `Chat with ${t.who}` : t.who}</h1>
      <ConversationView initial={t} timeZone={timeZone} />
    </div>
  );
}
