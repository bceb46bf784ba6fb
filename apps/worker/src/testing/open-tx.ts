// Probes for "no transaction is held open across network I/O" (not a test file itself).
import { pgErrorCode, type Db } from "@myhibachi/db";

/**
 * Sessions on `db`'s database (other than the probe's own) sitting inside an open transaction
 * while doing nothing: what a process waiting on the network with a transaction open looks like.
 */
export async function idleInTransaction(db: Db): Promise<{ pid: number; query: string }[]> {
  return db.$queryRaw<{ pid: number; query: string }[]>`
    SELECT pid, query FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid()
      AND state IN ('idle in transaction', 'idle in transaction (aborted)')`;
}

/**
 * Tries to lock the row right now (SELECT ... FOR UPDATE NOWAIT in its own statement, released at
 * once): "free", "locked" when another session holds a lock on it, "missing" when there is no row.
 */
export async function rowLockState(
  db: Db,
  table: "EmailMessage" | "AlertDelivery",
  id: string,
): Promise<"free" | "locked" | "missing"> {
  try {
    const rows = await db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT "id" FROM "${table}" WHERE "id" = $1 FOR UPDATE NOWAIT`,
      id,
    );
    return rows.length ? "free" : "missing";
  } catch (err) {
    if (pgErrorCode(err) === "55P03") return "locked";
    throw err;
  }
}
