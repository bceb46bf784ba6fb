// Queue visibility for owners: counts and recent failed jobs of every BullMQ queue, and retrying
// failed jobs. Plain BullMQ (Queue.getJobCounts / getJobs / job.retry) instead of bull-board:
// no extra server framework inside Next, and the page uses the admin's own session and styles.
import { queueNames, type Queues, type QueueName } from "@myhibachi/jobs";

export interface QueueSummary {
  name: QueueName;
  counts: {
    waiting: number;
    active: number;
    delayed: number;
    failed: number;
    completed: number;
    prioritized: number;
  };
  failed: {
    id: string;
    name: string;
    attemptsMade: number;
    failedReason: string;
    finishedOn: number | null;
  }[];
}

export async function queueOverview(queues: Queues, failedLimit = 10): Promise<QueueSummary[]> {
  return Promise.all(
    queueNames.map(async (name) => {
      const q = queues[name];
      const [c, failed] = await Promise.all([
        q.getJobCounts("waiting", "active", "delayed", "failed", "completed", "prioritized"),
        q.getJobs(["failed"], 0, failedLimit - 1, false),
      ]);
      return {
        name,
        counts: {
          waiting: c.waiting ?? 0,
          active: c.active ?? 0,
          delayed: c.delayed ?? 0,
          failed: c.failed ?? 0,
          completed: c.completed ?? 0,
          prioritized: c.prioritized ?? 0,
        },
        failed: failed.filter(Boolean).map((j) => ({
          id: String(j.id),
          name: j.name,
          attemptsMade: j.attemptsMade,
          failedReason: j.failedReason ?? "",
          finishedOn: j.finishedOn ?? null,
        })),
      };
    }),
  );
}

export function isQueueName(s: string): s is QueueName {
  return (queueNames as string[]).includes(s);
}

/** Retries one failed job; returns false when the job is gone or not failed any more. */
export async function retryFailedJob(
  queues: Queues,
  queue: QueueName,
  jobId: string,
): Promise<boolean> {
  const job = await queues[queue].getJob(jobId);
  if (!job || !(await job.isFailed())) return false;
  await job.retry("failed");
  return true;
}

/** Retries every failed job of a queue; returns how many. */
export async function retryAllFailed(queues: Queues, queue: QueueName): Promise<number> {
  const n = await queues[queue].getJobCountByTypes("failed");
  await queues[queue].retryJobs({ state: "failed", count: 1000 });
  return n;
}
