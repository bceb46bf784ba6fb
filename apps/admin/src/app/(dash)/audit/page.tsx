import Link from "next/link";
import type { Metadata } from "next";
import { Card } from "@myhibachi/ui";
import { formatStamp, formatZoneName } from "@myhibachi/shared";
import { adminApi, requireStaff } from "~/server/session";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

/** What the log can be narrowed to, in words (the stored entity names are internal). */
const WHAT: [entity: string, label: string][] = [
  ["booking", "Bookings"],
  ["chef", "Chefs"],
  ["customer", "Customers"],
  ["menuItem", "Menu items"],
  ["package", "Packages"],
  ["settings", "Business settings"],
  ["zone", "Travel zones"],
  ["postalCode", "Service ZIP codes"],
  ["CostAlertSettings", "AI budgets and alerts"],
  ["Conversation", "Chats"],
  ["apiKey", "API keys"],
  ["EmailMessage", "Emails sent again"],
  ["campaignSequence", "Campaigns"],
  ["suppression", "Campaign suppression list"],
];

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<{ cursor?: string; entity?: string }>;
}) {
  await requireStaff(["OWNER"]);
  const sp = await searchParams;
  const entity = WHAT.some(([e]) => e === sp.entity) ? sp.entity : undefined;
  const api = await adminApi();
  const log = await api.owner.audit({ cursor: sp.cursor || undefined, entity });
  return (
    <div>
      <h1 className="text-2xl font-bold">Audit log</h1>
      <p className="text-sm text-muted">
        Every change made in the admin: who did what, and when (times in{" "}
        {formatZoneName(log.timeZone)}).
      </p>
      <form method="get" className="mt-3 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col gap-1">
          Show changes to
          <select
            name="entity"
            defaultValue={entity ?? ""}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-2"
          >
            <option value="">Everything</option>
            {WHAT.map(([e, label]) => (
              <option key={e} value={e}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button className="min-h-11 rounded-lg border border-stone-300 bg-white px-4 font-semibold">
          Show
        </button>
      </form>
      <Card className="mt-4">
        <ol className="divide-y divide-stone-100" aria-label="Changes, newest first">
          {log.items.map((r) => (
            <li key={r.id} className="py-3" data-testid="audit-entry">
              <p className="text-xs text-muted">
                <time dateTime={r.createdAt.toISOString()}>
                  {formatStamp(r.createdAt, log.timeZone)}
                </time>
              </p>
              <p>
                {r.sentence}
                {r.href && (
                  <>
                    {" "}
                    <Link className="text-sm underline" href={r.href}>
                      Open
                      <span className="sr-only"> what was changed: {r.sentence}</span>
                    </Link>
                  </>
                )}
              </p>
              {r.details.length > 0 && (
                <ul className="mt-1 list-disc pl-5 text-sm">
                  {r.details.map((d, i) => (
                    <li key={i}>{d.charAt(0).toUpperCase() + d.slice(1)}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
        {log.items.length === 0 && <p className="py-4 text-muted">No changes recorded yet.</p>}
        {log.nextCursor && (
          <Link
            className="mt-3 inline-block underline"
            href={`/audit?${new URLSearchParams({ cursor: log.nextCursor, ...(entity ? { entity } : {}) })}`}
          >
            Older changes
          </Link>
        )}
      </Card>
    </div>
  );
}
