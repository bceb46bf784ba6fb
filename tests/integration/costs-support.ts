// Helpers for the AI cost monitoring tests (not a test file itself).
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { updateCostAlertSettings, DEFAULT_COST_ALERT_SETTINGS } from "@myhibachi/core";
import type { Db } from "@myhibachi/db";
import type { ProcessorContext, WorkerDeps } from "../../apps/worker/src/context";
import { createMailer } from "../../apps/worker/src/mailer";
import { alertsEvaluate } from "../../apps/worker/src/processors/alerts-evaluate";

export const $ = (dollars: number) => Math.round(dollars * 1_000_000);
const silent = { info: () => {}, error: () => {} };

let seq = 0;
/** Ledger rows: `n` calls at `at`, costing `totalMicros` together (integer split). */
export async function addCalls(
  db: Db,
  at: Date,
  totalMicros: number,
  n = 1,
  extra: { fingerprint?: string; tier?: string } = {},
): Promise<void> {
  await db.aiCall.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      id: `t_${++seq}_${Math.random().toString(36).slice(2, 8)}`,
      createdAt: at,
      provider: "openai",
      model: "gpt-4o",
      tier: extra.tier ?? "strong",
      priceVersion: "test",
      costMicros: Math.floor(totalMicros / n) + (i < totalMicros % n ? 1 : 0),
      latencyMs: 1000,
      cacheStatus: "miss",
      fingerprint: extra.fingerprint ?? "fp-test",
      preview: "How much for 12 guests?",
    })),
  });
}

export async function setSettings(
  db: Db,
  s: Partial<typeof DEFAULT_COST_ALERT_SETTINGS>,
): Promise<void> {
  await updateCostAlertSettings(db, { ...DEFAULT_COST_ALERT_SETTINGS, ...s }, { actorId: null });
}

export async function addOwner(db: Db, email = "owner@example.com"): Promise<void> {
  await db.user.create({
    data: { id: `u_${email}`, name: "Olivia Owner", email, role: "OWNER", emailVerified: true },
  });
}

/** Worker deps with an injected clock; the dev-mailbox mailer marks emails SENT (no SMTP). */
export function workerDeps(db: Db, clock: { now: Date }): WorkerDeps {
  return {
    db,
    mailer: createMailer({ from: "MyHibachi <alerts@myhibachi.local>", log: silent }),
    log: silent,
    now: () => clock.now,
  };
}

/** One run of the alerts.evaluate processor, as BullMQ would call it (attempt `attemptsMade`+1). */
export function evaluate(
  deps: WorkerDeps,
  payload: { webhookUrl?: string } = {},
  attemptsMade = 0,
) {
  const job = {
    id: `eval-${++seq}`,
    queueName: "alerts",
    name: "alerts.evaluate",
    attemptsMade,
    opts: { attempts: 5 },
  } as unknown as ProcessorContext["job"];
  return alertsEvaluate(payload, { job, signal: new AbortController().signal, deps }) as Promise<{
    created: number;
    delivered: number;
  }>;
}

export interface Hook {
  url: string;
  received: { body: any; headers: IncomingHttpHeaders }[];
  /** Status codes to answer, in order; then 200. */
  failWith: number[];
  /** While set, requests are read (and counted in `waiting`) but answered only once it resolves. */
  hold: Promise<void> | null;
  waiting: number;
  close(): Promise<void>;
}

/** A Slack-compatible incoming webhook on 127.0.0.1 that records what it receives. */
export async function startHook(): Promise<Hook> {
  const hook = { received: [], failWith: [], hold: null, waiting: 0 } as unknown as Hook;
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", async () => {
      if (hook.hold) {
        hook.waiting++;
        await hook.hold;
        hook.waiting--;
      }
      hook.received.push({ body: JSON.parse(raw), headers: req.headers });
      const status = hook.failWith.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "no");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/x`;
  hook.close = () => new Promise((r) => server.close(() => r()));
  return hook;
}
