// Requests made on this machine to this machine, for the few pages that must only answer them
// (the local demo mailbox). The TCP peer address comes from the socket, stamped on every request
// by `installPeerAddressHeader` (@myhibachi/auth/client-ip, called from instrumentation.ts) under
// a header name that is random per process: a client can't set it. Headers a client can set only
// ever make the answer "no".
import { peerAddress } from "@myhibachi/auth/client-ip";

/** 127.0.0.0/8, ::1, and IPv4-mapped loopback. */
export function isLoopbackAddress(address: string | null | undefined): boolean {
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
 * True only for a request that certainly comes straight from this machine:
 * - the socket's peer is loopback (unknown -> false: fails closed);
 * - nothing says it was relayed: no Forwarded / X-Real-IP / Via, and the X-Forwarded-* headers,
 *   if any, are exactly the ones Next itself fills in for a direct request (its X-Forwarded-For
 *   is the peer, its X-Forwarded-Host the Host, its X-Forwarded-Proto "http"). A reverse proxy on
 *   this machine would otherwise make every visitor look local;
 * - the Host is a loopback name, so a DNS-rebinding page in a local browser can't read it.
 */
export function isLoopbackRequest(headers: Headers): boolean {
  const peer = peerAddress(headers);
  if (!isLoopbackAddress(peer)) return false;
  if (["forwarded", "x-real-ip", "via"].some((h) => headers.has(h))) return false;
  const host = headers.get("host");
  if (!isLoopbackHost(host)) return false;
  const xff = headers.get("x-forwarded-for");
  if (xff !== null && xff.trim() !== peer) return false;
  const xfh = headers.get("x-forwarded-host");
  if (xfh !== null && xfh !== host) return false;
  const xfp = headers.get("x-forwarded-proto");
  return xfp === null || xfp === "http";
}
