// An address under /api/trpc that isn't one of our procedures (attack finding F24), on both apps,
// through each app's edge (src/proxy.ts) and its tRPC route, like a request to `next start`: a
// 404 with a sentence for people, from the shared error formatter, never tRPC's own text ('No
// procedure found on path "foo"'); a procedure asked with the wrong method is a 405 in words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminRouter,
  createServerDeps,
  customerRouter,
  handleTrpc,
  type ServerDeps,
} from "@myhibachi/api";
import { createEdge } from "@myhibachi/api/http";
import { closeQueues } from "@myhibachi/jobs";
import { REDIS_URL, setupEnv, type Env } from "./helpers";

const SITES = { customer: "http://127.0.0.1:3999", admin: "http://127.0.0.1:3998" } as const;
type App = keyof typeof SITES;
const NOT_OURS = "This address isn't part of our API.";
/** tRPC's and JavaScript's own words, which a visitor should never read. */
const INTERNAL = /procedure|No procedure|on path|Unsupported|TRPCError|"stack"|at \w+ \(/;

let env: Env;
const deps = {} as Record<App, ServerDeps>;

beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  for (const app of ["customer", "admin"] as const)
    deps[app] = createServerDeps(
      {
        DATABASE_URL: env.t.url,
        REDIS_URL,
        AUTH_SECRET: "x".repeat(40),
        APP_URL: SITES[app],
        CUSTOMER_URL: SITES.customer,
        QUEUE_PREFIX: env.prefix,
        CACHE_PREFIX: env.prefix,
      },
      app,
    );
});
afterAll(async () => {
  for (const d of Object.values(deps)) {
    await closeQueues(d.queues);
    d.queueRedis.disconnect();
    d.redis?.disconnect();
    await d.db.$disconnect();
  }
  await env?.close();
});

/** One request to an app's /api/trpc: its edge first, then the route. */
async function call(app: App, path: string, init: RequestInit = {}) {
  const req = new Request(`${SITES[app]}/api/trpc/${path}`, {
    ...init,
    headers: {
      origin: SITES[app],
      ...(init.body ? { "content-type": "application/json" } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
  const refused = createEdge({ appUrl: SITES[app] }).handle(req).refuse;
  const res =
    refused ?? (await handleTrpc(req, app === "admin" ? adminRouter : customerRouter, deps[app]));
  const text = await res.text();
  const json = JSON.parse(text) as unknown;
  type Err = { error: { json: { message: string; data: { httpStatus: number } } } };
  const errors = (Array.isArray(json) ? json : [json]) as Err[];
  return {
    status: res.status,
    text,
    messages: errors.map((e) => e.error.json.message),
    statuses: errors.map((e) => e.error.json.data.httpStatus),
  };
}

describe("an address that isn't one of our procedures", () => {
  for (const app of ["customer", "admin"] as const) {
    it(`${app}: POST to an unknown procedure is a 404 in words`, async () => {
      const r = await call(app, "booking.nope", { method: "POST", body: '{"json":{}}' });
      expect(r.status).toBe(404);
      expect(r.messages).toEqual([NOT_OURS]);
      expect(r.text).not.toMatch(INTERNAL);
    });

    it(`${app}: GET of an unknown address is a 404 in words`, async () => {
      const r = await call(app, "foo");
      expect(r.status).toBe(404);
      expect(r.messages).toEqual([NOT_OURS]);
      expect(r.text).not.toMatch(INTERNAL);
    });

    it(`${app}: a batch of unknown addresses says it for each`, async () => {
      const input = encodeURIComponent(JSON.stringify({ 0: { json: null }, 1: { json: null } }));
      const r = await call(app, `foo,bar.baz?batch=1&input=${input}`);
      expect(r.status).toBe(404);
      expect(r.messages).toEqual([NOT_OURS, NOT_OURS]);
      expect(r.statuses).toEqual([404, 404]);
      expect(r.text).not.toMatch(INTERNAL);
    });
  }

  it("a procedure asked with the wrong method is a 405 that says which method it takes", async () => {
    // booking.create changes something (POST); catalog.get only reads (GET).
    const get = await call("customer", "booking.create");
    expect(get.status).toBe(405);
    expect(get.messages).toEqual(["This address takes POST requests only."]);
    expect(get.text).not.toMatch(INTERNAL);
    const post = await call("customer", "catalog.get", { method: "POST", body: '{"json":null}' });
    expect(post.status).toBe(405);
    expect(post.messages).toEqual(["This address takes GET requests only."]);
    expect(post.text).not.toMatch(INTERNAL);
  });

  it("PUT, PATCH and DELETE (attack G4): a 404 in words for no procedure, a 405 naming the method", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      for (const app of ["customer", "admin"] as const) {
        const none = await call(app, "nope", { method });
        expect(none.status, `${app} ${method} nope`).toBe(404);
        expect(none.messages).toEqual([NOT_OURS]);
      }
      const create = await call("customer", "booking.create", { method });
      expect(create.status).toBe(405);
      expect(create.messages).toEqual([`This address takes POST requests only, not ${method}.`]);
      const read = await call("customer", "catalog.get", { method });
      expect(read.messages).toEqual([`This address takes GET requests only, not ${method}.`]);
      expect(create.text + read.text).not.toMatch(INTERNAL);
    }
  });

  it("a real procedure still answers", async () => {
    const res = await handleTrpc(
      new Request(`${SITES.customer}/api/trpc/catalog.get`),
      customerRouter,
      deps.customer,
    );
    expect(res.status).toBe(200);
  });
});
