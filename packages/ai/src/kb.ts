// The knowledge base the assistant answers from is the business's own data (catalog: menu,
// packages, prices, zones, policies). Its version keys the response cache: BusinessSettings.version
// plus a hash of the catalog itself, so a price edit makes the next answer a miss even if nobody
// bumped the version.
import {
  getCatalog,
  loadCatalogFromDb,
  servedCities,
  type Catalog,
  type QueryCache,
} from "@myhibachi/core";
import type { Db } from "@myhibachi/db";
import { itemWordsOf, type ItemWords } from "./extract";
import { hashOf } from "./text";

export interface KnowledgeBase {
  catalog: Catalog;
  version: string;
}

export interface KnowledgeBaseStamp {
  version: string;
  timeZone: string;
  /** Priced upgrades and extras with the words customers use for them ("lobster", "sushi"). */
  itemWords: ItemWords[];
  /** Every active dish with its words, for questions about one dish ("is the gyoza gluten free?"). */
  dishWords: ItemWords[];
  /** Cities we serve, longest first, to read "in palo alto" as a place. */
  cities: string[];
}

export function kbVersionOf(catalog: Catalog): string {
  return `v${catalog.settings.version}-${hashOf(catalog, 16)}`;
}

export async function loadKnowledgeBase(db: Db, cache: QueryCache): Promise<KnowledgeBase> {
  const catalog = await getCatalog(db, cache);
  return { catalog, version: kbVersionOf(catalog) };
}

/**
 * Just the version and time zone, cached under the catalog scope (so any catalog invalidation,
 * e.g. an owner's price edit, changes it at once): the cache-hit path reads a few bytes instead of
 * parsing and hashing the whole menu.
 */
export function knowledgeBaseStamp(db: Db, cache: QueryCache): Promise<KnowledgeBaseStamp> {
  return cache.read("catalog", "ai-kb-stamp", async () => {
    const catalog = await loadCatalogFromDb(db);
    return {
      version: kbVersionOf(catalog),
      timeZone: catalog.settings.timeZone,
      itemWords: itemWordsOf(catalog.items),
      dishWords: itemWordsOf(catalog.items, true),
      cities: servedCities(catalog),
    };
  });
}
