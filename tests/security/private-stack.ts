// Parts of a private copy of the product, for tests (and benchmarks) that break its
// infrastructure: its own redis-server (which a test may kill, freeze and restart) and an SMTP
// server that records every message the worker delivers, each on a free port of 127.0.0.1. Tests
// start the apps themselves with the harness's `startApp` (tests/security/harness.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { SMTPServer } from "smtp-server";

const root = fileURLToPath(new URL("../..", import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function until<T>(
  what: string,
  ms: number,
  probe: () => Promise<T | null | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not ready after ${ms} ms${last ? ` (${String(last)})` : ""}`);
}

/** A child process whose output is kept (printed if the test fails to start it). */
function run(cmd: string, args: string[], opts: { cwd: string; env: Record<string, string> }) {
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stop() ends its children too
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr?.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  return { child, output: () => output };
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    process.kill(-child.pid, signal);
  } catch {
    return;
  }
  const t = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
  }, 8_000);
  await exited;
  clearTimeout(t);
}

/** A redis-server of our own: no persistence, so a restart comes back empty (the worst case). */
export class PrivateRedis {
  private proc: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  static async start(): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort());
    await r.start();
    return r;
  }

  async start(): Promise<void> {
    const { child } = run(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { cwd: root, env: {} },
    );
    this.proc = child;
    await until(`redis-server on ${this.port}`, 10_000, async () => {
      const c = new Redis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      c.on("error", () => {});
      try {
        await c.connect();
        return (await c.ping()) === "PONG";
      } finally {
        c.disconnect();
      }
    });
  }

  /** Freezes it (SIGSTOP): connections stay open but nothing answers, like a hung server. */
  freeze(): void {
    if (this.proc?.pid) process.kill(this.proc.pid, "SIGSTOP");
  }

  thaw(): void {
    if (this.proc?.pid) process.kill(this.proc.pid, "SIGCONT");
  }

  /** Kills it like a crash (SIGKILL): every connection drops, every key is gone. */
  async kill(): Promise<void> {
    this.thaw();
    if (this.proc) await stopChild(this.proc, "SIGKILL");
    this.proc = null;
  }
}

export interface DeliveredMail {
  to: string;
  subject: string;
  messageId: string;
}

/** An SMTP server that accepts everything and records each delivered message. */
export async function startMailSink() {
  const delivered: DeliveredMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (d: Buffer) => (raw += d.toString()));
      stream.on("end", () => {
        const header = raw.split(/\r?\n\r?\n/)[0] ?? "";
        const unfolded = header.replace(/\r?\n[ \t]+/g, " ");
        const get = (name: string) =>
          new RegExp(`^${name}:\\s*(.*)$`, "im").exec(unfolded)?.[1]?.trim() ?? "";
        delivered.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(","),
          subject: get("Subject"),
          messageId: get("Message-ID"),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    delivered,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** One tRPC call over HTTP (superjson wire format), with a client-side deadline. */
export async function trpcCall(
  baseUrl: string,
  path: string,
  input: unknown,
  opts: { method?: "GET" | "POST"; deadlineMs?: number; headers?: Record<string, string> } = {},
): Promise<{ status: number; ms: number; data?: unknown; message?: string; hung?: boolean }> {
  const method = opts.method ?? "POST";
  const body = JSON.stringify({ json: input });
  const url =
    method === "GET"
      ? `${baseUrl}/api/trpc/${path}?input=${encodeURIComponent(body)}`
      : `${baseUrl}/api/trpc/${path}`;
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method,
      headers: {
        origin: baseUrl,
        ...(method === "POST" ? { "content-type": "application/json" } : {}),
        ...opts.headers,
      },
      ...(method === "POST" ? { body } : {}),
      signal: AbortSignal.timeout(opts.deadlineMs ?? 8_000),
    });
    const json = (await res.json()) as {
      result?: { data?: { json?: unknown } };
      error?: { json?: { message?: string } };
    };
    return {
      status: res.status,
      ms: performance.now() - t0,
      data: json.result?.data?.json,
      message: json.error?.json?.message,
    };
  } catch (err) {
    const hung = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    return { status: 0, ms: performance.now() - t0, hung, message: String(err) };
  }
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
