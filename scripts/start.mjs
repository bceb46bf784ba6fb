#!/usr/bin/env node
// `npm start`: everything needed to run MyHibachi locally, from a fresh machine with only Node:
//   pnpm + dependencies -> Postgres/Redis (existing or private) -> prisma generate/migrate/seed
//   -> build both apps -> start customer (3000), admin (3001) and the worker (health :3002)
//   -> wait until all three are healthy -> print URLs and demo logins.
// Ctrl-C stops everything this script started.
//
// Options:  --skip-build   reuse the existing builds (apps/*/.next) for a quick restart
// Env:      DATABASE_URL / REDIS_URL to use your own servers; MYHIBACHI_FORCE_EMBEDDED=1 to
//           always use the embedded Postgres + private redis-server.
import { existsSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { color, fail, formatDuration, info, step, UserError } from "./lib/log.mjs";
import { prepare, ROOT, serviceEnv } from "./lib/prepare.mjs";
import {
  exitWith,
  installSignalHandlers,
  isShuttingDown,
  onShutdown,
  reportStopped,
  run,
  startPackageScript,
  stopProcessGroup,
} from "./lib/proc.mjs";

const APPS = [
  {
    label: "customer",
    pkg: "@myhibachi/customer",
    dir: "apps/customer",
    port: 3000,
    health: "/api/health",
  },
  { label: "admin", pkg: "@myhibachi/admin", dir: "apps/admin", port: 3001, health: "/api/health" },
];
const HEALTH_TIMEOUT_MS = 180_000;

const args = process.argv.slice(2);
const skipBuild = args.includes("--skip-build");
for (const arg of args) {
  if (arg !== "--skip-build") {
    console.error(`unknown option ${arg} (supported: --skip-build)`);
    process.exit(2);
  }
}

/** Polls `url` until it answers 200; rejects after the timeout or when `child` exits. */
async function waitForHealthy(label, url, child) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new UserError(
        `[${label}] exited (code ${child.exitCode ?? child.signalCode}) before it became healthy`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      const body = await res.text();
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${body.slice(0, 300)}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new UserError(
    `[${label}] ${url} not healthy after ${HEALTH_TIMEOUT_MS / 1000}s (last: ${last})`,
  );
}

/** True when something already accepts connections on 127.0.0.1:`port`. */
function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: "127.0.0.1", port });
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

async function main() {
  const startedAt = Date.now();
  installSignalHandlers();
  const services = await prepare({ title: color.bold("MyHibachi: npm start") });
  const env = serviceEnv(services);

  // Fail early (before the build) when the ports are taken, e.g. by another `npm start`.
  const ports = [...APPS.map((app) => app.port), Number(env.WORKER_PORT)];
  const busy = [];
  for (const port of ports) if (await portInUse(port)) busy.push(port);
  if (busy.length > 0) {
    throw new UserError(
      `port ${busy.join(", ")} already in use (another npm start or dev server?). Stop it and retry.`,
    );
  }

  step("Database: prisma generate, migrate deploy, seed");
  await run("pnpm", ["db:generate"], { env });
  await run("pnpm", ["db:migrate"], { env });
  // The seed fills an empty database and prints the demo logins; we show its output again at
  // the end so the logins are easy to find.
  const seed = await run("pnpm", ["db:seed"], { env, capture: true });

  const missingBuilds = APPS.filter((app) => !existsSync(join(ROOT, app.dir, ".next", "BUILD_ID")));
  if (skipBuild && missingBuilds.length === 0) {
    step("Skipping the build (--skip-build)");
  } else {
    if (skipBuild)
      info(
        `--skip-build ignored: no build yet for ${missingBuilds.map((a) => a.label).join(", ")}`,
      );
    step("Building the apps");
    await run("pnpm", ["turbo", "run", "build", ...APPS.map((app) => `--filter=${app.pkg}`)], {
      env,
    });
  }

  step("Starting customer, admin and worker");
  const children = [];
  onShutdown(async () => {
    // Each app is stopped with SIGTERM (its own graceful shutdown), killed after 10 s.
    await Promise.all(
      children.map(async (child) => reportStopped(child.what, await stopProcessGroup(child))),
    );
  });
  // The demo's inbox: without an SMTP server, the customer app's /dev/mailbox shows customer
  // emails, to requests from this machine only (never a staff or owner sign-in link). Set
  // LOCAL_MAILBOX=0 to turn it off.
  const localMailbox = !env.SMTP_URL && (env.LOCAL_MAILBOX ?? "1") !== "0";
  for (const app of APPS) {
    const child = startPackageScript(app.label, ROOT, app.dir, {
      env: {
        ...env,
        NODE_ENV: "production",
        ...(app.label === "customer" ? { LOCAL_MAILBOX: localMailbox ? "1" : "0" } : {}),
      },
    });
    child.what = `${app.label} (http://localhost:${app.port})`;
    children.push(child);
  }
  if (localMailbox)
    info(
      "no SMTP_URL: enabling the local mailbox (LOCAL_MAILBOX=1) on the customer app, for this machine only",
    );
  const worker = startPackageScript("worker", ROOT, "apps/worker", { env });
  worker.what = "worker";
  children.push(worker);

  // If anything dies later on, stop the rest too: a half-running stack is confusing.
  for (const child of children) {
    child.exited.then(({ code, signal }) => {
      if (isShuttingDown()) return;
      fail(
        `[${child.label}] stopped unexpectedly (${signal ?? `exit code ${code}`}); shutting down`,
      );
      exitWith(1);
    });
  }

  const workerPort = env.WORKER_PORT;
  await Promise.all([
    ...APPS.map((app, i) =>
      waitForHealthy(app.label, `http://127.0.0.1:${app.port}${app.health}`, children[i]),
    ),
    waitForHealthy("worker", `http://127.0.0.1:${workerPort}/healthz`, worker),
  ]);

  const lines = [
    "",
    color.green(
      color.bold(`MyHibachi is running (ready in ${formatDuration(Date.now() - startedAt)})`),
    ),
    `  customer  http://localhost:3000`,
    `  admin     http://localhost:3001`,
    `  worker    http://localhost:${workerPort}/healthz`,
    `  Postgres  ${services.postgresSource}`,
    `  Redis     ${services.redisSource}`,
    env.SMTP_URL
      ? `  email     sent through SMTP_URL`
      : localMailbox
        ? `  email     NOT delivered (no SMTP_URL). LOCAL_MAILBOX=1 is on: customer emails at http://localhost:3000/dev/mailbox, from this machine only; owners see every email in the admin Outbox`
        : `  email     NOT delivered (no SMTP_URL); owners see every email in the admin Outbox`,
  ];
  const seedOutput = seed.output.trim();
  if (seedOutput) lines.push("", color.bold("Seed output (demo logins):"), seedOutput);
  lines.push("", "Press Ctrl-C to stop everything.", "");
  console.log(lines.join("\n"));
}

main().catch(async (err) => {
  // A step interrupted by Ctrl-C (a build, a migration) fails too: that is the stop, not an error.
  if (isShuttingDown()) return;
  fail(err instanceof UserError ? err.message : (err?.stack ?? String(err)));
  await exitWith(1);
});
