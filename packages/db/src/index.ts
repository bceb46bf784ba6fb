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
  const adapter = new PrismaPg({ connectionString: url, max });
  return new PrismaClient({ adapter });
}

/** Postgres error codes we map to domain errors. */
export const PG_EXCLUSION_VIOLATION = "23P01";
export const PG_UNIQUE_VIOLATION = "23505";

/** Extracts the Postgres SQLSTATE from an error thrown by Prisma over the pg adapter, if any. */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === "object"; i++) {
    const o = e as Record<string, unknown>;
    if (typeof o.code === "string" && /^[0-9A-Z]{5}$/.test(o.code)) return o.code;
    const meta = o.meta as Record<string, unknown> | undefined;
    const driver = meta?.driverAdapterError as Record<string, unknown> | undefined;
    const cause = (driver?.cause ?? o.cause) as Record<string, unknown> | undefined;
    if (cause && typeof cause.originalCode === "string") return cause.originalCode;
    if (cause && typeof cause.code === "string" && /^[0-9A-Z]{5}$/.test(cause.code))
      return cause.code;
    if (o.code === "P2002") return PG_UNIQUE_VIOLATION;
    e = cause ?? o.cause;
  }
  return undefined;
}
