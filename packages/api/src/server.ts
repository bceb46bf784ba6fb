// Wiring shared by both Next apps: one set of process-wide dependencies per app, the tRPC fetch
// handler, and the health endpoints (liveness and readiness). Each app passes its own validated env.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { AnyTRPCRouter } from "@trpc/server";
import type { AiSettings } from "@myhibachi/ai/env";
import { createDbClients, replicaUrls } from "@myhibachi/db";
import {
  QueryCache,
  checkHealth,
  LIVE_REPORT,
  createPaymentsGateway,
  type PaymentsGateway,
  type StripeConfig,
} from "@myhibachi/core";
import { clientIp, createAuth, parseTrustedProxies } from "@myhibachi/auth";
import { rateLimitAddress } from "@myhibachi/auth/client-ip";
import {
  createQueues,
  createRedis,
  enqueue,
  RedisUnavailableError,
  type Queues,
} from "@myhibachi/jobs";
import { createContext, sessionUser, type ApiDeps, type EmailMessageInput } from "./context";
import { NOT_AN_ADDRESS } from "./trpc";
import {
  LIMITS,
  describeUnsafeText,
  errorResponse,
  findUnsafeText,
  mediaType,
  readBodyLimited,
  readJsonRequest,
  safeNextPath,
  sameIpOrigin,
  trustedOrigins,
  withBody,
} from "./http";

export interface ServerEnv {
  DATABASE_URL: string;
  /**
   * Streaming replicas of DATABASE_URL (comma-separated) for the owner's dashboards and reports;
   * unset = everything reads the primary (docs/operations/failover.md).
   */
  DATABASE_REPLICA_URL?: string | undefined;
  REDIS_URL: string;
  AUTH_SECRET: string;
  /** This app's public URL (for auth callbacks). */
  APP_URL: string;
  CUSTOMER_URL: string;
  /** More addresses the app is reached at (comma-separated origins), see .env.example. */
  ALLOWED_ORIGINS?: string;
  QUEUE_PREFIX?: string;
  CACHE_PREFIX?: string;
  /** Which X-Forwarded-For hops are our own proxies (see packages/auth/src/client-ip.ts). */
  TRUSTED_PROXIES?: string;
  /** The assistant's model settings (which tiers have a model: the chat's cache keys follow). */
  ai?: AiSettings;
  /** Stripe (deposits online); null/absent = "pay at the event" mode. */
  stripe?: StripeConfig | null;
}

export interface ServerDeps extends ApiDeps {
  queues: Queues;
  payments: PaymentsGateway | null;
  /** The queues' own fail-fast connection: a request never waits for Redis to enqueue. */
  queueRedis: ReturnType<typeof createRedis>;
}

export function createServerDeps(env: ServerEnv, app: "customer" | "admin"): ServerDeps {
  const { db, readDb } = createDbClients({
    url: env.DATABASE_URL,
    replicaUrls: replicaUrls(env.DATABASE_REPLICA_URL),
    max: 10,
  });
  const redis = createRedis(env.REDIS_URL, "cache");
  const queueRedis = createRedis(env.REDIS_URL, "producer");
  const queues = createQueues(queueRedis, env.QUEUE_PREFIX ? { prefix: env.QUEUE_PREFIX } : {});
  const cache = new QueryCache(redis, env.CACHE_PREFIX ?? "myhibachi:qc");

  // The email row is written to Postgres first, so an email survives a Redis outage: the worker
  // re-sends QUEUED rows that never reached the queue. The job is idempotent per key.
  const sendEmail = async (msg: EmailMessageInput) => {
    await db.emailMessage.upsert({
      where: { idempotencyKey: msg.idempotencyKey },
      create: {
        idempotencyKey: msg.idempotencyKey,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        ...(msg.attachments?.length ? { attachments: msg.attachments } : {}),
        html: msg.html ?? null,
      },
      update: {},
    });
    try {
      await enqueue(queues, "email.send", msg);
    } catch (err) {
      console.error(
        "[email] could not enqueue; it stays QUEUED in Postgres for the worker's sweep:",
        err instanceof RedisUnavailableError ? err.message : err,
      );
    }
  };
  const auth = createAuth({
    db,
    redis,
    secret: env.AUTH_SECRET,
    baseURL: env.APP_URL,
    trustedOrigins: trustedOrigins(env.APP_URL, env.ALLOWED_ORIGINS),
    // The site opened by its IP address: its own pages' sign-in works there too (the edge admits
    // exactly these requests, see sameIpOrigin).
    requestOrigin: (request) => {
      const origin = request.headers.get("origin");
      return origin && sameIpOrigin(request, origin) ? origin : null;
    },
    app,
    sendEmail,
    allowSignUp: app === "customer",
    keyPrefix: env.CACHE_PREFIX ?? "myhibachi",
    trustedProxies: env.TRUSTED_PROXIES,
  });
  const trust = parseTrustedProxies(env.TRUSTED_PROXIES);
  const clientAddress = (headers: Headers) => {
    const ip = clientIp(headers, trust);
    return ip ? rateLimitAddress(ip) : null;
  };
  return {
    db,
    readDb,
    redis,
    cache,
    auth,
    sendEmail,
    customerUrl: env.CUSTOMER_URL,
    cookieSecret: env.AUTH_SECRET,
    clientAddress,
    queues,
    queueRedis,
    payments: createPaymentsGateway(env.stripe ?? null),
    ...(env.ai ? { aiSettings: env.ai } : {}),
  };
}

