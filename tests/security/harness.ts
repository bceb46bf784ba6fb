// Helpers for the security suite (tests/security/*.sec.test.ts). The apps under attack are the
// BUILT apps that global-setup.ts starts on their own database; tests talk to them over HTTP
// only, and read the database directly (sql) to check what was or wasn't written.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { closeQueues, createQueues, createRedis } from "@myhibachi/jobs";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { appCommand } from "./global-setup";
import { freePort } from "./private-stack";

const root = fileURLToPath(new URL("../..", import.meta.url));
const sec = inject("sec");

export const urls = { customer: sec.customer, admin: sec.admin, worker: sec.worker };
export type App = "customer" | "admin";

export const demo = {
  owner: { email: "owner@myhibachi.local", password: "owner-demo-pass" },
  staff: { email: "staff@myhibachi.local", password: "staff-demo-pass" },
  customer: { email: "customer@myhibachi.local", password: "customer-demo-pass" },
} as const;

let pool: pg.Pool | null = null;
afterAll(async () => {
  await pool?.end();
  pool = null;
});

/** Runs SQL against the apps' own database (the independent truth for "nothing written"). */
export async function sql<T extends Record<string, unknown> = Record<string, unknown>>(
  text: string,
  ...params: unknown[]
): Promise<T[]> {
  pool ??= new pg.Pool({ connectionString: sec.databaseUrl, max: 4 });
  const res = await pool.query(text, params);
  return res.rows as T[];
}

/** Row counts of every table in the public schema (for "a failed request wrote nothing"). */
export async function tableCounts(): Promise<Record<string, number>> {
  const tables = await sql<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
  );
  const out: Record<string, number> = {};
  for (const { t } of tables) {
    const [row] = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "${t}"`);
    out[t] = Number(row!.n);
  }
  return out;
}

/**
 * Runs `fn` while the worker takes no job: every queue paused, and the jobs already running
 * finished. For "a refused request wrote nothing" checks, so a scheduled job (reminders,
 * campaigns, an AI reply from an earlier test) writing on its own timetable is not taken for the
 * request's write. Also returns the jobs waiting in each queue before and after, so a request
 * that queued work (which would write later) is still seen.
 */
export async function withWorkerPaused<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; queuedBefore: number; queuedAfter: number }> {
  const redis = createRedis(sec.redisUrl, "queue");
  const byName = createQueues(redis, { prefix: sec.prefix });
  const queues = Object.values(byName);
  const queued = async () => {
    let n = 0;
    for (const q of queues) n += await q.getJobCountByTypes("waiting", "paused", "prioritized");
    return n;
  };
  try {
    await Promise.all(queues.map((q) => q.pause()));
    const until = Date.now() + 60_000;
    for (;;) {
      let active = 0;
      for (const q of queues) active += await q.getActiveCount();
      if (active === 0) break;
      if (Date.now() > until) throw new Error(`the worker still has ${active} job(s) running`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const queuedBefore = await queued();
    const result = await fn();
    return { result, queuedBefore, queuedAfter: await queued() };
  } finally {
    await Promise.all(queues.map((q) => q.resume()));
    await closeQueues(byName);
    redis.disconnect();
  }
}

/**
 * Asserts that `requests` wrote no row to any table and queued no job (with the worker paused,
 * see withWorkerPaused).
 */
export async function expectNothingWritten(requests: () => Promise<void>): Promise<void> {
  const { result, queuedBefore, queuedAfter } = await withWorkerPaused(async () => {
    const before = await tableCounts();
    await requests();
    return { before, after: await tableCounts() };
  });
  if (JSON.stringify(result.after) !== JSON.stringify(result.before)) {
    const changed = Object.keys(result.after).filter((t) => result.after[t] !== result.before[t]);
    throw new Error(
      `rows written: ${changed.map((t) => `${t} ${result.before[t]} -> ${result.after[t]}`).join(", ")}`,
    );
  }
  if (queuedAfter !== queuedBefore) {
    throw new Error(`jobs queued: ${queuedBefore} -> ${queuedAfter}`);
  }
}

/** The Cookie header value from a response's Set-Cookie headers. */
export function cookieFrom(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="))
    .join("; ");
}

/** Signs in with email + password on one app; returns the Cookie header value. */
export async function signIn(app: App, email: string, password: string): Promise<string> {
  const res = await fetch(`${urls[app]}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: urls[app] },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok)
    throw new Error(`sign-in as ${email} on ${app}: HTTP ${res.status} ${await res.text()}`);
  const cookie = cookieFrom(res);
  if (!cookie) throw new Error(`sign-in as ${email} on ${app}: no session cookie`);
  return cookie;
}

