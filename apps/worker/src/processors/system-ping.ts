import { setTimeout as sleep } from "node:timers/promises";
import type { JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";

/**
 * Sleeps `sleepMs` (abortable: the worker aborts it at the shutdown deadline), then records
 * JobReceipt `ping:<marker>` insert-if-absent, so a rerun of the same ping never doubles it.
 */
export const systemPing: JobProcessor<"system.ping", ProcessorContext> = async (
  p,
  { job, signal, deps },
) => {
  if (p.sleepMs) await sleep(p.sleepMs, undefined, { signal });
  const key = `ping:${p.marker}`;
  const { count } = await deps.db.jobReceipt.createMany({
    data: [
      {
        key,
        queue: job.queueName,
        result: { jobId: job.id ?? null, at: deps.now().toISOString() },
      },
    ],
    skipDuplicates: true,
  });
  return { key, inserted: count === 1 };
};
