#!/usr/bin/env node
// Logical backups of the app's database (docs/operations/backups.md).
//
//   node scripts/backup.mjs [--dir DIR] [--keep-daily N] [--keep-weekly M]
//       pg_dump -Fc of DATABASE_URL into DIR (BACKUP_DIR, default ./backups), read back with
//       pg_restore --list, a .sha256 beside it; then keeps the newest backup of each of the last
//       N days (BACKUP_KEEP_DAILY, 7) and of each of the last M weeks (BACKUP_KEEP_WEEKLY, 4).
//   node scripts/backup.mjs restore FILE [--clean]
//       restores FILE into DATABASE_URL, which must be a new, empty database (--clean replaces
//       the tables the backup holds instead), in one transaction.
//
// Run nightly by deploy/backup/cronjob.yaml. Needs only Node and the Postgres client programs
// (pg_dump of the server's major version or newer; PG_BIN names their directory if not found).
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { restoreBackup, takeBackup } from "./lib/backup.mjs";

function count(value, name) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, 0 or more`);
  return n;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dir: { type: "string" },
      "keep-daily": { type: "string" },
      "keep-weekly": { type: "string" },
      clean: { type: "boolean", default: false },
    },
  });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to the database to back up (or restore into)");
  const redacted = (() => {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  })();

  if (positionals[0] === "restore") {
    const file = positionals[1];
    if (!file) throw new Error("Usage: node scripts/backup.mjs restore FILE [--clean]");
    const r = await restoreBackup({ url, file: resolve(file), clean: values.clean });
    console.log(`restored ${r.file} into ${redacted}`);
    return;
  }
  if (positionals.length) throw new Error(`Unknown command: ${positionals.join(" ")}`);

  const dir = resolve(values.dir ?? process.env.BACKUP_DIR ?? "backups");
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const r = await takeBackup({
    url,
    dir,
    daily: count(values["keep-daily"] ?? process.env.BACKUP_KEEP_DAILY ?? 7, "--keep-daily"),
    weekly: count(values["keep-weekly"] ?? process.env.BACKUP_KEEP_WEEKLY ?? 4, "--keep-weekly"),
  });
  console.log(
    `backup ${r.file} (${(r.bytes / 1024 / 1024).toFixed(1)} MB, ${r.tables} tables, sha256 ${r.sha256.slice(0, 12)}…) of ${redacted} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`kept ${r.kept.length}: ${r.kept.join(", ")}`);
  if (r.removed.length) console.log(`removed ${r.removed.length}: ${r.removed.join(", ")}`);
}

main().catch((err) => {
  console.error(`backup: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
