// The common first half of `npm start` and `npm test`: .env, pnpm, dependencies, services.
import { fileURLToPath } from "node:url";
import { loadDotEnv } from "./env.mjs";
import { info, step } from "./log.mjs";
import { ensurePnpm, installDependencies } from "./pnpm.mjs";
import { selectServices } from "./services.mjs";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Only for local development; production must set its own AUTH_SECRET. */
export const DEV_AUTH_SECRET = "dev-only-insecure-auth-secret-change-me-0123456789";

/**
 * Loads .env, makes sure pnpm and the dependencies are there, then chooses (or starts) Postgres
 * and Redis. Returns the services (see selectServices in services.mjs).
 */
export async function prepare({ title }) {
  process.chdir(ROOT);
  console.log(`${title} (${ROOT})`);
  const loaded = loadDotEnv(ROOT);
  if (loaded.length > 0) info(`loaded from .env: ${loaded.join(", ")}`);

  step("Checking pnpm");
  await ensurePnpm();
  await installDependencies(ROOT);
  return selectServices(ROOT);
}

/** Environment shared by every command that talks to the apps' services. */
export function serviceEnv(services, extra = {}) {
  return {
    ...process.env,
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    AUTH_SECRET: process.env.AUTH_SECRET || DEV_AUTH_SECRET,
    CUSTOMER_URL: process.env.CUSTOMER_URL || "http://localhost:3000",
    ADMIN_URL: process.env.ADMIN_URL || "http://localhost:3001",
    WORKER_PORT: process.env.WORKER_PORT || "3002",
    NEXT_TELEMETRY_DISABLED: "1",
    TURBO_TELEMETRY_DISABLED: "1",
    ...extra,
  };
}
