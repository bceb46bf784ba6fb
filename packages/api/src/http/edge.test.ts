import { describe, expect, it } from "vitest";
import { bodyLimitFor, createEdge, LIMITS, type EdgeDecision } from "./edge";
import { trustedOrigins } from "./origins";
import { describeUnsafeText, findUnsafeText } from "@myhibachi/shared";
import { MAX_VOICE_SECONDS } from "@myhibachi/ai";

const post = (url: string, headers: Record<string, string>, body: string | null = "{}") =>
  new Request(url, { method: "POST", headers, body });

function refused(d: EdgeDecision): Response {
  if (!d.refuse) throw new Error("expected a refusal");
  return d.refuse;
}

describe("origins an app trusts", () => {
  it("its own URL, the loopback aliases of a local URL, and ALLOWED_ORIGINS", () => {
    expect(trustedOrigins("http://localhost:3000")).toEqual([
      "http://localhost:3000",
      "http://127.0.0.1:3000",
      "http://[::1]:3000",
    ]);
    expect(trustedOrigins("https://book.hibachi.example/", "http://192.168.1.20:3000")).toEqual([
      "https://book.hibachi.example",
      "http://192.168.1.20:3000",
    ]);
  });
});

describe("security headers on every response", () => {
  const edge = createEdge({ appUrl: "http://localhost:3000", microphonePaths: ["/chat"] });
  const headersOf = (url: string) => {
    const d = edge.handle(new Request(url));
    if (d.refuse) throw new Error("refused");
    return d;
  };

  it("a strict CSP with a fresh nonce per request, passed to Next in the request headers", () => {
    const a = headersOf("http://localhost:3000/");
    const b = headersOf("http://localhost:3000/");
    const csp = a.responseHeaders.get("content-security-policy")!;
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)![1]!;
    expect(nonce.length).toBeGreaterThanOrEqual(22);
    expect(b.responseHeaders.get("content-security-policy")).not.toContain(nonce);
    expect(a.requestHeaders.get("content-security-policy")).toBe(csp);
    expect(a.requestHeaders.get("x-nonce")).toBe(nonce);
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
    expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("frames, sniffing, referrer, permissions; no HSTS over plain http", () => {
    const h = headersOf("http://localhost:3000/menu").responseHeaders;
    expect(h.get("x-frame-options")).toBe("DENY");
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(h.get("permissions-policy")).toContain("microphone=()");
    expect(h.get("permissions-policy")).toContain("camera=()");
    expect(h.get("permissions-policy")).toContain("geolocation=()");
    expect(h.get("strict-transport-security")).toBeNull();
  });

  it("pages whose URL carries a token send no referrer; the chat may use the microphone", () => {
    const manage = headersOf("http://localhost:3000/bookings/b1?token=secret").responseHeaders;
    expect(manage.get("referrer-policy")).toBe("no-referrer");
    expect(
      headersOf("http://localhost:3000/chat").responseHeaders.get("permissions-policy"),
    ).toContain("microphone=(self)");
    expect(
      headersOf("http://localhost:3000/chatty").responseHeaders.get("permissions-policy"),
    ).toContain("microphone=()");
    // "/" is every page of the site (the chat widget's microphone is on each).
    const everywhere = createEdge({ appUrl: "http://localhost:3000", microphonePaths: ["/"] });
    for (const path of ["/", "/menu", "/book/finish/x?token=t"]) {
      const d = everywhere.handle(new Request(`http://localhost:3000${path}`));
      if (d.refuse) throw new Error("refused");
      expect(d.responseHeaders.get("permissions-policy")).toContain("microphone=(self)");
    }
  });

  it("HSTS and upgrade-insecure-requests when the site is served over https", () => {
    const secure = createEdge({ appUrl: "https://book.hibachi.example" });
    const d = secure.handle(new Request("https://book.hibachi.example/"));
    if (d.refuse) throw new Error("refused");
    expect(d.responseHeaders.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    expect(d.responseHeaders.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("refusals carry the same headers", () => {
    const r = refused(
      edge.handle(
        post("http://localhost:3000/api/trpc/chat.reset", { origin: "https://evil.example" }),
      ),
    );
    expect(r.headers.get("x-frame-options")).toBe("DENY");
    expect(r.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});

describe("addresses with broken %-escapes", () => {
  const edge = createEdge({ appUrl: "http://localhost:3000" });
  // Found by an outside attack: Next's router answered these with a bare 500.
  it.each(["/bookings/%", "/api/v1/bookings/%ED%A0%80", "/api/trpc/booking.get%C0%AF", "/%E0"])(
    "%s is a 400 that says what is wrong",
    async (path) => {
      const r = refused(edge.handle(new Request(`http://localhost:3000${path}`)));
      expect(r.status).toBe(400);
      expect(await r.text()).toMatch(/broken %-escape/);
    },
  );

  it("escapes that decode (NUL, emoji, spaces) go on to the app", () => {
    for (const path of ["/bookings/%00", "/bookings/%F0%9F%98%80", "/menu%20x"])
      expect("refuse" in edge.handle(new Request(`http://localhost:3000${path}`))).toBe(false);
  });
});

describe("cross-site state-changing requests", () => {
  const edge = createEdge({
    appUrl: "http://localhost:3000",
    allowedOrigins: "http://192.168.1.20:3000",
  });
  const url = "http://localhost:3000/api/trpc/chat.reset";
  const json = { "content-type": "application/json" };

  it("are refused with 403 and a message a visitor can act on (the operator's fix goes to the log)", async () => {
    const r = refused(edge.handle(post(url, { ...json, origin: "https://evil.example" })));
    expect(r.status).toBe(403);
    const body = (await r.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toBe(
      "This page was opened at https://evil.example, which is not this site's address. Open http://localhost:3000 and try again.",
    );
    expect(body.error.json.message).not.toMatch(/ALLOWED_ORIGINS|Invalid origin/);
    for (const headers of [
      { ...json, origin: "null" },
      { ...json, origin: "http://localhost:3001" },
      { ...json, "sec-fetch-site": "cross-site" },
      { ...json, "sec-fetch-site": "same-site" },
      { "content-type": "multipart/form-data; boundary=x" },
      { "content-type": "application/x-www-form-urlencoded" },
      { "content-type": "text/plain" },
    ])
      expect(refused(edge.handle(post(url, headers))).status, JSON.stringify(headers)).toBe(403);
  });

  it("RFC 8058 one-click unsubscribe: a mail provider's form POST to /unsubscribe passes (only there)", () => {
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const oneClick = (path: string) =>
      edge.handle(post(`http://localhost:3000${path}`, form, "List-Unsubscribe=One-Click"));
    expect(oneClick("/unsubscribe?token=abc").refuse).toBeUndefined();
    expect(refused(oneClick("/unsubscribe/x")).status).toBe(403);
    expect(refused(oneClick("/feedback?token=abc")).status).toBe(403);
  });

  it("Twilio's webhooks: their form POSTs pass on the SMS and Voice webhook paths only", () => {
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const twilioPost = (path: string) =>
      edge.handle(post(`http://localhost:3000${path}`, form, "From=%2B14085550199&Body=STOP"));
    expect(twilioPost("/api/twilio/sms").refuse).toBeUndefined();
    expect(refused(twilioPost("/api/twilio/sms/x")).status).toBe(403);
    for (const path of ["", "/gather", "/message", "/status"])
      expect(twilioPost(`/api/twilio/voice${path}?turn=2`).refuse).toBeUndefined();
    expect(refused(twilioPost("/api/twilio/voice/other")).status).toBe(403);
    expect(refused(twilioPost("/api/twilio")).status).toBe(403);
  });

  it("a recording for the transcriber: audio/wav passes without an Origin on its path only", () => {
    const wav = { "content-type": "audio/wav" };
    const voice = (path: string, headers: Record<string, string>) =>
      edge.handle(post(`http://localhost:3000${path}`, headers, "RIFF"));
    expect(voice("/api/voice/transcribe", wav).refuse).toBeUndefined();
    expect(
      voice("/api/voice/transcribe", { "content-type": "audio/x-wav" }).refuse,
    ).toBeUndefined();
    expect(refused(voice("/api/trpc/chat.send", wav)).status).toBe(403);
    // From another site it is refused like anything else.
    expect(
      refused(voice("/api/voice/transcribe", { ...wav, origin: "https://evil.example" })).status,
    ).toBe(403);
    expect(refused(voice("/api/voice/transcribe", { "content-type": "text/plain" })).status).toBe(
      403,
    );
  });

  it("non-JSON refusals on other routes say what to do in { code, message }", async () => {
    const r = refused(
      edge.handle(
        post("http://localhost:3000/api/auth/sign-out", {
          ...json,
          origin: "https://evil.example",
        }),
      ),
    );
    expect(await r.json()).toMatchObject({ code: "FORBIDDEN", message: /not this site's address/ });
  });

  it("the site itself, its loopback aliases, ALLOWED_ORIGINS and JSON from servers pass", () => {
    for (const headers of [
      { ...json, origin: "http://localhost:3000" },
      { ...json, origin: "http://127.0.0.1:3000" },
      { ...json, origin: "http://192.168.1.20:3000" },
      { ...json, "sec-fetch-site": "same-origin" },
      json,
    ])
      expect(edge.handle(post(url, headers)).refuse, JSON.stringify(headers)).toBeUndefined();
    // No Origin, no body (curl -X POST).
    expect(edge.handle(post(url, {}, null)).refuse).toBeUndefined();
  });

  it("the site opened by its IP address works: the Origin is exactly the address the request went to", () => {
    const lan = "http://10.1.2.3:3000/api/trpc/chat.reset";
    const at = (origin: string, host = "10.1.2.3:3000", where = lan) =>
      edge.handle(post(where, { ...json, origin, host })).refuse;
    expect(at("http://10.1.2.3:3000")).toBeUndefined();
    expect(
      at("http://[fd00::7]:3000", "[fd00::7]:3000", "http://[fd00::7]:3000/api/trpc/x"),
    ).toBeUndefined();
    // Any other origin is still refused: another port, another scheme, another address, a name
    // (a name can be rebound to this address by DNS; an IP can't be).
    expect(at("http://10.1.2.3:3001")?.status).toBe(403);
    expect(at("https://10.1.2.3:3000")?.status).toBe(403);
    expect(at("http://10.9.9.9:3000")?.status).toBe(403);
    expect(at("http://10.1.2.3:3000/")?.status).toBe(403);
    expect(
      at("http://evil.example:3000", "evil.example:3000", "http://evil.example:3000/api/trpc/x")
        ?.status,
    ).toBe(403);
  });

  it("reads from anywhere are not state changes", () => {
    const get = new Request(url, { headers: { origin: "https://evil.example" } });
    expect(edge.handle(get).refuse).toBeUndefined();
  });

  it("a body announced larger than the limit is refused before it is read (413)", async () => {
    const r = refused(
      edge.handle(
        post(url, { ...json, origin: "http://localhost:3000", "content-length": `${20 << 20}` }),
      ),
    );
    expect(r.status).toBe(413);
    expect(
      ((await r.json()) as { error: { json: { message: string } } }).error.json.message,
    ).toMatch(/too large \(at most 64 KB\)/);
  });

  it("the transcriber takes recordings up to its own limit (about 30 s of 16 kHz speech)", () => {
    const voice = (bytes: number) =>
      edge.handle(
        post("http://localhost:3000/api/voice/transcribe", {
          "content-type": "audio/wav",
          origin: "http://localhost:3000",
          "content-length": String(bytes),
        }),
      );
    expect(bodyLimitFor("/api/voice/transcribe")).toBe(LIMITS.voiceBodyBytes);
    expect(LIMITS.voiceBodyBytes).toBeGreaterThan(44 + 30 * 16_000 * 2);
    expect(voice(1_000_000).refuse).toBeUndefined();
    expect(refused(voice(LIMITS.voiceBodyBytes + 1)).status).toBe(413);
    expect(bodyLimitFor("/api/voice/transcribe/x")).toBe(LIMITS.apiBodyBytes);
  });

  it("the transcriber's refusals are its own { error }, about a recording, not text (attack 17-r1 L2)", async () => {
    const tooLong = refused(
      edge.handle(
        post("http://localhost:3000/api/voice/transcribe", {
          "content-type": "audio/wav",
          "content-length": String(LIMITS.voiceBodyBytes + 1),
        }),
      ),
    );
    expect(tooLong.status).toBe(413);
    expect(await tooLong.json()).toEqual({
      error: `The recording is too long (at most 1536 KB, about ${MAX_VOICE_SECONDS} seconds of speech). Say it in shorter parts.`,
    });
    const crossSite = refused(
      edge.handle(
        post("http://localhost:3000/api/voice/transcribe", {
          "content-type": "audio/wav",
          origin: "https://evil.example",
        }),
      ),
    );
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as { error: string }).error).toMatch(
      /not this site's address/,
    );
    expect(LIMITS.voiceSeconds).toBe(MAX_VOICE_SECONDS);
  });
});

describe("unsafe text", () => {
  it("finds NUL and half surrogate pairs anywhere, keys included; RTL marks and emoji are fine", () => {
    expect(findUnsafeText({ a: [{ b: "x\u0000y" }] })).toEqual({ path: "a.0.b", problem: "nul" });
    expect(findUnsafeText({ name: "\ud83d" })).toEqual({ path: "name", problem: "surrogate" });
    expect(findUnsafeText({ name: "x\udc00" })).toEqual({ path: "name", problem: "surrogate" });
    expect(findUnsafeText({ ["k\u0000"]: 1 })?.problem).toBe("nul");
    expect(findUnsafeText(new Map([["a", "\u0000"]]))?.problem).toBe("nul");
    expect(findUnsafeText({ name: "\u202eabc\u200f 🍤 שלום" })).toBeNull();
  });

  it('a key named "__proto__" (as JSON.parse keeps it) is refused in words, not dropped (G8)', () => {
    const body = JSON.parse('{"selection":{"proteins":{"chicken":10,"__proto__":5}}}');
    const found = findUnsafeText(body);
    expect(found).toEqual({ path: "selection.proteins.__proto__", problem: "proto" });
    expect(describeUnsafeText(found!)).toBe('"__proto__" is not a protein on our current menu.');
    const extra = findUnsafeText(JSON.parse('{"selection":{"extras":{"__proto__":1}}}'));
    expect(describeUnsafeText(extra!)).toBe(
      '"__proto__" is not an appetizer, side or add-on on our current menu.',
    );
    const other = findUnsafeText(JSON.parse('{"__proto__":{"admin":true}}'));
    expect(describeUnsafeText(other!)).toBe(
      'A field named "__proto__" isn\'t one we take: leave it out.',
    );
    // Only the name itself: "constructor" or "toString" are names like any other.
    expect(findUnsafeText({ proteins: { constructor: 1, toString: 2 } })).toBeNull();
  });
});
