import type { Metadata } from "next";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { Badge, Card, ErrorBox } from "@myhibachi/ui";
import { requireStaff } from "~/server/session";
import { deps } from "~/server/deps";
import {
  isQueueName,
  queueOverview,
  retryAllFailed,
  retryFailedJob,
  type QueueSummary,
} from "~/server/queues";

export const metadata: Metadata = { title: "Queues" };
export const dynamic = "force-dynamic";

async function retryOne(form: FormData) {
  "use server";
  await requireStaff(["OWNER"]);
  const queue = String(form.get("queue"));
  const id = String(form.get("id"));
  if (!isQueueName(queue)) redirect("/queues?msg=Unknown+queue");
  const ok = await retryFailedJob(deps().queues, queue, id);
  revalidatePath("/queues");
  redirect(
    `/queues?msg=${encodeURIComponent(ok ? `Job ${id} queued again.` : `Job ${id} is no longer failed.`)}`,
  );
}

async function retryAll(form: FormData) {
  "use server";
  await requireStaff(["OWNER"]);
  const queue = String(form.get("queue"));
  if (!isQueueName(queue)) redirect("/queues?msg=Unknown+queue");
  const n = await retryAllFailed(deps().queues, queue);
  revalidatePath("/queues");
  redirect(`/queues?msg=${encodeURIComponent(`${n} failed ${queue} job(s) queued again.`)}`);
}

export default async function QueuesPage({
  searchParams,
}: {
  searchParams: Promise<{ msg?: string }>;
}) {
  await requireStaff(["OWNER"]);
  const { msg } = await searchParams;
  let rows: QueueSummary[] = [];
  let error: string | null = null;
  try {
    rows = await queueOverview(deps().queues);
  } catch (err) {
    console.error("[queues] could not read the queue figures:", err);
    error =
      "Can't reach Redis right now, so queue figures are unavailable. Jobs already saved in Postgres are not lost.";
  }
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Queues</h1>
      {msg && (
        <p role="status" className="rounded-lg bg-green-50 p-3 text-sm text-green-800">
          {msg}
        </p>
      )}
      <ErrorBox>{error}</ErrorBox>
      <Card>
        {/* Focusable so a keyboard can scroll it on a phone. */}
        <div
          className="overflow-x-auto"
          role="region"
          aria-label="Queues (scrolls sideways)"
          tabIndex={0}
        >
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b text-left">
                <th className="py-2">Queue</th>
                <th>Waiting</th>
                <th>Active</th>
                <th>Delayed (retry)</th>
                <th>Failed</th>
                <th>Completed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((q) => (
                <tr
                  key={q.name}
                  className="border-b border-stone-100"
                  data-testid={`queue-${q.name}`}
                >
                  <th className="py-2 text-left">{q.name}</th>
                  <td>{q.counts.waiting}</td>
                  <td>{q.counts.active}</td>
                  <td>{q.counts.delayed}</td>
                  <td>{q.counts.failed ? <Badge tone="red">{q.counts.failed}</Badge> : 0}</td>
                  <td>{q.counts.completed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {rows
        .filter((q) => q.failed.length)
        .map((q) => (
          <Card key={q.name}>
            <div className="flex items-center gap-3">
              <h2 className="font-semibold">Failed in {q.name}</h2>
              <form action={retryAll}>
                <input type="hidden" name="queue" value={q.name} />
                <button className="rounded-lg border px-3 py-1 text-sm">Retry all failed</button>
              </form>
            </div>
            <ul className="mt-2 flex flex-col gap-2 text-sm">
              {q.failed.map((j) => (
                <li key={j.id} className="flex flex-wrap items-center gap-2">
                  <span className="font-mono">{j.name}</span>
                  <span className="text-muted">#{j.id}</span>
                  <span>after {j.attemptsMade} attempt(s):</span>
                  <span className="text-red-700">{j.failedReason}</span>
                  <form action={retryOne}>
                    <input type="hidden" name="queue" value={q.name} />
                    <input type="hidden" name="id" value={j.id} />
                    <button className="rounded-lg border px-2 py-0.5">Retry</button>
                  </form>
                </li>
              ))}
            </ul>
          </Card>
        ))}
    </div>
  );
}
