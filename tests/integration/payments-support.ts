// What the Stripe payment tests share (payments.int.test.ts, payments-balance.int.test.ts): a
// test environment with the real `stripe` SDK pointed at the local Stripe-compatible server
// (tests/support/fake-stripe.ts), the app's real webhook route and the real worker processors on
// BullMQ (bench/_payments-harness.ts), and the small waits those tests make.
import { createCallerFactory, customerRouter, type Context } from "@myhibachi/api";
import {
  createPaymentsGateway,
  stripeConfigFrom,
  type BookingDeps,
  type PaymentsGateway,
} from "@myhibachi/core";
import { startFakeStripe, type FakeStripe } from "../support/fake-stripe";
import {
  startPaymentWorker,
  startWebhookReceiver,
  type PaymentWorker,
  type WebhookReceiver,
} from "../../bench/_payments-harness";
import { localDateTime, REDIS_URL, setupEnv, type Env } from "./helpers";

export const DAY = 24 * 3600_000;
/** The business's date `days` days from now (YYYY-MM-DD). */
export const dateIn = (days: number) =>
  localDateTime(new Date(Date.now() + days * DAY)).slice(0, 10);

/** Where Checkout sends customers back in these tests (nothing listens there). */
export const CUSTOMER_URL = "http://127.0.0.1:3999";

export interface StripeStack {
  env: Env;
  fake: FakeStripe;
  gateway: PaymentsGateway;
  worker: PaymentWorker;
  receiver: WebhookReceiver;
  /** Booking deps in Stripe mode: refunds handed to the stack's worker (retried with backoff). */
  bookingDeps(over?: Partial<BookingDeps>): BookingDeps;
  /** The customer site's tRPC caller (signed out) in Stripe mode. */
  customer(): ReturnType<ReturnType<typeof createCallerFactory<typeof customerRouter>>>;
  /** Stops all of it (the fake Stripe, the webhook route, the worker, the environment). */
  close(): Promise<void>;
}

/**
 * A test environment (`setupEnv`, with a booking rate limit no test reaches) in Stripe mode: the
 * fake Stripe sends its webhooks to the app's webhook route, whose events the worker processes.
 */
export async function startStripeStack(opts: { chefs: number }): Promise<StripeStack> {
  const parts: Partial<Omit<StripeStack, "close">> = {};
  const close = async () => {
    await parts.fake?.stop();
    await parts.receiver?.close();
    await parts.worker?.close();
    await parts.env?.close();
  };
  try {
    const env = (parts.env = await setupEnv({ chefs: opts.chefs }));
    await env.t.db.businessSettings.update({
      where: { id: 1 },
      data: { bookingRateLimit: 1000 },
    });
    const fake = (parts.fake = await startFakeStripe());
    const gateway = (parts.gateway = createPaymentsGateway(stripeConfigFrom(fake.env()))!);
    const worker = (parts.worker = await startPaymentWorker({
      db: env.t.db,
      payments: gateway,
      redisUrl: REDIS_URL,
      prefix: env.prefix,
      cache: env.cache,
    }));
    const receiver = (parts.receiver = await startWebhookReceiver({
      db: env.t.db,
      payments: gateway,
      queues: worker.queues,
    }));
    fake.webhookUrl = receiver.url;
    const bookingDeps = (over: Partial<BookingDeps> = {}): BookingDeps => ({
      cache: env.cache,
      payments: gateway,
      customerUrl: CUSTOMER_URL,
      queueRefund: async (refundId) => {
        await worker.queues.payments.add(
          "payments.refund",
          { refundId },
          { attempts: 10, backoff: { type: "exponential", delay: 1000 } },
        );
      },
      ...over,
    });
    const customer = () =>
      createCallerFactory(customerRouter)({
        db: env.t.db,
        redis: env.redis,
        cache: env.cache,
        auth: {} as Context["auth"],
        sendEmail: async () => {},
        customerUrl: CUSTOMER_URL,
        cookieSecret: "c".repeat(40),
        payments: gateway,
        queues: worker.queues,
        user: null,
        headers: new Headers(),
      } as Context);
    return { env, fake, gateway, worker, receiver, bookingDeps, customer, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Polls `fn` until it returns something (which it returns), or fails naming `what`. */
export async function waitFor<T>(
  fn: () => Promise<T | null | undefined | false>,
  what: string,
  ms = 20_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The Checkout session id in a checkout URL of the fake Stripe (…/pay/<session id>). */
export const sessionOf = (url: string) => url.split("/pay/")[1]!;
