// The client's IP address for rate limits. PLACEHOLDER until the trusted-proxy rule lands (issue
// 9, point 6, owned by the HTTP-edge work): replace the body of `clientIp`, keep the signature.
// Today it takes the hop nearest to us in X-Forwarded-For, which `next start` fills with the
// socket's address when the client sent none (a client that sends its own header can still pick
// its value; the per-email and per-client limits do not depend on it).
export function clientIp(headers: Headers): string | null {
  const xff = headers.get("x-forwarded-for");
  if (!xff) return null;
  const hops = xff
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  const ip = hops[hops.length - 1];
  return ip && ip.length <= 64 ? ip : null;
}
