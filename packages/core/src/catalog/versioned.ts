import type { Db, DbTx } from "@myhibachi/db";
import { loadCatalogFromDb, type Catalog } from "./catalog";
import { loadRosterFromDb, type ChefRosterEntry } from "../availability/get-availability";

/**
 * The catalog and the chef roster as Postgres has them now, kept in this process's memory under
 * their `DataVersion` number (a statement trigger bumps it on every write to their tables, in the
 * writer's transaction: migration 20270101090000_data_versions). A booking reads the number (one
 * small row, often in a statement it makes anyway) and re-reads the tables only when it changed,
 * instead of nine queries each time. Still as current as reading them: the number is read before
 * the data, so what is kept is never older than the number it is kept under.
 * Without the row (a database before the migration, or one whose row was removed) nothing is kept.
 */
export type DataName = "catalog" | "roster";

interface Kept<T> {
  version: bigint;
  value: Promise<T>;
}
const kept = new WeakMap<object, { catalog?: Kept<Catalog>; roster?: Kept<ChefRosterEntry[]> }>();

/** The version numbers of the catalog and the roster (null: no version row). */
export async function dataVersions(
  db: Db | DbTx,
): Promise<{ catalog: bigint | null; roster: bigint | null }> {
  const rows = await db.$queryRaw<{ name: string; version: bigint }[]>`
    SELECT "name", "version" FROM "DataVersion" WHERE "name" IN ('catalog', 'roster')`;
  const of = (n: DataName) => rows.find((r) => r.name === n)?.version ?? null;
  return { catalog: of("catalog"), roster: of("roster") };
}

function at<T>(
  db: Db | DbTx,
  name: DataName,
  version: bigint | null,
  load: () => Promise<T>,
): Promise<T> {
  if (version === null) return load();
  const mine = kept.get(db) ?? {};
  kept.set(db, mine);
  const k = mine[name] as Kept<T> | undefined;
  if (k && k.version === version) return k.value;
  const value = load();
  (mine as Record<DataName, Kept<unknown>>)[name] = { version, value };
  // A failed read is not kept.
  value.catch(() => {
    if (mine[name]?.value === (value as Promise<unknown>)) delete mine[name];
  });
  return value;
}

/** The catalog at `version` (as read from `DataVersion` just before): kept, or read now. */
export function catalogAt(db: Db | DbTx, version: bigint | null): Promise<Catalog> {
  return at(db, "catalog", version, () => loadCatalogFromDb(db));
}

/** The chef roster at `version` (as read from `DataVersion` just before): kept, or read now. */
export function rosterAt(db: Db | DbTx, version: bigint | null): Promise<ChefRosterEntry[]> {
  return at(db, "roster", version, () => loadRosterFromDb(db));
}

/** The catalog as it is now in Postgres (prices for a write): one small read when unchanged. */
export async function currentCatalog(db: Db | DbTx): Promise<Catalog> {
  return catalogAt(db, (await dataVersions(db)).catalog);
}

/** The chef roster as it is now in Postgres: one small read when unchanged. */
export async function currentRoster(db: Db | DbTx): Promise<ChefRosterEntry[]> {
  return rosterAt(db, (await dataVersions(db)).roster);
}
