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
          Every email and alert webhook call the business sends: to whom, its status and attempts.
          Sign-in, booking and verification links are hidden: whoever opens one acts as its
          recipient. Times are in {formatZoneName(page.timeZone)}.
          {!env.SMTP_URL &&
            " No SMTP server is configured, so emails are stored here but not delivered."}
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
            placeholder="name@example.com"
            className="min-h-10 rounded-lg border bg-white px-2"
          />
        </label>
        <button className="min-h-10 rounded-lg border px-3">Show</button>
      </form>
      <Card className="overflow-x-auto">
        <table className="w-full text-sm [&_td]:pr-4 [&_td]:align-top [&_th]:pr-4 [&_th]:whitespace-nowrap">
          <thead>
            <tr className="border-b text-left">
              <th className="py-2">Created</th>
              <th>To</th>
              <th>Message</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Last attempt</th>
              <th>Sent</th>
              <th>
                <span className="sr-only">Retry</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((m) => (
              <tr
                key={`${m.kind}:${m.id}`}
                className="border-b border-stone-100 align-top"
                data-testid="outbox-row"
              >
                <td className="py-2 whitespace-nowrap">{when(m.createdAt)}</td>
                <td className="min-w-40 break-words">{m.to}</td>
                <td className="max-w-md">
                  <details>
                    <summary className="cursor-pointer">
                      <span className="text-xs text-muted">{m.topic}</span> {m.subject}
                    </summary>
                    <pre className="mt-2 whitespace-pre-wrap font-sans text-xs">{m.body}</pre>
                  </details>
                  {m.error && <p className="mt-1 text-xs text-red-700">Last error: {m.error}</p>}
                </td>
                <td>
                  <Badge tone={TONE[m.status]}>{m.status}</Badge>
                </td>
                <td>{m.attempts}</td>
                <td className="whitespace-nowrap">{when(m.lastAttemptAt)}</td>
                <td className="whitespace-nowrap">{when(m.sentAt)}</td>
                <td>{m.status === "failed" && <RetryButton kind={m.kind} id={m.id} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
