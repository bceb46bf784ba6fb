// Accounts, sessions and sign-in, attacked over HTTP on the built apps (issue 9: points 2, 6, 11,
// 16 and 18). Emails are read from the apps' email table, as a person reads their inbox.
//
// Lockouts are the point of several tests here, so those run against a private customer app
// (same database, own rate-limit keys via CACHE_PREFIX) instead of the suite's shared one: a
// locked-out 127.0.0.1 must not break the other files' sign-ins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cookieFrom,
  demo,
  futureDate,
  signIn,
  sql,
  startApp,
  trpc,
  uniq,
  urls,
  type StartedApp,
} from "./harness";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { listeningOn } from "../../apps/worker/src/testing/support";

const PORT_BASE = Number(process.env.SEC_PORT_BASE ?? 3200);
let priv: StartedApp; // customer app, no trusted proxies
let proxied: StartedApp; // customer app behind "one trusted proxy" (TRUSTED_PROXIES=1)

beforeAll(async () => {
  [priv, proxied] = await Promise.all([
    startApp("customer", PORT_BASE + 10, { CACHE_PREFIX: uniq("sec-auth") }),
    startApp("customer", PORT_BASE + 11, { CACHE_PREFIX: uniq("sec-auth"), TRUSTED_PROXIES: "1" }),
  ]);
});
afterAll(async () => {
  await Promise.all([priv?.stop(), proxied?.stop()]);
});

// ------------------------------------------------------------------------------------- helpers

interface Call {
  status: number;
  body: Record<string, any> | null;
  res: Response;
}

async function authPost(
  base: string,
  path: string,
  body: unknown,
  o: { cookie?: string; xff?: string } = {},
): Promise<Call> {
  const headers: Record<string, string> = { "content-type": "application/json", origin: base };
  if (o.cookie) headers.cookie = o.cookie;
  if (o.xff) headers["x-forwarded-for"] = o.xff;
  const res = await fetch(`${base}/api/auth${path}`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null), res };
}

const get = (url: string, cookie?: string) =>
  fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });

