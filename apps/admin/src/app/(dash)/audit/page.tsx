import Link from "next/link";
import type { Metadata } from "next";
import { Card } from "@myhibachi/ui";
import { adminApi, requireStaff } from "~/server/session";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const show = (v: unknown) => (v === null || v === undefined ? "—" : JSON.stringify(v));

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<{ cursor?: string; entity?: string }>;
}) {
  await requireStaff(["OWNER"]);
  const sp = await searchParams;
  const api = await adminApi();
  const log = await api.owner.audit({
    cursor: sp.cursor || undefined,
    entity: sp.entity || undefined,
  });
  return (
    <div>
      <h1 className="text-2xl font-bold">Audit log</h1>
      <p className="text-sm text-muted">
        Every change made in the admin: who, what, and the values before and after.
      </p>
      <form method="get" className="mt-3 flex items-end gap-2 text-sm">
        <label className="flex flex-col">
          What
          <select
            name="entity"
            defaultValue={sp.entity ?? ""}
            className="min-h-10 rounded-lg border bg-white px-2"
          >
            <option value="">Everything</option>
            {[
              "chef",
              "booking",
              "customer",
              "menuItem",
              "package",
              "settings",
              "zone",
              "postalCode",
            ].map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <button className="min-h-10 rounded-lg border px-3">Show</button>
      </form>
      <Card className="mt-4 overflow-x-auto">
        <table className="w-full text-xs">
          <thead>
            <tr className="border-b text-left">
              <th className="py-2">When</th>
              <th>Who</th>
              <th>Action</th>
              <th>Item</th>
              <th>Before</th>
              <th>After</th>
            </tr>
          </thead>
          <tbody>
            {log.items.map((r) => (
              <tr key={r.id} className="border-b border-stone-100 align-top">
                <td className="py-1 whitespace-nowrap">
                  {r.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
                </td>
                <td>
                  {r.actor ? `${r.actor.name} (${r.actor.role.toLowerCase()})` : "deleted user"}
                </td>
                <td>{r.action}</td>
                <td>
                  {r.entity} {r.entityId}
                </td>
                <td className="max-w-xs break-all font-mono">{show(r.before)}</td>
                <td className="max-w-xs break-all font-mono">{show(r.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {log.items.length === 0 && <p className="py-4 text-muted">No changes recorded yet.</p>}
        {log.nextCursor && (
          <Link
            className="mt-3 inline-block underline"
            href={`/audit?${new URLSearchParams({ cursor: log.nextCursor, ...(sp.entity ? { entity: sp.entity } : {}) })}`}
          >
            Older changes →
          </Link>
        )}
      </Card>
    </div>
  );
}
