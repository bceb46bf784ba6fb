// The HTTP edge shared by both Next apps (their src/proxy.ts runs it before every request):
// refuses cross-site state-changing requests and oversized bodies, and puts the security headers
// (a per-request CSP nonce, frame, referrer, sniffing and permissions policies) on every response.
// Plain Web APIs only: the apps wrap the decision in NextResponse themselves.
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { LIMITS, WEB_VOICE_PATH } from "./limits";
import { trustedOrigins } from "./origins";

export { LIMITS, WEB_VOICE_PATH };

/** The media types a WAV recording is sent with (voice on the web). */
export const WAV_MEDIA_TYPES: ReadonlySet<string> = new Set([
  "audio/wav",
  "audio/x-wav",
  "audio/wave",
  "audio/vnd.wave",
]);

export interface EdgeConfig {
  /** This app's public URL (CUSTOMER_URL or ADMIN_URL). */
  appUrl: string;
  /** ALLOWED_ORIGINS: more addresses the app is reached at (see .env.example). */
  allowedOrigins?: string;
  /** `next dev`: React's development build needs eval for its debugging aids. */
  dev?: boolean;
  /** Pages (and their sub-pages) that may ask for the microphone, e.g. ["/chat"]. */
  microphonePaths?: string[];
}

export type EdgeDecision =
  { refuse: Response } | { refuse?: undefined; requestHeaders: Headers; responseHeaders: Headers };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
type RefusalCode = keyof typeof TRPC_ERROR_CODES_BY_KEY;

/** The request's media type ("application/json"), lower-cased, without parameters. */
export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";", 1)[0]!.trim().toLowerCase();
}

/**
 * An error response a person can read. tRPC requests get tRPC's error shape (so the app's client
 * shows the message like any other API error), GraphQL requests a GraphQL response with one error
 * ({ errors: [{ message, extensions: { code } }] }); the voice transcriber's route its own { error }
 * (what the chat's microphone reads); everything else gets { code, message }.
 */
export function errorResponse(
  req: Request,
  status: number,
  code: RefusalCode,
  message: string,
  headers?: Headers,
): Response {
  const path = new URL(req.url).pathname;
  const isTrpc = path.startsWith("/api/trpc");
  const body =
    path === "/api/graphql"
      ? { errors: [{ message, extensions: { code } }] }
      : isTrpc
        ? {
            error: {
              json: {
                message,
                code: TRPC_ERROR_CODES_BY_KEY[code],
                data: { code, httpStatus: status },
              },
            },
          }
        : path === WEB_VOICE_PATH
          ? { error: message }
          : { code, message };
  const h = new Headers(headers);
  h.set("content-type", "application/json");
  h.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { status, headers: h });
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** "192.168.1.20:3000" or "[fe80::1]:3000": a Host that is an IP address, not a name. */
function isIpHost(host: string): boolean {
  if (host.startsWith("[")) return /^\[[0-9a-fA-F:.]+\](:\d+)?$/.test(host);
  return IPV4.test(host.replace(/:\d+$/, ""));
}

/**
 * The site opened by its IP address (a phone on the same Wi-Fi trying http://192.168.1.20:3000):
 * the request's Origin is exactly the address the request was sent to, and that address is an
 * IP, not a name. A page on another site can't send that Origin (it would have to be served from
 * this very address and port, i.e. be this site), and DNS rebinding needs a name, so this admits
 * no cross-site request; it only stops refusing the site's own pages at an address nobody wrote
 * into CUSTOMER_URL / ALLOWED_ORIGINS.
 */
export function sameIpOrigin(req: Request, origin: string): boolean {
  const host = req.headers.get("host");
  if (!host || !isIpHost(host)) return false;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  const scheme = new URL(req.url).protocol;
  return (
    o.host === host.toLowerCase() && o.protocol === scheme && `${o.protocol}//${o.host}` === origin
  );
}

/** Addresses already named in the server log (one line each, not one per request). */
const told = new Set<string>();

/**
 * Paths that accept cross-site form POSTs: campaign emails' one-click unsubscribe, and Twilio's
 * inbound SMS webhook (a form POST from Twilio's servers, no Origin; its X-Twilio-Signature is
 * the authority, checked by packages/api/src/twilio-sms.ts).
 */
