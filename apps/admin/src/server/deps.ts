import "server-only";
import { createServerDeps, type ServerDeps } from "@myhibachi/api";
import { stripeConfigFrom } from "@myhibachi/api/env";
import { env } from "~/env";

const g = globalThis as unknown as { __adminDeps?: ServerDeps };

/** Process-wide dependencies, created on first use (not at build time). */
export function deps(): ServerDeps {
  g.__adminDeps ??= createServerDeps(
    {
      DATABASE_URL: env.DATABASE_URL,
      DATABASE_REPLICA_URL: env.DATABASE_REPLICA_URL,
      REDIS_URL: env.REDIS_URL,
      AUTH_SECRET: env.AUTH_SECRET,
      APP_URL: env.ADMIN_URL,
      CUSTOMER_URL: env.CUSTOMER_URL,
      ALLOWED_ORIGINS: env.ALLOWED_ORIGINS,
      QUEUE_PREFIX: env.QUEUE_PREFIX,
      CACHE_PREFIX: env.CACHE_PREFIX,
      TRUSTED_PROXIES: env.TRUSTED_PROXIES,
      stripe: stripeConfigFrom(env),
    },
    "admin",
  );
  return g.__adminDeps;
}
