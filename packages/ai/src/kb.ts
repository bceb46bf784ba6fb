// The knowledge base the assistant answers from is the business's own data (catalog: menu,
// packages, prices, zones, policies). Its version keys the response cache: BusinessSettings.version
// plus a hash of the catalog itself, so a price edit makes the next answer a miss even if nobody
// bumped the version.
import { getCatalog, type Catalog, type QueryCache } from "@myhibachi/core";
import type { Db } from "@myhibachi/db";
import { hashOf } from "./text";

export interface KnowledgeBase {
  catalog: Catalog;
  version: string;
}

const memo = new WeakMap<Catalog, string>();

export function kbVersionOf(catalog: Catalog): string {
  let v = memo.get(catalog);
  if (!v) {
    v = `v${catalog.settings.version}-${hashOf(catalog, 16)}`;
    memo.set(catalog, v);
  }
  return v;
}

export async function loadKnowledgeBase(db: Db, cache: QueryCache): Promise<KnowledgeBase> {
  const catalog = await getCatalog(db, cache);
  return { catalog, version: kbVersionOf(catalog) };
}
