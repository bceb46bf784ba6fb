/** Per-queue settings (Midday style: one file per queue, this is the shape they share). */
export interface QueueConfig {
  /** Jobs processed in parallel by one worker process. */
  concurrency: number;
  /** Total tries, first run included. */
  attempts: number;
  /** Exponential backoff base in ms: retry n waits base * 2^(n-1). */
  backoffMs: number;
  /** Keep completed jobs this many seconds (jobId dedup lasts as long as the job is kept). */
  removeOnCompleteAgeSec: number;
  /** Keep failed jobs this many seconds, for inspection. */
  removeOnFailAgeSec: number;
}

export const HOUR = 3600;
export const DAY = 24 * HOUR;