/**
 * The tRPC endpoint. Before tRPC sees a request: at most LIMITS.trpcBatch calls per batch (400),
 * mutations only as JSON (415: a cross-site form can post multipart or text, never JSON without
 * a CORS preflight), and a body of at most LIMITS.apiBodyBytes (413).
 */
export async function handleTrpc(
  req: Request,
  router: AnyTRPCRouter,
  deps: ServerDeps,
): Promise<Response> {
  const url = new URL(req.url);
  // tRPC answers GET (queries) and POST (mutations); the apps route PUT, PATCH and DELETE here
  // too, so they get a sentence (Next's own 405 has no body): a 404 for an address that is none
  // of our procedures, else a 405 naming the method the procedure takes.
  if (!["GET", "POST", "HEAD", "OPTIONS"].includes(req.method)) {
    const procedures = router._def.procedures as Record<string, { _def?: { type?: string } }>;
    const names = decodeURIComponent(url.pathname.replace(/^\/api\/trpc\/?/, "")).split(",");
    const types = names.map((n) => procedures[n]?._def?.type);
    if (types.some((t) => !t)) return errorResponse(req, 404, "NOT_FOUND", NOT_AN_ADDRESS);
    const takes = types.every((t) => t === "query") ? "GET" : "POST";
    return errorResponse(
      req,
      405,
      "METHOD_NOT_SUPPORTED",
      `This address takes ${takes} requests only, not ${req.method}.`,
      new Headers({ allow: takes }),
    );
  }
  if (url.searchParams.get("batch") === "1") {
    const calls = decodeURIComponent(url.pathname.replace(/^\/api\/trpc\/?/, "")).split(",");
    if (calls.length > LIMITS.trpcBatch)
      return errorResponse(
        req,
        400,
        "BAD_REQUEST",
        `Too many calls in one request (${calls.length}; at most ${LIMITS.trpcBatch}).`,
      );
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    const read = await readJsonRequest(req);
    if (read.refuse) return read.refuse;
    req = read.req;
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router,
    maxBatchSize: LIMITS.trpcBatch,
    createContext: async () =>
      createContext(deps, req.headers, await sessionUser(deps, req.headers)),
  });
}

/** Strings in a non-JSON body: form fields when url-encoded, else the text itself. */
function bodyValues(type: string, text: string): unknown {
  if (type === "application/json") {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined; // better-auth answers malformed JSON itself
    }
  }
  if (type === "application/x-www-form-urlencoded")
    return Object.fromEntries(new URLSearchParams(text));
  return text;
}

const CALLBACK_FIELDS = ["callbackURL", "errorCallbackURL", "newUserCallbackURL", "redirectTo"];

/** A 400 for unstorable text or a callback URL that is not a path on this site, else null. */
function authInputProblem(req: Request, values: unknown): Response | null {
  const bad = findUnsafeText(values);
  if (bad) return errorResponse(req, 400, "BAD_REQUEST", describeUnsafeText(bad));
  if (!values || typeof values !== "object") return null;
  for (const field of CALLBACK_FIELDS) {
    const v = (values as Record<string, unknown>)[field];
    if (v !== undefined && (typeof v !== "string" || safeNextPath(v, "") !== v))
      return errorResponse(
        req,
        400,
        "BAD_REQUEST",
        `${field}: use a path on this site, like /bookings.`,
      );
  }
  return null;
}

/**
 * The better-auth endpoint (/api/auth/*), with the same body limit as the API, no NUL or broken
 * characters in any field (Postgres cannot store them: a 400, not a 500), and callback URLs
 * (where a sign-in link leads) only ever a path on this site.
 */
export async function handleAuth(req: Request, deps: Pick<ServerDeps, "auth">): Promise<Response> {
  const url = new URL(req.url);
  const query = authInputProblem(req, Object.fromEntries(url.searchParams));
  if (query) return query;
  if (req.method !== "GET" && req.method !== "HEAD") {
    const read = await readBodyLimited(req, LIMITS.apiBodyBytes);
    if (read.refuse) return read.refuse;
    if (read.body) {
      const text = new TextDecoder().decode(read.body);
      const problem = authInputProblem(req, bodyValues(mediaType(req), text));
      if (problem) return problem;
    }
    req = withBody(req, read.body);
  }
  return deps.auth.handler(req);
}

/** GET /api/live (liveness): 200 {status:"ok"} while the server answers; touches nothing. */
export function liveResponse(): Response {
  return Response.json(LIVE_REPORT, { headers: { "cache-control": "no-store" } });
}

/** GET /api/health (readiness): 200 when Postgres and Redis answer, else 503. */
export async function healthResponse(
  deps: Pick<ServerDeps, "db" | "redis">,
  /** Facts reported alongside the checks, e.g. `{ email: "not delivered" }` without SMTP. */
  info: Record<string, string> = {},
): Promise<Response> {
  const report = await checkHealth({ db: deps.db, redis: deps.redis! });
  return Response.json(
    { ...report, ...info },
    {
      status: report.status === "ok" ? 200 : 503,
      headers: { "cache-control": "no-store" },
    },
  );
}
