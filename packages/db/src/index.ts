import { PrismaPg } from "@prisma/adapter-pg";
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
}

export function createDb({ url, max = 10 }: CreateDbOptions): PrismaClient {
  // Nothing may wait forever: a request gives up on a busy pool after 15 s, on a row lock after
  // 10 s (bookings retry), and Postgres ends a transaction left idle for 60 s.
  const adapter = new PrismaPg({
    connectionString: url,
    max,
    connectionTimeoutMillis: 15_000,
    lock_timeout: 10_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  return new PrismaClient({ adapter });
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
