import { UnrecoverableError } from "bullmq";
import { z } from "zod";

/**
 * Throw from a processor when retrying cannot help (bad data, missing entity...): the job fails at
 * once instead of using up its attempts. Subclasses BullMQ's UnrecoverableError, which the worker
 * recognises.
 */
export class NonRetryableError extends UnrecoverableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = "NonRetryableError";
    if (options && "cause" in options) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** A payload that does not match its job's zod schema (thrown by `enqueue` and by the worker). */
export class InvalidJobPayloadError extends NonRetryableError {
  readonly jobName: string;
  readonly issues: z.core.$ZodIssue[];
  constructor(jobName: string, error: z.ZodError) {
    super(`Invalid payload for job "${jobName}":\n${z.prettifyError(error)}`);
    this.name = "InvalidJobPayloadError";
    this.jobName = jobName;
    this.issues = error.issues;
  }
}

/** A job name no job definition knows about. */
export class UnknownJobError extends NonRetryableError {
  constructor(jobName: string) {
    super(`Unknown job name "${jobName}"`);
    this.name = "UnknownJobError";
  }
}

/** Redis is down or not answering; the caller goes on without it (nothing was enqueued, or the
 * job may land later, deduplicated by its jobId). */
export class RedisUnavailableError extends Error {
  constructor(what: string) {
    super(`Redis unavailable: ${what} skipped`);
    this.name = "RedisUnavailableError";
  }
}
