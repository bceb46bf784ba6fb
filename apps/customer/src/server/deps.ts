import "server-only";
import { aiSettingsFrom, stripeConfigFrom } from "@myhibachi/api/env";
import { createServerDeps, type ServerDeps } from "@myhibachi/api";
import { env } from "~/env";

const g = globalThis as unknown as { __customerDeps?: ServerDeps };

/** Process-wide dependencies, created on first use (not at build time). */
export function deps(): ServerDeps {
  g.__customerDeps ??= createServerDeps(
    {
      DATABASE_URL: env.DATABASE_URL,
      REDIS_URL: env.REDIS_URL,
      AUTH_SECRET: env.AUTH_SECRET,
      APP_URL: env.CUSTOMER_URL,
      CUSTOMER_URL: env.CUSTOMER_URL,
      ALLOWED_ORIGINS: env.ALLOWED_ORIGINS,
      QUEUE_PREFIX: env.QUEUE_PREFIX,
      CACHE_PREFIX: env.CACHE_PREFIX,
      TRUSTED_PROXIES: env.TRUSTED_PROXIES,
      stripe: stripeConfigFrom(env),
      ai: aiSettingsFrom(env),
    },
    "customer",
  );
  return g.__customerDeps;
}

/**
 * True when the local mailbox page exists at all: explicitly enabled (LOCAL_MAILBOX=1) and no SMTP
 * server configured. The page also answers only requests from this machine (see dev/mailbox).
 */
export const localMailboxEnabled = () => env.LOCAL_MAILBOX && !env.SMTP_URL;
