// Where to send a person after sign-in (a `next` or callback URL from the query string): only ever
// a path on this site. Isomorphic (server pages and client components use the same function).

const BASE = "http://same-origin.invalid";
// Browsers drop tabs and newlines inside URLs ("/\t/evil.example" becomes "//evil.example") and
// treat a backslash like a slash; encoded slashes and backslashes get decoded by some routers.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const ENCODED_SEPARATOR = /%(2f|5c)/i;

/**
 * `raw` if it is a path on this site ("/bookings?x=1#y"), in normalised form; otherwise
 * `fallback`. Rejects absolute URLs, protocol-relative and backslash tricks ("//evil", "/\evil",
 * "/%2F/evil", "/%5Cevil"), control characters (tabs, newlines, NUL) and paths that normalise to
 * one of those ("/.//evil").
 */
export function safeNextPath(raw: unknown, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\")) return fallback;
  if (CONTROL.test(raw) || /\s/.test(raw)) return fallback;
  const cut = raw.search(/[?#]/);
  if (ENCODED_SEPARATOR.test(cut === -1 ? raw : raw.slice(0, cut))) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The normalised form is what the browser will follow: check it again.
  if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
