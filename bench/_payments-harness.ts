// What the payment tests (tests/integration/payments.int.test.ts) and `pnpm bench payments` share: the app's real webhook route on a local HTTP port
// (the same handler the customer app mounts at /api/stripe/webhook) and the real worker
// processors on real BullMQ queues.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { handleStripeWebhook } from "@myhibachi/api";
import type { PaymentsGateway, QueryCache } from "@myhibachi/core";
import type { Db } from "@myhibachi/db";
import { closeQueues, createQueues, createRedis, type Queues } from "@myhibachi/jobs";
import { startWorkers } from "../apps/worker/src/workers";
import { processors } from "../apps/worker/src/processors";
import { createMailer } from "../apps/worker/src/mailer";
import type { WorkerDeps } from "../apps/worker/src/context";

export interface WebhookReceiver {
  url: string;
  close(): Promise<void>;
}

/** Serves handleStripeWebhook on 127.0.0.1 (Node request -> fetch Request, like Next does). */
export async function startWebhookReceiver(deps: {
  db: Db;
  payments: PaymentsGateway | null;
  queues?: Queues;
}): Promise<WebhookReceiver> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === "string") headers.set(k, v);
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers,
        body: req.method === "POST" ? Buffer.concat(chunks) : null,
      });
      handleStripeWebhook(request, deps)
        .then(async (r) => {
          res.writeHead(r.status, { "content-type": "application/json" });
          res.end(await r.text());
        })
        .catch((err: unknown) => {
          res.writeHead(500);
          res.end(String(err));
        });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/stripe/webhook`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface PaymentWorker {
  queues: Queues;
  deps: WorkerDeps;
  close(): Promise<void>;
}

const quiet = { info: () => {}, error: () => {}, warn: () => {} };

/** The worker's payment processors (and booking/email ones) on their own queue prefix. */
export async function startPaymentWorker(opts: {
  db: Db;
  payments: PaymentsGateway | null;
  redisUrl: string;
  prefix: string;
  cache?: Pick<QueryCache, "invalidate">;
  log?: boolean;
}): Promise<PaymentWorker> {
  const connection = createRedis(opts.redisUrl, "queue");
  const queues = createQueues(connection, { prefix: opts.prefix });
  const log = opts.log ? { info: console.log, error: console.error, warn: console.warn } : quiet;
  const deps: WorkerDeps = {
    db: opts.db,
    mailer: createMailer({ from: "test <t@example.com>", log: log as never }),
    log: log as never,
    now: () => new Date(),
    payments: opts.payments,
    queues,
    ...(opts.cache ? { cache: opts.cache } : {}),
    customerUrl: "http://127.0.0.1:3999",
  };
  const pool = startWorkers({
    connection,
    prefix: opts.prefix,
    processors,
    deps,
    queues: ["payments", "email"],
  });
  return {
    queues,
    deps,
    async close() {
      await pool.close(5_000);
      await closeQueues(queues);
      connection.disconnect();
    },
  };
}
