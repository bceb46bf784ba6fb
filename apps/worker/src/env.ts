// The worker's only reader of process.env: everything else receives its settings as arguments.
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";
import { aiEnvShape } from "@myhibachi/ai/env";
import { configureAiQueue } from "@myhibachi/jobs";
import { stripeEnvShape } from "@myhibachi/core/payments-env";

export const env = createEnv({
  server: {
    DATABASE_URL: z.url(),
    REDIS_URL: z.url(),
    WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
    /** Interface /healthz listens on; default loopback only ("0.0.0.0" for all, e.g. in a pod). */
    WORKER_HEALTH_HOST: z.string().min(1).default("127.0.0.1"),
    /** Bearer token that unlocks queue counts on /healthz; unset = never shown. */
    WORKER_HEALTH_TOKEN: z
      .string()
      .min(16, "WORKER_HEALTH_TOKEN must be at least 16 characters")
      .optional(),
    /** e.g. smtp://user:pass@smtp.example.com:587. Unset: "dev mailbox" mode (log + mark SENT). */
    SMTP_URL: z.url().optional(),
    EMAIL_FROM: z.string().min(1).default("MyHibachi <bookings@myhibachi.local>"),
    /** "production" makes a missing SMTP_URL a loud warning at start. */
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** How long in-flight jobs may run after SIGTERM/SIGINT before they are handed back to the queue. */
    WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
    /**
     * Redis key prefix of all queues; tests use their own so they don't collide. On a Redis
     * Cluster, hash-tagged (`{myhibachi}`): each queue's keys then share one slot, as BullMQ's
     * multi-key scripts need (deploy/k8s).
     */
    QUEUE_PREFIX: z
      .string()
      .regex(
        /^(\{[A-Za-z0-9_-]+\}|[A-Za-z0-9_-]+)$/,
        "QUEUE_PREFIX may only contain letters, digits, _ and -, or be all of them in braces ({myhibachi})",
      )
      .default("myhibachi"),
    /** Slack-compatible incoming webhook for cost alerts (the owner can also set one in the admin app). */
    SLACK_WEBHOOK_URL: z.url().optional(),
    /** Comma-separated cost-alert recipients; default: every owner user's email. */
    ALERT_EMAIL_TO: z
      .string()
      .optional()
      .transform((s) =>
        s
          ?.split(",")
          .map((e) => e.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.email("ALERT_EMAIL_TO must be comma-separated email addresses")).optional()),
    /** How often the cost alert rules are evaluated. */
    ALERTS_EVALUATE_EVERY_MS: z.coerce.number().int().min(10_000).default(300_000),
    /** AI assistant: models per tier (packages/ai/src/env-schema.ts); unset = local tier only. */
    ...aiEnvShape,
    /** Parallel AI replies per worker process, and model calls started per minute (0 = no limit). */
    AI_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    AI_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(0),
    /** Redis key prefix of the query and response caches (must match the customer app's). */
    CACHE_PREFIX: z.string().optional(),
    /** Public URL of the customer site, for links in the emails the worker writes. */
    CUSTOMER_URL: z.url().default("http://localhost:3000"),
    /** Signs the unsubscribe and rating links of campaign emails (the same secret as the apps'). Unset: campaigns don't run. */
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    /** Follow-up campaigns: at most one campaign message per recipient in this many hours. */
    CAMPAIGN_FREQUENCY_CAP_HOURS: z.coerce
      .number()
      .min(0)
      .max(24 * 30)
      .default(24),
    /** Where happy customers are asked for a public review (default: <customer site>/reviews). */
    CAMPAIGN_REVIEW_URL: z.url().optional(),
    /**
     * Twilio, for campaign text messages (README, Configuring real services). Both keys and one of
     * TWILIO_FROM (the sending number, +14085550199) or TWILIO_MESSAGING_SERVICE_SID. Unset: texts
     * stay in the local outbox (SmsMessage rows marked SENT), nothing leaves the machine.
     */
    TWILIO_ACCOUNT_SID: z.string().optional(),
    TWILIO_AUTH_TOKEN: z.string().optional(),
    TWILIO_FROM: z.string().optional(),
    TWILIO_MESSAGING_SERVICE_SID: z.string().optional(),
    /**
     * TEST-ONLY hooks for the worker's crash tests (apps/worker/src/campaigns.int.test.ts); never
     * set them anywhere else. PAUSE: hold each claimed campaign email (or text) this long before the SMTP
     * call (so a SIGKILL lands between claim and send). CLOCK_OFFSET: the worker's clock runs this
     * far ahead (a restarted worker sees the dead sender's claim lease as expired).
     */
    WORKER_TEST_PAUSE_AFTER_CLAIM_MS: z.coerce.number().int().min(0).default(0),
    WORKER_TEST_CLOCK_OFFSET_MS: z.coerce.number().int().default(0),
    /** TEST-ONLY: the Twilio client's requests go to this local server (a test playing Twilio). */
    WORKER_TEST_TWILIO_BASE_URL: z.url().optional(),
    /** Stripe: webhook events and refunds (README, Configuring real services). */
    ...stripeEnvShape,
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

configureAiQueue({
  concurrency: env.AI_CONCURRENCY,
  ratePerMinute: env.AI_RATE_LIMIT_PER_MINUTE,
});

export type WorkerEnv = typeof env;
