import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { localMailbox } from "@myhibachi/api";
import { env } from "~/env";
import { deps, localMailboxEnabled } from "~/server/deps";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Local mailbox",
  description: "The emails this local demo would have sent (no mail server is configured).",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/**
 * The local demo's inbox when no SMTP server is configured. It exists only with LOCAL_MAILBOX=1,
 * answers only requests made on this machine (the real TCP peer, see @myhibachi/api/peer), and
 * never shows the body of an email to a staff or owner account (their sign-in links). Anything
 * else gets the same 404 as a page that doesn't exist.
 */
export default async function Mailbox({
  searchParams,
}: {
  searchParams: Promise<{ to?: string | string[] }>;
}) {
  const { to } = await searchParams;
  const filter = typeof to === "string" && to.length <= 320 ? to : undefined;
  const mails = await localMailbox(deps(), {
    enabled: localMailboxEnabled(),
    headers: await headers(),
    siteUrl: env.CUSTOMER_URL,
    to: filter,
  });
  if (!mails) notFound();
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
        No SMTP server is configured (set SMTP_URL to send real email), so customer emails land
        here. This page answers only on this machine. Emails to staff and owner accounts are never
        shown here.
      </p>
      {mails.length === 0 && <p>No messages{filter ? ` for ${filter}` : ""} yet.</p>}
      <ul className="flex flex-col gap-3">
        {mails.map((m) => (
          <li
            key={m.id}
            className="rounded-xl border border-stone-200 bg-white p-4"
            data-testid="mail"
          >
            <p className="text-sm text-muted">
              To {m.to} · {m.when} · {m.status}
            </p>
            <h2 className="font-semibold">{m.subject}</h2>
            {m.attachments.length > 0 && (
              <p className="text-sm text-muted" data-testid="mail-attachments">
                Attached: {m.attachments.join(", ")}
              </p>
            )}
            {m.body !== null ? (
              <pre className="mt-2 whitespace-pre-wrap font-sans text-sm">{linkify(m.body)}</pre>
            ) : (
              <p className="mt-2 text-sm italic text-muted" data-testid="mail-hidden">
                {m.hidden === "staff"
                  ? "Email to a staff account: hidden here. Owners see it (links hidden) in the admin Outbox; configure SMTP_URL to deliver it."
                  : "This email links outside the customer site: hidden here. Owners see it (links hidden) in the admin Outbox; configure SMTP_URL to deliver it."}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
