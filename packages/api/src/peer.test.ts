import { withPeerAddress } from "@myhibachi/auth/client-ip";
import { describe, expect, it } from "vitest";
import { isLoopbackRequest } from "./peer";

/** What Next hands a page for a direct request from `peer` with these client headers. */
function direct(peer: string, client: Record<string, string> = {}) {
  const h = withPeerAddress({ host: "localhost:3000", ...client }, peer);
  if (!h.has("x-forwarded-host")) h.set("x-forwarded-host", h.get("host")!);
  if (!h.has("x-forwarded-proto")) h.set("x-forwarded-proto", "http");
  if (!h.has("x-forwarded-for")) h.set("x-forwarded-for", peer);
  return h;
}

describe("isLoopbackRequest", () => {
  it("accepts a direct request over loopback with a loopback Host", () => {
    for (const peer of ["127.0.0.1", "::1", "::ffff:127.0.0.1"])
      expect(isLoopbackRequest(direct(peer)), peer).toBe(true);
    expect(isLoopbackRequest(direct("127.0.0.1", { host: "127.0.0.1:3000" }))).toBe(true);
    expect(isLoopbackRequest(direct("127.0.0.1", { host: "[::1]:3000" }))).toBe(true);
  });

  it("refuses an unstamped request, whatever its headers claim", () => {
    const h = new Headers({ host: "localhost", "x-forwarded-for": "127.0.0.1" });
    expect(isLoopbackRequest(h)).toBe(false);
  });

  it("refuses a network peer, a rebound Host, and anything relayed by a proxy", () => {
    expect(isLoopbackRequest(direct("192.0.2.7"))).toBe(false);
    expect(isLoopbackRequest(direct("127.0.0.1", { host: "evil.example" }))).toBe(false);
    expect(isLoopbackRequest(direct("127.0.0.1", { host: "localhost.evil.example" }))).toBe(false);
    const relayedRequests: Record<string, string>[] = [
      { "x-forwarded-for": "203.0.113.9" },
      { "x-forwarded-for": "127.0.0.1, 203.0.113.9" },
      { "x-forwarded-host": "book.example.com" },
      { "x-forwarded-proto": "https" },
      { forwarded: "for=127.0.0.1" },
      { "x-real-ip": "127.0.0.1" },
      { via: "1.1 nginx" },
    ];
    for (const relayed of relayedRequests)
      expect(isLoopbackRequest(direct("127.0.0.1", relayed)), JSON.stringify(relayed)).toBe(false);
  });
});
