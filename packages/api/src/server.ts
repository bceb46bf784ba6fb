// Wiring shared by both Next apps: one set of process-wide dependencies per app, the tRPC fetch
// handler, and the health endpoint. Each app passes its own validated env.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { AnyTRPCRouter } from "@trpc/server";
import { createDb } from "@myhibachi/db";
import { QueryCache, checkHealth } from "@myhibachi/core";
import { clientIp, createAuth, getSessionUser, parseTrustedProxies } from "@myhibachi/auth";
import { rateLimitAddress } from "@myhibachi/auth/client-ip";
import {
  createQueues,
  createRedis,
  enqueue,
  RedisUnavailableError,
  type Queues,
} from "@myhibachi/jobs";
import { createContext, type ApiDeps, type EmailMessageInput } from "./context";

export interface ServerEnv {
  DATABASE_URL: string;
  REDIS_URL: string;
  AUTH_SECRET: string;
  /** This app's public URL (for auth callbacks). */
  APP_URL: string;
  CUSTOMER_URL: string;
  QUEUE_PREFIX?: string;
  CACHE_PREFIX?: string;
  /** Which X-Forwarded-For hops are our own proxies (see packages/auth/src/client-ip.ts). */
  TRUSTED_PROXIES?: string;
}

export interface ServerDeps extends ApiDeps {
  queues: Queues;
  /** The queues' own fail-fast connection: a request never waits for Redis to enqueue. */
  queueRedis: ReturnType<typeof createRedis>;
}

export function createServerDeps(env: ServerEnv, app: "customer" | "admin"): ServerDeps {
  const db = createDb({ url: env.DATABASE_URL, max: 10 });
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
    redis,
    cache,
    auth,
    sendEmail,
    customerUrl: env.CUSTOMER_URL,
    cookieSecret: env.AUTH_SECRET,
    clientAddress,
    queues,
    queueRedis,
  };
}

export function handleTrpc(
  req: Request,
  router: AnyTRPCRouter,
  deps: ServerDeps,
): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router,
    createContext: async () =>
      createContext(
        deps,
        req.headers,
        await getSessionUser(deps.auth, req.headers).catch(() => null),
      ),
  });
}

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
