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
import { type MenuIndex, type MenuSource, menuIndexOf } from "./extract";
import { hashOf } from "./text";
import { englishWords } from "./understand/dictionary";

export interface KnowledgeBase {
  catalog: Catalog;
  version: string;
}

export interface KnowledgeBaseStamp {
  version: string;
  timeZone: string;
  /**
   * The live menu (active items and packages, by the words of their names) for the matcher that
   * reads every message, with the ordinary English words one typo away from a menu word.
   */
  menu: MenuIndex;
  /** Cities we serve, longest first, to read "in palo alto" as a place. */
  cities: string[];
  /** The city of each ZIP we serve: "any travel fee for Mountain View?" keeps its ZIP 94040. */
  zipCities?: Record<string, string>;
}

export function kbVersionOf(catalog: Catalog): string {
  return `v${catalog.settings.version}-${hashOf(catalog, 16)}`;
}

export async function loadKnowledgeBase(db: Db, cache: QueryCache): Promise<KnowledgeBase> {
  const catalog = await getCatalog(db, cache);
  return { catalog, version: kbVersionOf(catalog) };
}

/** The matcher's index of a catalog's menu (reads the English word list: not per message). */
export async function menuIndexOfCatalog(catalog: MenuSource): Promise<MenuIndex> {
  return menuIndexOf({ items: catalog.items, packages: catalog.packages }, await englishWords());
}

/**
 * The version, time zone and the words derived from the menu, cached under the catalog scope
 * (so any catalog invalidation, e.g. an owner's price edit, changes it at once): the cache-hit
 * path reads one generation number while the catalog is unchanged (a copy is kept in process)
 * instead of fetching, parsing and hashing the whole menu.
 */
const STAMP_KEY = "ai-kb-stamp-v2";

/**
 * The stamp `knowledgeBaseStamp` would return for this catalog generation when the process
 * already holds it (no round trip), else undefined.
 */
export function keptKnowledgeBaseStamp(
  cache: QueryCache,
  catalogGeneration: string,
): KnowledgeBaseStamp | undefined {
  return cache.keptMemo<KnowledgeBaseStamp>("catalog", STAMP_KEY, catalogGeneration);
}

export function knowledgeBaseStamp(
  db: Db,
  cache: QueryCache,
  /** The catalog's generation as `QueryCache.generationsEach` just read it, if at hand. */
  catalogGeneration?: string | null,
): Promise<KnowledgeBaseStamp> {
  return cache.readMemo(
    "catalog",
    STAMP_KEY,
    async () => {
      const catalog = await loadCatalogFromDb(db);
      const menu = await menuIndexOfCatalog(catalog);
      return {
        version: kbVersionOf(catalog),
        timeZone: catalog.settings.timeZone,
        menu,
        cities: servedCities(catalog),
        zipCities: Object.fromEntries(
          Object.entries(catalog.postalCodes).map(([zip, p]) => [zip, p.city]),
        ),
      };
    },
    undefined,
    catalogGeneration,
  );
}
