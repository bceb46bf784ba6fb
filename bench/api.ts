// `pnpm bench api [rounds]`: the same reads (menu, quote, my bookings, the admin bookings list)
// through tRPC, REST and GraphQL, side by side: latency p50/p99 and bytes per response (raw and
// gzip). Every request goes through the app's real HTTP handler in this process (body checks,
// session from the cookie, the adapter, the operation, Postgres and Redis), on the seeded demo
// business, after a warm-up, so the figures compare the surfaces and not the network.
// Then over-fetching: for the My bookings page and the admin Bookings list, the bytes the page
// downloads over tRPC today vs the GraphQL document that asks for exactly the page's fields.
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import {
  ADMIN_BOOKINGS_QUERY,
  MENU_QUERY,
  MY_BOOKINGS_QUERY,
  QUOTE_QUERY,
  createServerDeps,
  handleGraphQL,
  handleRest,
  handleTrpc,
  adminRouter,
  customerRouter,
  type ServerDeps,
} from "@myhibachi/api";
import { closeQueues } from "@myhibachi/jobs";
import { DEMO_USERS, seedDemo } from "@myhibachi/seed";
import { classicSelection } from "@myhibachi/seed/fixtures";
import { createHash } from "node:crypto";
import { percentile, scratchDatabase } from "./_db";

// As under `next start`: outside production trpc-to-openapi re-validates the whole REST document on
// every request, which would measure a development-only cost.
(process.env as Record<string, string>).NODE_ENV = "production";

const DB_NAME = "myhibachi_bench_api";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";
const CUSTOMER = "http://127.0.0.1:3990";
const ADMIN = "http://127.0.0.1:3991";
const ROUNDS = Number(process.argv[2] ?? 300);

type App = "customer" | "admin";
type Surface = "tRPC" | "REST" | "GraphQL";
interface Read {
  name: string;
  app: App;
  requests: Partial<Record<Surface, () => Request>>;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

async function signIn(deps: ServerDeps, base: string, email: string, password: string) {
  const res = await deps.auth.handler(
    new Request(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ email, password }),
    }),
  );
  if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="))
    .join("; ");
}

function trpcGet(base: string, path: string, input: unknown, cookie = "") {
  const url = new URL(`${base}/api/trpc/${path}`);
  if (input !== undefined) url.searchParams.set("input", JSON.stringify({ json: input }));
  return () => new Request(url, { headers: { cookie } });
}

