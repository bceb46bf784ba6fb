// Which address a request really came from, for rate limits and the session's recorded IP.
//
// X-Forwarded-For is written by whoever sends the request, so only the entries appended by our
// own proxies can be believed: the client is the right-most address that was not added by a
// trusted proxy (the rule of Express's "trust proxy", implemented by the `proxy-addr` package).
// Which hops are ours is configured with TRUSTED_PROXIES:
//   unset or ""         no proxy: the TCP peer itself is the client (X-Forwarded-For is ignored)
//   "1", "2", ...        that many proxies in front of the app (e.g. "1" behind one nginx)
//   "10.0.0.0/8,::1"     proxies by address (CIDR list; also "loopback", "uniquelocal")
//
// The peer address: Next route handlers get a Fetch `Request`, which carries no socket. Next's own
// server only copies the socket address into X-Forwarded-For when the client sent none, so it
// can't be told apart from a forged one. `installPeerAddressHeader()` (called from each app's
// instrumentation.ts, in the server process) stamps every incoming request, before Next sees it,
// with the socket's address under a header name that is random per process: a client can neither
// forge nor guess it.
import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";

const STATE = Symbol.for("myhibachi.auth.peerAddress");
interface PeerState {
  header: string;
  installed: boolean;
}

function peerState(): PeerState {
  const g = globalThis as { [STATE]?: PeerState };
  g[STATE] ??= { header: `x-myhibachi-peer-${randomBytes(8).toString("hex")}`, installed: false };
  return g[STATE];
}

/**
 * Makes every request of this process's HTTP servers carry its TCP peer address in a private
 * header. Idempotent. Requests accepted before it ran (while the server boots) don't have it;
 * `clientIp` then treats the right-most X-Forwarded-For entry (Next's copy of the socket address)
 * as the peer.
 */
export function installPeerAddressHeader(): void {
  const state = peerState();
  if (state.installed) return;
  state.installed = true;
  type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: Emit }[]) {
    const emit = proto.emit;
    proto.emit = function (event, ...args) {
      if (event === "request") {
        const req = args[0] as http.IncomingMessage;
        req.headers[state.header] = req.socket?.remoteAddress ?? "";
      }
      return emit.call(this, event, ...args);
    };
  }
}

/**
 * The TCP peer address stamped by `installPeerAddressHeader`, or null when the request was not
 * stamped. No fallback to any client-sent header: for checks that must fail closed.
 */
export function peerAddress(headers: Headers): string | null {
  return headers.get(peerState().header) || null;
}

/** Headers with `peer` as the connection's address (for servers outside Next, and tests). */
export function withPeerAddress(init: HeadersInit | undefined, peer: string): Headers {
  const h = new Headers(init);
  h.set(peerState().header, peer);
  return h;
}

export type ProxyTrust = (addr: string, hop: number) => boolean;

/** Parses TRUSTED_PROXIES (see the top of this file); throws a readable error when malformed. */
export function parseTrustedProxies(value: string | undefined): ProxyTrust {
  const v = (value ?? "").trim();
  if (!v || v === "0" || v.toLowerCase() === "none") return () => false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return (_addr, hop) => hop < hops;
  }
  try {
    return proxyaddr.compile(
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    );
  } catch (err) {
    throw new Error(
      `TRUSTED_PROXIES must be a number of proxy hops or a comma-separated list of addresses/CIDR ranges (got "${v}"): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/**
 * The address a rate limit should count: IPv4 as is (IPv4-mapped IPv6 unwrapped), IPv6 by its /64
 * (one subscriber usually holds a whole /64), anything unparsable as given (cut to 64 chars).
 */
export function rateLimitAddress(addr: string): string {
  if (!ipaddr.isValid(addr)) return addr.slice(0, 64);
  const ip = ipaddr.process(addr);
  if (ip.kind() === "ipv4") return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(":")}::/64`;
}

/**
 * The client's address for a request (see the top of this file), or null when unknown. IPv4-mapped
 * IPv6 addresses come back as plain IPv4.
 */
export function clientIp(headers: Headers, trust: ProxyTrust): string | null {
  let peer = headers.get(peerState().header);
  let forwarded = headers.get("x-forwarded-for") ?? "";
  if (!peer) {
    // Not stamped (server still booting, or another runtime): Next put the socket address in
    // X-Forwarded-For unless the client sent one; the right-most entry is the best guess.
    const entries = forwarded
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    peer = entries.pop() ?? null;
    forwarded = entries.join(", ");
  }
  if (!peer) return null;
  const req = {
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: forwarded ? { "x-forwarded-for": forwarded } : {},
  } as unknown as http.IncomingMessage;
  const addr = proxyaddr(req, trust);
  if (!addr) return null;
  return ipaddr.isValid(addr) ? ipaddr.process(addr).toString() : addr.slice(0, 64);
}
