import Link from "next/link";
import type { Metadata } from "next";
import { Badge, Card } from "@myhibachi/ui";
import type { OutboxStatus } from "@myhibachi/core";
import { formatStamp, formatZoneName } from "@myhibachi/shared";
import { env } from "~/env";
import { adminApi, requireStaff } from "~/server/session";
import { RetryButton } from "./retry-button";

export const metadata: Metadata = { title: "Outbox" };
export const dynamic = "force-dynamic";

const TONE: Record<OutboxStatus, "neutral" | "blue" | "green" | "red"> = {
  queued: "neutral",
  sending: "blue",
  sent: "green",
  failed: "red",
};
/** Every status, in this order (the Record type makes TONE list each one exactly once). */
const OUTBOX_STATUSES = Object.keys(TONE) as OutboxStatus[];

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff(["OWNER"]);
  const sp = await searchParams;
  const status = OUTBOX_STATUSES.find((s) => s === one(sp.status));
  const to = one(sp.to)?.slice(0, 320) || undefined;
  const api = await adminApi();
  const page = await api.owner.outbox.list({ status, to, cursor: one(sp.cursor) || undefined });
  const when = (d: Date | null) => (d ? formatStamp(d, page.timeZone) : "—");
  const query = (extra: Record<string, string>) =>
    `/outbox?${new URLSearchParams({ ...(status ? { status } : {}), ...(to ? { to } : {}), ...extra })}`;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-bold">Outbox</h1>
        <p className="text-sm text-muted">
          Every email, text message and alert webhook call the business sends: to whom, its status
          and attempts. Sign-in, booking and verification links are hidden: whoever opens one acts
          as its recipient. Times are in {formatZoneName(page.timeZone)}.
          {!env.SMTP_URL &&
            " No SMTP server is configured, so emails are stored here but not delivered."}
          {!env.TWILIO_ACCOUNT_SID &&
            " Twilio is not configured, so texts are stored here but not delivered."}
        </p>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col">
          Status
          <select
            name="status"
            defaultValue={status ?? ""}
            className="min-h-10 rounded-lg border bg-white px-2"
          >
            <option value="">Any</option>
            {OUTBOX_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Recipient
          <input
            name="to"
            type="search"
            defaultValue={to ?? ""}
            maxLength={320}
            placeholder="name@example.com or (408) 555-0100"
            className="min-h-10 rounded-lg border bg-white px-2"
          />
        </label>
        <button className="min-h-10 rounded-lg border px-3">Show</button>
      </form>
      <Card className="min-w-0">
        {/* One stacked row per message, never a wide table: it fits a phone and a tablet without
            scrolling sideways, long addresses and links wrap, and Retry stays in reach. */}
        <ul aria-label="Messages" className="flex flex-col divide-y divide-stone-100 text-sm">
          {page.items.map((m) => (
            <li
              key={`${m.kind}:${m.id}`}
              className="grid min-w-0 gap-x-4 gap-y-1 py-3 md:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_auto]"
              data-testid="outbox-row"
            >
              <div className="min-w-0">
                <p className="font-medium [overflow-wrap:anywhere]">{m.to}</p>
                <p className="text-xs text-muted">Created {when(m.createdAt)}</p>
              </div>
              <div className="min-w-0">
                <details>
                  <summary className="cursor-pointer [overflow-wrap:anywhere]">
                    <span className="text-xs text-muted">{m.topic}</span> {m.subject}
                  </summary>
                  <pre className="mt-2 whitespace-pre-wrap font-sans text-xs [overflow-wrap:anywhere]">
                    {m.body}
                  </pre>
                </details>
                {m.error && (
                  <p className="mt-1 text-xs text-red-700 [overflow-wrap:anywhere]">
                    Last error: {m.error}
                  </p>
                )}
              </div>
              <div className="flex min-w-0 flex-wrap items-start gap-x-3 gap-y-1 md:flex-col md:items-end md:text-right">
                <Badge tone={TONE[m.status]}>{m.status}</Badge>
                <span className="text-xs text-muted">
                  {m.attempts} {m.attempts === 1 ? "attempt" : "attempts"}
                  {m.lastAttemptAt && `, last ${when(m.lastAttemptAt)}`}
                </span>
                {m.sentAt && <span className="text-xs text-muted">Sent {when(m.sentAt)}</span>}
                {m.status === "failed" && <RetryButton kind={m.kind} id={m.id} />}
              </div>
            </li>
          ))}
        </ul>
        {page.items.length === 0 && <p className="py-4 text-muted">No messages match.</p>}
        {page.nextCursor && (
          <Link className="mt-3 inline-block underline" href={query({ cursor: page.nextCursor })}>
            Older messages →
          </Link>
        )}
      </Card>
    </div>
  );
}
