// Accounts, sessions and sign-in under attack (issue 9, points 2, 6, 11, 16, 18), through the
// real HTTP handlers of both apps (better-auth's handler and the tRPC fetch handler) on a real
// Postgres and Redis. Emails are read back from the email table, as a person reads their inbox.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminRouter,
  createServerDeps,
  customerRouter,
  handleTrpc,
  type ServerDeps,
} from "@myhibachi/api";
import { runTool } from "@myhibachi/ai";
import { createAuth, getSessionUser, withPeerAddress } from "@myhibachi/auth";
import { loadCatalogFromDb } from "@myhibachi/core";
import { closeQueues, createRedis } from "@myhibachi/jobs";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { createUser } from "./admin-helpers";
import { REDIS_URL, setupEnv, type Env } from "./helpers";

const CUSTOMER = "http://127.0.0.1:3998";
const ADMIN = "http://127.0.0.1:3997";
const SECRET = "s".repeat(40);

let env: Env;
let customer: ServerDeps;
let admin: ServerDeps;
const extra: ServerDeps[] = [];

function deps(app: "customer" | "admin", base: string, more: { TRUSTED_PROXIES?: string } = {}) {
  const d = createServerDeps(
    {
      DATABASE_URL: env.t.url,
      REDIS_URL,
      AUTH_SECRET: SECRET,
      APP_URL: base,
      CUSTOMER_URL: CUSTOMER,
      QUEUE_PREFIX: env.prefix,
      // Own Redis keys per deps (rate limits live under the cache prefix).
      CACHE_PREFIX: `${env.prefix}-${randomBytes(3).toString("hex")}`,
      ...more,
    },
    app,
  );
  return d;
}

beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  customer = deps("customer", CUSTOMER);
  admin = deps("admin", ADMIN);
});
afterAll(async () => {
  for (const d of [customer, admin, ...extra]) {
    if (!d) continue;
    await closeQueues(d.queues);
    d.queueRedis.disconnect();
    d.redis?.disconnect();
    await d.db.$disconnect();
  }
  const keys = await env.redis.keys(`${env.prefix}*`).catch(() => [] as string[]);
  if (keys.length) await env.redis.del(...keys);
  await env?.close();
});

// ------------------------------------------------------------------------------------- helpers

const base = (d: ServerDeps) => (d === admin ? ADMIN : CUSTOMER);

interface Opts {
  cookie?: string;
  peer?: string;
  xff?: string;
  method?: string;
}

function headersFor(d: ServerDeps, o: Opts, json = true): Headers {
  const h = new Headers({ origin: base(d) });
  if (json) h.set("content-type", "application/json");
  if (o.cookie) h.set("cookie", o.cookie);
  if (o.xff) h.set("x-forwarded-for", o.xff);
  return o.peer ? withPeerAddress(h, o.peer) : h;
}

