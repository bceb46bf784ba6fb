// Private Postgres servers for the failover drill (a primary and a streaming replica of it, each on
// a free port in a temp dir): Debian's binaries (`pg_config --bindir`, /usr/lib/postgresql/<n>/bin)
// or any on PATH. Postgres refuses to run as root: as root every server command runs as the
// `postgres` system user (runuser) and the temp dirs belong to it. `destroy()` stops every server
// this made and removes its dirs, whatever state the test left them in.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** The directory holding initdb, pg_ctl and pg_basebackup, or null when none is installed. */
export function postgresBinDir(): string | null {
  const has = (dir: string) =>
    ["initdb", "pg_ctl", "pg_basebackup"].every((b) => existsSync(join(dir, b)));
  try {
    const dir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
    if (has(dir)) return dir;
  } catch {
    /* no pg_config on PATH */
  }
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (has(join(debian, v, "bin"))) return join(debian, v, "bin");
  }
  for (const dir of (process.env.PATH ?? "").split(":")) if (dir && has(dir)) return dir;
  return null;
}

/** A port nobody listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

export interface PgServer {
  name: string;
  port: number;
  dataDir: string;
  /** A URL of one of its databases. */
  url(database?: string): string;
  /** Runs `fn` with a connection to its `postgres` database. */
  sql<T>(fn: (c: pg.Client) => Promise<T>): Promise<T>;
}

export class PgCluster {
  readonly root: string;
  private readonly bin: string;
  private readonly servers: PgServer[] = [];

  constructor(bin: string, prefix = "myhibachi-pg-") {
    this.bin = bin;
    this.root = mkdtempSync(join(tmpdir(), prefix));
    if (asRoot) {
      const { uid, gid } = postgresIds();
      chownSync(this.root, uid, gid);
    }
  }

  /** Runs a Postgres program (as the `postgres` user when we are root); throws with its output. */
  run(program: string, args: string[]): string {
    const exe = join(this.bin, program);
    const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", exe, ...args]] : [exe, args];
    const r = spawnSync(cmd, argv, { encoding: "utf8", cwd: this.root, timeout: 120_000 });
    if (r.status !== 0)
      throw new Error(
        `${program} ${args.join(" ")} failed (exit ${r.status}): ${r.stderr || r.stdout || r.error}`,
      );
    return r.stdout;
  }

  private server(name: string, port: number): PgServer {
    const dataDir = join(this.root, name);
    const url = (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`;
    const s: PgServer = {
      name,
      port,
      dataDir,
      url,
      async sql(fn) {
        const c = new pg.Client({ connectionString: url(), connectionTimeoutMillis: 10_000 });
        await c.connect();
        try {
          return await fn(c);
        } finally {
          await c.end();
        }
      },
    };
    this.servers.push(s);
    return s;
  }

  /** Starts a server on its data dir (waits until it accepts connections). */
  start(s: PgServer, settings: string[] = []): void {
    this.run("pg_ctl", [
      "start",
      "-w",
      "-t",
      "60",
      "-D",
      s.dataDir,
      "-l",
      join(this.root, `${s.name}.log`),
      "-o",
      // Only TCP on 127.0.0.1, its socket in our temp dir; no fsync (a test server, always shut
      // down cleanly or thrown away).
      [
        `-p ${s.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.root}`,
        "-c fsync=off",
        ...settings.map((x) => `-c ${x}`),
      ].join(" "),
    ]);
  }

  /** A new primary: initdb (trust auth, replication allowed from 127.0.0.1) and start. */
  async primary(name = "primary"): Promise<PgServer> {
    const s = this.server(name, await freePort());
    this.run("initdb", ["-D", s.dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
    this.start(s, ["wal_level=replica", "max_wal_senders=5", "wal_keep_size=256MB"]);
    return s;
  }

  /**
   * A streaming replica of `of`: `pg_basebackup -R` (it writes standby.signal and the
   * primary_conninfo), started on a port of its own.
   */
  async replica(of: PgServer, name = "replica"): Promise<PgServer> {
    const s = this.server(name, await freePort());
    this.run("pg_basebackup", [
      "-h",
      "127.0.0.1",
      "-p",
      String(of.port),
      "-U",
      "postgres",
      "-D",
      s.dataDir,
      "-R",
      "-X",
      "stream",
      "-c",
      "fast",
    ]);
    this.start(s);
    return s;
  }

  /** `pg_ctl stop -m fast`: clients are disconnected, the server shuts down cleanly. */
  stopFast(s: PgServer): void {
    this.run("pg_ctl", ["stop", "-w", "-m", "fast", "-D", s.dataDir]);
  }

  /** Stops every server still running (immediately) and removes the temp dir. */
  destroy(): void {
    for (const s of this.servers) {
      if (!existsSync(join(s.dataDir, "postmaster.pid"))) continue;
      try {
        this.run("pg_ctl", ["stop", "-w", "-m", "immediate", "-D", s.dataDir]);
      } catch (err) {
        console.error(`[pg-cluster] could not stop ${s.name}:`, err);
      }
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}
