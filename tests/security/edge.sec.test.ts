// The HTTP edge of both built apps (issue 9 points 7, 8, 9, 13 and 17), attacked over HTTP:
//   7  open redirects through ?next= and better-auth's callbackURL;
//   8  security headers on EVERY page and API route (enumerated from apps/*/src/app, so a new
//      page is covered without touching this file), each fetched anonymously and as every role,
//      and every page loaded in Chromium with zero CSP violations;
//   9  cross-site requests (forms, text bodies, foreign Origin / Sec-Fetch-Site) change nothing;
//   13 NUL, half surrogate pairs and years 0001/9999 are readable 4xx, never 500 or internal text;
//   17 request body and batch size limits.
import { randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@myhibachi/core";
import {
  demo,
  signIn,
  sql,
  startApp,
  expectNothingWritten,
  trpc,
  urls,
  type App,
  type StartedApp,
} from "./harness";
import { freePort } from "./private-stack";

const root = fileURLToPath(new URL("../..", import.meta.url));
const EVIL = "https://evil.example";

// --- the routes of both apps, from their app directories ----------------------------------------

interface Route {
  app: App;
  /** "/bookings/[id]" */
  pattern: string;
  kind: "page" | "api";
}

function routesOf(app: App): Route[] {
  const dir = join(root, "apps", app, "src", "app");
  const out: Route[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/^(page|route)\.tsx?$/.test(name)) {
        const segments = relative(dir, d)
          .split(sep)
          .filter((s) => s && !/^\(.*\)$/.test(s)); // route groups are not in the URL
        out.push({
          app,
          pattern: `/${segments.join("/")}`,
          kind: name.startsWith("page") ? "page" : "api",
        });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** A working manage-link token for a booking (only its hash is stored, like the app's own). */
async function manageToken(bookingId: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await sql(
    `INSERT INTO "BookingAccessToken" (id, "bookingId", "tokenHash") VALUES ($1, $2, $3)`,
    `sec-edge-${randomBytes(6).toString("hex")}`,
    bookingId,
    hashToken(token),
  );
  return token;
}

/** A real id for a dynamic segment, from the apps' database (or one that doesn't exist). */
async function concreteUrl(route: Route): Promise<string> {
  const parts = route.pattern.split("/");
  let query = "";
  for (let i = 0; i < parts.length; i++) {
    const seg = parts[i]!;
    if (!seg.startsWith("[")) continue;
    const parent = parts[i - 1];
    let value = "does-not-exist";
    if (seg === "[trpc]") value = route.app === "customer" ? "catalog.get" : "me";
    else if (seg.startsWith("[...")) value = "get-session";
    else if (parent === "bookings" || parent === "finish") {
      const status = parent === "finish" ? `= 'HELD'` : `<> 'CANCELLED'`;
      const [b] = await sql<{ id: string }>(
        `SELECT id FROM "Booking" WHERE status ${status} ORDER BY "startsAt" DESC LIMIT 1`,
      );
      if (b) {
        value = b.id;
        if (route.app === "customer") query = `?token=${await manageToken(b.id)}`;
      }
    } else {
      const table = { chefs: "Chef", customers: "Customer", conversations: "Conversation" }[
        parent ?? ""
      ];
      if (table) {
        const [row] = await sql<{ id: string }>(`SELECT id FROM "${table}" LIMIT 1`);
        if (row) value = row.id;
      }
    }
    parts[i] = value;
  }
  return `${parts.join("/") || "/"}${query}`;
}

// --- sessions -------------------------------------------------------------------------------------

const cookies: Record<string, string | undefined> = { anonymous: undefined };
const ROLES: Record<App, string[]> = {
  customer: ["anonymous", "customer"],
  admin: ["anonymous", "staff", "owner"],
};

beforeAll(async () => {
  cookies.customer = await signIn("customer", demo.customer.email, demo.customer.password);
  cookies.staff = await signIn("admin", demo.staff.email, demo.staff.password);
  cookies.owner = await signIn("admin", demo.owner.email, demo.owner.password);
});

function get(app: App, path: string, cookie?: string, headers: Record<string, string> = {}) {
  return fetch(`${urls[app]}${path}`, {
    redirect: "manual",
    headers: { ...headers, ...(cookie ? { cookie } : {}) },
  });
}

const messageOf = (text: string): string => {
  try {
    const j = JSON.parse(text) as {
      message?: string;
      error?: { json?: { message?: string } };
      errors?: { message?: string }[];
    };
    return j.error?.json?.message ?? j.errors?.[0]?.message ?? j.message ?? "";
  } catch {
    return "";
  }
};

// --- 8: headers ------------------------------------------------------------------------------------

function expectSecurityHeaders(res: Response, where: string, path: string, app: App) {
  const h = res.headers;
  const csp = h.get("content-security-policy") ?? "";
  expect(csp, `${where}: CSP`).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]{16,}'/);
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
  expect(scriptSrc, where).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("object-src 'none'");
  expect(csp, where).toMatch(/base-uri '(none|self)'/);
  expect(h.get("x-frame-options"), where).toBe("DENY");
  expect(h.get("x-content-type-options"), where).toBe("nosniff");
  const referrer = h.get("referrer-policy");
  if (path.includes("token=")) expect(referrer, where).toBe("no-referrer");
  else
    expect(["strict-origin-when-cross-origin", "same-origin", "no-referrer"], where).toContain(
      referrer,
    );
  const permissions = h.get("permissions-policy") ?? "";
  for (const feature of ["camera=()", "geolocation=()"])
    expect(permissions, where).toContain(feature);
  // The customer site's own pages may ask for the microphone (the chat widget's voice input is
  // on every page), never the admin app's.
  expect(permissions, where).toContain(app === "customer" ? "microphone=(self)" : "microphone=()");
  // Served over plain http here: no HSTS (browsers ignore it there; see the https app below).
  expect(h.get("strict-transport-security"), where).toBeNull();
}

describe("8: security headers on every page and API route of both apps", () => {
  const all = [...routesOf("customer"), ...routesOf("admin")];

  it("finds the routes of both apps", () => {
    expect(all.filter((r) => r.app === "customer" && r.kind === "page").length).toBeGreaterThan(5);
    expect(all.filter((r) => r.app === "admin" && r.kind === "page").length).toBeGreaterThan(10);
    expect(all.some((r) => r.pattern === "/api/trpc/[trpc]")).toBe(true);
  });

  it.each(all.map((r) => [`${r.app} ${r.pattern}`, r] as const))(
    "%s, anonymous and as every role",
    async (_, route) => {
      const path = await concreteUrl(route);
      for (const role of ROLES[route.app]) {
        const res = await get(route.app, path, cookies[role]);
        const where = `${route.app} ${path} as ${role} (HTTP ${res.status})`;
        expect(res.status, where).toBeLessThan(500);
        expectSecurityHeaders(res, where, path, route.app);
        const html = res.headers.get("content-type")?.includes("text/html") ? await res.text() : "";
        if (html) {
          // Every script Next emitted carries this response's nonce (else the CSP blocks it). An
          // API route's HTML (the /api/docs page) has no scripts at all.
          const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy")!)![1]!;
          const scripts = html.match(/<script\b[^>]*>/g) ?? [];
          if (route.kind === "page") expect(scripts.length, where).toBeGreaterThan(0);
          for (const tag of scripts) expect(tag, where).toContain(`nonce="${nonce}"`);
        } else await res.body?.cancel();
      }
    },
  );

  it("the nonce is new on every request; refusals, 404s and POSTs carry the headers too", async () => {
    const nonceOf = (r: Response) =>
      /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy")!)![1];
    const [a, b] = await Promise.all([get("customer", "/"), get("customer", "/")]);
    expect(nonceOf(a)).not.toBe(nonceOf(b));
    const missing = await get("admin", "/no-such-page");
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing, "admin 404", "/no-such-page", "admin");
    const refused = await fetch(`${urls.customer}/api/trpc/chat.reset`, {
      method: "POST",
      headers: { origin: EVIL, "content-type": "application/json" },
      body: "{}",
    });
    expect(refused.status).toBe(403);
    expectSecurityHeaders(refused, "refusal", "/api/trpc/chat.reset", "customer");
    const graphql = await fetch(`${urls.customer}/api/graphql`, {
      method: "POST",
      headers: { origin: EVIL, "content-type": "application/json" },
      body: JSON.stringify({ query: 'mutation { confirmBooking(id: "x") { id } }' }),
    });
    expect(graphql.status).toBe(403);
    expect(messageOf(await graphql.text())).toMatch(/not this site's address/);
    expectSecurityHeaders(graphql, "GraphQL refusal", "/api/graphql", "customer");
    const session = await fetch(`${urls.customer}/api/chat/session`, {
      method: "POST",
      headers: { origin: urls.customer },
    });
    expectSecurityHeaders(session, "POST /api/chat/session", "/api/chat/session", "customer");
  });
});

describe("8: every page renders in Chromium with zero CSP violations", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });
  });
  afterAll(async () => browser?.close());

  async function pageFor(app: App, role: string) {
    const context = await browser.newContext();
    const cookie = cookies[role];
    if (cookie)
      await context.addCookies(
        cookie.split("; ").map((c) => {
          const i = c.indexOf("=");
          return { name: c.slice(0, i), value: c.slice(i + 1), url: urls[app] };
        }),
      );
    await context.addInitScript(() =>
      document.addEventListener("securitypolicyviolation", (e) =>
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`),
      ),
    );
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (/CSP violation|Content Security Policy|Refused to/i.test(m.text()))
        problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    return { page, problems, close: () => context.close() };
  }

  for (const app of ["customer", "admin"] as const)
    it(`${app}: every page as its most privileged role, then the chat and the charts`, async () => {
      const role = app === "customer" ? "customer" : "owner";
      const { page, problems, close } = await pageFor(app, role);
      try {
        for (const route of routesOf(app).filter((r) => r.kind === "page")) {
          const path = await concreteUrl(route);
          const before = problems.length;
          await page.goto(`${urls[app]}${path}`, { waitUntil: "networkidle" });
          // Hydrated: React attached its handlers (a CSP that blocked Next's scripts stops this).
          await page.waitForFunction(
            () => "__next_f" in window && document.readyState === "complete",
          );
          expect(
            problems.slice(before),
            `${app} ${path}: ${problems.slice(before).join(" | ")}`,
          ).toEqual([]);
        }
        if (app === "customer") {
          // The chat works under the CSP: a message goes out (tRPC) and the reply arrives (SSE).
          await page.goto(`${urls.customer}/chat`, { waitUntil: "networkidle" });
          const panel = page.getByTestId("chat-panel");
          const replies = await panel.getByTestId("chat-assistant").count();
          await panel.getByRole("textbox").fill("What is on the menu?");
          await page.keyboard.press("Enter");
          await expect
            .poll(() => panel.getByTestId("chat-assistant").count(), { timeout: 30_000 })
            .toBeGreaterThan(replies);
        }
        expect(problems, app).toEqual([]);
        // The listener works and the CSP is enforced: injected markup with an inline handler
        // (the classic XSS payload) does not run.
        await page.evaluate(() => {
          const d = document.createElement("div");
          d.innerHTML = '<img src="/nothing.png" onerror="window.__injected = true">';
          document.body.appendChild(d);
        });
        await expect
          .poll(() => problems.some((p) => /script-src/.test(p)), { timeout: 15_000 })
          .toBe(true);
        expect(await page.evaluate(() => "__injected" in window)).toBe(false);
      } finally {
        await close();
      }
    });

  it("a same-site page cannot frame the owner's settings page (clickjacking)", async () => {
    // Another port on the same host is the same *site*: the owner's cookies go along.
    const framer = createServer((_, res) => {
      res.setHeader("content-type", "text/html");
      res.end(`<iframe id="f" src="${urls.admin}/settings" width="800" height="600"></iframe>`);
    });
    await new Promise<void>((resolve) => framer.listen(0, "127.0.0.1", resolve));
    const { port } = framer.address() as AddressInfo;
    const { page, close } = await pageFor("admin", "owner");
    try {
      // The owner's session works at the top level (the test is meaningful)...
      await page.goto(`${urls.admin}/settings`);
      // (A busy machine renders slowly: poll for up to 15 s, not vitest's default 1 s.)
      await expect
        .poll(() => page.getByRole("heading", { name: "Settings" }).count(), { timeout: 15_000 })
        .toBe(1);
      // ...but not inside another page's frame.
      await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: "load" });
      const frame = page.frames().find((f) => f !== page.mainFrame());
      const text = await frame?.evaluate(() => document.body?.innerText ?? "").catch(() => "");
      expect(text ?? "").not.toContain("Settings");
    } finally {
      await close();
      framer.close();
    }
  });
});

// --- 7: open redirects -----------------------------------------------------------------------------

const OFF_SITE = [
  "//evil.example/x",
  "/\\evil.example",
  "https://evil.example",
  "%2F%2Fevil.example",
  "/%2F%2Fevil.example",
  "/%5Cevil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/.//evil.example",
];

describe("7: ?next= never sends anyone off-site", () => {
  for (const app of ["customer", "admin"] as const)
    it(`${app}: a signed-in visitor is sent to a path on the site, whatever next= says`, async () => {
      const cookie = cookies[app === "customer" ? "customer" : "owner"];
      for (const next of OFF_SITE) {
        const res = await get(app, `/sign-in?next=${encodeURIComponent(next)}`, cookie);
        expect(res.status, next).toBeGreaterThanOrEqual(300);
        expect(res.status, next).toBeLessThan(400);
        const location = new URL(res.headers.get("location")!, urls[app]);
        expect(location.origin, `${next} -> ${location}`).toBe(urls[app]);
        expect(location.pathname, next).not.toMatch(/^\/\/|evil/);
      }
      const ok = await get(app, "/sign-in?next=%2Fmenu", cookie);
      expect(new URL(ok.headers.get("location")!, urls[app]).pathname).toBe("/menu");
    });

  for (const app of ["customer", "admin"] as const)
    it(`${app}: the sign-in page never hands an off-site next= to its form`, async () => {
      for (const next of OFF_SITE) {
        const res = await get(app, `/sign-in?next=${encodeURIComponent(next)}`);
        expect(res.status).toBe(200);
        // The form's `next` prop, as serialised in the page's RSC payload.
        const props = [...(await res.text()).matchAll(/\\"next\\":\\"([^\\"]*)\\"/g)].map(
          (m) => m[1]!,
        );
        expect(props.length, next).toBeGreaterThan(0);
        for (const p of props) {
          expect(p, next).toMatch(/^\/(?![/\\])/);
          expect(p, next).not.toContain("evil");
        }
      }
    });

  it("an off-site callbackURL for a sign-in link is refused (400), and no email goes out", async () => {
    for (const callbackURL of ["//evil.example/x", "https://evil.example", "/\\evil.example"]) {
      const email = `redirect-${Math.random().toString(36).slice(2)}@example.com`;
      const res = await fetch(`${urls.customer}/api/auth/sign-in/magic-link`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: urls.customer },
        body: JSON.stringify({ email, callbackURL }),
      });
      expect(res.status, callbackURL).toBe(400);
      expect(messageOf(await res.text())).toMatch(/callbackURL: use a path on this site/);
      const sent = await sql(`SELECT 1 FROM "EmailMessage" WHERE "to" = $1`, email);
      expect(sent, callbackURL).toEqual([]);
    }
  });
});

// --- 9: cross-site requests ------------------------------------------------------------------------

describe("9: requests from another site change nothing", () => {
  let conversationId: string;
  const isOpen = async () =>
    (
      await sql<{ status: string }>(
        `SELECT status FROM "Conversation" WHERE id = $1`,
        conversationId,
      )
    )[0]?.status === "OPEN";

  beforeAll(async () => {
    const [user] = await sql<{ id: string }>(
      `SELECT id FROM "User" WHERE email = $1`,
      demo.customer.email,
    );
    conversationId = `sec-edge-${Date.now()}`;
    await sql(
      `INSERT INTO "Conversation" (id, "userId", status, "updatedAt") VALUES ($1, $2, 'OPEN', now())`,
      conversationId,
      user!.id,
    );
  });

  const reset = () => `${urls.customer}/api/trpc/chat.reset`;
  const form = () => {
    const f = new FormData();
    f.set("x", "1");
    return f;
  };

  it("a form posted from another site (multipart, url-encoded, text) is refused with 403", async () => {
    const attempts: [string, RequestInit][] = [
      ["multipart, foreign Origin", { body: form(), headers: { origin: EVIL } }],
      [
        "url-encoded, foreign Origin",
        {
          body: "x=1",
          headers: { origin: EVIL, "content-type": "application/x-www-form-urlencoded" },
        },
      ],
      [
        "text, foreign Origin",
        { body: "{}", headers: { origin: EVIL, "content-type": "text/plain" } },
      ],
      [
        "multipart, Sec-Fetch-Site cross-site",
        { body: form(), headers: { "sec-fetch-site": "cross-site" } },
      ],
      [
        "text, Sec-Fetch-Site same-site",
        { body: "{}", headers: { "sec-fetch-site": "same-site", "content-type": "text/plain" } },
      ],
      ["multipart, Origin null (sandboxed frame)", { body: form(), headers: { origin: "null" } }],
      ["multipart, no Origin at all", { body: form(), headers: {} }],
      [
        "JSON, foreign Origin",
        { body: "{}", headers: { origin: EVIL, "content-type": "application/json" } },
      ],
    ];
    for (const [label, init] of attempts) {
      const res = await fetch(reset(), {
        ...init,
        method: "POST",
        headers: { ...(init.headers as Record<string, string>), cookie: cookies.customer! },
      });
      const text = await res.text();
      expect(res.status, `${label}: ${text}`).toBe(403);
      expect(messageOf(text), label).toMatch(/another site|not this site's address|as JSON/);
    }
    expect(await isOpen()).toBe(true);
  });

  it("tRPC takes mutations only as JSON, even from the site itself (415)", async () => {
    for (const [body, type] of [
      [form(), undefined],
      ["x=1", "application/x-www-form-urlencoded"],
      ['{"json":null}', "text/plain"],
    ] as const) {
      const res = await fetch(reset(), {
        method: "POST",
        body,
        headers: {
          origin: urls.customer,
          cookie: cookies.customer!,
          ...(type ? { "content-type": type } : {}),
        },
      });
      expect(res.status, String(type)).toBe(415);
      expect(messageOf(await res.text())).toMatch(/Send this request as JSON/);
    }
    expect(await isOpen()).toBe(true);
  });

  it("sign-out, owner settings and server actions from another site are refused", async () => {
    const signOut = await fetch(`${urls.admin}/api/auth/sign-out`, {
      method: "POST",
      headers: { origin: EVIL, cookie: cookies.owner!, "content-type": "application/json" },
      body: "{}",
    });
    expect(signOut.status).toBe(403);
    const [before] = await sql<{ version: number }>(
      `SELECT version FROM "BusinessSettings" LIMIT 1`,
    );
    const settings = await trpc(
      "admin",
      "owner.settings.update",
      { businessName: "Pwned" },
      {
        cookie: cookies.owner,
        headers: { origin: EVIL },
      },
    );
    expect(settings.status).toBe(403);
    const [after] = await sql<{ version: number }>(
      `SELECT version FROM "BusinessSettings" LIMIT 1`,
    );
    expect(after).toEqual(before);
    const action = await fetch(`${urls.admin}/queues`, {
      method: "POST",
      headers: {
        origin: EVIL,
        cookie: cookies.owner!,
        "next-action": "x",
        "content-type": "text/plain",
      },
      body: "[]",
    });
    expect(action.status).toBe(403);
    // The owner is still signed in.
    const me = await trpc<{ role: string } | null>("admin", "me", undefined, {
      cookie: cookies.owner,
      type: "query",
    });
    expect(me.data?.role).toBe("OWNER");
  });

  it("the site itself, its loopback aliases and a JSON client without Origin still work", async () => {
    for (const headers of [
      { origin: urls.customer },
      { origin: urls.customer.replace("127.0.0.1", "localhost") },
      {},
    ]) {
      const res = await fetch(reset(), {
        method: "POST",
        headers: { ...headers, cookie: cookies.customer!, "content-type": "application/json" },
        body: JSON.stringify({ json: null }),
      });
      expect(res.status, JSON.stringify(headers)).toBe(200);
    }
    expect(await isOpen()).toBe(false);
  });
});

describe("8, 9: an app served over https at a public name, reached by IP (ALLOWED_ORIGINS, or the IP itself)", () => {
  let app: StartedApp;
  let port: number;
  let lanOrigin: string;
  beforeAll(async () => {
    port = await freePort();
    lanOrigin = `http://192.168.77.7:${port}`;
    app = await startApp("customer", port, {
      CUSTOMER_URL: "https://book.hibachi.test",
      ALLOWED_ORIGINS: lanOrigin,
    });
  });
  afterAll(async () => app?.stop());

  const post = (origin: string) =>
    fetch(`${app.url}/api/trpc/chat.reset`, {
      method: "POST",
      headers: { origin, "content-type": "application/json" },
      body: JSON.stringify({ json: null }),
    });

  it("HSTS and upgrade-insecure-requests when the site is https", async () => {
    const res = await fetch(`${app.url}/menu`);
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    expect(res.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("its own URL, the listed address and the IP it was opened at pass; another address gets a message a visitor can act on", async () => {
    // 412 = past the edge (the anonymous visitor simply has no chat cookie).
    expect((await post("https://book.hibachi.test")).status).toBe(412);
    expect((await post(lanOrigin)).status).toBe(412);
    // Opened by the very IP address this request went to (fetch sends Host 127.0.0.1:<port>).
    expect((await post(`http://127.0.0.1:${port}`)).status).toBe(412);
    const other = await post(`http://10.66.0.9:${port}`);
    expect(other.status).toBe(403);
    const message = messageOf(await other.text());
    expect(message).toBe(
      `This page was opened at http://10.66.0.9:${port}, which is not this site's address. Open https://book.hibachi.test and try again.`,
    );
    expect(message).not.toMatch(/ALLOWED_ORIGINS|Invalid origin/);
  });
});

// --- 17: sizes -------------------------------------------------------------------------------------

describe("17: request body and batch size", () => {
  const big = () => JSON.stringify({ json: { idempotencyKey: "k".repeat(20 << 20) } });

  it("a 20 MB body is refused with 413 on tRPC, GraphQL and sign-in, with or without Content-Length", async () => {
    await expectNothingWritten(async () => {
      for (const path of ["/api/trpc/booking.create", "/api/graphql", "/api/auth/sign-up/email"]) {
        const sized = await fetch(`${urls.customer}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: urls.customer },
          body: big(),
        });
        expect(sized.status, path).toBe(413);
        expect(messageOf(await sized.text()), path).toMatch(/too large \(at most 64 KB\)/);
        const bytes = new TextEncoder().encode(big());
        const chunked = await fetch(`${urls.customer}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: urls.customer },
          body: new ReadableStream({
            start(c) {
              for (let i = 0; i < bytes.length; i += 1 << 16)
                c.enqueue(bytes.subarray(i, i + (1 << 16)));
              c.close();
            },
          }),
          duplex: "half",
        } as RequestInit);
        expect(chunked.status, `${path} chunked`).toBe(413);
      }
    });
  });

  it("a batch of 70 availability calls is refused with 400; the app's own batches (<= 10) work", async () => {
    const input = {
      from: new Date().toISOString().slice(0, 10),
      to: new Date().toISOString().slice(0, 10),
      guests: 10,
      postalCode: "95112",
    };
    const batch = (n: number) =>
      fetch(
        `${urls.customer}/api/trpc/${Array(n).fill("booking.availability").join(",")}?batch=1&input=${encodeURIComponent(
          JSON.stringify(
            Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: input }])),
          ),
        )}`,
      );
    const tooMany = await batch(70);
    expect(tooMany.status).toBe(400);
    expect(messageOf(await tooMany.text())).toMatch(
      /Too many calls in one request \(70; at most 10\)/,
    );
    const fine = await batch(10);
    expect(fine.status).toBe(200);
  });
});

