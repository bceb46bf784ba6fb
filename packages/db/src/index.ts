import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { readReplicas } from "@prisma/extension-read-replicas";
import { PrismaClient } from "./generated/prisma/client";

export * from "./generated/prisma/client";
export { Prisma } from "./generated/prisma/client";
export type { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;
/** A Prisma client or an interactive transaction client: core functions accept either. */
export type DbTx = Omit<
  PrismaClient,
  "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends"
>;

export interface CreateDbOptions {
  url: string;
  /** Connection pool size per process. */
  max?: number;
  /** Called with each SQL statement the client sends (metrics, and tests that count queries). */
  onQuery?: (sql: string) => void;
}

/** Set while an interactive transaction's callback (and anything it starts) runs. */
const transactionScope = new AsyncLocalStorage<true>();

/** True inside the callback of an interactive `db.$transaction(async (tx) => ...)`. */
export function inTransaction(): boolean {
  return transactionScope.getStore() === true;
}

/**
 * Network I/O (SMTP, webhooks, HTTP APIs) must never happen with a transaction open: its locks and
 * its connection would be held for as long as the other side takes, and Postgres may end the
 * session after the side effect happened (then a retry does it twice). Senders call this first.
 */
export function assertOutsideTransaction(what: string): void {
  if (inTransaction())
    throw new Error(
      `${what} inside a database transaction: commit first (claim the row), then do the network call, then record the result`,
    );
}

export function createDb({ url, max = 10, onQuery }: CreateDbOptions): PrismaClient {
  // Nothing may wait forever: a request gives up on a busy pool after 15 s, on a row lock after
  // 10 s (bookings retry), and Postgres ends a transaction left idle for 60 s.
  const adapter = new PrismaPg({
    connectionString: url,
    max,
    connectionTimeoutMillis: 15_000,
    lock_timeout: 10_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  const client = onQuery
    ? (() => {
        const c = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
        c.$on("query", (e) => onQuery(e.query));
        return c as PrismaClient;
      })()
    : new PrismaClient({ adapter });
  // Mark interactive transactions, so `assertOutsideTransaction` can catch network I/O inside one.
  const transaction = client.$transaction.bind(client) as (...args: unknown[]) => unknown;
  (client as { $transaction: unknown }).$transaction = (arg: unknown, ...rest: unknown[]) =>
    typeof arg === "function"
      ? transaction((tx: unknown) => transactionScope.run(true, () => arg(tx)), ...rest)
      : transaction(arg, ...rest);
  return client;
}

/** `DATABASE_REPLICA_URL`: one URL or several, comma-separated; unset or blank = none. */
export function replicaUrls(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((u) => u.trim())
    .filter(Boolean);
}

/** The primary and, when configured, its streaming replicas (docs/operations/failover.md). */
export interface DbClients {
  /** The primary: every write, and every read a person must see right after writing it. */
  db: PrismaClient;
  /**
   * A client for one read-only dashboard call: a replica picked at random, or the primary when no
   * replica is configured. It may lag the primary by the replication delay, and it refuses
   * writes (a hot standby is read-only). Which operations get it is decided in one place: the
   * operation's `reads: "replica"` (packages/core/src/operations/define.ts).
   */
  readDb: () => PrismaClient;
  /** How many replicas `readDb` spreads over (0: it is the primary). */
  replicas: number;
  $disconnect(): Promise<void>;
}

/**
 * The app's database clients: `url` is the primary (DATABASE_URL), `replicaUrls` the streaming
 * replicas (DATABASE_REPLICA_URL). The replicas are picked by `@prisma/extension-read-replicas`
 * (`$replica()`); we don't use its per-query routing, which sends raw SQL and transactions to
 * the primary (the dashboards are raw SQL in repeatable-read transactions): a dashboard call
 * runs entirely on the one replica it was given.
 */
export function createDbClients({
  url,
  replicaUrls: replicas = [],
  max = 10,
  onQuery,
}: CreateDbOptions & { replicaUrls?: string[] }): DbClients {
  const db = createDb({ url, max, ...(onQuery ? { onQuery } : {}) });
  if (!replicas.length)
    return { db, readDb: () => db, replicas: 0, $disconnect: () => db.$disconnect() };
  const routed = db.$extends(
    readReplicas({
      replicas: replicas.map((r) => createDb({ url: r, max, ...(onQuery ? { onQuery } : {}) })),
    }),
  );
  return {
    db,
    // The extension types `$replica()` as the extended client; it is one of the clients above.
    readDb: () => routed.$replica() as unknown as PrismaClient,
    replicas: replicas.length,
    $disconnect: () => routed.$disconnect(),
  };
}

/** Postgres error codes we map to domain errors. */
export const PG_EXCLUSION_VIOLATION = "23P01";
export const PG_UNIQUE_VIOLATION = "23505";
/** A CHECK constraint, or a trigger raising check_violation (e.g. the booking block invariant). */
export const PG_CHECK_VIOLATION = "23514";
/** Transient: a lock wait hit lock_timeout, or Postgres broke a deadlock. Safe to retry. */
export const PG_TRANSIENT = new Set(["55P03", "40P01", "40001"]);

/**
 * Extracts the Postgres SQLSTATE from an error thrown by Prisma over the pg adapter, if any.
 * Prisma wraps it: `meta.driverAdapterError.cause.originalCode` holds the SQLSTATE, while
 * `code` is Prisma's own (P2002 for unique violations, P2039 for other constraint errors).
 */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    const o = e as {
      code?: unknown;
      meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
      cause?: unknown;
    };
    const original = o.meta?.driverAdapterError?.cause?.originalCode;
    if (typeof original === "string") return original;
    if (o.code === "P2002") return PG_UNIQUE_VIOLATION;
    if (typeof o.code === "string" && /^[0-9A-Z]{5}$/.test(o.code) && !/^P\d{4}$/.test(o.code))
      return o.code;
    e = o.cause;
  }
  return undefined;
}
