// A small catalog for unit tests of code that reads one (the safety net, the frame tools): the
// settings they read, two packages, a few items, two travel zones and ZIP codes, written here so
// that each test's expectations follow from values it can see.
import type { Catalog } from "@myhibachi/core";

export const TEST_NOW = new Date("2026-11-24T18:00:00Z"); // Tuesday, 10:00 in Los Angeles

export function testCatalog(): Catalog {
  const item = (
    slug: string,
    name: string,
    kind: string,
    priceCents: number,
    active = true,
  ): Catalog["items"][number] =>
    ({
      id: slug,
      slug,
      name,
      kind,
      pricing: "PER_PERSON",
      priceCents,
      active,
      description: "",
      allergens: [],
      contains: [],
      dietaryTags: [],
      seasonalTags: [],
      sortOrder: 0,
    }) as unknown as Catalog["items"][number];
  return {
    // Only what the safety net and the frame tools read.
    settings: {
      timeZone: "America/Los_Angeles",
      phone: "(555) 010-0000",
      baseAddress: "San Jose, CA",
      baseLat: 37.3382,
      baseLng: -121.8863,
      slotStartMinutes: [720, 900, 1020, 1080, 1170],
      eventDurationMinutes: 120,
      travelBufferMinutes: 60,
      minNoticeHours: 48,
      bookingWindowDays: 180,
      minGuests: 1,
      maxGuests: 60,
      partyMinimumCents: 55_000,
      depositCents: 10_000,
    },
    packages: [
      {
        id: "p1",
        slug: "classic",
        name: "Classic Hibachi",
        adultPriceCents: 6_000,
        childPriceCents: 3_000,
        proteinsPerGuest: 2,
        active: true,
        description: "",
        includes: [],
        sortOrder: 1,
      },
      {
        id: "p2",
        slug: "premium",
        name: "Premium Hibachi",
        adultPriceCents: 8_000,
        childPriceCents: 4_000,
        proteinsPerGuest: 3,
        active: true,
        description: "",
        includes: [],
        sortOrder: 2,
      },
    ],
    items: [
      item("chicken", "Hibachi chicken", "PROTEIN", 0),
      item("lobster-tail", "Lobster tail", "UPGRADE", 1_000),
      item("filet-mignon", "Filet mignon", "UPGRADE", 500),
      item("gyoza", "Pork gyoza", "APPETIZER", 1_200),
      item("truffle-rice", "Truffle rice", "SIDE", 900, false),
    ],
    zones: [
      { id: "z1", name: "Local", maxMiles: 15, feeCents: 0 },
      { id: "z2", name: "Metro", maxMiles: 30, feeCents: 5_000 },
    ],
    postalCodes: {
      "95125": { city: "San Jose", state: "CA", lat: 37.2963, lng: -121.8939 },
      "95050": { city: "Santa Clara", state: "CA", lat: 37.3485, lng: -121.9526 },
      "94301": { city: "Palo Alto", state: "CA", lat: 37.4443, lng: -122.1598 },
      "95814": { city: "Sacramento", state: "CA", lat: 38.5816, lng: -121.4944 },
    },
  } as unknown as Catalog;
}