// --- 13: text Postgres cannot store, dates, internal text --------------------------------------

describe("13: NUL, half surrogate pairs and far dates are a readable 400, and nothing is written", () => {
  const cases: [App, string, unknown, "query" | "mutation"][] = [
    [
      "customer",
      "booking.create",
      { idempotencyKey: "nul-key-\u0000-123", contact: { name: "A\u0000" } },
      "mutation",
    ],
    ["customer", "booking.get", { id: "bk\u0000", token: "t".repeat(20) }, "query"],
    [
      "customer",
      "booking.cancel",
      { id: "bk", token: "t\u0000".repeat(10), reason: "x" },
      "mutation",
    ],
    ["customer", "booking.reschedule", { id: "bk\u0000", token: "t".repeat(20) }, "mutation"],
    ["customer", "hold.finish", { id: "h\u0000", token: "t".repeat(20) }, "mutation"],
    [
      "customer",
      "chat.send",
      { clientMessageId: "m\u0000".repeat(5), content: "hi\u0000" },
      "mutation",
    ],
    ["admin", "bookings.list", { search: "\u0000" }, "query"],
    ["admin", "staff.customers.list", { search: "a\u0000" }, "query"],
    ["admin", "staff.customers.setNotes", { id: "c\u0000", notes: "n" }, "mutation"],
    ["admin", "owner.settings.update", { businessName: "Hibachi\u0000" }, "mutation"],
  ];
  const cookieFor = (app: App) => (app === "customer" ? cookies.customer : cookies.owner);

  it("NUL anywhere, in every procedure the issue named", async () => {
    await expectNothingWritten(async () => {
      for (const [app, path, input, type] of cases) {
        const r = await trpc(app, path, input, { cookie: cookieFor(app), type });
        expect(r.status, `${path}: ${r.text.slice(0, 300)}`).toBe(400);
        expect(r.message, path).toMatch(/NUL character/);
      }
    });
  });

  it("half a surrogate pair is refused the same way", async () => {
    for (const [app, path, input, type] of cases) {
      const broken = JSON.parse(JSON.stringify(input).replaceAll("\\u0000", "\\ud83d"));
      const r = await trpc(app, path, broken, { cookie: cookieFor(app), type });
      expect(r.status, `${path}: ${r.text.slice(0, 300)}`).toBe(400);
      expect(r.message, path).toMatch(/broken character/);
    }
  });

  it("availability in 9999 and admin ranges 0001-9999: 400 saying which years work", async () => {
    const avail = await trpc(
      "customer",
      "booking.availability",
      { from: "9999-12-01", to: "9999-12-31", guests: 10, postalCode: "95112" },
      { type: "query" },
    );
    expect(avail.status, avail.text).toBe(400);
    expect(avail.message).toMatch(/between the years 2000 and 2100/);
    for (const [from, to] of [
      ["0001-01-01", "0001-01-31"],
      ["9999-12-01", "9999-12-31"],
      ["0001-01-01", "9999-12-31"],
    ]) {
      for (const path of ["bookings.calendar", "bookings.list"]) {
        const r = await trpc("admin", path, { from, to }, { cookie: cookies.owner, type: "query" });
        expect(r.status, `${path} ${from}..${to}: ${r.text.slice(0, 200)}`).toBe(400);
        expect(r.message).toMatch(/between the years 2000 and 2100/);
      }
    }
  });

  it("time off in year 9999 or 0001 is a 400, and nothing is stored", async () => {
    const [chef] = await sql<{ id: string }>(`SELECT id FROM "Chef" LIMIT 1`);
    await expectNothingWritten(async () => {
      for (const [from, to] of [
        ["9999-12-30T00:00", "9999-12-31T23:59"],
        ["0001-01-01T00:00", "0001-01-02T00:00"],
      ]) {
        const r = await trpc(
          "admin",
          "staff.chefs.addTimeOff",
          { id: chef!.id, from, to },
          {
            cookie: cookies.owner,
          },
        );
        expect(r.status, r.text.slice(0, 200)).toBe(400);
        expect(r.message).toMatch(/between the years 2000 and 2100/);
      }
    });
  });

  it("an address under /api/trpc that is none of our procedures is a 404 in words, on both apps", async () => {
    for (const app of ["customer", "admin"] as const) {
      for (const [path, init] of [
        ["booking.nope", { method: "POST", body: '{"json":{}}' }],
        ["foo", {}],
      ] as const) {
        const res = await fetch(`${urls[app]}/api/trpc/${path}`, {
          ...init,
          headers: { "content-type": "application/json", origin: urls[app] },
        });
        const text = await res.text();
        expect(res.status, `${app} ${path}`).toBe(404);
        expect(messageOf(text), `${app} ${path}`).toBe("This address isn't part of our API.");
        expect(text, `${app} ${path}`).not.toMatch(/procedure|on path|TRPCError|"stack"/);
      }
    }
  });

  it("a body tRPC cannot read is a readable 400, never the library's TypeError", async () => {
    for (const body of [
      "null",
      "{not json",
      '{"json":{},"meta":{"values":{"a":[["custom","x"]]}}}',
    ]) {
      const res = await fetch(`${urls.customer}/api/trpc/booking.create`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: urls.customer },
        body,
      });
      const text = await res.text();
      expect(res.status, body).toBe(400);
      expect(text, body).not.toMatch(/destructure|payload|custom value|TypeError|"stack"/);
      expect(messageOf(text), body).toMatch(
        /not valid JSON|couldn't read this request's input|Invalid input/,
      );
    }
  });
});