async function authPost(d: ServerDeps, path: string, body: unknown, o: Opts = {}) {
  const res = await d.auth.handler(
    new Request(`${base(d)}/api/auth${path}`, {
      method: "POST",
      headers: headersFor(d, o),
      body: JSON.stringify(body),
    }),
  );
  return { res, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

async function authGet(d: ServerDeps, url: string, o: Opts = {}) {
  return d.auth.handler(new Request(url, { headers: headersFor(d, o, false), redirect: "manual" }));
}

/** The session cookie(s) a response set, as a Cookie header value. */
const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => !c.endsWith("="))
    .join("; ");

function signIn(d: ServerDeps, email: string, password: string, o: Opts = {}) {
  return authPost(d, "/sign-in/email", { email, password }, { peer: "203.0.113.50", ...o });
}

async function trpc(
  d: ServerDeps,
  path: string,
  input: unknown,
  o: Opts & { mutation?: boolean } = {},
) {
  const router = d === admin ? adminRouter : customerRouter;
  const url = new URL(`${base(d)}/api/trpc/${path}`);
  if (!o.mutation && input !== undefined)
    url.searchParams.set("input", JSON.stringify({ json: input }));
  const res = await handleTrpc(
    new Request(url, {
      method: o.mutation ? "POST" : "GET",
      headers: headersFor(d, o),
      ...(o.mutation ? { body: JSON.stringify({ json: input }) } : {}),
    }),
    router,
    d,
  );
  const json = (await res.json()) as {
    error?: { json: { message: string; data: { code: string } } };
    result?: { data: { json: unknown } };
  };
  return {
    status: res.status,
    code: json.error?.json.data.code,
    message: json.error?.json.message ?? "",
    data: json.result?.data.json as any,
  };
}

/** The newest email to `to` whose subject matches, and the first link in it. */
async function inbox(to: string, subject: RegExp) {
  const rows = await env.t.db.emailMessage.findMany({
    where: { to },
    orderBy: { createdAt: "desc" },
  });
  const mail = rows.find((r) => subject.test(r.subject));
  const link = mail?.text.match(/https?:\/\/\S+/)?.[0];
  return { mail, link, all: rows };
}

const future = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
const unique = (tag: string) => `${tag}-${randomBytes(4).toString("hex")}@example.test`;

function bookingInput(email: string, days: number, notes = "") {
  return {
    idempotencyKey: `sec-${randomBytes(8).toString("hex")}`,
    date: future(days),
    startMinute: 17 * 60,
    selection: classicSelection(10),
    address: FIXTURE_ADDRESS,
    contact: { name: "Victoria Victim", email, phone: "(408) 555-0142" },
    ...(notes ? { notes } : {}),
  };
}

// ----------------------------------------------------------------- 2. pre-registration hijack

describe("pre-registration hijack (point 2)", () => {
  it("an account that signed up with someone else's email never sees, reads or cancels their bookings", async () => {
    const victim = unique("victim");
    const password = "attacker-password-1";
    // The attacker signs up with the victim's address (no access to the mailbox) and signs in.
    expect(
      (await authPost(customer, "/sign-up/email", { email: victim, password, name: "Eve" })).res
        .status,
    ).toBe(200);
    const eve = await signIn(customer, victim, password);
    expect(eve.res.status).toBe(200);
    const attacker = cookieOf(eve.res);

    // Books once with that address, then cancels (with the link they got).
    const own = await trpc(customer, "booking.create", bookingInput(victim, 20), {
      cookie: attacker,
      mutation: true,
    });
    expect(own.status).toBe(200);
    const cancelled = await trpc(
      customer,
      "booking.cancel",
      { id: own.data.id, token: own.data.token, reason: "changed plans" },
      { cookie: attacker, mutation: true },
    );
    expect(cancelled.data?.status).toBe("CANCELLED");

    // Later the victim books as a guest, with a gate code in the notes.
    const real = await trpc(
      customer,
      "booking.create",
      bookingInput(victim, 22, "Gate code 4321, side door"),
      { mutation: true },
    );
    expect(real.status).toBe(200);

    const realBefore = await env.t.db.booking.findUniqueOrThrow({ where: { id: real.data.id } });

    // The attacker's account sees nothing of it, anywhere.
    const mine = await trpc(customer, "booking.mine", undefined, { cookie: attacker });
    expect(mine.data?.bookings ?? []).toEqual([]);
    const get = await trpc(customer, "booking.get", { id: real.data.id }, { cookie: attacker });
    expect(get.status).toBe(404);
    expect(get.message).toMatch(/Confirm your email/);
    expect(JSON.stringify(get)).not.toContain("4321");
    const cancel = await trpc(
      customer,
      "booking.cancel",
      { id: real.data.id, reason: "x" },
      { cookie: attacker, mutation: true },
    );
    expect(cancel.status).toBe(404);
    const resched = await trpc(
      customer,
      "booking.reschedule",
      { id: real.data.id, date: future(30), startMinute: 17 * 60 },
      { cookie: attacker, mutation: true },
    );
    expect(resched.status).toBe(404);
    const still = await env.t.db.booking.findUniqueOrThrow({ where: { id: real.data.id } });
    expect(still.status).not.toBe("CANCELLED");
    expect(still.startsAt).toEqual(realBefore.startsAt);
    // The customer record was never linked to the unverified account.
    const record = await env.t.db.customer.findUniqueOrThrow({ where: { email: victim } });
    expect(record.userId).toBeNull();

    // Nor through the assistant.
    const me = await getSessionUser(customer.auth, new Headers({ cookie: attacker }));
    const tool = await runTool(
      {
        db: env.t.db,
        cache: env.cache,
        catalog: await loadCatalogFromDb(env.t.db),
        now: new Date(),
        identity: { userId: me!.id, visitorId: null },
        turnKey: "t1",
        siteUrl: CUSTOMER,
      },
      "get_my_bookings",
      {},
    );
    expect((tool.data as { bookings: unknown[] }).bookings).toEqual([]);
    expect(JSON.stringify(tool.data)).toMatch(/confirm their email/);

    // Nor by declaring the email verified.
    await authPost(
      customer,
      "/update-user",
      { name: "Eve", emailVerified: true },
      { cookie: attacker },
    );
    expect(
      (await env.t.db.user.findUniqueOrThrow({ where: { email: victim } })).emailVerified,
    ).toBe(false);

    // The attacker asks for a confirmation link: it goes to the victim's inbox, and opening it
    // there (not signed in to that account) does not confirm the attacker's account.
    const ask = await authPost(
      customer,
      "/send-verification-email",
      { email: victim },
      { cookie: attacker },
    );
    expect(ask.res.status).toBe(200);
    const { link } = await inbox(victim, /Confirm your email/);
    expect(link).toMatch(/\/verify-email\?token=/);
    const token = new URL(link!).searchParams.get("token")!;
    const clicked = await authGet(customer, `${CUSTOMER}/api/auth/verify-email?token=${token}`);
    expect(clicked.status).toBe(403);
    expect(await clicked.text()).toMatch(/Sign in to the account first/);
    expect(
      (await env.t.db.user.findUniqueOrThrow({ where: { email: victim } })).emailVerified,
    ).toBe(false);

    // The victim takes the address back with an emailed sign-in link: sees their booking; the
    // attacker's password and session stop working.
    await authPost(customer, "/sign-in/magic-link", { email: victim, callbackURL: "/bookings" });
    const magic = (await inbox(victim, /sign-in link/)).link!;
    const opened = await authGet(customer, magic);
    expect(opened.status).toBe(302);
    const victimCookie = cookieOf(opened);
    const theirs = await trpc(customer, "booking.mine", undefined, { cookie: victimCookie });
    expect(theirs.data.bookings.map((b: { id: string }) => b.id)).toContain(real.data.id);
    expect((await trpc(customer, "account.me", undefined, { cookie: attacker })).data).toBeNull();
    expect((await signIn(customer, victim, password)).res.status).toBe(401);
  });

  it("the real owner confirms by the emailed link while signed in, then sees their bookings", async () => {
    const email = unique("owner");
    const password = "owner-password-12";
    await authPost(customer, "/sign-up/email", { email, password, name: "Olive" });
    const signedIn = await signIn(customer, email, password);
    const cookie = cookieOf(signedIn.res);
    const b = await trpc(customer, "booking.create", bookingInput(email, 24), {
      cookie,
      mutation: true,
    });
    expect(b.status).toBe(200);

    // Unverified: told why, nothing listed.
    const me = await trpc(customer, "account.me", undefined, { cookie });
    expect(me.data).toMatchObject({ email, emailVerified: false });
    expect((await trpc(customer, "booking.mine", undefined, { cookie })).data.bookings).toEqual([]);

    // The sign-up email's link, opened in another browser (not signed in): refused, says why.
    const { link } = await inbox(email, /Confirm your email/);
    const token = new URL(link!).searchParams.get("token")!;
    const verifyUrl = `${CUSTOMER}/api/auth/verify-email?token=${token}`;
    expect((await authGet(customer, verifyUrl)).status).toBe(403);
    // Opened where they are signed in: confirmed.
    expect((await authGet(customer, verifyUrl, { cookie })).status).toBe(200);
    expect((await trpc(customer, "account.me", undefined, { cookie })).data.emailVerified).toBe(
      true,
    );
    const mine = await trpc(customer, "booking.mine", undefined, { cookie });
    expect(mine.data.bookings.map((x: { id: string }) => x.id)).toEqual([b.data.id]);
    expect((await trpc(customer, "booking.get", { id: b.data.id }, { cookie })).status).toBe(200);
    // Their password still works after confirming.
    expect((await signIn(customer, email, password)).res.status).toBe(200);
  });
});

// --------------------------------------------------------------------- 6. sign-in throttling

describe("sign-in throttling (point 6)", () => {
  it("rotating X-Forwarded-For from one connection does not reset the limit", async () => {
    const u = await createUser(env.t.db, "CUSTOMER");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await signIn(customer, u.email, `wrong-${i}-password`, {
            peer: "198.51.100.10",
            xff: `10.9.8.${i}`,
          })
        ).res.status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const locked = await signIn(customer, u.email, u.password, {
      peer: "198.51.100.10",
      xff: "10.1.1.1",
    });
    expect(locked.res.status).toBe(429);
    expect(locked.body?.message).toMatch(/Try again in \d+ minutes?/);
    expect(Number(locked.res.headers.get("retry-after"))).toBeGreaterThan(0);
    // The owner, from their own connection, still gets in.
    expect(
      (await signIn(customer, u.email, u.password, { peer: "198.51.100.11" })).res.status,
    ).toBe(200);
  });

  it("junk attempts from one address don't lock out other people, nor the same address's users", async () => {
    const real = await createUser(env.t.db, "CUSTOMER");
    for (let i = 0; i < 6; i++)
      expect(
        (await signIn(customer, unique("nobody"), "junk-password", { peer: "198.51.100.20" })).res
          .status,
      ).toBe(401);
    // Requests carrying no X-Forwarded-For at all used to share one bucket.
    expect(
      (await signIn(customer, real.email, real.password, { peer: "198.51.100.21" })).res.status,
    ).toBe(200);
    expect(
      (await signIn(customer, real.email, real.password, { peer: "198.51.100.20" })).res.status,
    ).toBe(200);
  });

  it("successful sign-ins never count: 15 in a row all succeed", async () => {
    const owner = await createUser(env.t.db, "OWNER");
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++)
      statuses.push(
        (await signIn(admin, owner.email, owner.password, { peer: "198.51.100.30" })).res.status,
      );
    expect(statuses).toEqual(Array(15).fill(200));
  });

  it("a success clears the account's failures; a guesser rotating addresses is stopped per account", async () => {
    const u = await createUser(env.t.db, "STAFF");
    const guess = (i: number) =>
      signIn(admin, u.email, `guess-${i}-password`, { peer: `192.0.2.${i + 1}` }).then(
        (r) => r.res.status,
      );
    for (let i = 0; i < 9; i++) expect(await guess(i)).toBe(401);
    expect((await signIn(admin, u.email, u.password, { peer: "198.51.100.40" })).res.status).toBe(
      200,
    );
    const after: number[] = [];
    for (let i = 0; i < 12; i++) after.push(await guess(100 + i));
    expect(after.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(after.slice(10)).toEqual([429, 429]);
    const refused = await signIn(admin, u.email, u.password, { peer: "198.51.100.41" });
    expect(refused.res.status).toBe(429);
    expect(refused.body?.message).toMatch(/for this account\. Try again in \d+ minutes/);
  });

  it("failures spread over many addresses never lock the real user out where they signed in before", async () => {
    // Found by a black-box attack: 5 junk attempts from each of 3 addresses locked the account
    // for 15 minutes, for everyone.
    const u = await createUser(env.t.db, "STAFF");
    const home = "198.51.100.70";
    expect((await signIn(admin, u.email, u.password, { peer: home })).res.status).toBe(200);
    for (let a = 0; a < 4; a++)
      for (let i = 0; i < 5; i++)
        await signIn(admin, u.email, `junk-${a}-${i}-password`, { peer: `203.0.113.${a + 1}` });
    // An unknown address meets the per-account lockout...
    expect((await signIn(admin, u.email, u.password, { peer: "198.51.100.71" })).res.status).toBe(
      429,
    );
    // ...but the user's own address still gets in.
    expect((await signIn(admin, u.email, u.password, { peer: home })).res.status).toBe(200);
    // A wrong password from home still counts toward the usual per-address limit.
    const fromHome: number[] = [];
    for (let i = 0; i < 6; i++)
      fromHome.push(
        (await signIn(admin, u.email, `home-${i}-password`, { peer: home })).res.status,
      );
    expect(fromHome).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("parallel guesses can't slip past the limit", async () => {
    const u = await createUser(env.t.db, "CUSTOMER");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signIn(customer, u.email, `parallel-${i}-password`, { peer: "198.51.100.50" }).then(
          (r) => r.res.status,
        ),
      ),
    );
    expect(results.filter((s) => s === 401)).toHaveLength(5);
    expect(results.filter((s) => s === 429)).toHaveLength(15);
  });

  it("behind a trusted proxy (TRUSTED_PROXIES=1) the address it appended counts, not the client's claims", async () => {
    const proxied = deps("customer", CUSTOMER, { TRUSTED_PROXIES: "1" });
    extra.push(proxied);
    const u = await createUser(env.t.db, "CUSTOMER");
    const via = (xff: string, password = "wrong-password-x") =>
      signIn(proxied, u.email, password, { peer: "10.0.0.2", xff }).then((r) => r.res.status);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await via(`6.6.6.${i}, 198.51.100.60`));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Another client behind the same proxy is not affected.
    expect(await via("198.51.100.61", u.password)).toBe(200);
  });

  it("with a CIDR list of proxies, hops inside it are skipped", async () => {
    const proxied = deps("customer", CUSTOMER, { TRUSTED_PROXIES: "10.0.0.0/8, 172.16.0.0/12" });
    extra.push(proxied);
    const u = await createUser(env.t.db, "CUSTOMER");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await signIn(proxied, u.email, "wrong-password-y", {
            peer: "10.0.0.2",
            xff: `7.7.7.${i}, 198.51.100.70, 172.16.5.5`,
          })
        ).res.status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("with Redis down, the lockout still holds (in memory) and sign-in still answers", async () => {
    const down = createRedis("redis://127.0.0.1:1", "cache");
    const auth = createAuth({
      db: env.t.db,
      redis: down,
      secret: SECRET,
      baseURL: CUSTOMER,
      app: "customer",
      sendEmail: async () => {},
    });
    const u = await createUser(env.t.db, "CUSTOMER");
    const attempt = (password: string) =>
      auth
        .handler(
          new Request(`${CUSTOMER}/api/auth/sign-in/email`, {
            method: "POST",
            headers: withPeerAddress(
              { "content-type": "application/json", origin: CUSTOMER },
              "198.51.100.80",
            ),
            body: JSON.stringify({ email: u.email, password }),
          }),
        )
        .then((r) => r.status);
    expect(await attempt(u.password)).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await attempt(`wrong-${i}-password`));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    down.disconnect();
  });
});

