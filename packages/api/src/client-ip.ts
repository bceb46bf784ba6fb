// The client's IP address for booking rate limits: the socket peer, and X-Forwarded-For hops only
// as far as TRUSTED_PROXIES says they are our own proxies; never a header the client chose. The
// rule and its code live in packages/auth/src/client-ip.ts; this only binds it to the app's
// configuration once.
import { clientIp, parseTrustedProxies } from "@myhibachi/auth";

export type ClientIp = (headers: Headers) => string | null;

export function clientIpResolver(trustedProxies: string | undefined): ClientIp {
  const trust = parseTrustedProxies(trustedProxies);
  return (headers) => clientIp(headers, trust);
}
