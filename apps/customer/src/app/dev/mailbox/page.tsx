import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { deps, devMailbox } from "~/server/deps";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Local mailbox" };

/** With no SMTP server configured, emails are not sent anywhere: this page is the inbox. */
export default async function Mailbox({
  searchParams,
}: {
  searchParams: Promise<{ to?: string }>;
}) {
  if (!devMailbox()) notFound();
  const { to } = await searchParams;
  const mails = await deps().db.emailMessage.findMany({
    where: to ? { to: to.toLowerCase() } : {},
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  const linkify = (text: string) =>
    text.split(/(https?:\/\/\S+)/g).map((part, i) =>
      /^https?:\/\//.test(part) ? (
        <a key={i} href={part} className="break-all text-brand-700 underline">
          {part}
        </a>
      ) : (
        part
      ),
    );
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Local mailbox</h1>
      <p className="text-sm text-muted">
        No SMTP server is configured (set SMTP_URL to send real email), so messages land here.
      </p>
      {mails.length === 0 && <p>No messages{to ? ` for ${to}` : ""} yet.</p>}
      <ul className="flex flex-col gap-3">
        {mails.map((m) => (
          <li
            key={m.id}
            className="rounded-xl border border-stone-200 bg-white p-4"
            data-testid="mail"
          >
            <p className="text-sm text-muted">
              To {m.to} · {m.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC ·{" "}
              {m.status.toLowerCase()}
            </p>
            <h2 className="font-semibold">{m.subject}</h2>
            <pre className="mt-2 whitespace-pre-wrap font-sans text-sm">{linkify(m.text)}</pre>
          </li>
        ))}
      </ul>
    </div>
  );
}
