import type { z } from "zod";
import type { QueueName } from "../queues";

export interface JobDefinition<Q extends QueueName = QueueName, S extends z.ZodType = z.ZodType> {
  queue: Q;
  /** Parsed by producers before enqueueing and again by the worker before processing. */
  schema: S;
  /**
   * When present, the job's BullMQ jobId is derived from this key, so enqueueing the same logical
   * job twice is a no-op while the first is still kept in Redis. Processors must still be idempotent
   * (BullMQ is at-least-once and completed jobs are eventually removed).
   */
  idempotencyKey?: (payload: z.output<S>) => string;
}

export function defineJob<Q extends QueueName, S extends z.ZodType>(
  def: JobDefinition<Q, S>,
): JobDefinition<Q, S> {
  return def;
}