function graphql(base: string, body: Record<string, unknown>, cookie = "") {
  return () =>
    new Request(`${base}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, cookie },
      body: JSON.stringify(body),
    });
}

function rest(base: string, method: "GET" | "POST", path: string, body?: unknown, cookie = "") {
  return () =>
    new Request(`${base}/api/v1${path}`, {
      method,
      headers: {
        origin: base,
        cookie,
        ...(body ? { "content-type": "application/json" } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
}

async function main() {
  console.log("MyHibachi API benchmark: the same reads through tRPC, REST and GraphQL\n");
  const url = await scratchDatabase(DB_NAME);
  const prefix = `bench-api-${randomBytes(3).toString("hex")}`;
  const env = (app: App) => ({
    DATABASE_URL: url,
    REDIS_URL,
    AUTH_SECRET: "b".repeat(40),
    APP_URL: app === "customer" ? CUSTOMER : ADMIN,
    CUSTOMER_URL: CUSTOMER,
    QUEUE_PREFIX: prefix,
    CACHE_PREFIX: prefix,
  });
  const customer = createServerDeps(env("customer"), "customer");
  const admin = createServerDeps(env("admin"), "admin");
  const seeded = await seedDemo(customer.db);
  console.log(`seeded ${seeded.customers} customers, ${seeded.bookings} bookings`);
  const casey = await signIn(
    customer,
    CUSTOMER,
    DEMO_USERS.customer.email,
    DEMO_USERS.customer.password,
  );
  const owner = await signIn(admin, ADMIN, DEMO_USERS.owner.email, DEMO_USERS.owner.password);

  const quoteInput = { selection: classicSelection(12), postalCode: "95125" };
  const gqlSelection = {
    packageSlug: quoteInput.selection.packageSlug,
    adults: quoteInput.selection.adults,
    children: quoteInput.selection.children,
    proteins: Object.entries(quoteInput.selection.proteins).map(([slug, count]) => ({
      slug,
      count,
    })),
    extras: [],
  };
  const persisted = (doc: string, operationName: string, variables = {}) => ({
    operationName,
    variables,
    extensions: { persistedQuery: { version: 1, sha256Hash: sha256(doc) } },
  });

  const reads: Read[] = [
    {
      name: "menu",
      app: "customer",
      requests: {
        tRPC: trpcGet(CUSTOMER, "catalog.get", undefined),
        REST: rest(CUSTOMER, "GET", "/menu"),
        GraphQL: graphql(CUSTOMER, persisted(MENU_QUERY, "Menu")),
      },
    },
    {
      name: "quote (12 guests)",
      app: "customer",
      requests: {
        tRPC: trpcGet(CUSTOMER, "booking.quote", quoteInput),
        REST: rest(CUSTOMER, "POST", "/quote", quoteInput),
        GraphQL: graphql(
          CUSTOMER,
          persisted(QUOTE_QUERY, "Quote", { input: { ...quoteInput, selection: gqlSelection } }),
        ),
      },
    },
    {
      name: "my bookings (page of 50)",
      app: "customer",
      requests: {
        tRPC: trpcGet(CUSTOMER, "booking.mine", { first: 50 }, casey),
        REST: rest(CUSTOMER, "GET", "/me/bookings?first=50", undefined, casey),
        GraphQL: graphql(
          CUSTOMER,
          persisted(MY_BOOKINGS_QUERY, "MyBookings", { first: 50 }),
          casey,
        ),
      },
    },
    {
      name: "admin bookings list",
      app: "admin",
      requests: {
        tRPC: trpcGet(ADMIN, "bookings.list", {}, owner),
        REST: rest(ADMIN, "GET", "/bookings", undefined, owner),
        GraphQL: graphql(ADMIN, persisted(ADMIN_BOOKINGS_QUERY, "AdminBookings"), owner),
      },
    },
  ];

  const handle = (s: Surface, app: App, req: Request) => {
    const deps = app === "customer" ? customer : admin;
    if (s === "tRPC")
      return handleTrpc(req, app === "customer" ? customerRouter : adminRouter, deps);
    if (s === "REST") return handleRest(req, app, deps);
    return handleGraphQL(req, app, deps);
  };

  const results: {
    read: string;
    surface: Surface;
    p50: number;
    p99: number;
    bytes: number;
    gzip: number;
  }[] = [];
  for (const read of reads)
    for (const [surface, make] of Object.entries(read.requests) as [Surface, () => Request][]) {
      let body = "";
      const once = async () => {
        const res = await handle(surface, read.app, make());
        body = await res.text();
        if (res.status !== 200)
          throw new Error(`${read.name} via ${surface}: HTTP ${res.status} ${body.slice(0, 300)}`);
        if (surface === "GraphQL" && body.includes('"errors"'))
          throw new Error(`${read.name} via GraphQL: ${body.slice(0, 300)}`);
      };
      for (let i = 0; i < 20; i++) await once(); // warm: caches, JIT, the session
      const ms: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const t = performance.now();
        await once();
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      results.push({
        read: read.name,
        surface,
        p50: percentile(ms, 50),
        p99: percentile(ms, 99),
        bytes: Buffer.byteLength(body),
        gzip: gzipSync(body).length,
      });
    }

  console.log(`\n${ROUNDS} requests per row after 20 warm-up requests, in-process HTTP handlers\n`);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(
    `${"read".padEnd(26)}${"surface".padEnd(9)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("bytes", 9)}${pad("gzip", 8)}`,
  );
  for (const r of results)
    console.log(
      `${r.read.padEnd(26)}${r.surface.padEnd(9)}${pad(r.p50.toFixed(2), 9)}${pad(r.p99.toFixed(2), 9)}${pad(r.bytes, 9)}${pad(r.gzip, 8)}`,
    );

  console.log(
    "\nOver-fetching: bytes a page downloads, tRPC today vs GraphQL asking for its fields",
  );
  for (const name of ["my bookings (page of 50)", "admin bookings list"]) {
    const t = results.find((r) => r.read === name && r.surface === "tRPC")!;
    const q = results.find((r) => r.read === name && r.surface === "GraphQL")!;
    const pct = (a: number, b: number) => `${(((a - b) / a) * 100).toFixed(0)} % less`;
    console.log(
      `  ${name.padEnd(26)} tRPC ${t.bytes} B (gzip ${t.gzip}) -> GraphQL ${q.bytes} B (gzip ${q.gzip}): ${pct(t.bytes, q.bytes)} raw, ${pct(t.gzip, q.gzip)} gzip`,
    );
  }

  for (const d of [customer, admin]) {
    await closeQueues(d.queues);
    d.queueRedis.disconnect();
    const keys = await d.redis!.keys(`${prefix}*`);
    if (keys.length) await d.redis!.del(...keys);
    d.redis?.disconnect();
    await d.db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
