// The HTTP edge of the apps, against the real handlers (tRPC and better-auth on a real database):
// what each app's src/proxy.ts runs first (createEdge), then the route handler, like a request
// to `next start`. Cross-site writes (issue 9 point 9), body and batch size (point 17), and
// internal error text (point 13). The same checks run over HTTP in tests/security/edge.sec.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createServerDeps,
  customerRouter,
  handleAuth,
  handleTrpc,
  type ServerDeps,
} from "@myhibachi/api";
import { createEdge } from "@myhibachi/api/http";
import { closeQueues } from "@myhibachi/jobs";
import { createUser } from "./admin-helpers";
import { REDIS_URL, setupEnv, type Env } from "./helpers";

const BASE = "http://127.0.0.1:3999";
const EVIL = "https://evil.example";

let env: Env;
let deps: ServerDeps;
const edge = createEdge({ appUrl: BASE });

/** One request through the app: the edge (src/proxy.ts), then the route. */
async function app(req: Request): Promise<Response> {
  const d = edge.handle(req);
  if (d.refuse) return d.refuse;
  const path = new URL(req.url).pathname;
  if (path.startsWith("/api/trpc")) return handleTrpc(req, customerRouter, deps);
  if (path.startsWith("/api/auth")) return handleAuth(req, deps);
  throw new Error(`no route for ${path}`);
}

function makeDeps(databaseUrl: string) {
  return createServerDeps(
    {
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      AUTH_SECRET: "x".repeat(40),
      APP_URL: BASE,
      CUSTOMER_URL: BASE,
      QUEUE_PREFIX: env.prefix,
      CACHE_PREFIX: env.prefix,
    },
    "customer",
  );
}
async function closeDeps(d: ServerDeps) {
  await closeQueues(d.queues);
  d.queueRedis.disconnect();
  d.redis?.disconnect();
  await d.db.$disconnect();
}

beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  deps = makeDeps(env.t.url);
});
afterAll(async () => {
  if (deps) await closeDeps(deps);
  await env?.close();
});

const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

