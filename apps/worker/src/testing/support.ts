// Helpers for the worker's integration tests (not a test file itself).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Redis } from "@myhibachi/jobs";

export const REDIS_URL = "redis://127.0.0.1:6379";
const workerDir = fileURLToPath(new URL("../..", import.meta.url));

export function testPrefix(): string {
  return `test-${randomBytes(5).toString("hex")}`;
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  what: string,
  timeoutMs = 20_000,
  everyMs = 50,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > until)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${String(lastErr)}` : ""}`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Port of /healthz (the worker is started with WORKER_PORT=0 and reports the port it got). */
  port: number;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node --import tsx src/main.ts`, exactly what `pnpm --filter @myhibachi/worker start` runs.
 * (Not the `tsx` CLI: it relays SIGTERM to its child and SIGKILLs it when the child does not
 * acknowledge within 30 ms, which would defeat graceful shutdown under load.)
 */
export async function startWorkerProcess(env: {
  DATABASE_URL: string;
  QUEUE_PREFIX: string;
  REDIS_URL?: string;
  SMTP_URL?: string;
  WORKER_SHUTDOWN_TIMEOUT_MS?: number;
  /** Bearer token that unlocks the queue counts on /healthz. */
  WORKER_HEALTH_TOKEN?: string;
  /** false: don't wait for "[worker] started" (e.g. when it should fail to start). */
  /** More variables (AUTH_SECRET, CUSTOMER_URL, the WORKER_TEST_* hooks of env.ts, ...). */
  extra?: Record<string, string>;
}): Promise<WorkerProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.SMTP_URL;
  Object.assign(childEnv, {
    DATABASE_URL: env.DATABASE_URL,
    REDIS_URL: env.REDIS_URL ?? REDIS_URL,
    QUEUE_PREFIX: env.QUEUE_PREFIX,
    WORKER_PORT: "0",
    ...(env.SMTP_URL ? { SMTP_URL: env.SMTP_URL } : {}),
    ...(env.WORKER_HEALTH_TOKEN ? { WORKER_HEALTH_TOKEN: env.WORKER_HEALTH_TOKEN } : {}),
    ...(env.WORKER_SHUTDOWN_TIMEOUT_MS !== undefined
      ? { WORKER_SHUTDOWN_TIMEOUT_MS: String(env.WORKER_SHUTDOWN_TIMEOUT_MS) }
      : {}),
    ...env.extra,
  });
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: workerDir,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
    // Own process group, so cleanup can SIGKILL everything it started.
    detached: true,
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let dead = false;
  void exited.then(() => (dead = true));
  const port = await waitFor(
    () => {
      if (dead) throw new Error(`worker exited early:\n${out}`);
      const m = /\[worker\] started: port=(\d+)/.exec(out);
      return m ? Number(m[1]) : undefined;
    },
    "the worker to start",
    30_000,
  ).catch((err: unknown) => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    throw new Error(`${String(err)}\n--- worker output ---\n${out}`);
  });
  return {
    child,
    port,
    output: () => out,
    exited,
    async stop(signal = "SIGTERM") {
      if (signal === "SIGKILL") {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // group already gone
        }
      } else if (!dead) {
        child.kill(signal);
      }
      return exited;
    },
  };
}

export async function getHealth(
  port: number,
  token?: string,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, body: await res.json() };
}

/** Deletes every Redis key under a test's queue prefix. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== "0");
}

/** Local addresses something LISTENs on at `port` (Linux /proc/net/tcp{,6}; no traffic sent). */
export function listeningOn(port: number): string[] {
  const out: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== "0A" || !local) continue;
      const [hex, p] = local.split(":");
      if (parseInt(p!, 16) !== port) continue;
      if (hex!.length === 8)
        out.push(
          (hex!.match(/../g) ?? [])
            .reverse()
            .map((b) => parseInt(b, 16))
            .join("."),
        );
      else out.push(/^0+$/.test(hex!) ? "::" : hex!.toLowerCase());
    }
  }
  return out;
}
