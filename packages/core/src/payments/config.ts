// Stripe configuration and the payments mode. With STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET
// set, deposits are taken on Stripe Checkout ("stripe"); without them the site runs in the
// explicit "pay at the event" mode: no payment is taken online and no page claims otherwise.
// Tests (and the bench) point the real `stripe` SDK at a local Stripe-compatible server with
// STRIPE_API_HOST / STRIPE_API_PORT / STRIPE_API_PROTOCOL.
import Stripe from "stripe";

export * from "./env";
import { paymentsMode, type StripeConfig } from "./env";

/**
 * The official Stripe client for a config. Every call we make passes its own idempotency key; the
 * SDK retries network failures (with that key) twice, and never waits more than 20 s.
 */
export function createStripeClient(config: StripeConfig): Stripe {
  return new Stripe(config.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "MyHibachi" },
    ...(config.host ? { host: config.host } : {}),
    ...(config.port ? { port: config.port } : {}),
    ...(config.protocol ? { protocol: config.protocol } : {}),
  });
}

/** What the payment code needs: the client, the webhook secret. Built once per process. */
export interface PaymentsGateway {
  stripe: Stripe;
  webhookSecret: string;
}

export function createPaymentsGateway(config: StripeConfig | null): PaymentsGateway | null {
  if (paymentsMode(config) !== "stripe" || !config) return null;
  return { stripe: createStripeClient(config), webhookSecret: config.webhookSecret };
}

export type { Stripe };