let ip = 0;
/** A signed-in customer with an open chat conversation. */
async function customerWithOpenChat() {
  const u = await createUser(env.t.db, "CUSTOMER");
  const res = await app(
    new Request(`${BASE}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: BASE,
        "x-forwarded-for": `198.51.100.${++ip}`,
      },
      body: JSON.stringify({ email: u.email, password: u.password }),
    }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  const conversation = await env.t.db.conversation.create({ data: { userId: u.id } });
  const isOpen = async () =>
    (await env.t.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status ===
    "OPEN";
  return { cookie: cookieOf(res), isOpen };
}

const messageOf = async (res: Response): Promise<string> => {
  const body = (await res.json()) as { message?: string; error?: { json: { message: string } } };
  return body.error?.json.message ?? body.message ?? "";
};

describe("cross-site requests cannot change anything (a form on another page)", () => {
  const reset = `${BASE}/api/trpc/chat.reset`;
  const form = () => {
    const f = new FormData();
    f.set("x", "1");
    return f;
  };

  it("tRPC refuses multipart, url-encoded and text bodies for mutations with 415, even same-origin", async () => {
    const victim = await customerWithOpenChat();
    const bodies: [string, BodyInit, Record<string, string>][] = [
      ["multipart", form(), {}],
      ["url-encoded", "x=1", { "content-type": "application/x-www-form-urlencoded" }],
      ["text", '{"json":null}', { "content-type": "text/plain" }],
    ];
    for (const [label, body, headers] of bodies) {
      const res = await handleTrpc(
        new Request(reset, {
          method: "POST",
          body,
          headers: { ...headers, cookie: victim.cookie },
        }),
        customerRouter,
        deps,
      );
      expect(res.status, label).toBe(415);
      expect(await messageOf(res), label).toMatch(/Send this request as JSON/);
    }
    expect(await victim.isOpen()).toBe(true);
  });

  it("a request from another origin is refused with 403 and a readable message", async () => {
    const victim = await customerWithOpenChat();
    const attempts: Record<string, string>[] = [
      { origin: EVIL, "content-type": "application/json" },
      { origin: EVIL },
      { origin: "null", "content-type": "application/json" },
      { "sec-fetch-site": "cross-site", "content-type": "application/json" },
      { "sec-fetch-site": "same-site", "content-type": "application/json" },
      // A form with no Origin at all (old browsers, stripped by a proxy): no JSON, no entry.
      { "content-type": "application/x-www-form-urlencoded" },
    ];
    for (const headers of attempts) {
      const res = await app(
        new Request(reset, {
          method: "POST",
          headers: { ...headers, cookie: victim.cookie },
          body: headers["content-type"] ? "{}" : form(),
        }),
      );
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await messageOf(res)).toMatch(/another site|not this site's address|as JSON/);
    }
    expect(await victim.isOpen()).toBe(true);
  });

  it("better-auth routes are guarded the same way: sign-out from another origin does nothing", async () => {
    const victim = await customerWithOpenChat();
    const res = await app(
      new Request(`${BASE}/api/auth/sign-out`, {
        method: "POST",
        headers: { origin: EVIL, cookie: victim.cookie, "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(res.status).toBe(403);
    expect(await messageOf(res)).toContain("not this site's address");
    expect(await env.t.db.session.count()).toBeGreaterThan(0);
  });

  it("the site itself (and a JSON client without Origin, like curl) still works", async () => {
    const a = await customerWithOpenChat();
    const sameOrigin = await app(
      new Request(reset, {
        method: "POST",
        headers: { origin: BASE, cookie: a.cookie, "content-type": "application/json" },
        body: JSON.stringify({ json: null }),
      }),
    );
    expect(sameOrigin.status).toBe(200);
    expect(await a.isOpen()).toBe(false);
    const b = await customerWithOpenChat();
    const curl = await app(
      new Request(reset, {
        method: "POST",
        headers: { cookie: b.cookie, "content-type": "application/json" },
        body: JSON.stringify({ json: null }),
      }),
    );
    expect(curl.status).toBe(200);
    expect(await b.isOpen()).toBe(false);
  });
});

describe("the site opened by its IP address (a phone on the same Wi-Fi)", () => {
  // The app's URL is 127.0.0.1:3999; a phone reaches the same server at the machine's LAN address.
  const LAN = "http://192.168.50.7:3999";
  const lanRequest = (path: string, init: RequestInit & { headers?: Record<string, string> }) =>
    new Request(`${LAN}${path}`, {
      ...init,
      headers: { host: "192.168.50.7:3999", origin: LAN, ...init.headers },
    });

  it("signing in and changing things work there, with no 'Invalid origin'", async () => {
    const u = await createUser(env.t.db, "CUSTOMER");
    const signIn = await app(
      lanRequest("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.200" },
        body: JSON.stringify({ email: u.email, password: u.password }),
      }),
    );
    expect(signIn.status, await signIn.clone().text()).toBe(200);
    const cookie = cookieOf(signIn);
    const conversation = await env.t.db.conversation.create({ data: { userId: u.id } });
    const reset = await app(
      lanRequest("/api/trpc/chat.reset", {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ json: null }),
      }),
    );
    expect(reset.status, await reset.clone().text()).toBe(200);
    const after = await env.t.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(after.status).not.toBe("OPEN");
    // Sign-out with the session cookie: better-auth's own origin check passes too.
    const out = await app(
      lanRequest("/api/auth/sign-out", {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(out.status, await out.clone().text()).toBe(200);
  });

  it("a page elsewhere still can't: another address, port or scheme, in words a person can act on", async () => {
    const victim = await customerWithOpenChat();
    for (const origin of [
      "http://192.168.50.8:3999",
      "http://192.168.50.7:4000",
      "https://192.168.50.7:3999",
    ]) {
      const res = await app(
        lanRequest("/api/trpc/chat.reset", {
          method: "POST",
          headers: { origin, cookie: victim.cookie, "content-type": "application/json" },
          body: JSON.stringify({ json: null }),
        }),
      );
      expect(res.status, origin).toBe(403);
      const message = await messageOf(res);
      expect(message).toBe(
        `This page was opened at ${origin}, which is not this site's address. Open ${BASE} and try again.`,
      );
      expect(message).not.toMatch(/Invalid origin|ALLOWED_ORIGINS/);
    }
    expect(await victim.isOpen()).toBe(true);
  });
});