// ------------------------------------------------------------------ 11. sessions bound to app

describe("sessions are bound to the app that issued them (point 11)", () => {
  it("a customer-app session token renamed to the admin cookie is not signed in there, and the reverse", async () => {
    const owner = await createUser(env.t.db, "OWNER");
    const onCustomer = cookieOf((await signIn(customer, owner.email, owner.password)).res);
    expect(onCustomer).toMatch(/^mh-customer\.session_token=/);
    expect(await getSessionUser(customer.auth, new Headers({ cookie: onCustomer }))).not.toBeNull();
    const swapped = onCustomer.replace("mh-customer.", "mh-admin.");
    expect(await getSessionUser(admin.auth, new Headers({ cookie: swapped }))).toBeNull();
    const viaHttp = await authGet(admin, `${ADMIN}/api/auth/get-session`, { cookie: swapped });
    expect(await viaHttp.json()).toBeNull();
    expect((await trpc(admin, "me", undefined, { cookie: swapped })).data).toBeNull();
    const dash = await trpc(admin, "bookings.list", {}, { cookie: swapped });
    expect(dash.status).toBe(401);

    const onAdmin = cookieOf((await signIn(admin, owner.email, owner.password)).res);
    expect(onAdmin).toMatch(/^mh-admin\.session_token=/);
    const back = onAdmin.replace("mh-admin.", "mh-customer.");
    expect(await getSessionUser(customer.auth, new Headers({ cookie: back }))).toBeNull();
    expect((await trpc(customer, "account.me", undefined, { cookie: back })).data).toBeNull();
  });
});

