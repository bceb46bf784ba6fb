// Nightly logical backups of the app's database (docs/operations/backups.md): `pg_dump -Fc` into a
// directory, checked by reading it back (`pg_restore --list`), with retention (the newest backup
// of each of the last N days and of each of the last M weeks). Only Node built-ins and the
// Postgres client programs: it runs in a small image (deploy/backup/Dockerfile) as well as here.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  createReadStream,
  existsSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

export const BACKUP_PREFIX = "myhibachi-";
const NAME = /^myhibachi-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.dump$/;

/** "myhibachi-20261201T031500Z.dump" for that instant (UTC). */
export function backupName(at) {
  const s = at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
  return `${BACKUP_PREFIX}${s}.dump`;
}

/** The instant a backup's file name says it was taken, or null for any other name. */
export function backupTime(name) {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
}

/** ISO week ("2026-W49") of a UTC instant: weeks start on Monday. */
function isoWeek(at) {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/**
 * Which backups to keep: the newest of each of the `daily` most recent days that have one, the
 * newest of each of the `weekly` most recent ISO weeks that have one, and always the newest of
 * all. Names that are not backups are never touched. Returns { keep, remove } (file names).
 */
export function planRetention(names, { daily, weekly }) {
  const backups = names
    .map((name) => ({ name, at: backupTime(name) }))
    .filter((b) => b.at)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const keep = new Set(backups.slice(0, 1).map((b) => b.name));
  const newestPer = (key, limit) => {
    const seen = new Set();
    for (const b of backups) {
      const k = key(b.at);
      if (seen.has(k)) continue;
      if (seen.size >= limit) break;
      seen.add(k);
      keep.add(b.name);
    }
  };
  newestPer((at) => at.toISOString().slice(0, 10), daily);
  newestPer(isoWeek, weekly);
  return {
    keep: backups.filter((b) => keep.has(b.name)).map((b) => b.name),
    remove: backups.filter((b) => !keep.has(b.name)).map((b) => b.name),
  };
}

const major = (versionText) => Number(/(\d+)(?:\.\d+)?/.exec(versionText)?.[1] ?? 0);

/** Directories that may hold the Postgres client programs, best first. */
function binCandidates() {
  const dirs = [];
  if (process.env.PG_BIN) dirs.push(process.env.PG_BIN);
  try {
    dirs.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim());
  } catch {
    /* no pg_config */
  }
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian))
    for (const v of readdirSync(debian).sort((a, b) => Number(b) - Number(a)))
      dirs.push(join(debian, v, "bin"));
  for (const dir of (process.env.PATH ?? "").split(":")) if (dir) dirs.push(dir);
  return [...new Set(dirs)].filter((d) => existsSync(join(d, "pg_dump")));
}

/**
 * libpq takes a postgresql:// URL, but not Prisma's own parameters (`schema`, `connection_limit`,
 * `pool_timeout`...): those are dropped.
 */
export function libpqUrl(url) {
  const u = new URL(url);
  for (const p of ["schema", "connection_limit", "pool_timeout", "pgbouncer", "socket_timeout"])
    u.searchParams.delete(p);
  return u.toString();
}

function run(bin, program, args, opts = {}) {
  const r = spawnSync(join(bin, program), args, { encoding: "utf8", ...opts });
  if (r.status !== 0)
    throw new Error(
      `${program} failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout || String(r.error ?? "")).trim()}`,
    );
  return r.stdout;
}

/**
 * The client programs to use with this server: pg_dump must be at least the server's major
 * version (an older pg_dump refuses a newer server), so the oldest such candidate is chosen.
 */
export function pgBinFor(url) {
  const candidates = binCandidates();
  if (!candidates.length)
    throw new Error(
      "No pg_dump found: install the Postgres client (apt-get install postgresql-client) or set PG_BIN",
    );
  const server = Number(
    run(candidates[0], "psql", ["-XAtc", "SHOW server_version_num", libpqUrl(url)]).trim(),
  );
  const serverMajor = Math.floor(server / 10000);
  const fitting = candidates
    .map((dir) => ({ dir, v: major(run(dir, "pg_dump", ["--version"]).replace(/^\D+/, "")) }))
    .filter((c) => c.v >= serverMajor)
    .sort((a, b) => a.v - b.v);
  if (!fitting.length)
    throw new Error(
      `The server runs Postgres ${serverMajor}; no pg_dump of that version or newer was found (PG_BIN, pg_config, /usr/lib/postgresql/*/bin, PATH)`,
    );
  return fitting[0].dir;
}

function sha256(file) {
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    createReadStream(file)
      .on("data", (c) => h.update(c))
      .on("error", reject)
      .on("end", () => resolve(h.digest("hex")));
  });
}

/**
 * Takes a backup of `url` into `dir`, checks it reads back, writes its checksum beside it
 * (`<name>.sha256`, as `sha256sum -c` reads it) and applies retention. Returns what it did.
 */
export async function takeBackup({ url, dir, daily = 7, weekly = 4, now = new Date() }) {
  const bin = pgBinFor(url);
  const name = backupName(now);
  const file = join(dir, name);
  const partial = `${file}.partial`;
  // A run that died leaves a .partial behind: never a backup, removed by the next run.
  for (const f of readdirSync(dir))
    if (f.startsWith(BACKUP_PREFIX) && f.endsWith(".partial"))
      rmSync(join(dir, f), { force: true });
  try {
    run(bin, "pg_dump", ["--format=custom", "--compress=6", `--file=${partial}`, libpqUrl(url)]);
    // Read back: the archive's table of contents lists every table's data.
    const list = run(bin, "pg_restore", ["--list", partial]);
    const tables = list.split("\n").filter((l) => / TABLE DATA /.test(l)).length;
    if (tables === 0) throw new Error("the dump lists no table data");
    renameSync(partial, file);
    const digest = await sha256(file);
    await writeFile(`${file}.sha256`, `${digest}  ${name}\n`);
    const { keep, remove } = planRetention(readdirSync(dir), { daily, weekly });
    for (const old of remove) {
      rmSync(join(dir, old), { force: true });
      rmSync(join(dir, `${old}.sha256`), { force: true });
    }
    return {
      file,
      bytes: statSync(file).size,
      tables,
      sha256: digest,
      kept: keep,
      removed: remove,
    };
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Restores a backup into the database at `url`, which must have no tables yet (a new, empty
 * database) unless `clean` is set (then what the backup holds is dropped first). One transaction:
 * an error leaves the database as it was.
 */
export async function restoreBackup({ url, file, clean = false }) {
  const bin = pgBinFor(url);
  const sidecar = `${file}.sha256`;
  if (existsSync(sidecar)) {
    const expected = readFileSync(sidecar, "utf8").split(/\s+/)[0];
    if ((await sha256(file)) !== expected)
      throw new Error(`${file} does not match its checksum (${sidecar}): not restoring it`);
  }
  const tables = Number(
    run(bin, "psql", [
      "-XAtc",
      "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
      libpqUrl(url),
    ]).trim(),
  );
  if (tables > 0 && !clean)
    throw new Error(
      `The target database already has ${tables} tables: restore into a new, empty database (or pass --clean to replace them)`,
    );
  run(bin, "pg_restore", [
    "--no-owner",
    "--no-acl",
    "--exit-on-error",
    "--single-transaction",
    ...(clean ? ["--clean", "--if-exists"] : []),
    `--dbname=${libpqUrl(url)}`,
    file,
  ]);
  return { file, into: new URL(url).pathname.slice(1) };
}