describe("request size", () => {
  const big = (bytes: number) =>
    JSON.stringify({ json: { idempotencyKey: "k".repeat(bytes), date: "2030-01-01" } });

  it("a 20 MB JSON body is refused with 413 (by Content-Length, before it is read)", async () => {
    const res = await app(
      new Request(`${BASE}/api/trpc/booking.create`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE },
        body: big(20 << 20),
      }),
    );
    expect(res.status).toBe(413);
    expect(await messageOf(res)).toMatch(/too large \(at most 64 KB\)/);
  });

  /** 20 MB of JSON-ish bytes with no Content-Length; `sent()` says how much was pulled. */
  function endless() {
    let sent = 0;
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > 20 << 20) controller.close();
        else controller.enqueue(chunk);
      },
    });
    return { body, sent: () => sent };
  }

  for (const [path, handle] of [
    ["/api/trpc/booking.create", (r: Request) => handleTrpc(r, customerRouter, deps)],
    ["/api/auth/sign-in/email", (r: Request) => handleAuth(r, deps)],
  ] as const)
    it(`${path}: a chunked body without Content-Length is cut off while it streams (413)`, async () => {
      const s = endless();
      const res = await handle(
        new Request(`${BASE}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: s.body,
          duplex: "half",
        } as RequestInit),
      );
      expect(res.status).toBe(413);
      expect(await messageOf(res)).toMatch(/too large/);
      // Reading stopped soon after the limit instead of taking in all 20 MB.
      expect(s.sent()).toBeLessThan(1 << 20);
    });

  it("the sign-in route has the same limit", async () => {
    const res = await handleAuth(
      new Request(`${BASE}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE },
        body: JSON.stringify({
          email: "a@example.com",
          password: "x".repeat(8),
          name: "n".repeat(1 << 20),
        }),
      }),
      deps,
    );
    expect(res.status).toBe(413);
    expect(await env.t.db.user.count({ where: { email: "a@example.com" } })).toBe(0);
  });

  it("a batch of more than 10 calls is refused with 400; 10 are fine", async () => {
    const batch = (n: number) => {
      const paths = Array(n).fill("catalog.get").join(",");
      const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: null }]));
      return app(
        new Request(
          `${BASE}/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
        ),
      );
    };
    const tooMany = await batch(70);
    expect(tooMany.status).toBe(400);
    expect(await messageOf(tooMany)).toMatch(/Too many calls in one request \(70; at most 10\)/);
    expect((await batch(10)).status).toBe(200);
  });
});

describe("no internal text reaches a client", () => {
  it("input tRPC cannot read gets a readable 400, not the library's TypeError text", async () => {
    for (const body of [
      "null",
      '{"0":null}',
      '{"json":{"a":1},"meta":{"values":{"a":[["custom","x"]]}}}',
    ]) {
      const batch = body.startsWith('{"0"');
      const res = await app(
        new Request(`${BASE}/api/trpc/booking.create${batch ? "?batch=1" : ""}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: BASE },
          body,
        }),
      );
      expect(res.status, body).toBe(400);
      const text = await res.text();
      expect(text, body).not.toMatch(/destructure|payload|custom value|TypeError|at \//);
      expect(text, body).toMatch(/couldn't read this request's input|Invalid input/);
    }
    const malformed = await app(
      new Request(`${BASE}/api/trpc/booking.create`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE },
        body: "{not json",
      }),
    );
    expect(malformed.status).toBe(400);
    expect(await messageOf(malformed)).toBe("The request is not valid JSON.");
  });

  it("an unexpected failure is a 500 with a reference, and the log has the details", async () => {
    // The database is gone: every query fails inside Prisma.
    const broken = makeDeps(env.t.url.replace(/\/([^/?]+)(\?|$)/, "/does_not_exist_$1$2"));
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const input = encodeURIComponent(
        JSON.stringify({ json: { id: "b1", token: "t".repeat(20) } }),
      );
      const res = await handleTrpc(
        new Request(`${BASE}/api/trpc/booking.get?input=${input}`),
        customerRouter,
        broken,
      );
      expect(res.status).toBe(500);
      const text = await res.text();
      const ref =
        /Something went wrong on our side \(ref ([0-9a-f]{8})\)\. Please try again\./.exec(
          text,
        )?.[1];
      expect(ref, text).toBeDefined();
      expect(text).not.toMatch(/does_not_exist|prisma|database|stack|at \//i);
      expect(logged.some((args) => String(args[0]).includes(`ref=${ref}`))).toBe(true);
    } finally {
      console.error = original;
      await closeDeps(broken);
    }
  });

  it("NUL and broken characters sent to sign-in or sign-up are a 400, and nothing is written", async () => {
    const users = await env.t.db.user.count();
    for (const name of ["Dana\u0000Lee", "Dana \ud83d"]) {
      const res = await app(
        new Request(`${BASE}/api/auth/sign-up/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: BASE },
          body: JSON.stringify({
            email: `nul${users}@example.com`,
            password: "long-enough-pw",
            name,
          }),
        }),
      );
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(await messageOf(res)).toMatch(
        /^The text contains (an invisible NUL|a broken character)/,
      );
    }
    const verify = await app(
      new Request(`${BASE}/api/auth/magic-link/verify?token=a%00b&callbackURL=/bookings`),
    );
    expect(verify.status).toBe(400);
    expect(await env.t.db.user.count()).toBe(users);
  });
});

describe("sign-in links lead only to a path on this site", () => {
  it("an off-site callbackURL is refused before any email is written", async () => {
    for (const callbackURL of ["//evil.example/x", "https://evil.example", "/\\evil.example"]) {
      const email = `cb-${Math.random().toString(36).slice(2)}@example.com`;
      const res = await app(
        new Request(`${BASE}/api/auth/sign-in/magic-link`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: BASE },
          body: JSON.stringify({ email, callbackURL }),
        }),
      );
      expect(res.status, callbackURL).toBe(400);
      expect(await messageOf(res)).toBe("callbackURL: use a path on this site, like /bookings.");
      expect(await env.t.db.emailMessage.count({ where: { to: email } })).toBe(0);
    }
    const verify = await app(
      new Request(`${BASE}/api/auth/magic-link/verify?token=abc&callbackURL=//evil.example/x`),
    );
    expect(verify.status).toBe(400);
  });
});
