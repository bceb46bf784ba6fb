// End-to-end tests (tests/e2e) against the BUILT apps (`next start`), started by Playwright:
//   customer http://127.0.0.1:3100, admin http://127.0.0.1:3101, worker health :3102/healthz
// on their own database `myhibachi_e2e` (recreated, migrated and seeded by tests/setup/e2e-db.mjs
// on every run) and Redis database 5 (keys kept apart from dev data in db 0).
// The Postgres server is the one of TEST_ADMIN_DATABASE_URL (default local 127.0.0.1:5432);
// Redis is REDIS_URL (default redis://127.0.0.1:6379). `npm test` sets both.
// Build the apps first (`npm test` does): pnpm turbo run build --filter=@myhibachi/customer --filter=@myhibachi/admin
//
// Specs under tests/e2e/admin/ run with baseURL = ADMIN_URL, all others with CUSTOMER_URL;
// both URLs are also in process.env for tests that use both apps.
import { defineConfig } from "@playwright/test";

const CUSTOMER_PORT = 3100;
const ADMIN_PORT = 3101;
const WORKER_PORT = 3102;
const CUSTOMER_URL = `http://127.0.0.1:${CUSTOMER_PORT}`;
const ADMIN_URL = `http://127.0.0.1:${ADMIN_PORT}`;

function e2eDatabaseUrl(): string {
  const u = new URL(
    process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  u.pathname = "/myhibachi_e2e";
  return u.toString();
}

function e2eRedisUrl(): string {
  const u = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  u.pathname = "/5";
  return u.toString();
}

// Visible to the specs (this file is loaded by the test workers too).
process.env.CUSTOMER_URL = CUSTOMER_URL;
process.env.ADMIN_URL = ADMIN_URL;
process.env.WORKER_URL = `http://127.0.0.1:${WORKER_PORT}`;

const isCI = !!process.env.CI;

/** Environment for the three servers (added to process.env by Playwright). */
const serverEnv: Record<string, string> = {
  NODE_ENV: "production",
  DATABASE_URL: e2eDatabaseUrl(),
  // Never a replica of some other database (a developer's .env): the dashboards read DATABASE_URL.
  DATABASE_REPLICA_URL: "",
  REDIS_URL: e2eRedisUrl(),
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-insecure-auth-secret-0123456789abcdef",
  CUSTOMER_URL,
  ADMIN_URL,
  WORKER_PORT: String(WORKER_PORT),
  NEXT_TELEMETRY_DISABLED: "1",
  // The booking spec signs a customer in through the local mailbox (no SMTP server here).
  LOCAL_MAILBOX: "1",
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: isCI ? 1 : 0,
  forbidOnly: isCI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],

  use: {
    browserName: "chromium",
    launchOptions: {
      // Playwright's browser download does not work here: use the system Chromium.
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },

  projects: [
    { name: "customer", testIgnore: "admin/**", use: { baseURL: CUSTOMER_URL } },
    { name: "admin", testMatch: "admin/**/*.spec.ts", use: { baseURL: ADMIN_URL } },
  ],

  // Started one after the other, each once its URL answers 2xx. The first one prepares the
  // database (Playwright starts webServers before globalSetup, so that cannot do it).
  webServer: [
    {
      name: "customer",
      command: `node tests/setup/e2e-db.mjs && apps/customer/node_modules/.bin/next start apps/customer --hostname 127.0.0.1 --port ${CUSTOMER_PORT}`,
      url: `${CUSTOMER_URL}/api/health`,
      env: serverEnv,
      reuseExistingServer: !isCI,
      timeout: 240_000,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "admin",
      command: `apps/admin/node_modules/.bin/next start apps/admin --hostname 127.0.0.1 --port ${ADMIN_PORT}`,
      url: `${ADMIN_URL}/api/health`,
      env: serverEnv,
      reuseExistingServer: !isCI,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "worker",
      // Each server is started directly, not through pnpm: stopping it (SIGTERM) then reads as a
      // stop in the test log, not as a failed pnpm command.
      command: "cd apps/worker && node --import tsx src/main.ts",
      url: `http://127.0.0.1:${WORKER_PORT}/healthz`,
      env: serverEnv,
      reuseExistingServer: !isCI,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
  ],
});
