// Issue 10, item 6: no failure is swallowed without a word. A database outage during the session
// read is a 503 to try again, never "signed out"; the best-effort Redis paths still fall back, and
// say so once per outage (not on every request) and again when it is over.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { customerRouter, handleAuth, handleTrpc } from "@myhibachi/api";
import { QueryCache } from "@myhibachi/core";
import { withAdmin } from "@myhibachi/db/testing";
import { createRedis, type Redis } from "@myhibachi/jobs";
import { PrivateRedis } from "../security/private-stack";
import { createUser } from "./admin-helpers";
import { customerServerDeps, setupEnv, type Env } from "./helpers";

const BASE = "http://127.0.0.1:3999";
let env: Env;
let deps: ReturnType<typeof customerServerDeps>;
beforeAll(async () => {
  env = await setupEnv();
  deps = customerServerDeps(env);
});
afterAll(async () => {
  await deps?.close();
  await env?.close();
});

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** What the code writes to console.error / console.warn while the test runs. */
function consoleLines() {
  const lines = { error: [] as string[], warn: [] as string[] };
  const keep =
    (into: string[]) =>
    (...args: unknown[]) =>
      void into.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(" "));
  vi.spyOn(console, "error").mockImplementation(keep(lines.error));
  vi.spyOn(console, "warn").mockImplementation(keep(lines.warn));
  return lines;
}

async function me(cookie?: string) {
  const res = await handleTrpc(
    new Request(`${BASE}/api/trpc/account.me`, { headers: cookie ? { cookie } : {} }),
    customerRouter,
    deps,
  );
  const body = (await res.json()) as {
    error?: { json: { message: string } };
    result?: { data: { json: { email: string } | null } };
  };
  return { status: res.status, message: body.error?.json.message, user: body.result?.data.json };
}

/** The test database refuses connections and drops the open ones: Postgres is "down" for us. */
async function databaseDown(down: boolean) {
  await withAdmin(async (c) => {
    await c.query(`ALTER DATABASE "${env.t.name}" ALLOW_CONNECTIONS ${down ? "false" : "true"}`);
    if (down)
      await c.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [env.t.name],
      );
  });
}

describe("a database outage during the session read", () => {
  it("is a 503 asking to try again, not 'signed out', and the person is back once it ends", async () => {
    const user = await createUser(env.t.db, "CUSTOMER");
    const signIn = await handleAuth(
      new Request(`${BASE}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE },
        body: JSON.stringify({ email: user.email, password: user.password }),
      }),
      deps,
    );
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect((await me(cookie)).user?.email).toBe(user.email);

    const lines = consoleLines();
    cleanup.push(() => databaseDown(false));
    await databaseDown(true);
    const during = await me(cookie);
    expect(during.status).toBe(503);
    expect(during.message).toBe(
      "We couldn't check your sign-in just now. Please try again in a moment.",
    );
    expect(during.user).toBeUndefined();
    expect(lines.error).toContainEqual(
      expect.stringMatching(/^\[auth\] the session could not be read: .*not "signed out"$/),
    );
    // Without a session cookie there is nothing to read: a visitor is still a visitor.
    expect(await me()).toEqual({ status: 200, message: undefined, user: null });

    await databaseDown(false);
    expect((await me(cookie)).user?.email).toBe(user.email);
  });
});

describe("best-effort Redis paths fall back and say so, once per outage", () => {
  it("the query cache reads from Postgres while Redis refuses its commands, logging once", async () => {
    const prefix = `${env.prefix}:said`;
    const cache = new QueryCache(env.redis, prefix);
    const lines = consoleLines();
    // Redis is up and the connection ready, but every read of this cache fails (a key of the
    // wrong type answers WRONGTYPE, as a full or read-only Redis would answer OOM / READONLY).
    await env.redis.hset(`${prefix}:gen:catalog`, "broken", "1");
    cleanup.push(() => env.redis.del(`${prefix}:gen:catalog`));
    for (let i = 0; i < 25; i++)
      expect(await cache.read("catalog", "menu", async () => `from postgres ${i}`)).toBe(
        `from postgres ${i}`,
      );
    expect(lines.error).toEqual([
      expect.stringMatching(/^\[cache\] Redis command failed: WRONGTYPE .*reads go to Postgres/),
    ]);

    await env.redis.del(`${prefix}:gen:catalog`);
    expect(await cache.read("catalog", "menu", async () => "fresh")).toBe("fresh");
    expect(lines.warn).toEqual([
      expect.stringMatching(/^\[cache\] Redis command recovered after 25 failures since /),
    ]);
    expect(lines.error).toHaveLength(1);
  });

  it("a connection to a crashed Redis logs the outage once while it reconnects, then the recovery", async () => {
    const server = await PrivateRedis.start();
    cleanup.push(() => server.kill());
    const r: Redis = createRedis(server.url, "cache");
    cleanup.push(() => r.disconnect());
    if (r.status !== "ready") await new Promise((res) => r.once("ready", res));
    const lines = consoleLines();

    let errors = 0;
    const failedTimes = (n: number) =>
      new Promise<void>((res) => {
        const onError = () => {
          if (++errors >= n) {
            r.off("error", onError);
            res();
          }
        };
        r.on("error", onError);
      });
    const reconnectsFailed = failedTimes(4);
    await server.kill();
    await reconnectsFailed; // every reconnect attempt is an 'error' event
    expect(lines.error).toEqual([
      expect.stringMatching(/^\[redis cache\] failed: .*requests go on without it/),
    ]);

    const back = new Promise((res) => r.once("ready", res));
    await server.start();
    await back;
    expect(lines.warn).toEqual([
      expect.stringMatching(/^\[redis cache\] recovered after \d+ failures since /),
    ]);
    expect(lines.error).toHaveLength(1);
  });
});
