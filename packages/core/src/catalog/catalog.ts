import type { Db, DbTx } from "@myhibachi/db";
import { AppError } from "../errors";
import type { QueryCache } from "../cache";
import { distanceMiles, zoneForDistance } from "../geo";
import type { AvailabilitySettings } from "../availability/slots";
import type { QuoteItem, QuotePackage, QuoteSettings } from "../pricing/quote";

export interface CatalogSettings extends AvailabilitySettings, QuoteSettings {
  businessName: string;
  phone: string;
  email: string;
  baseAddress: string;
  baseLat: number;
  baseLng: number;
  holdMinutes: number;
  confirmHoldMinutes: number;
  bookingRateLimit: number;
  bookingRateWindowMinutes: number;
  minGuests: number;
  freeCancellationHours: number;
  rescheduleCutoffHours: number;
  /** Guest count and menu changes online close this many hours before the event. */
  partyChangeCutoffHours: number;
  /** After this many hours before the event the guest count can grow but not shrink online. */
  guestDecreaseCutoffHours: number;
  /** Payments (Stripe mode): PENDING for staff approval after the deposit, instead of CONFIRMED. */
  requireApprovalAfterDeposit: boolean;
  lateCancellationRefundBps: number;
  balanceLinkDaysBefore: number;
  tipChoicesBps: number[];
  /** When the phone is answered, as stored (read it with `readPhoneHours`). */
  phoneHours?: unknown;
  version: number;
}

export interface CatalogItem extends QuoteItem {
  description: string;
  allergens: string[];
  /** Ingredient slugs (INGREDIENTS in @myhibachi/shared); each implies allergens it contains. */
  contains: string[];
  dietaryTags: string[];
  seasonalTags: string[];
  sortOrder: number;
}

export interface CatalogPackage extends QuotePackage {
  description: string;
  includes: string[];
  /** Major allergens of the package's own dishes (its rice, sauces, noodles: R1-2). */
  allergens: string[];
  /** Ingredient slugs of its own dishes (INGREDIENTS); each implies allergens. */
  contains: string[];
  sortOrder: number;
}

export interface CatalogZone {
  id: string;
  name: string;
  maxMiles: number;
  feeCents: number;
}

export interface Catalog {
  settings: CatalogSettings;
  packages: CatalogPackage[];
  items: CatalogItem[];
  zones: CatalogZone[];
  /** The postal codes we can locate, keyed by code (a few hundred rows at most). */
  postalCodes: Record<string, { city: string; state: string; lat: number; lng: number }>;
}

export async function loadCatalogFromDb(db: Db | DbTx): Promise<Catalog> {
  const [s, packages, items, zones, postal] = await Promise.all([
    db.businessSettings.findUnique({ where: { id: 1 } }),
    db.package.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }] }),
    db.menuItem.findMany({ orderBy: [{ kind: "asc" }, { sortOrder: "asc" }, { name: "asc" }] }),
    db.travelZone.findMany({ orderBy: { maxMiles: "asc" } }),
    db.servicePostalCode.findMany(),
  ]);
  if (!s)
    throw new AppError(
      "PRECONDITION_FAILED",
      "The business is not set up yet: run the seed or fill in the settings.",
    );
  const { updatedAt: _u, id: _id, ...settings } = s;
  return {
    settings,
    packages: packages.map(({ createdAt: _c, updatedAt: _d, ...p }) => p),
    items: items.map(({ createdAt: _c, updatedAt: _d, ...i }) => i),
    zones: zones.map(({ sortOrder: _s, ...z }) => z),
    postalCodes: Object.fromEntries(postal.map(({ postalCode, ...rest }) => [postalCode, rest])),
  };
}

/** Menu, packages, settings and zones, read through the cache (10 min, invalidated on edit). */
export function getCatalog(db: Db, cache: QueryCache): Promise<Catalog> {
  return cache.read("catalog", "all", () => loadCatalogFromDb(db));
}

export interface ResolvedLocation {
  postalCode: string;
  city: string;
  state: string;
  zone: CatalogZone;
  distanceMiles: number;
}

/**
 * Refuses a party address whose state isn't the state of its ZIP code (attack R5-7: "ZZ" was
 * taken for San Jose's 95112 and went on the booking, the map link and the run sheet). The
 * service area knows each ZIP's state; a ZIP without one is taken with any 2-letter state.
 */
export function assertStateOfZip(
  location: Pick<ResolvedLocation, "postalCode" | "state">,
  state: string,
) {
  const known = location.state.trim().toUpperCase();
  const typed = state.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(known) || typed === known) return;
  throw new AppError(
    "BAD_REQUEST",
    `ZIP ${location.postalCode} is in ${known}, not ${typed}. Enter ${known} as the state, or check the party's ZIP code.`,
    { field: "address.state" },
  );
}

