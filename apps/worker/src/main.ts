// Worker entry point: `tsx src/main.ts`. Builds the dependencies from env, serves /healthz, runs one
// BullMQ Worker per queue, registers the job schedulers, and shuts down gracefully on SIGTERM/SIGINT.
import {
  QueryCache,
  businessTimeZone,
  createPaymentsGateway,
  emailDeliveryWarning,
  paymentsMode,
  stripeConfigFrom,
} from "@myhibachi/core";
import { createDb } from "@myhibachi/db";
import { closeQueues, createQueues, createRedis } from "@myhibachi/jobs";
import type { WorkerDeps } from "./context";
import { env } from "./env";
import { startHealthServer } from "./health";
import { consoleLogger as log, throttledErrors } from "./log";
import { createMailer } from "./mailer";
import { createSmsSender, twilioSettingsFrom } from "./sms";
import { processors } from "./processors";
import { requeueUnansweredMessages, sweepNow } from "./recovery";
import { registerSchedulers } from "./schedulers";
import { startWorkers } from "./workers";

async function bounded(label: string, ms: number, p: Promise<unknown>): Promise<void> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((r) => {
    t = setTimeout(() => {
      log.error(`[worker] shutdown: ${label} took over ${ms} ms, moving on`);
      r();
    }, ms);
  });
  await Promise.race([
    p.catch((err: unknown) => log.error(`[worker] shutdown: ${label}`, err)),
    timeout,
  ]);
  clearTimeout(t);
}

async function main() {
  const db = createDb({ url: env.DATABASE_URL });
  // Queue connection: shared by Queues and Workers (BullMQ duplicates it for blocking reads).
  const connection = createRedis(env.REDIS_URL, "queue");
  // Fail-fast connection for /healthz, so a Redis outage reports 503 instead of hanging.
  const healthRedis = createRedis(env.REDIS_URL, "cache");
  const logError = throttledErrors(log);
  const queues = createQueues(connection, {
    prefix: env.QUEUE_PREFIX,
    onError: (queue, err) => logError(`queue:${err.message}`, `[worker] queue ${queue} error`, err),
  });
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM, log });
  const mailWarning = emailDeliveryWarning({
    smtpConfigured: mailer.mode === "smtp",
    production: env.NODE_ENV === "production",
  });
  if (mailWarning) {
    const say = env.NODE_ENV === "production" ? log.error : log.info;
    say(mailWarning.replace(/^/gm, "[worker] "));
  }
  const stripe = stripeConfigFrom(env, (w) => log.error(`[worker] ${w}`));
  const sms = createSmsSender({
    twilio: twilioSettingsFrom(env),
    log,
    twilioBaseUrl: env.WORKER_TEST_TWILIO_BASE_URL,
  });
  const deps: WorkerDeps = {
    db,
    mailer,
    sms,
    log,
    now:
      env.WORKER_TEST_CLOCK_OFFSET_MS === 0
        ? () => new Date()
        : () => new Date(Date.now() + env.WORKER_TEST_CLOCK_OFFSET_MS),
    payments: createPaymentsGateway(stripe),
    queues,
    cache: new QueryCache(healthRedis, env.CACHE_PREFIX ?? "myhibachi:qc"),
    customerUrl: env.CUSTOMER_URL,
    campaigns: env.AUTH_SECRET
      ? {
          secret: env.AUTH_SECRET,
          frequencyCapMs: env.CAMPAIGN_FREQUENCY_CAP_HOURS * 3_600_000,
          reviewUrl: env.CAMPAIGN_REVIEW_URL,
        }
      : null,
    ...(env.WORKER_TEST_PAUSE_AFTER_CLAIM_MS
      ? { pauseAfterClaimMs: env.WORKER_TEST_PAUSE_AFTER_CLAIM_MS }
      : {}),
  };
  if (!env.AUTH_SECRET)
    log.info(
      "[worker] AUTH_SECRET is not set: follow-up campaigns are off (their links are signed with it)",
    );

  const health = await startHealthServer({ db, redis: healthRedis, queues }, env.WORKER_PORT, {
    host: env.WORKER_HEALTH_HOST,
    token: env.WORKER_HEALTH_TOKEN,
  });
  const pool = startWorkers({ connection, prefix: env.QUEUE_PREFIX, processors, deps });
  log.info(
    `[worker] started: port=${health.port} host=${health.host} prefix=${env.QUEUE_PREFIX} queues=${pool.workers.map((w) => w.name).join(",")} mail=${mailer.mode} sms=${sms.mode} payments=${paymentsMode(stripe)}`,
  );
  // Each time Redis (re)connects: (re)register the job schedulers (a Redis that restarted empty
  // lost them), sweep at once the emails requests could not enqueue while it was away, and queue
  // again the chat messages whose reply job was lost. Not awaited before serving: with Redis down
  // we still answer /healthz (503) meanwhile.
  connection.on("ready", () => {
    businessTimeZone(db)
      .catch((err: unknown) => {
        log.error("[worker] reading the business time zone failed; nightly jobs use UTC", err);
        return "UTC";
      })
      .then((tz) => registerSchedulers(queues, tz))
      .then(() => sweepNow(queues))
      .then(() => requeueUnansweredMessages(db, queues))
      .then(
        (n) =>
          log.info(
            `[worker] Redis ready: job schedulers registered, email sweep queued, ${n} unanswered chat message(s) queued`,
          ),
        (err: unknown) => log.error("[worker] recovering after Redis (re)connected failed", err),
      );
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const timeoutMs = env.WORKER_SHUTDOWN_TIMEOUT_MS;
    log.info(
      `[worker] ${signal}: stopping; ${pool.activeCount()} job(s) in flight get up to ${timeoutMs} ms`,
    );
    await pool.close(timeoutMs);
    // BullMQ does not close connections it was given: close queues, then our connections, then Prisma.
    await bounded("closing queues", 5_000, closeQueues(queues));
    await bounded("closing health server", 2_000, health.close());
    mailer.close();
    connection.disconnect();
    healthRedis.disconnect();
    await bounded("closing database", 5_000, db.$disconnect());
    log.info("[worker] stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  log.error("[worker] failed to start", err);
  process.exit(1);
});
