// Where a US ZIP code is: its city, state and the centroid's latitude and longitude, from the
// `zipcodes` package's table (about 42,000 ZIPs). Owners add service ZIPs by number alone; the
// table is loaded on first use only (it is large), never on a customer's request path.

interface ZipRow {
  zip: string;
  latitude: number;
  longitude: number;
  city: string;
  state: string;
  country: string;
}

export interface ZipPlace {
  postalCode: string;
  city: string;
  state: string;
  lat: number;
  lng: number;
}

interface ZipModule {
  codes?: Record<string, ZipRow>;
  default?: { codes: Record<string, ZipRow> };
}

let table: Promise<Record<string, ZipRow>> | null = null;

function loadTable(): Promise<ZipModule> {
  // @ts-expect-error -- the package ships no types; ZipRow above is its row.
  return import("zipcodes/lib/codes.js");
}

async function zipTable(): Promise<Record<string, ZipRow>> {
  table ??= loadTable().then((m) => m.codes ?? m.default!.codes);
  return table;
}

/** The place of a 5-digit US ZIP code, or null when the table doesn't know it. */
export async function placeZip(postalCode: string): Promise<ZipPlace | null> {
  const zip = postalCode.trim().slice(0, 5);
  if (!/^\d{5}$/.test(zip)) return null;
  const row = (await zipTable())[zip];
  if (!row || row.country !== "US" || !Number.isFinite(row.latitude)) return null;
  return {
    postalCode: zip,
    city: row.city,
    state: row.state,
    lat: row.latitude,
    lng: row.longitude,
  };
}
