// The only place that reads process.env in this app.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";
import { allowedOriginsSchema } from "@myhibachi/api/http";
import { stripeEnvShape } from "@myhibachi/api/env";

export const env = createEnv({
  server: {
    DATABASE_URL: z.url(),
    /**
     * Streaming replicas for the owner's dashboards and reports (one URL or several,
     * comma-separated); unset = they read DATABASE_URL (docs/operations/failover.md).
     */
    DATABASE_REPLICA_URL: z.string().optional(),
    REDIS_URL: z.url(),
    AUTH_SECRET: z
      .string()
      .min(32, "AUTH_SECRET must be at least 32 random characters (openssl rand -base64 32)"),
    CUSTOMER_URL: z.url().default("http://localhost:3000"),
    ADMIN_URL: z.url().default("http://localhost:3001"),
    ALLOWED_ORIGINS: allowedOriginsSchema,
    QUEUE_PREFIX: z.string().optional(),
    CACHE_PREFIX: z.string().optional(),
    SMTP_URL: z.string().optional(),
    /** Read only to tell the Outbox whether texts are delivered (the worker sends them). */
    TWILIO_ACCOUNT_SID: z.string().optional(),
    /** Proxy hops in front of the app whose X-Forwarded-For entries are trusted (README, Security). */
    TRUSTED_PROXIES: z.string().optional(),
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** Stripe: deposits online (README, Configuring real services); unset = pay at the event. */
    ...stripeEnvShape,
  },
  client: {},
  experimental__runtimeEnv: {},
  // `next build` imports route modules without a database: validate when the server runs.
  skipValidation: process.env.NEXT_PHASE === "phase-production-build",
  emptyStringAsUndefined: true,
});
