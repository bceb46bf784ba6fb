/** Minimal line logger (stdout/stderr; the process supervisor adds timestamps). */
export interface Logger {
  info(msg: string): void;
  error(msg: string, err?: unknown): void;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const consoleLogger: Logger = {
  info: (msg) => console.log(msg),
  error: (msg, err) => console.error(err === undefined ? msg : `${msg}: ${errorMessage(err)}`),
};

/**
 * Logs an error at most once per `everyMs` per key (a Redis outage makes every worker and queue
 * report each reconnect attempt).
 */
export function throttledErrors(
  log: Logger,
  everyMs = 10_000,
): (key: string, msg: string, err: unknown) => void {
  const last = new Map<string, number>();
  return (key, msg, err) => {
    const now = Date.now();
    if ((last.get(key) ?? 0) + everyMs > now) return;
    last.set(key, now);
    log.error(msg, err);
  };
}
