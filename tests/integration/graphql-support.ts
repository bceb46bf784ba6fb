// Shared by the graphql-*.int.test.ts files: both apps' server deps over one test database,
// accounts signed in through the real auth handler (session cookies), and a GraphQL call through
// the real endpoint (handleGraphQL: body checks, session, Yoga, limits, persisted documents).
import { createHash, randomBytes } from "node:crypto";
import { createServerDeps, handleGraphQL, type ApiDeps, type ServerDeps } from "@myhibachi/api";
import { withPeerAddress } from "@myhibachi/auth";
import type { BookingStatus, Db, Role } from "@myhibachi/db";
import { closeQueues } from "@myhibachi/jobs";
import { createUser } from "./admin-helpers";
import { REDIS_URL, setupEnv, type Env } from "./helpers";

export const CUSTOMER_URL = "http://127.0.0.1:3996";
export const ADMIN_URL = "http://127.0.0.1:3995";

export interface GraphQLEnv {
  env: Env;
  customer: ServerDeps;
  admin: ServerDeps;
  close(): Promise<void>;
}

export async function graphqlEnv(opts: { chefs?: number } = {}): Promise<GraphQLEnv> {
  const env = await setupEnv({ chefs: opts.chefs ?? 2 });
  const make = (app: "customer" | "admin") =>
    createServerDeps(
      {
        DATABASE_URL: env.t.url,
        REDIS_URL,
        AUTH_SECRET: "g".repeat(40),
        APP_URL: app === "customer" ? CUSTOMER_URL : ADMIN_URL,
        CUSTOMER_URL,
        QUEUE_PREFIX: env.prefix,
        CACHE_PREFIX: env.prefix,
      },
      app,
    );
  const customer = make("customer");
  const admin = make("admin");
  return {
    env,
    customer,
    admin,
    async close() {
      for (const d of [customer, admin]) {
        await closeQueues(d.queues);
        d.queueRedis.disconnect();
        d.redis?.disconnect();
        await d.db.$disconnect();
      }
      await env.close();
    },
  };
}

export interface SignedIn {
  id: string;
  email: string;
  role: Role;
  cookie: string;
}

/** A new account of `role`, signed in to `app` through its auth handler (its session cookie). */
export async function signedIn(
  g: GraphQLEnv,
  app: "customer" | "admin",
  role: Role,
  opts: { verified?: boolean } = {},
): Promise<SignedIn> {
  const db = g.env.t.db;
  const u = await createUser(db, role);
  if (opts.verified === false)
    await db.user.update({ where: { id: u.id }, data: { emailVerified: false } });
  return { id: u.id, email: u.email, role, cookie: await signInTo(g, app, u) };
}

/** Signs an existing account in to `app` through its auth handler: its session cookie. */
export async function signInTo(
  g: Pick<GraphQLEnv, "customer" | "admin">,
  app: "customer" | "admin",
  u: { email: string; password: string },
): Promise<string> {
  const base = app === "customer" ? CUSTOMER_URL : ADMIN_URL;
  const res = await g[app].auth.handler(
    new Request(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: withPeerAddress(
        new Headers({ "content-type": "application/json", origin: base }),
        `198.51.100.${1 + (randomBytes(1)[0]! % 250)}`,
      ),
      body: JSON.stringify({ email: u.email, password: u.password }),
    }),
  );
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="))
    .join("; ");
}

export interface GqlCall {
  query?: string;
  /** Send only this persisted document's hash (computed from `persisted`). */
  persisted?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  cookie?: string;
  dev?: boolean;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** A raw body instead of the JSON of the fields above. */
  rawBody?: string;
}

export interface GqlResult<T = any> {
  status: number;
  body: { data?: T; errors?: { message: string; path?: string[]; extensions?: any }[] };
  text: string;
  bytes: number;
  headers: Headers;
}

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** One GraphQL request through the app's real endpoint. */
export async function gql<T = any>(
  app: "customer" | "admin",
  deps: ApiDeps,
  call: GqlCall,
): Promise<GqlResult<T>> {
  const base = app === "customer" ? CUSTOMER_URL : ADMIN_URL;
  const payload: Record<string, unknown> = {
    ...(call.query ? { query: call.query } : {}),
    ...(call.variables ? { variables: call.variables } : {}),
    ...(call.operationName ? { operationName: call.operationName } : {}),
    ...(call.persisted
      ? { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(call.persisted) } } }
      : {}),
  };
  const headers = new Headers({ origin: base, ...call.headers });
  if (call.cookie) headers.set("cookie", call.cookie);
  let req: Request;
  if (call.method === "GET") {
    const url = new URL(`${base}/api/graphql`);
    for (const [k, v] of Object.entries(payload))
      url.searchParams.set(k, typeof v === "string" ? v : JSON.stringify(v));
    req = new Request(url, { headers });
  } else {
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    req = new Request(`${base}/api/graphql`, {
      method: "POST",
      headers,
      body: call.rawBody ?? JSON.stringify(payload),
    });
  }
  const res = await handleGraphQL(req, app, deps, { dev: call.dev });
  const text = await res.text();
  let body: GqlResult<T>["body"];
  try {
    body = JSON.parse(text) as GqlResult<T>["body"];
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: res.status, body, text, bytes: Buffer.byteLength(text), headers: res.headers };
}

let codeSeq = 0;
/** A booking row written straight to the database (for lists; no chefs held). */
export async function insertBooking(
  db: Db,
  b: { customerId: string; startsAt: Date; status?: BookingStatus; totalCents?: number },
) {
  const pkg = await db.package.findFirstOrThrow({ where: { slug: "classic" } });
  const tag = `${Date.now().toString(36)}${(codeSeq++).toString(36)}${randomBytes(2).toString("hex")}`;
  const endsAt = new Date(b.startsAt.getTime() + 2 * 3600_000);
  return db.booking.create({
    data: {
      code: `T${tag}`.toUpperCase().slice(0, 16),
      customerId: b.customerId,
      status: b.status ?? "COMPLETED",
      startsAt: b.startsAt,
      endsAt,
      chefBlockStart: b.startsAt,
      chefBlockEnd: endsAt,
      timeZone: "America/Los_Angeles",
      adults: 10,
      packageId: pkg.id,
      addressLine1: "1 Test St",
      city: "San Jose",
      state: "CA",
      postalCode: "95125",
      travelZoneName: "Local",
      distanceMiles: 3,
      contactName: "Test Person",
      contactEmail: "test@example.com",
      contactPhone: "4085550100",
      selection: {},
      subtotalCents: 50000,
      travelFeeCents: 0,
      taxCents: 0,
      totalCents: b.totalCents ?? 50000,
      depositCents: 10000,
      balanceCents: 40000,
      settingsVersion: 1,
      idempotencyKey: `test-${tag}`,
    },
  });
}
