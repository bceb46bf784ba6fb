// A small, predictable business for tests: the demo menu, settings and zones, and N chefs who
// work every day 10:00-23:00 in every zone. No bookings.
import type { Db, Prisma } from "@myhibachi/db";
import { DEFAULT_RULES } from "@myhibachi/core";
import { MENU, PACKAGES, POSTAL_CODES, SETTINGS, ZONES } from "./data";

export interface FixtureBusiness {
  chefIds: string[];
  zoneIds: string[];
  settings: typeof SETTINGS;
}

/** Settings, travel zones, service ZIP codes, menu and packages of the demo business. */
export async function createCatalogBasics(db: Db, settings: typeof SETTINGS) {
  await db.businessSettings.create({ data: { id: 1, ...settings } });
  const zones = await Promise.all(ZONES.map((z) => db.travelZone.create({ data: z })));
  await db.servicePostalCode.createMany({
    data: POSTAL_CODES.map(([postalCode, city, lat, lng]) => ({
      postalCode,
      city,
      state: "CA",
      lat,
      lng,
    })),
  });
  await db.menuItem.createMany({
    data: MENU.map((m, i) => ({ ...m, seasonalTags: m.seasonalTags ?? [], sortOrder: i })),
  });
  await db.package.createMany({ data: PACKAGES });
  // The brief's recommendation rules (issue 16); the owner edits them on /recommendations.
  await db.recommendationRule.createMany({
    data: DEFAULT_RULES.map((r) => ({
      ...r,
      conditions: r.conditions as Prisma.InputJsonValue,
      target: r.target as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
  });
  return zones;
}

export async function createFixtureBusiness(
  db: Db,
  opts: { chefs?: number; settings?: Partial<typeof SETTINGS> } = {},
): Promise<FixtureBusiness> {
  const settings = { ...SETTINGS, ...opts.settings };
  const zones = await createCatalogBasics(db, settings);
  const chefIds: string[] = [];
  for (let i = 0; i < (opts.chefs ?? 1); i++) {
    const chef = await createFixtureChef(db, {
      name: `Chef ${i + 1}`,
      email: `chef${i + 1}@fixture.test`,
      zoneIds: zones.map((z) => z.id),
    });
    chefIds.push(chef.id);
  }
  return { chefIds, zoneIds: zones.map((z) => z.id), settings };
}

/** A chef who works every day 10:00-23:00 in the given zones. */
export function createFixtureChef(
  db: Db,
  chef: { name: string; email: string; zoneIds: string[] },
) {
  return db.chef.create({
    data: {
      name: chef.name,
      email: chef.email,
      workingHours: {
        create: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
          weekday,
          startMinute: 10 * 60,
          endMinute: 23 * 60,
        })),
      },
      serviceZones: { create: chef.zoneIds.map((zoneId) => ({ zoneId })) },
    },
  });
}

/** A valid selection for `adults` adults of the classic package (2 proteins each). */
export function classicSelection(adults: number, children = 0) {
  const portions = (adults + children) * 2;
  return {
    packageSlug: "classic",
    adults,
    children,
    proteins: { chicken: Math.ceil(portions / 2), steak: Math.floor(portions / 2) },
    extras: {},
  };
}

export const FIXTURE_ADDRESS = {
  line1: "123 Maple Ave",
  city: "San Jose",
  state: "CA",
  postalCode: "95125",
};
