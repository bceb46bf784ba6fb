// Sign-in hardening against the real Postgres and Redis: per-IP and per-email throttling of
// password guessing, session expiry, and sign-out.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, getSessionUser, type Auth } from "@myhibachi/auth";
import { setupEnv, type Env } from "./helpers";
import { createUser } from "./admin-helpers";

const BASE = "http://127.0.0.1:3999";
let env: Env;
let auth: Auth;
let staff: Awaited<ReturnType<typeof createUser>>;
let other: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  staff = await createUser(env.t.db, "STAFF");
  other = await createUser(env.t.db, "OWNER");
  auth = createAuth({
    db: env.t.db,
    redis: env.redis,
    secret: "x".repeat(40),
    baseURL: BASE,
    // Own Redis keys: the app name is part of the rate-limit key prefix.
    app: `admin-${randomBytes(3).toString("hex")}` as "admin",
    sendEmail: async () => {},
  });
});
afterAll(async () => {
  const keys = await env.redis.keys("myhibachi:auth:admin-*");
  if (keys.length) await env.redis.del(...keys);
  await env?.close();
});

function signIn(email: string, password: string, ip: string) {
  return auth.handler(
    new Request(`${BASE}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip, origin: BASE },
      body: JSON.stringify({ email, password }),
    }),
  );
}

const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

describe("sign-in throttling", () => {
  it("after 5 wrong passwords from one IP, even the right password is refused with 429", async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < 5; i++)
      expect((await signIn(staff.email, "wrong-password", ip)).status).toBe(401);
    const blocked = await signIn(staff.email, staff.password, ip);
    expect(blocked.status).toBe(429);
    expect(cookieOf(blocked)).not.toContain("session_token");
    // Another person at another address is not locked out.
    expect((await signIn(other.email, other.password, "198.51.100.9")).status).toBe(200);
  });

  it("a guesser rotating IP addresses is stopped per account after 10 attempts", async () => {
    const target = await createUser(env.t.db, "OWNER");
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await signIn(target.email, `guess-${i}-password`, `192.0.2.${i + 1}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const res = await signIn(target.email, target.password, "192.0.2.200");
    expect(res.status).toBe(429);
    expect(await res.text()).toMatch(
      /Too many failed sign-in attempts for this account\. Try again in \d+ minutes/,
    );
    // Case and spaces don't make a new bucket.
    expect(
      (await signIn(`  ${target.email.toUpperCase()}`, target.password, "192.0.2.201")).status,
    ).toBe(429);
  });
});

describe("sessions", () => {
  it("sign-in gives a session that stops working after sign-out", async () => {
    const u = await createUser(env.t.db, "STAFF");
    const res = await signIn(u.email, u.password, "198.51.100.20");
    expect(res.status).toBe(200);
    const cookie = cookieOf(res);
    expect(cookie).toContain("mh-admin");
    const headers = new Headers({ cookie });
    expect((await getSessionUser(auth, headers))?.role).toBe("STAFF");
    const out = await auth.handler(
      new Request(`${BASE}/api/auth/sign-out`, {
        method: "POST",
        headers: { cookie, origin: BASE },
      }),
    );
    expect(out.status).toBe(200);
    expect(await getSessionUser(auth, headers)).toBeNull();
    expect(await env.t.db.session.count({ where: { userId: u.id } })).toBe(0);
  });

  it("sessions expire: an expired session is not accepted", async () => {
    const u = await createUser(env.t.db, "OWNER");
    const res = await signIn(u.email, u.password, "198.51.100.21");
    const headers = new Headers({ cookie: cookieOf(res) });
    const s = await env.t.db.session.findFirstOrThrow({ where: { userId: u.id } });
    // Sessions last a week at most.
    expect(s.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86400_000 + 60_000);
    expect(await getSessionUser(auth, headers)).not.toBeNull();
    await env.t.db.session.update({
      where: { id: s.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await getSessionUser(auth, headers)).toBeNull();
  });
});