export function normalizePostalCode(raw: string): string {
  return raw.trim().slice(0, 5);
}

/** Finds the travel zone for a postal code, or a readable BAD_REQUEST when we don't serve it. */
export async function resolveLocation(
  db: Db | DbTx,
  catalog: Catalog,
  rawPostalCode: string,
): Promise<ResolvedLocation> {
  const postalCode = normalizePostalCode(rawPostalCode);
  if (!/^\d{5}$/.test(postalCode))
    throw new AppError("BAD_REQUEST", "Please enter a 5-digit ZIP code for the party address.", {
      field: "postalCode",
    });
  const row = catalog.postalCodes[postalCode];
  const outside = () =>
    new AppError(
      "BAD_REQUEST",
      `Sorry, ZIP ${postalCode} is outside our service area (we cover a list of ZIP codes around ${catalog.settings.baseAddress}, none farther than ${Math.max(0, ...catalog.zones.map((z) => z.maxMiles))} miles, and ${postalCode} isn't on it). Call us at ${catalog.settings.phone} and we'll see what we can do.`,
      { field: "postalCode", outsideServiceArea: true },
    );
  if (!row) throw outside();
  const miles = distanceMiles(
    { lat: catalog.settings.baseLat, lng: catalog.settings.baseLng },
    row,
  );
  const zone = zoneForDistance(catalog.zones, miles);
  const farthest = Math.max(0, ...catalog.zones.map((z) => z.maxMiles));
  // On the list but beyond the farthest travel zone (attack R6-6): say so, not "isn't on it".
  if (!zone)
    throw new AppError(
      "BAD_REQUEST",
      `Sorry, ${row.city} (ZIP ${postalCode}) is outside our service area: it is about ${Math.round(miles)} miles from us, farther than we travel (${farthest} miles). Call us at ${catalog.settings.phone} and we'll see what we can do.`,
      { field: "postalCode", outsideServiceArea: true },
    );
  return {
    postalCode,
    city: row.city,
    state: row.state,
    zone,
    distanceMiles: Math.round(miles * 10) / 10,
  };
}

/** The cities we serve (from the service ZIP codes), longest names first for text matching. */
export function servedCities(catalog: Catalog): string[] {
  return [...new Set(Object.values(catalog.postalCodes).map((p) => p.city))].sort(
    (a, b) => b.length - a.length,
  );
}

/** The served ZIP codes of a city (by its name, any case). */
export function cityPostalCodes(catalog: Catalog, city: string): string[] {
  const c = city.toLowerCase();
  return Object.entries(catalog.postalCodes)
    .filter(([, p]) => p.city.toLowerCase() === c)
    .map(([zip]) => zip);
}

/**
 * A ZIP code in a served city, to check prices or times before the customer gives theirs: the
 * one nearest our base (a city can span travel zones; its nearest part has the lowest fee, and
 * the answer asks for the exact ZIP).
 */
export function postalCodeForCity(catalog: Catalog, city: string): string | undefined {
  const c = city.toLowerCase();
  const base = { lat: catalog.settings.baseLat, lng: catalog.settings.baseLng };
  return Object.entries(catalog.postalCodes)
    .filter(([, p]) => p.city.toLowerCase() === c)
    .sort(([, a], [, b]) => distanceMiles(base, a) - distanceMiles(base, b))[0]?.[0];
}

/**
 * What a served city's ZIP codes pay to travel, one entry per fee, cheapest first: each with the
 * city's ZIPs in that zone (nearest first). One entry: the city's fee is that fee, whatever its
 * ZIP; more than one: the city spans zones and its fee depends on the ZIP (issue 17 round 5, L5).
 * ZIPs beyond our last zone are left out. Empty for a city we don't serve.
 */
export function cityTravelFees(
  catalog: Catalog,
  city: string,
): { feeCents: number; zone: string; postalCodes: string[] }[] {
  const c = city.toLowerCase();
  const base = { lat: catalog.settings.baseLat, lng: catalog.settings.baseLng };
  const byFee = new Map<number, { feeCents: number; zone: string; postalCodes: string[] }>();
  const zips = Object.entries(catalog.postalCodes)
    .filter(([, p]) => p.city.toLowerCase() === c)
    .map(([zip, p]) => ({ zip, miles: distanceMiles(base, p) }))
    .sort((a, b) => a.miles - b.miles);
  for (const { zip, miles } of zips) {
    const zone = zoneForDistance(catalog.zones, miles);
    if (!zone) continue;
    const entry = byFee.get(zone.feeCents) ?? {
      feeCents: zone.feeCents,
      zone: zone.name,
      postalCodes: [],
    };
    entry.postalCodes.push(zip);
    byFee.set(zone.feeCents, entry);
  }
  return [...byFee.values()].sort((a, b) => a.feeCents - b.feeCents);
}