// -------------------------------------------------------------- 16. magic links hashed at rest

describe("magic-link tokens are stored hashed (point 16)", () => {
  it("the emailed token is nowhere in the database, and the link works exactly once", async () => {
    const u = await createUser(env.t.db, "CUSTOMER");
    expect(
      (
        await authPost(customer, "/sign-in/magic-link", {
          email: u.email,
          callbackURL: "/bookings",
        })
      ).res.status,
    ).toBe(200);
    const { link } = await inbox(u.email, /sign-in link/);
    const token = new URL(link!).searchParams.get("token")!;
    expect(token.length).toBeGreaterThanOrEqual(32);
    const rows = await env.t.db.verification.findMany();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(`${r.identifier} ${r.value}`).not.toContain(token);
    const keys = await env.t.db.emailMessage.findMany({ select: { idempotencyKey: true } });
    for (const k of keys) expect(k.idempotencyKey).not.toContain(token);

    const first = await authGet(customer, link!);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(`${CUSTOMER}/bookings`);
    expect(
      await getSessionUser(customer.auth, new Headers({ cookie: cookieOf(first) })),
    ).toMatchObject({ email: u.email });
    const second = await authGet(customer, link!);
    expect(second.headers.get("location")).toMatch(/error=INVALID_TOKEN/);
    expect(cookieOf(second)).not.toMatch(/session_token=/);
  });
});

