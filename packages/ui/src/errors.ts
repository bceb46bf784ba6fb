// What a person reads when a call from the browser fails, shared by both apps and every page.
// The server's own refusals (a 4xx with a sentence written for people) are shown as they are; a
// call that never reached the server ("Failed to fetch", "NetworkError when attempting to fetch
// resource", "Load failed") and a server failure (5xx, "Internal server error", a proxy's HTML
// error page) become one plain sentence, and the page offers "Try again" (`canRetry`).

/** The connection failed: the request never got an answer. */
export const NETWORK_ERROR_MESSAGE =
  "We couldn't reach MyHibachi. Check your internet connection and try again.";
/** The server answered with a failure of its own (5xx) that says nothing a person can use. */
export const SERVER_ERROR_MESSAGE =
  "Something went wrong on our side. Please try again in a moment.";
/** Anything else without words of its own. */
export const UNKNOWN_ERROR_MESSAGE = "Something went wrong. Please try again.";

export type FailureKind = "network" | "server" | "refused" | "unknown";

/** What the browser's fetch says when there was no answer at all (Chromium, Firefox, Safari, Node). */
const NETWORK_WORDS =
  /failed to fetch|networkerror|network error|load failed|fetch failed|network request failed|err_(internet|network|connection)|econn(refused|reset)|the internet connection appears to be offline|aborted/i;
/** A response that was not our JSON (an HTML error page, a proxy's text) or a raw 500 text. */
const SERVER_WORDS =
  /internal server error|bad gateway|service unavailable|gateway time-?out|unexpected token|is not valid json|unable to transform response|unexpected end of json/i;

interface ErrorLike {
  message?: unknown;
  cause?: unknown;
  data?: { httpStatus?: unknown; code?: unknown } | null;
  shape?: unknown;
  status?: unknown;
  code?: unknown;
}

function httpStatusOf(err: ErrorLike): number | null {
  const s = err.data?.httpStatus ?? err.status;
  return typeof s === "number" ? s : null;
}

/** Our server's own 5xx sentences carry a log reference or say "try again": keep those words. */
function isOurServerSentence(message: string): boolean {
  return /\(ref [0-9a-f]{4,}\)|try again/i.test(message) && !SERVER_WORDS.test(message);
}

/** Whether a failed call reached the server, and what kind of failure it was. */
export function failureKind(err: unknown): FailureKind {
  if (!err) return "unknown";
  if (typeof err !== "object") return "unknown";
  const e = err as ErrorLike;
  const message = typeof e.message === "string" ? e.message : "";
  const cause = e.cause as ErrorLike | undefined;
  const causeMessage = cause && typeof cause.message === "string" ? cause.message : "";
  const status = httpStatusOf(e);
  if (status !== null) return status >= 500 ? "server" : "refused";
  // A server-side caller's error (a server component): tRPC's code, no HTTP status yet.
  if (e.code === "INTERNAL_SERVER_ERROR") return "server";
  // No tRPC error shape: the request failed before any of our JSON came back.
  if (NETWORK_WORDS.test(message) || NETWORK_WORDS.test(causeMessage)) return "network";
  if (err instanceof TypeError && !message) return "network";
  if (SERVER_WORDS.test(message) || SERVER_WORDS.test(causeMessage)) return "server";
  if (cause instanceof SyntaxError) return "server";
  return message ? "refused" : "unknown";
}

/** The message to show a person for a failed call (null when there is no error). */
export function errorMessage(err: unknown): string | null {
  if (!err) return null;
  const kind = failureKind(err);
  const message =
    typeof (err as ErrorLike).message === "string" ? ((err as ErrorLike).message as string) : "";
  if (kind === "network") return NETWORK_ERROR_MESSAGE;
  if (kind === "server") return isOurServerSentence(message) ? message : SERVER_ERROR_MESSAGE;
  if (message) return message;
  return UNKNOWN_ERROR_MESSAGE;
}

/**
 * Whether trying the same call again may work: the connection failed, the server failed, or the
 * server asked to wait (429). A refusal of the input (4xx) needs a change, not a retry.
 */
export function canRetry(err: unknown): boolean {
  if (!err) return false;
  const kind = failureKind(err);
  if (kind === "network" || kind === "server") return true;
  return httpStatusOf(err as ErrorLike) === 429;
}
