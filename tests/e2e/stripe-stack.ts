// A stack of the product with Stripe keys, for the payment specs (payments.spec.ts,
// payments-balance.spec.ts): the suite's shared servers (playwright.config.ts) run in "pay at the
// event" mode. It is a local Stripe-compatible server (tests/support/fake-stripe.ts) and the BUILT
// customer app, admin app and worker, on ports of their own, over a database of their own
// (recreated, migrated and seeded by tests/setup/e2e-db.mjs) and a Redis database of their own.
// Build first: pnpm turbo run build --filter=@myhibachi/customer --filter=@myhibachi/admin
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { test } from "@playwright/test";
import { FakeStripe } from "../support/fake-stripe";
import { appCommand } from "../security/global-setup";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface StripeStackOptions {
  /** Names its Redis key prefixes (`e2e<name>`) and its auth secret. */
  name: string;
  ports: { stripe: number; customer: number; admin: number; worker: number };
  /** Its database on the server of TEST_ADMIN_DATABASE_URL (recreated on every start). */
  database: string;
  /** Its Redis database number on REDIS_URL's server. */
  redisDb: number;
}

async function waitUp(url: string, ms = 180_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export class StripeStack {
  readonly customerUrl: string;
  readonly adminUrl: string;
  readonly workerUrl: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  private server: FakeStripe | null = null;
  private readonly children: ChildProcess[] = [];

  constructor(private readonly opts: StripeStackOptions) {
    this.customerUrl = `http://127.0.0.1:${opts.ports.customer}`;
    this.adminUrl = `http://127.0.0.1:${opts.ports.admin}`;
    this.workerUrl = `http://127.0.0.1:${opts.ports.worker}`;
    const db = new URL(
      process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    );
    db.pathname = `/${opts.database}`;
    this.databaseUrl = db.toString();
    const redis = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    redis.pathname = `/${opts.redisDb}`;
    this.redisUrl = redis.toString();
  }

  /** The local Stripe server (its sessions, payments and refunds), once started. */
  get fake(): FakeStripe {
    if (!this.server) throw new Error("the Stripe stack is not started");
    return this.server;
  }

  /** Starts the fake Stripe, prepares the database, starts the three servers and waits for them. */
  async start(): Promise<void> {
    const { name, ports } = this.opts;
    this.server = await new FakeStripe({
      port: ports.stripe,
      webhookUrl: `${this.customerUrl}/api/stripe/webhook`,
    }).start();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redisUrl,
      AUTH_SECRET: `e2e-${name}-only-insecure-auth-secret-0123456789`,
      CUSTOMER_URL: this.customerUrl,
      ADMIN_URL: this.adminUrl,
      WORKER_PORT: String(ports.worker),
      QUEUE_PREFIX: `e2e${name}`,
      CACHE_PREFIX: `e2e${name}`,
      NEXT_TELEMETRY_DISABLED: "1",
      LOCAL_MAILBOX: "1",
      ...this.server.env(),
    };
    delete env.SMTP_URL;
    const prep = spawnSync(process.execPath, ["tests/setup/e2e-db.mjs"], {
      cwd: root,
      env,
      stdio: "inherit",
    });
    if (prep.status !== 0) throw new Error(`preparing the ${this.opts.database} database failed`);
    const start = (args: string[]) => {
      this.children.push(spawn("pnpm", args, { cwd: root, env, stdio: "ignore", detached: true }));
    };
    start(appCommand("customer", ports.customer));
    start(appCommand("admin", ports.admin));
    start(appCommand("worker", ports.worker));
    await Promise.all([
      waitUp(`${this.customerUrl}/api/health`),
      waitUp(`${this.adminUrl}/api/health`),
      waitUp(`${this.workerUrl}/healthz`),
    ]);
  }

  /** Stops whatever was started (each server with its process group). */
  async stop(): Promise<void> {
    for (const c of this.children.splice(0)) {
      try {
        if (c.pid) process.kill(-c.pid, "SIGTERM");
      } catch {
        /* gone */
      }
    }
    await this.server?.stop();
    this.server = null;
  }
}

/**
 * A Stripe stack for the tests of the current file or `describe` block: started before the first
 * of them (the servers can take minutes to answer), stopped after the last.
 */
export function useStripeStack(opts: StripeStackOptions): StripeStack {
  const stack = new StripeStack(opts);
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    await stack.start();
  });
  test.afterAll(() => stack.stop());
  return stack;
}