// ----------------------------------------------------------------- 18. sign-up enumeration

describe("sign-up does not reveal which emails have accounts (point 18)", () => {
  it("answers an existing email exactly like a new one, and emails the existing owner instead", async () => {
    const existing = await createUser(env.t.db, "CUSTOMER");
    const fresh = unique("fresh");
    const a = await authPost(
      customer,
      "/sign-up/email",
      { email: existing.email, password: "whatever-pass-1", name: "X" },
      { peer: "198.51.100.90" },
    );
    const b = await authPost(
      customer,
      "/sign-up/email",
      { email: fresh, password: "whatever-pass-1", name: "X" },
      { peer: "198.51.100.91" },
    );
    expect(a.res.status).toBe(b.res.status);
    expect(a.res.status).toBe(200);
    // Same fields in the same order; only the values that differ for any two sign-ups differ.
    const shape = (x: typeof a) =>
      JSON.stringify(x.body, (k, v: unknown) =>
        ["id", "email", "createdAt", "updatedAt"].includes(k) ? typeof v : v,
      );
    expect(shape(a)).toBe(shape(b));
    expect([...a.res.headers.keys()]).toEqual([...b.res.headers.keys()]);
    expect(a.body?.user).toMatchObject({ email: existing.email, emailVerified: false });
    expect(cookieOf(a.res)).toBe("");
    expect(cookieOf(b.res)).toBe("");
    // The existing owner hears about it; the password was not changed.
    expect((await inbox(existing.email, /tried to create a MyHibachi account/)).mail).toBeTruthy();
    expect(
      (await signIn(customer, existing.email, existing.password, { peer: "198.51.100.92" })).res
        .status,
    ).toBe(200);
    expect(
      (await signIn(customer, existing.email, "whatever-pass-1", { peer: "198.51.100.93" })).res
        .status,
    ).toBe(401);
    // The new address gets its confirmation link.
    expect((await inbox(fresh, /Confirm your email/)).link).toMatch(/\/verify-email\?token=/);
  });
});
