import { WaitingError, Worker, type Job } from "bullmq";
import {
  jobs,
  parsePayload,
  queueConfigs,
  queueNames,
  UnknownJobError,
  type JobName,
  type JobProcessor,
  type QueueName,
  type Redis,
} from "@myhibachi/jobs";
import type { ProcessorContext, Processors, WorkerDeps } from "./context";
import { throttledErrors } from "./log";

export interface WorkerPool {
  workers: Worker[];
  /** Jobs currently being processed by this process. */
  activeCount(): number;
  /**
   * Graceful stop: take no new jobs; let in-flight ones finish for up to `timeoutMs`. At the
   * deadline, abort them and move each back to `wait` right away, so another worker picks it up
   * (no waiting for the lock to expire). Resolves when the workers are closed.
   */
  close(timeoutMs: number): Promise<void>;
}

const SHUTDOWN_REASON = "worker shutdown deadline";

/** Rejects as soon as `signal` aborts, even if `p` never settles (a processor ignoring the signal). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error(`aborted: ${String(signal.reason ?? "")}`));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

function wait(ms: number): Promise<"timeout"> {
  return new Promise((r) => setTimeout(() => r("timeout"), ms).unref());
}

export function createHandler(
  queue: QueueName,
  processors: Processors,
  deps: WorkerDeps,
  inFlight: { count: number } = { count: 0 },
) {
  // Three declared parameters: BullMQ only creates abort signals for processors with arity >= 3.
  return async (
    job: Job,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown> => {
    // Validate at the door: unknown names and bad payloads fail at once, without retries
    // (both errors are NonRetryableError = BullMQ UnrecoverableError).
    if (!(job.name in jobs) || jobs[job.name as JobName].queue !== queue)
      throw new UnknownJobError(job.name);
    const name = job.name as JobName;
    const payload = parsePayload(name, job.data);
    const sig = signal ?? new AbortController().signal;
    const processor = processors[name] as JobProcessor<JobName, ProcessorContext>;
    const ctx: ProcessorContext = { job, signal: sig, deps };
    inFlight.count++;
    try {
      return await untilAborted(processor(payload as never, ctx), sig);
    } catch (err) {
      // Only our shutdown deadline aborts jobs. Hand the job back to the queue now (front of the
      // wait list, attempts untouched) and tell BullMQ it was moved (WaitingError) so it is neither
      // failed nor retried. If the move fails (e.g. Redis gone), the lock expires and BullMQ's
      // stalled-job check on another worker moves it back instead.
      if (sig.aborted) {
        if (token) {
          try {
            await job.moveToWait(token);
            deps.log.info(
              `[worker] ${queue}/${name} ${job.id}: handed back to the queue at shutdown`,
            );
          } catch (moveErr) {
            deps.log.error(
              `[worker] ${queue}/${name} ${job.id}: could not requeue, stalled check will`,
              moveErr,
            );
          }
        }
        throw new WaitingError();
      }
      throw err;
    } finally {
      inFlight.count--;
    }
  };
}

export function startWorkers(opts: {
  connection: Redis;
  prefix: string;
  processors: Processors;
  deps: WorkerDeps;
  queues?: readonly QueueName[];
}): WorkerPool {
  const { connection, prefix, processors, deps } = opts;
  const log = deps.log;
  const inFlight = { count: 0 };
  const logError = throttledErrors(log);
  const workers = (opts.queues ?? queueNames).map((queue) => {
    const cfg = queueConfigs[queue];
    const worker = new Worker(queue, createHandler(queue, processors, deps, inFlight), {
      connection,
      prefix,
      concurrency: cfg.concurrency,
      // Crash safety (SIGKILL, OOM): a job whose lock (30 s) is not renewed is moved back to wait by
      // the stalled checker of any live worker; allow that twice before declaring it failed.
      maxStalledCount: 2,
    });
    worker.on("completed", (job) => {
      log.info(`[worker] ${queue}/${job.name} ${job.id} completed`);
    });
    worker.on("failed", (job, err) => {
      log.error(
        `[worker] ${queue}/${job?.name ?? "?"} ${job?.id ?? "?"} failed (attempt ${job?.attemptsMade ?? "?"})`,
        err,
      );
    });
    worker.on("error", (err) =>
      logError(`worker:${queue}:${err.message}`, `[worker] ${queue} error`, err),
    );
    return worker;
  });

  return {
    workers,
    activeCount: () => inFlight.count,
    async close(timeoutMs) {
      const closing = Promise.all(workers.map((w) => w.close())).then(
        () => "closed" as const,
        (err: unknown) => {
          log.error("[worker] close failed", err);
          return "closed" as const;
        },
      );
      if ((await Promise.race([closing, wait(timeoutMs)])) === "closed") return;
      log.info(
        `[worker] shutdown deadline (${timeoutMs} ms) reached: handing ${inFlight.count} in-flight job(s) back to the queue`,
      );
      for (const w of workers) w.cancelAllJobs(SHUTDOWN_REASON);
      // Each aborted handler moves its job back to `wait` and returns; then the workers can close.
      const handedBack = (async () => {
        while (inFlight.count > 0) await wait(20);
      })();
      await Promise.race([handedBack, wait(5_000)]);
      if ((await Promise.race([closing, wait(1_000)])) === "timeout") {
        log.error(
          `[worker] workers did not close in time (${inFlight.count} job(s) still in flight); ` +
            "any job not handed back is recovered by BullMQ's stalled-job check once its lock expires",
        );
      }
    },
  };
}