const ONE_CLICK_PATHS = new Set([
  "/unsubscribe",
  "/api/twilio/sms",
  // Twilio Voice webhooks (packages/api/src/twilio-voice.ts), signed the same way.
  "/api/twilio/voice",
  "/api/twilio/voice/gather",
  "/api/twilio/voice/message",
  "/api/twilio/voice/dial",
  "/api/twilio/voice/status",
]);

/** Why a state-changing request must be refused as cross-site, or null when it may proceed. */
export function crossSiteProblem(req: Request, trusted: readonly string[]): string | null {
  if (SAFE_METHODS.has(req.method)) return null;
  // RFC 8058 one-click unsubscribe: the mail provider's server POSTs the form body
  // "List-Unsubscribe=One-Click" from anywhere, with no Origin. The signed token in the URL is the
  // authority, and the only thing such a request can do is unsubscribe that token's address.
  // Twilio's SMS webhook likewise (signed by Twilio).
  if (ONE_CLICK_PATHS.has(new URL(req.url).pathname)) return null;
  const home = trusted[0];
  const origin = req.headers.get("origin");
  if (origin && origin !== "null") {
    if (trusted.includes(origin) || sameIpOrigin(req, origin)) return null;
    // The fix is the operator's, not the visitor's: said in the server log, once per address.
    if (!told.has(origin) && told.size < 100) {
      told.add(origin);
      console.warn(
        `[edge] refused a change sent from ${origin}, which is not ${home}. If the site is reached there on purpose, add it to ALLOWED_ORIGINS.`,
      );
    }
    return `This page was opened at ${origin}, which is not this site's address. Open ${home} and try again.`;
  }
  const site = req.headers.get("sec-fetch-site");
  if (origin === "null" || (site && site !== "same-origin"))
    return `This request came from another site or a sandboxed page. Open ${home} and try again.`;
  if (site === "same-origin") return null;
  // No Origin and no Sec-Fetch-Site: not a browser (curl, a server, the tests). Browsers send
  // Origin with every cross-origin POST, so a forged cross-site form always carries one; without
  // it we still accept only JSON (or no body), never a form or plain-text body.
  const type = mediaType(req);
  if (type === "" || type === "application/json") return null;
  // A recording for the transcriber: audio/wav is no type a form can send, and a page on another
  // site can send it only after a CORS preflight, which is refused.
  if (WAV_MEDIA_TYPES.has(type) && new URL(req.url).pathname === WEB_VOICE_PATH) return null;
  return `Send this request as JSON from ${home}.`;
}

/** The body limit for a path, in bytes. */
export function bodyLimitFor(pathname: string): number {
  if (pathname === WEB_VOICE_PATH) return LIMITS.voiceBodyBytes;
  return pathname.startsWith("/api/") ? LIMITS.apiBodyBytes : LIMITS.otherBodyBytes;
}

export function tooLargeMessage(limit: number, pathname = ""): string {
  if (pathname === WEB_VOICE_PATH)
    return `The recording is too long (at most ${Math.round(limit / 1024)} KB, about ${LIMITS.voiceSeconds} seconds of speech). Say it in shorter parts.`;
  return `The request is too large (at most ${Math.round(limit / 1024)} KB). Shorten the text and try again.`;
}

function nonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(n: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // Next puts this nonce on its own scripts; scripts they load are trusted through them.
    `script-src 'self' 'nonce-${n}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // Charts (recharts) and a few components set inline style attributes, which nonces cannot
    // cover; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The edge of one app: `handle(req)` refuses the request or says which headers to add. */
/** Whether every %-escape in a path decodes to valid UTF-8 (what Next's router needs). */
export function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function createEdge(cfg: EdgeConfig) {
  const trusted = trustedOrigins(cfg.appUrl, cfg.allowedOrigins);
  const https = new URL(cfg.appUrl).protocol === "https:";
  const mic = cfg.microphonePaths ?? [];

  function responseHeaders(url: URL, n: string): Headers {
    const h = new Headers();
    h.set("content-security-policy", contentSecurityPolicy(n, { dev: !!cfg.dev, https }));
    h.set("x-frame-options", "DENY");
    h.set("x-content-type-options", "nosniff");
    // Manage and sign-in links carry their secret as ?token=: such pages send no referrer at all.
    h.set(
      "referrer-policy",
      url.searchParams.has("token") ? "no-referrer" : "strict-origin-when-cross-origin",
    );
    // A path and its sub-pages ("/" is every page).
    const micAllowed = mic.some(
      (p) => url.pathname === p || url.pathname.startsWith(`${p.replace(/\/$/, "")}/`),
    );
    h.set(
      "permissions-policy",
      `camera=(), geolocation=(), microphone=${micAllowed ? "(self)" : "()"}, payment=(), usb=(), browsing-topics=()`,
    );
    h.set("cross-origin-opener-policy", "same-origin");
    h.set("cross-origin-resource-policy", "same-origin");
    // Browsers ignore HSTS received over plain http; send it when the site is served over https.
    if (https || url.protocol === "https:")
      h.set("strict-transport-security", "max-age=31536000; includeSubDomains");
    return h;
  }

  return {
    trustedOrigins: trusted,
    handle(req: Request): EdgeDecision {
      const url = new URL(req.url);
      const n = nonce();
      const headers = responseHeaders(url, n);
      const crossSite = crossSiteProblem(req, trusted);
      if (crossSite) return { refuse: errorResponse(req, 403, "FORBIDDEN", crossSite, headers) };
      // A path whose %-escapes are not UTF-8 ("/bookings/%", "%ED%A0%80") made Next's router
      // answer a bare 500 (found by an outside attack): it is the client's mistake, a 400.
      if (!decodablePath(url.pathname))
        return {
          refuse: errorResponse(
            req,
            400,
            "BAD_REQUEST",
            "This address has a broken %-escape in it. Check the link and try again.",
            headers,
          ),
        };
      const limit = bodyLimitFor(url.pathname);
      const length = Number(req.headers.get("content-length") ?? 0);
      if (length > limit)
        return {
          refuse: errorResponse(
            req,
            413,
            "PAYLOAD_TOO_LARGE",
            tooLargeMessage(limit, url.pathname),
            headers,
          ),
        };
      const requestHeaders = new Headers(req.headers);
      // Next reads the nonce from the request's CSP header and puts it on its scripts.
      requestHeaders.set("content-security-policy", headers.get("content-security-policy")!);
      requestHeaders.set("x-nonce", n);
      // For server components that send a person back here after sign-in.
      requestHeaders.set("x-mh-path", `${url.pathname}${url.search}`);
      return { requestHeaders, responseHeaders: headers };
    },
  };
}

/**
 * The request's body, read up to `limit` bytes (Content-Length is checked first; a chunked body
 * is counted while it streams), or a 413 response.
 */
export async function readBodyLimited(
  req: Request,
  limit: number,
): Promise<{ body: Uint8Array<ArrayBuffer> | null; refuse?: undefined } | { refuse: Response }> {
  const tooLarge = () => ({
    refuse: errorResponse(
      req,
      413,
      "PAYLOAD_TOO_LARGE",
      tooLargeMessage(limit, new URL(req.url).pathname),
    ),
  });
  if (Number(req.headers.get("content-length") ?? 0) > limit) return tooLarge();
  if (!req.body) return { body: null };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return { body };
}

/**
 * An API request whose body must be JSON (tRPC, GraphQL): the request with its body read within
 * LIMITS.apiBodyBytes, or a 415 (not JSON: a cross-site form can post multipart or text, never
 * JSON without a CORS preflight) or a 413.
 */
export async function readJsonRequest(
  req: Request,
): Promise<{ req: Request; refuse?: undefined } | { refuse: Response }> {
  if (mediaType(req) !== "application/json")
    return {
      refuse: errorResponse(
        req,
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "Send this request as JSON (Content-Type: application/json).",
      ),
    };
  const read = await readBodyLimited(req, LIMITS.apiBodyBytes);
  if (read.refuse) return read;
  return { req: withBody(req, read.body) };
}

/** A copy of `req` with an already-read body. */
export function withBody(req: Request, body: Uint8Array<ArrayBuffer> | null): Request {
  return new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body: body && req.method !== "GET" && req.method !== "HEAD" ? body : null,
    signal: req.signal,
  });
}

/**
 * A Next.js `proxy` function running this edge. Next's `NextResponse.next` is passed in (this
 * package does not depend on Next); the config is read on the first request, not at build time.
 */
export function nextProxy(
  config: () => EdgeConfig,
  next: (init: { request: { headers: Headers } }) => Response,
): (req: Request) => Response {
  let edge: ReturnType<typeof createEdge> | undefined;
  return (req) => {
    edge ??= createEdge(config());
    const d = edge.handle(req);
    if (d.refuse) return d.refuse;
    const res = next({ request: { headers: d.requestHeaders } });
    d.responseHeaders.forEach((value, key) => res.headers.set(key, value));
    return res;
  };
}
