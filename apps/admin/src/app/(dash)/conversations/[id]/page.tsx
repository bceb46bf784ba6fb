import Link from "next/link";
import type { Metadata } from "next";
import { formatInstant } from "@myhibachi/shared";
import { Badge, Card, ErrorBox, cx } from "@myhibachi/ui";
import { adminApi, requireStaff } from "~/server/session";
import { MarkHandled } from "./mark-handled";

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
        <ErrorBox>{t.message}</ErrorBox>
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
      <h1 className="text-2xl font-bold">Chat with {t.who}</h1>
      <Card>
        <p>
          Status:{" "}
          <Badge tone={t.status === "HANDOFF" ? "red" : "neutral"}>{t.status.toLowerCase()}</Badge>
          {t.flagReason && <> · flagged because: {t.flagReason}</>} · frustration{" "}
          {t.frustration.toFixed(2)}
        </p>
        {t.status === "HANDOFF" && <MarkHandled id={t.id} />}
      </Card>
      <ol className="flex flex-col gap-2" aria-label="Transcript">
        {t.messages.map((m) => (
          <li
            key={m.id}
            className={cx(
              "max-w-3xl rounded-xl px-3 py-2 text-sm",
              m.role === "USER" ? "self-end bg-brand-50" : "self-start bg-stone-100",
            )}
          >
            <p className="text-xs text-muted">
              {m.role === "USER" ? "Customer" : "Assistant"} ·{" "}
              {formatInstant(m.createdAt, timeZone, "numericDateTime")}
              {m.intent && ` · ${m.intent}`}
              {m.role === "USER" &&
                m.frustration != null &&
                ` · frustration ${m.frustration.toFixed(2)}`}
              {m.tier && ` · ${m.tier}`}
              {m.cacheStatus && ` · cache ${m.cacheStatus}`}
            </p>
            <p className="whitespace-pre-wrap">{m.content}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
