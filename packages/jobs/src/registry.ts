import type { Job } from "bullmq";
import type { JobName, JobPayload } from "./jobs";

/** What every processor gets besides its parsed payload; the worker extends it with its deps. */
export interface BaseProcessorContext {
  job: Job;
  /** Aborted when the worker must give the job up (shutdown deadline): stop early if you can. */
  signal: AbortSignal;
}

export type JobProcessor<
  N extends JobName,
  Ctx extends BaseProcessorContext = BaseProcessorContext,
> = (payload: JobPayload<N>, ctx: Ctx) => Promise<unknown>;

/** A processor for every job name: adding a job without its processor fails the worker's typecheck. */
export type ProcessorRegistry<Ctx extends BaseProcessorContext = BaseProcessorContext> = {
  [N in JobName]: JobProcessor<N, Ctx>;
};