export interface TrpcResult<T = unknown> {
  status: number;
  /** The procedure's result (superjson's `json` part) when it succeeded. */
  data: T | undefined;
  /** The error message a client would show, when it failed. */
  message: string;
  /** The tRPC error code (BAD_REQUEST, CONFLICT...), when it failed. */
  code: string | undefined;
  headers: Headers;
  text: string;
}

export interface TrpcOptions {
  cookie?: string;
  /** "query" is a GET, "mutation" a POST (default: mutation when input is given... see below). */
  type?: "query" | "mutation";
  headers?: Record<string, string>;
}

/**
 * Calls one tRPC procedure over HTTP the way the apps' own client does (superjson envelope,
 * same-origin Origin header). Pass `type: "query"` for queries (GET).
 */
export async function trpc<T = unknown>(
  app: App,
  path: string,
  input: unknown,
  opts: TrpcOptions = {},
): Promise<TrpcResult<T>> {
  const type = opts.type ?? "mutation";
  const envelope = JSON.stringify({ json: input });
  const headers: Record<string, string> = { origin: urls[app], ...(opts.headers ?? {}) };
  if (opts.cookie) headers.cookie = opts.cookie;
  let res: Response;
  if (type === "query") {
    const q = input === undefined ? "" : `?input=${encodeURIComponent(envelope)}`;
    const url = `${urls[app]}/api/trpc/${path}${q}`;
    try {
      res = await fetch(url, { headers });
    } catch (err) {
      // Node's HTTP server refuses a request line over its 16 KB header limit with a 431 and
      // closes the socket; a client still writing the rest of a 1 MB URL may see the reset
      // before it reads the 431. That is the server refusing, not failing.
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (url.length > 16_384 && (code === "ECONNRESET" || code === "EPIPE"))
        return {
          status: 431,
          data: undefined,
          message: "",
          code: undefined,
          headers: new Headers(),
          text: "",
        };
      throw err;
    }
  } else {
    res = await fetch(`${urls[app]}/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: envelope,
    });
  }
  const text = await res.text();
  let json: {
    error?: { json?: { message?: string; data?: { code?: string } } };
    result?: { data?: { json?: T } };
  } = {};
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON (e.g. a 413 from the edge) */
  }
  return {
    status: res.status,
    data: json.result?.data?.json,
    message: json.error?.json?.message ?? "",
    code: json.error?.json?.data?.code,
    headers: res.headers,
    text,
  };
}

/** An ISO date (YYYY-MM-DD) `days` from today. */
export function futureDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A unique tag for emails, keys and names, so tests never collide with each other's data. */
export function uniq(prefix = "sec"): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export interface StartedApp {
  url: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `startApp` on a free port of 127.0.0.1. A free port is only free until someone binds it: an
 * app started a moment earlier on a port the OS handed out twice, or any other process on the
 * machine, can take it first. An app that then fails with EADDRINUSE is started again on another
 * port (up to three times); every other failure is the test's.
 */
export async function startAppOnFreePort(
  app: App | "worker",
  env: Record<string, string> = {},
): Promise<StartedApp> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startApp(app, await freePort(), env);
    } catch (e) {
      if (attempt >= 3 || !String(e).includes("EADDRINUSE")) throw e;
    }
  }
}

/**
 * Starts one more instance of a built app (or the worker) with extra environment, for tests
 * that need a different configuration (e.g. a private Redis they can stop). It uses the same
 * database as the suite's apps unless `env.DATABASE_URL` says otherwise.
 */
export async function startApp(
  app: App | "worker",
  port: number,
  env: Record<string, string> = {},
): Promise<StartedApp> {
  const fullEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    DATABASE_URL: sec.databaseUrl,
    REDIS_URL: sec.redisUrl,
    AUTH_SECRET: sec.authSecret,
    QUEUE_PREFIX: sec.prefix,
    CACHE_PREFIX: sec.prefix,
    CUSTOMER_URL: app === "customer" ? `http://127.0.0.1:${port}` : sec.customer,
    ADMIN_URL: app === "admin" ? `http://127.0.0.1:${port}` : sec.admin,
    NEXT_TELEMETRY_DISABLED: "1",
    ...(app === "worker" ? { WORKER_PORT: String(port) } : {}),
    ...env,
  };
  const args = appCommand(app, port);
  const child = spawn("pnpm", args, { cwd: root, env: fullEnv, detached: true, stdio: "pipe" });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const health = app === "worker" ? `${url}/healthz` : `${url}/api/health`;
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${app} on ${port} exited:\n${out}`);
    try {
      const res = await fetch(health, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500 || res.status === 503) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`${app} on ${port} did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    process: child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || !child.pid) return;
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        return;
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      try {
        if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    },
  };
}