/** A tRPC call against any base URL (the harness's `trpc` only knows the suite's two apps). */
async function call(base: string, path: string, input: unknown, cookie?: string, query = false) {
  const headers: Record<string, string> = { origin: base, "content-type": "application/json" };
  if (cookie) headers.cookie = cookie;
  const envelope = JSON.stringify({ json: input });
  const res = query
    ? await fetch(
        `${base}/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(envelope)}`}`,
        { headers },
      )
    : await fetch(`${base}/api/trpc/${path}`, { method: "POST", headers, body: envelope });
  const text = await res.text();
  const json = JSON.parse(text) as {
    error?: { json: { message: string } };
    result?: { data: { json: any } };
  };
  return {
    status: res.status,
    data: json.result?.data.json,
    message: json.error?.json.message ?? "",
    text,
  };
}

/** The newest email to `to` whose subject matches, and the first link in it. */
async function inbox(to: string, subject: RegExp) {
  const rows = await sql<{ subject: string; text: string }>(
    `SELECT subject, text FROM "EmailMessage" WHERE "to" = $1 ORDER BY "createdAt" DESC`,
    to,
  );
  const mail = rows.find((r) => subject.test(r.subject));
  return { mail, link: mail?.text.match(/https?:\/\/\S+/)?.[0] };
}

/**
 * Books (as `cookie`, or as a guest) the first free evening from `fromDay` days out: tries day
 * after day (a taken day answers 409 and writes nothing).
 */
async function book(app: string, email: string, fromDay: number, cookie?: string, notes?: string) {
  const [settings] = await sql<{ slotStartMinutes: number[] }>(
    `SELECT "slotStartMinutes" FROM "BusinessSettings" WHERE id = 1`,
  );
  const startMinute = settings!.slotStartMinutes.at(-1)!;
  for (let day = fromDay; day < fromDay + 30; day++) {
    const res = await call(
      app,
      "booking.create",
      {
        idempotencyKey: uniq("sec-auth-key"),
        date: futureDate(day),
        startMinute,
        selection: classicSelection(10),
        address: { ...FIXTURE_ADDRESS, line1: "12 Orchard Lane" },
        contact: { name: "Victoria Victim", email, phone: "(408) 555-0143" },
        ...(notes ? { notes } : {}),
      },
      cookie,
    );
    if (res.status === 200) return { ...(res.data as { id: string; token: string }), day };
    expect(res.status, res.text).toBe(409);
  }
  throw new Error("no free evening in 30 days");
}

// ----------------------------------------------------------------- 2. pre-registration hijack

describe("pre-registration hijack (point 2)", () => {
  it("signing up with a victim's email, booking and cancelling never exposes the victim's later guest booking", async () => {
    const app = priv.url;
    const victim = `${uniq("victim")}@example.test`;
    const password = "attacker-chose-this-1";

    expect(
      (await authPost(app, "/sign-up/email", { email: victim, password, name: "Eve" })).status,
    ).toBe(200);
    const login = await authPost(app, "/sign-in/email", { email: victim, password });
    expect(login.status).toBe(200);
    const attacker = cookieFrom(login.res);

    const own = await book(app, victim, 40, attacker);
    const cancelled = await call(
      app,
      "booking.cancel",
      { id: own.id, token: own.token, reason: "plans changed" },
      attacker,
    );
    expect(cancelled.data?.status).toBe("CANCELLED");

    // The victim books as a guest, later, with the gate code in the notes.
    const real = { data: await book(app, victim, own.day + 1, undefined, "Gate code 8642") };

    const mine = await call(app, "booking.mine", undefined, attacker, true);
    expect(mine.status).toBe(200);
    expect(mine.data.bookings).toEqual([]);
    const read = await call(app, "booking.get", { id: real.data.id }, attacker, true);
    expect(read.status).toBe(404);
    expect(read.text).not.toContain("8642");
    expect(read.text).not.toContain("Orchard");
    expect(read.message).toMatch(/Confirm your email/);
    expect(
      (await call(app, "booking.cancel", { id: real.data.id, reason: "x" }, attacker)).status,
    ).toBe(404);
    const moved = await call(
      app,
      "booking.reschedule",
      { id: real.data.id, date: futureDate(real.data.day + 3), startMinute: 17 * 60 },
      attacker,
    );
    expect(moved.status).toBe(404);
    const [row] = await sql<{ status: string; startsAt: Date }>(
      `SELECT status, "startsAt" FROM "Booking" WHERE id = $1`,
      real.data.id,
    );
    expect(row!.status).not.toBe("CANCELLED");
    const [cust] = await sql<{ userId: string | null }>(
      `SELECT "userId" FROM "Customer" WHERE email = $1`,
      victim,
    );
    expect(cust!.userId).toBeNull();

    // A confirmation link the attacker requests lands in the victim's inbox; opening it there
    // (not signed in to that account) confirms nothing.
    expect(
      (await authPost(app, "/send-verification-email", { email: victim }, { cookie: attacker }))
        .status,
    ).toBe(200);
    const { link } = await inbox(victim, /Confirm your email/);
    expect(link).toMatch(/\/verify-email\?token=/);
    expect((await get(link!)).status).toBe(200); // the page a person lands on
    const token = new URL(link!).searchParams.get("token")!;
    const clicked = await get(`${app}/api/auth/verify-email?token=${token}`);
    expect(clicked.status).toBe(403);
    expect(await clicked.text()).toMatch(/Sign in to the account first/);
    const [u] = await sql<{ emailVerified: boolean }>(
      `SELECT "emailVerified" FROM "User" WHERE email = $1`,
      victim,
    );
    expect(u!.emailVerified).toBe(false);

    // The victim proves the address with an emailed sign-in link: their booking is theirs, and
    // the attacker's session and password are gone.
    expect(
      (await authPost(app, "/sign-in/magic-link", { email: victim, callbackURL: "/bookings" }))
        .status,
    ).toBe(200);
    const magic = (await inbox(victim, /sign-in link/)).link!;
    const opened = await get(magic);
    expect(opened.status).toBe(302);
    const theirs = await call(app, "booking.mine", undefined, cookieFrom(opened), true);
    expect(theirs.data.bookings.map((b: { id: string }) => b.id)).toContain(real.data.id);
    expect((await call(app, "account.me", undefined, attacker, true)).data).toBeNull();
    expect((await authPost(app, "/sign-in/email", { email: victim, password })).status).toBe(401);
  });
});

// --------------------------------------------------------------------- 6. sign-in throttling

describe("sign-in throttling (point 6)", () => {
  async function account() {
    const email = `${uniq("throttle")}@example.test`;
    const password = "right-password-123";
    expect(
      (await authPost(priv.url, "/sign-up/email", { email, password, name: "T" })).status,
    ).toBe(200);
    return { email, password };
  }

  it("a guesser rotating X-Forwarded-For is locked out after 5 failures, with a time to retry", async () => {
    const u = await account();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await authPost(
            priv.url,
            "/sign-in/email",
            { email: u.email, password: `guess-${i}-xx` },
            { xff: `203.0.113.${i + 1}` },
          )
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const locked = await authPost(priv.url, "/sign-in/email", u, { xff: "198.51.100.99" });
    expect(locked.status).toBe(429);
    expect(locked.body?.message).toMatch(/Try again in \d+ minutes?/);
    expect(Number(locked.res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("junk attempts against other accounts don't lock out a real user at the same address", async () => {
    const u = await account();
    for (let i = 0; i < 6; i++)
      expect(
        (
          await authPost(priv.url, "/sign-in/email", {
            email: `${uniq("junk")}@example.test`,
            password: "junk-junk",
          })
        ).status,
      ).toBe(401);
    expect((await authPost(priv.url, "/sign-in/email", u)).status).toBe(200);
  });

  it("successful sign-ins never count: 12 in a row all succeed", async () => {
    const u = await account();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await authPost(priv.url, "/sign-in/email", u)).status);
    expect(statuses).toEqual(Array(12).fill(200));
  });

  it("behind one trusted proxy, the address it appended counts; the client's own entries don't", async () => {
    const email = `${uniq("proxied")}@example.test`;
    const password = "right-password-456";
    expect(
      (await authPost(proxied.url, "/sign-up/email", { email, password, name: "P" })).status,
    ).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await authPost(
            proxied.url,
            "/sign-in/email",
            { email, password: "wrong-wrong" },
            { xff: `10.6.6.${i}, 198.51.100.7` },
          )
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Another client of the same proxy is not locked out.
    expect(
      (await authPost(proxied.url, "/sign-in/email", { email, password }, { xff: "198.51.100.8" }))
        .status,
    ).toBe(200);
  });
});

// ------------------------------------------------------------------ 11. sessions bound to app

describe("sessions are bound to the app that issued them (point 11)", () => {
  it("a customer session cookie renamed for the admin app is not signed in there, and the reverse", async () => {
    const customer = await signIn("customer", demo.owner.email, demo.owner.password);
    expect(customer).toMatch(/mh-customer\.session_token=/);
    const asAdmin = customer.replace("mh-customer.", "mh-admin.");
    expect(
      (await trpc("admin", "me", undefined, { cookie: asAdmin, type: "query" })).data,
    ).toBeNull();
    const settings = await trpc("admin", "owner.settings.get", undefined, {
      cookie: asAdmin,
      type: "query",
    });
    expect(settings.status).toBe(401);
    expect(await (await get(`${urls.admin}/api/auth/get-session`, asAdmin)).json()).toBeNull();

    const admin = await signIn("admin", demo.owner.email, demo.owner.password);
    const asCustomer = admin.replace("mh-admin.", "mh-customer.");
    expect(
      (await trpc("customer", "account.me", undefined, { cookie: asCustomer, type: "query" })).data,
    ).toBeNull();
  });
});

// -------------------------------------------------------------- 16. magic links hashed at rest

describe("magic-link tokens are stored hashed (point 16)", () => {
  it("the emailed token is not in the database, and the link signs in exactly once", async () => {
    const email = `${uniq("magic")}@example.test`;
    expect(
      (await authPost(priv.url, "/sign-in/magic-link", { email, callbackURL: "/bookings" })).status,
    ).toBe(200);
    const { link } = await inbox(email, /sign-in link/);
    const token = new URL(link!).searchParams.get("token")!;
    const leaks = await sql(
      `SELECT 1 FROM "Verification" WHERE identifier LIKE '%' || $1 || '%' OR value LIKE '%' || $1 || '%'
       UNION ALL SELECT 1 FROM "EmailMessage" WHERE "idempotencyKey" LIKE '%' || $1 || '%'`,
      token,
    );
    expect(leaks).toEqual([]);
    expect(
      (await sql(`SELECT 1 FROM "Verification" WHERE identifier LIKE 'magic-link:%'`)).length,
    ).toBeGreaterThan(0);
    const first = await get(link!);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(`${priv.url}/bookings`);
    const me = await call(priv.url, "account.me", undefined, cookieFrom(first), true);
    expect(me.data).toMatchObject({ email, emailVerified: true });
    const again = await get(link!);
    expect(again.headers.get("location")).toMatch(/error=INVALID_TOKEN/);
    expect(cookieFrom(again)).not.toMatch(/session_token/);
  });
});

// ------------------------------------------- 18. sign-up enumeration, worker health endpoint

describe("sign-up and /healthz reveal nothing (point 18)", () => {
  it("sign-up answers an existing email exactly like a new one, and tells the owner instead", async () => {
    const fresh = `${uniq("fresh")}@example.test`;
    // Through the app behind a (trusted) proxy, as two different clients: sign-ups are also
    // limited per address, and this test is about the answers, not that limit.
    const app = proxied.url;
    const a = await authPost(
      app,
      "/sign-up/email",
      { email: demo.customer.email, password: "another-pass-1", name: "X" },
      { xff: "198.51.100.21" },
    );
    const b = await authPost(
      app,
      "/sign-up/email",
      { email: fresh, password: "another-pass-1", name: "X" },
      { xff: "198.51.100.22" },
    );
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const shape = (c: Call) =>
      JSON.stringify(c.body, (k, v: unknown) =>
        ["id", "email", "createdAt", "updatedAt"].includes(k) ? typeof v : v,
      );
    expect(shape(a)).toBe(shape(b));
    expect([...a.res.headers.keys()].filter((k) => k !== "date")).toEqual(
      [...b.res.headers.keys()].filter((k) => k !== "date"),
    );
    expect(cookieFrom(a.res)).toBe("");
    expect(cookieFrom(b.res)).toBe("");
    expect(
      (await inbox(demo.customer.email, /tried to create a MyHibachi account/)).mail,
    ).toBeTruthy();
    expect((await inbox(fresh, /Confirm your email/)).link).toBeTruthy();
    // The existing account is untouched: its password still works.
    expect(
      (await authPost(app, "/sign-in/email", demo.customer, { xff: "198.51.100.23" })).status,
    ).toBe(200);
  });

  it("the worker's /healthz listens on loopback only and shows no queue statistics", async () => {
    const port = Number(new URL(urls.worker).port);
    expect(listeningOn(port)).toEqual(["127.0.0.1"]);
    const res = await fetch(`${urls.worker}/healthz`);
    const body = (await res.json()) as { queues?: unknown };
    expect(body.queues ?? null).toBeNull();
  });
});
