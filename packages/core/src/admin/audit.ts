// Every admin write goes through `adminWrite`: the change and its audit row (who, what, before,
// after) commit in one transaction; then the caches the change affects are invalidated. Changes
// to anything the AI knowledge base or a quote reads (menu, prices, packages, policies, zones)
// also bump BusinessSettings.version, so caches keyed on it see a new version at once.
import { PG_UNIQUE_VIOLATION, pgErrorCode, type Db, type DbTx, type Prisma } from "@myhibachi/db";
import { AppError } from "../errors";
import type { CacheScope, QueryCache } from "../cache";

/** The signed-in staff member or owner making a change. */
export interface AdminActor {
  userId: string;
  role: "STAFF" | "OWNER";
}

export interface AdminDeps {
  cache: QueryCache;
  now?: () => Date;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Plain JSON for the audit row (dates as ISO strings, undefined dropped). */
export function toJson(v: unknown): Prisma.InputJsonValue | undefined {
  if (v === undefined || v === null) return undefined;
  return JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;
}

export interface AdminWriteOptions {
  actor: AdminActor;
  /** Cache scopes to invalidate after commit. */
  scopes: CacheScope[];
  /** Bump BusinessSettings.version (menu, prices, policies, zones). */
  bumpVersion?: boolean;
  /** Message for a unique-constraint violation (e.g. a duplicate email or slug). */
  duplicate?: string;
}

export async function adminWrite<T>(
  db: Db,
  deps: AdminDeps,
  opts: AdminWriteOptions,
  fn: (tx: DbTx, audit: (e: AuditEntry) => void) => Promise<T>,
): Promise<T> {
  let result: T;
  try {
    result = await db.$transaction(async (tx) => {
      const entries: AuditEntry[] = [];
      const r = await fn(tx, (e) => entries.push(e));
      if (entries.length) {
        await tx.auditLog.createMany({
          data: entries.map((e) => ({
            actorId: opts.actor.userId,
            action: e.action,
            entity: e.entity,
            entityId: e.entityId ?? null,
            before: toJson(e.before),
            after: toJson(e.after),
          })),
        });
        if (opts.bumpVersion)
          await tx.businessSettings.update({
            where: { id: 1 },
            data: { version: { increment: 1 } },
          });
      }
      return r;
    });
  } catch (err) {
    if (opts.duplicate && pgErrorCode(err) === PG_UNIQUE_VIOLATION)
      throw new AppError("CONFLICT", opts.duplicate);
    throw err;
  }
  if (opts.scopes.length) await deps.cache.invalidate(...opts.scopes);
  return result;
}

export function badInput(message: string, field?: string): AppError {
  return new AppError("BAD_REQUEST", message, field ? { field } : undefined);
}

export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `That ${what} doesn't exist any more. Reload the page.`);
}

/** Only the fields that changed, for a readable before/after. */
export function diff<T extends Record<string, unknown>>(
  before: T,
  patch: Partial<T>,
): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(patch) as (keyof T)[]) {
    if (patch[k] === undefined) continue;
    if (JSON.stringify(before[k]) === JSON.stringify(patch[k])) continue;
    b[k] = before[k];
    a[k] = patch[k];
  }
  return { before: b, after: a };
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  take?: number;
  cursor?: string;
}

/** The audit log, newest first, with who did it. */
export async function listAuditLog(db: Db, q: AuditQuery = {}) {
  const take = Math.min(Math.max(q.take ?? 50, 1), 200);
  const rows = await db.auditLog.findMany({
    where: {
      ...(q.entity ? { entity: q.entity } : {}),
      ...(q.entityId ? { entityId: q.entityId } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
    include: { actor: { select: { name: true, email: true, role: true } } },
  });
  const more = rows.length > take;
  const items = rows.slice(0, take);
  return { items, nextCursor: more ? items[items.length - 1]!.id : null };
}
