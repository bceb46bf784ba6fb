import { createHash } from "node:crypto";
import { Queue, type DefaultJobOptions, type Job, type JobsOptions } from "bullmq";
import { Redis } from "ioredis";
import { InvalidJobPayloadError, RedisUnavailableError, UnknownJobError } from "./errors";
import { dropHungConnection, REDIS_COMMAND_TIMEOUT_MS } from "./redis";
import { isJobName, jobs, type JobInput, type JobName, type JobPayload } from "./jobs";
import { queueConfigs, queueNames, type QueueConfig, type QueueName } from "./queues";

/** Redis key prefix for every queue. Tests pass their own (e.g. `test-<random>`) to stay isolated. */
export const DEFAULT_QUEUE_PREFIX = "myhibachi";

export interface CreateQueuesOptions {
  prefix?: string;
  /**
   * Connection-level errors of the queues (e.g. Redis down). Default: ignored, because they also
   * surface as rejected `enqueue` calls; without a listener BullMQ prints every reconnect attempt.
   */
  onError?: (queue: QueueName, err: Error) => void;
}

export type Queues = { readonly [Q in QueueName]: Queue };

/** BullMQ job options implied by a queue's config (attempts, exponential backoff, retention). */
export function jobOptionsFor(cfg: QueueConfig): DefaultJobOptions {
  return {
    attempts: cfg.attempts,
    backoff: { type: "exponential", delay: cfg.backoffMs },
    removeOnComplete: { age: cfg.removeOnCompleteAgeSec },
    removeOnFail: { age: cfg.removeOnFailAgeSec },
  };
}

/**
 * One BullMQ Queue per queue name, sharing `connection`: `createRedis(url, "producer")` for queues
 * a web request adds to (enqueue then never waits for Redis), `createRedis(url, "queue")` in the
 * worker. The caller owns the connection: `closeQueues` does not close it.
 */
export function createQueues(connection: Redis, opts: CreateQueuesOptions = {}): Queues {
  const prefix = opts.prefix ?? DEFAULT_QUEUE_PREFIX;
  const onError = opts.onError ?? (() => {});
  const entries = queueNames.map((name) => {
    const queue = new Queue(name, {
      connection,
      prefix,
      defaultJobOptions: jobOptionsFor(queueConfigs[name]),
    });
    queue.on("error", (err) => onError(name, err));
    return [name, queue] as const;
  });
  return Object.fromEntries(entries) as Queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}

/** Parses `data` with the schema of job `name`; throws InvalidJobPayloadError / UnknownJobError. */
export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N>;
export function parsePayload(name: string, data: unknown): unknown;
export function parsePayload(name: string, data: unknown): unknown {
  if (!isJobName(name)) throw new UnknownJobError(name);
  const result = jobs[name].schema.safeParse(data);
  if (!result.success) throw new InvalidJobPayloadError(name, result.error);
  return result.data;
}

/**
 * BullMQ jobId for an idempotency key. BullMQ rejects ids containing ":" and all-digit ids, so the
 * key is URI-encoded (injective: distinct keys stay distinct) and prefixed by the job name (the same
 * key under two job names is two jobs). Very long keys are hashed.
 */
export function jobIdFor(name: JobName, key: string): string {
  const encoded = encodeURIComponent(key);
  const body =
    encoded.length <= 200 ? encoded : `sha256-${createHash("sha256").update(key).digest("hex")}`;
  return `${name}--${body}`;
}

export interface EnqueueOptions {
  /** Overrides the jobId derived from the payload's idempotency key. */
  jobId?: string;
  /** Run no earlier than this many ms from now. */
  delay?: number;
  priority?: number;
}

/** True for a connection that refuses commands while disconnected (createRedis "producer"). */
function failsFast(queue: { opts?: { connection?: unknown } }): Redis | null {
  const c = queue.opts?.connection;
  return c instanceof Redis && c.options.enableOfflineQueue === false ? c : null;
}

/**
 * Validates `payload` with the job's zod schema, then adds it to the job's queue. Jobs with an
 * idempotency key get a deterministic jobId, so enqueueing twice runs once (BullMQ returns the
 * existing job). Throws InvalidJobPayloadError (readable message listing each bad field).
 *
 * On queues over a fail-fast ("producer") connection, enqueue never waits for Redis: it throws
 * RedisUnavailableError at once while the connection is down, and gives up after a short timeout
 * while Redis does not answer. A job that timed out may still land later: that is harmless only
 * because every job a request enqueues has an idempotency key (its jobId) and a Postgres row the
 * worker re-derives it from (email.send: EmailMessage, swept; ai.reply: the unanswered message).
 */
export async function enqueue<N extends JobName>(
  queues: Queues,
  name: N,
  payload: JobInput<N>,
  opts: EnqueueOptions = {},
): Promise<Job> {
  const data = parsePayload(name, payload);
  const def = jobs[name] as { queue: QueueName; idempotencyKey?: (p: JobPayload<N>) => string };
  const jobOpts: JobsOptions = {};
  const jobId =
    opts.jobId ?? (def.idempotencyKey ? jobIdFor(name, def.idempotencyKey(data)) : undefined);
  if (jobId !== undefined) jobOpts.jobId = jobId;
  if (opts.delay !== undefined) jobOpts.delay = opts.delay;
  if (opts.priority !== undefined) jobOpts.priority = opts.priority;
  const queue = queues[def.queue];
  const conn = failsFast(queue);
  if (!conn) return queue.add(name, data, jobOpts);
  if (conn.status !== "ready") throw new RedisUnavailableError(`enqueue ${name}`);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    // Two command timeouts: BullMQ may need a second round trip (script not yet loaded).
    timer = setTimeout(() => {
      dropHungConnection(conn); // later requests skip Redis at once until it answers again
      reject(new RedisUnavailableError(`enqueue ${name}`));
    }, 2 * REDIS_COMMAND_TIMEOUT_MS);
  });
  try {
    return await Promise.race([queue.add(name, data, jobOpts), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
