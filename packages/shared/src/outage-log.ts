// Logging for best-effort paths that fall back when something they lean on fails (Redis as a
// cache, pub/sub or rate-limit store; a poll that retries): one line when the failures start, a
// reminder while they go on, one line when they stop. Not silence, and not a line per request.

export interface OutageLog {
  /** A failure: logged when it starts an outage, and again at most every `remindMs` after. */
  failed(err: unknown): void;
  /** A success: ends the outage, logged with how many failures it had, if there was one. */
  recovered(): void;
}

export interface OutageLogOptions {
  /** How often a continuing outage is logged again (default 10 minutes). */
  remindMs?: number;
  now?: () => number;
  log?: Pick<Console, "error" | "warn">;
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * `what` names the failing thing with the log tag ("[cache] Redis"), `fallback` says what
 * happens meanwhile ("reads go to Postgres").
 */
export function createOutageLog(
  what: string,
  fallback: string,
  { remindMs = 10 * 60_000, now = Date.now, log = console }: OutageLogOptions = {},
): OutageLog {
  let failures = 0;
  let since = 0;
  let lastLogged = 0;
  return {
    failed(err) {
      const t = now();
      failures++;
      if (failures === 1) {
        since = t;
        lastLogged = t;
        log.error(`${what} failed: ${describe(err)}; ${fallback}. Logged again when it recovers.`);
      } else if (t - lastLogged >= remindMs) {
        lastLogged = t;
        log.error(
          `${what} still failing: ${failures} failures since ${new Date(since).toISOString()}, the last: ${describe(err)}; ${fallback}.`,
        );
      }
    },
    recovered() {
      if (!failures) return;
      log.warn(
        `${what} recovered after ${failures} failure${failures === 1 ? "" : "s"} since ${new Date(since).toISOString()}.`,
      );
      failures = 0;
    },
  };
}
