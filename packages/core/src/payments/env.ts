// Stripe settings from an app's env, and the payments mode. Only zod here (an app's env.ts
// imports it through "@myhibachi/core/payments-env"), no SDK.
import { z } from "zod";

/** The env variables an app's env.ts validates for payments (spread into its `server` shape). */
export const stripeEnvShape = {
  /** sk_live_... / sk_test_...: unset = "pay at the event" mode. */
  STRIPE_SECRET_KEY: z.string().optional(),
  /** whsec_...: the signing secret of the webhook endpoint (/api/stripe/webhook). */
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Only for tests: a Stripe-compatible server to talk to instead of api.stripe.com. */
  STRIPE_API_HOST: z.string().optional(),
  STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  STRIPE_API_PROTOCOL: z.enum(["http", "https"]).optional(),
};

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string;
  /** api.stripe.com unless set (tests: 127.0.0.1 and the fake server's port, over http). */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
}

export type PaymentsMode = "stripe" | "pay_at_event";

/** Whether deposits are taken online: both Stripe secrets present. */
export function paymentsMode(config: StripeConfig | null | undefined): PaymentsMode {
  return config?.secretKey && config.webhookSecret ? "stripe" : "pay_at_event";
}

type StripeEnv = {
  STRIPE_SECRET_KEY?: string | undefined;
  STRIPE_WEBHOOK_SECRET?: string | undefined;
  STRIPE_API_HOST?: string | undefined;
  STRIPE_API_PORT?: number | string | undefined;
  STRIPE_API_PROTOCOL?: string | undefined;
};

/**
 * The Stripe settings from an app's validated env, or null ("pay at the event"). A key without
 * the webhook secret (or the reverse) is a misconfiguration: payments would be taken but never
 * recorded, so it is refused loudly rather than half-working.
 */
export function stripeConfigFrom(
  env: StripeEnv,
  warn: (msg: string) => void = (m) => console.warn(m),
): StripeConfig | null {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim();
  if (!secretKey && !webhookSecret) return null;
  if (!secretKey || !webhookSecret) {
    warn(
      `[payments] ${secretKey ? "STRIPE_WEBHOOK_SECRET" : "STRIPE_SECRET_KEY"} is missing: set both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to take deposits online. Running in "pay at the event" mode (no payment is taken online).`,
    );
    return null;
  }
  const port = env.STRIPE_API_PORT === undefined ? undefined : Number(env.STRIPE_API_PORT);
  const protocol =
    env.STRIPE_API_PROTOCOL === "http" || env.STRIPE_API_PROTOCOL === "https"
      ? env.STRIPE_API_PROTOCOL
      : undefined;
  return {
    secretKey,
    webhookSecret,
    ...(env.STRIPE_API_HOST ? { host: env.STRIPE_API_HOST } : {}),
    ...(port ? { port } : {}),
    ...(protocol ? { protocol } : {}),
  };
}
