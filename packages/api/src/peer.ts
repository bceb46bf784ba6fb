// Who is really on the other end of a request, for the few pages that must only answer the
// machine itself (the local demo mailbox).
//
// Next 16 gives pages and route handlers no access to the socket: `NextRequest.ip` is gone, and
// the `x-forwarded-for` header Next fills in is only a default (`??=`) that a client overrides by
// sending its own. So we read the peer where Node still has it: the `http.server.request.start`
// diagnostics channel (public Node API, published for every request an http.Server receives,
// before any request handler runs). The subscriber removes any client-sent copy of our header and
// sets it to `<per-process secret> loopback` only for a direct loopback request: a client can
// neither keep its own header nor guess the secret. If the subscriber is not installed (another
// server, a different runtime), there is no secret and every request counts as remote: the
// check fails closed.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { Socket } from "node:net";

const HEADER = "x-myhibachi-peer";
const g = globalThis as unknown as { __myhibachiPeerSecret?: string };

/** Headers a proxy adds: a request carrying any of them did not come straight from this machine. */
const PROXY_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip", "via"];

/** 127.0.0.0/8, ::1, and IPv4-mapped loopback. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase().replace(/^::ffff:/, "");
  return a === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** `localhost`, `127.0.0.1` or `[::1]`, with or without a port (not a DNS-rebound name). */
export function isLoopbackHost(host: string | null | undefined): boolean {
  if (!host) return false;
  return /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i.test(host.trim());
}

/**
 * A request that certainly comes from this machine to this machine: the TCP peer is loopback,
 * no proxy header says it was relayed (a reverse proxy on the same host would otherwise look
 * local), and the Host is a loopback name (a DNS-rebinding page in a local browser sends its own).
 */
export function isDirectLoopback(peer: string | undefined, headers: IncomingHttpHeaders): boolean {
  if (!isLoopbackAddress(peer)) return false;
  if (PROXY_HEADERS.some((h) => headers[h] !== undefined)) return false;
  const host = headers.host;
  return isLoopbackHost(Array.isArray(host) ? host[0] : host);
}

/** Call once per server process (Next: from `instrumentation.ts` `register()`, Node runtime). */
export function installPeerCheck(): void {
  if (g.__myhibachiPeerSecret) return;
  const secret = randomBytes(24).toString("base64url");
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    delete request.headers[HEADER];
    if (isDirectLoopback(socket.remoteAddress, request.headers))
      request.headers[HEADER] = `${secret} loopback`;
  });
  g.__myhibachiPeerSecret = secret;
}

/** True only for a request `installPeerCheck` saw arrive directly over loopback. */
export function isLoopbackRequest(headers: Headers): boolean {
  const secret = g.__myhibachiPeerSecret;
  const value = headers.get(HEADER);
  if (!secret || !value) return false;
  const expected = Buffer.from(`${secret} loopback`);
  const got = Buffer.from(value);
  return got.length === expected.length && timingSafeEqual(got, expected);
}
