// Business settings, travel zones and the service area (owner). Every change bumps the settings
// version and invalidates "catalog" (and "chefs" when zones change, since chefs serve zones).
import type { BusinessSettings, Db, Prisma } from "@myhibachi/db";
import { AppError } from "../errors";
import { isValidTimeZone, pluralCount, type PhoneHours } from "@myhibachi/shared";
import { distanceMiles } from "../geo";
import { placeZip } from "../zip-codes";
import { httpsUrlOrNull } from "../campaigns/reviews";
import { adminWrite, badInput, diff, notFound, type AdminActor, type AdminDeps } from "./audit";

export type SettingsPatch = Partial<
  Omit<BusinessSettings, "id" | "version" | "updatedAt" | "phoneHours"> & {
    /** Checked by phoneHoursSchema (the settings operation's input). */
    phoneHours: PhoneHours;
  }
>;

const INT_RULES: Partial<Record<keyof SettingsPatch, [min: number, max: number, label: string]>> = {
  eventDurationMinutes: [30, 600, "Event duration (minutes)"],
  extraMinutesPer10Guests: [0, 120, "Extra minutes per 10 guests"],
  travelBufferMinutes: [0, 480, "Travel buffer (minutes)"],
  cleanupBufferMinutes: [0, 480, "Cleanup buffer (minutes)"],
  minNoticeHours: [0, 24 * 60, "Minimum notice (hours)"],
  bookingWindowDays: [1, 730, "Booking window (days)"],
  holdMinutes: [5, 24 * 60, "Hold time (minutes)"],
  confirmHoldMinutes: [5, 24 * 60, "Time to confirm an online booking (minutes)"],
  bookingRateLimit: [1, 1000, "Online bookings per client"],
  bookingRateWindowMinutes: [1, 24 * 60, "Booking limit window (minutes)"],
  maxGuestsPerChef: [1, 200, "Guests per chef"],
  minGuests: [1, 500, "Minimum guests"],
  maxGuests: [1, 1000, "Maximum guests"],
  partyMinimumCents: [0, 10_000_000, "Party minimum"],
  depositCents: [0, 10_000_000, "Deposit"],
  freeCancellationHours: [0, 24 * 60, "Free cancellation (hours)"],
  rescheduleCutoffHours: [0, 24 * 60, "Reschedule cutoff (hours)"],
  partyChangeCutoffHours: [0, 24 * 60, "Guest and menu changes online until (hours before)"],
  guestDecreaseCutoffHours: [0, 24 * 60, "Final guest count (hours before)"],
  balanceLinkDaysBefore: [0, 60, "Days before the event to send the balance link"],
};

/** Rates kept in basis points that the owner edits in percent (the messages say percent). */
const PERCENT_RULES: Partial<Record<keyof SettingsPatch, [maxBps: number, label: string]>> = {
  taxRateBps: [3000, "Tax rate"],
  suggestedGratuityBps: [5000, "Suggested gratuity"],
  lateCancellationRefundBps: [10_000, "Late-cancellation refund"],
};

function validateSettings(next: BusinessSettings): void {
  for (const [k, rule] of Object.entries(INT_RULES)) {
    const v = next[k as keyof BusinessSettings] as number;
    const [min, max, label] = rule!;
    if (!Number.isSafeInteger(v) || v < min || v > max)
      throw badInput(`${label} must be a whole number from ${min} to ${max}.`, k);
  }
  for (const [k, rule] of Object.entries(PERCENT_RULES)) {
    const v = next[k as keyof BusinessSettings] as number;
    const [max, label] = rule!;
    if (!Number.isSafeInteger(v) || v < 0 || v > max)
      throw badInput(
        `${label} must be from 0% to at most ${max / 100}% (two decimals at most).`,
        k,
      );
  }
  if (!isValidTimeZone(next.timeZone))
    throw badInput("Choose a time zone like America/Los_Angeles.", "timeZone");
  const slots = next.slotStartMinutes;
  if (!slots.length) throw badInput("Offer at least one start time.", "slotStartMinutes");
  if (slots.some((m) => !Number.isInteger(m) || m < 0 || m >= 24 * 60))
    throw badInput(
      "Start times must be within the day (12:00 am to 11:59 pm).",
      "slotStartMinutes",
    );
  if (new Set(slots).size !== slots.length)
    throw badInput("Each start time can be listed only once.", "slotStartMinutes");
  if (next.minGuests > next.maxGuests)
    throw badInput("The minimum number of guests can't be above the maximum.", "minGuests");
  if (next.depositCents > next.partyMinimumCents && next.partyMinimumCents > 0)
    throw badInput("The deposit can't be more than the party minimum.", "depositCents");
  if (next.minNoticeHours >= next.bookingWindowDays * 24)
    throw badInput("The minimum notice must be shorter than the booking window.", "minNoticeHours");
  if (next.businessName.trim().length < 2)
    throw badInput("Enter the business name.", "businessName");
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(next.email))
    throw badInput("Enter a valid business email address.", "email");
  for (const [k, site] of [
    ["googleReviewUrl", "Google"],
    ["yelpReviewUrl", "Yelp"],
  ] as const)
    if (next[k] !== null && httpsUrlOrNull(next[k]) === null)
      throw badInput(
        `Enter your ${site} review page's full address starting with https://, or leave it empty.`,
        k,
      );
  if (!(Math.abs(next.baseLat) <= 90) || !(Math.abs(next.baseLng) <= 180))
    throw badInput("The base location needs a valid latitude and longitude.", "baseLat");
}

export async function getSettings(db: Db) {
  const s = await db.businessSettings.findUnique({ where: { id: 1 } });
  if (!s) throw notFound("business settings");
  return s;
}

export const SETTINGS_CHANGED =
  "These settings were changed by someone else; reload to see their changes.";

/**
 * Saves the owner's edit of the settings. Optimistic concurrency: the edit carries the `version`
 * it was based on; the row is locked (FOR UPDATE) and a save based on an older version is refused
 * with a CONFLICT instead of silently mixing two people's edits. The cross-field rules (deposit
 * within the party minimum, ...) are checked against the row as locked, merged with the edit.
 */
export async function updateSettings(
  db: Db,
  input: { actor: AdminActor; patch: SettingsPatch; version: number },
  deps: AdminDeps,
) {
  const patch: SettingsPatch = { ...input.patch };
  if (patch.slotStartMinutes)
    patch.slotStartMinutes = [...patch.slotStartMinutes].sort((a, b) => a - b);
  return adminWrite(
    db,
    deps,
    { actor: input.actor, scopes: ["catalog", "chefs", "calendar"], bumpVersion: true },
    async (tx, audit) => {
      await tx.$queryRaw`SELECT "id" FROM "BusinessSettings" WHERE "id" = 1 FOR UPDATE`;
      const before = await tx.businessSettings.findUnique({ where: { id: 1 } });
      if (!before) throw notFound("business settings");
      if (before.version !== input.version)
        throw new AppError("CONFLICT", SETTINGS_CHANGED, {
          currentVersion: before.version,
        });
      // Record<string, unknown>: the phone hours are JSON in the row and typed in the patch.
      const d = diff<Record<string, unknown>>(before, patch);
      if (!Object.keys(d.after).length) return before;
      validateSettings({ ...before, ...d.after } as BusinessSettings);
      const s = await tx.businessSettings.update({
        where: { id: 1 },
        data: d.after as Prisma.BusinessSettingsUpdateInput,
      });
      audit({ action: "settings.update", entity: "settings", entityId: "1", ...d });
      return s;
    },
  );
}

export interface ZoneInput {
  name: string;
  maxMiles: number;
  feeCents: number;
  sortOrder?: number;
}

function cleanZone(z: Partial<ZoneInput>): Partial<ZoneInput> {
  if (z.name !== undefined && z.name.trim().length < 2) throw badInput("Name the zone.", "name");
  if (
    z.maxMiles !== undefined &&
    (!Number.isFinite(z.maxMiles) || z.maxMiles <= 0 || z.maxMiles > 500)
  )
    throw badInput("Distance must be more than 0 and at most 500 miles.", "maxMiles");
  if (
    z.feeCents !== undefined &&
    (!Number.isSafeInteger(z.feeCents) || z.feeCents < 0 || z.feeCents > 1_000_000)
  )
    throw badInput("The travel fee must be between $0 and $10,000.", "feeCents");
  return { ...z, ...(z.name !== undefined ? { name: z.name.trim() } : {}) };
}

const ZONE_WRITE = { scopes: ["catalog" as const, "chefs" as const], bumpVersion: true };
const dupZone = (name?: string) => `There is already a zone called "${name}".`;

export async function createZone(
  db: Db,
  input: { actor: AdminActor; zone: ZoneInput },
  deps: AdminDeps,
) {
  const data = cleanZone(input.zone) as ZoneInput;
  return adminWrite(
    db,
    deps,
    { actor: input.actor, ...ZONE_WRITE, duplicate: dupZone(data.name) },
    async (tx, audit) => {
      const z = await tx.travelZone.create({ data });
      audit({ action: "zone.create", entity: "zone", entityId: z.id, after: data });
      return z;
    },
  );
}

export async function updateZone(
  db: Db,
  input: { actor: AdminActor; zoneId: string; zone: Partial<ZoneInput> },
  deps: AdminDeps,
) {
  const patch = cleanZone(input.zone);
  return adminWrite(
    db,
    deps,
    { actor: input.actor, ...ZONE_WRITE, duplicate: dupZone(patch.name) },
    async (tx, audit) => {
      const before = await tx.travelZone.findUnique({ where: { id: input.zoneId } });
      if (!before) throw notFound("travel zone");
      const d = diff(before, patch);
      if (!Object.keys(d.after).length) return before;
      const z = await tx.travelZone.update({ where: { id: before.id }, data: d.after });
      audit({ action: "zone.update", entity: "zone", entityId: z.id, ...d });
      return z;
    },
  );
}

export async function deleteZone(
  db: Db,
  input: { actor: AdminActor; zoneId: string },
  deps: AdminDeps,
) {
  return adminWrite(db, deps, { actor: input.actor, ...ZONE_WRITE }, async (tx, audit) => {
    const before = await tx.travelZone.findUnique({ where: { id: input.zoneId } });
    if (!before) throw notFound("travel zone");
    if ((await tx.travelZone.count()) <= 1)
      throw badInput("Keep at least one travel zone, or customers can't book anywhere.", "zoneId");
    await tx.travelZone.delete({ where: { id: before.id } });
    audit({ action: "zone.delete", entity: "zone", entityId: before.id, before });
    return { id: before.id };
  });
}

export interface PostalCodeInput {
  postalCode: string;
  /** The city name to show, when the ZIP table's differs from how customers call it. */
  city?: string;
}

/**
 * The service area's ZIP codes, each with its distance from the base and whether a travel zone
 * reaches it (attack R6-6: a ZIP on the list beyond the farthest zone can't be booked, and the
 * owner is told which).
 */
export async function listPostalCodes(db: Db) {
  const [rows, settings, zones] = await Promise.all([
    db.servicePostalCode.findMany({ orderBy: [{ city: "asc" }, { postalCode: "asc" }] }),
    db.businessSettings.findUnique({ where: { id: 1 } }),
    db.travelZone.findMany(),
  ]);
  const farthest = zones.length ? Math.max(...zones.map((z) => z.maxMiles)) : 0;
  return rows.map((r) => {
    const miles = settings
      ? Math.round(distanceMiles({ lat: settings.baseLat, lng: settings.baseLng }, r))
      : null;
    return { ...r, miles, bookable: miles === null || miles <= farthest, farthestMiles: farthest };
  });
}

/**
 * Adds a ZIP to the service area by its number alone: its city, state and location come from
 * the ZIP table. A ZIP the table doesn't know, or one beyond the farthest travel zone (no
 * customer there could be quoted), is refused with what to do instead.
 */
export async function addPostalCode(
  db: Db,
  input: { actor: AdminActor; row: PostalCodeInput },
  deps: AdminDeps,
) {
  const zip = input.row.postalCode.trim();
  if (!/^\d{5}$/.test(zip)) throw badInput("Enter a 5-digit ZIP code, like 95125.", "postalCode");
  const place = await placeZip(zip);
  if (!place)
    throw badInput(
      `We can't place ZIP ${zip} on the map. Check the number; if it is right (a brand-new ZIP), add the neighbouring ZIP instead.`,
      "postalCode",
    );
  const city = input.row.city?.trim() || place.city;
  if (city.length < 2) throw badInput("Enter the city name, or leave it empty.", "city");
  const [settings, zones] = await Promise.all([
    db.businessSettings.findUnique({ where: { id: 1 } }),
    db.travelZone.findMany(),
  ]);
  if (settings && zones.length) {
    const miles = distanceMiles({ lat: settings.baseLat, lng: settings.baseLng }, place);
    const farthest = Math.max(...zones.map((z) => z.maxMiles));
    if (miles > farthest)
      throw badInput(
        `ZIP ${zip} (${place.city}, ${place.state}) is ${pluralCount(Math.round(miles), "mile")} from your base, beyond your farthest travel zone (${pluralCount(farthest, "mile")}). Add a travel zone that reaches it first.`,
        "postalCode",
      );
  }
  const data = { postalCode: zip, city, state: place.state, lat: place.lat, lng: place.lng };
  return adminWrite(
    db,
    deps,
    {
      actor: input.actor,
      scopes: ["catalog"],
      bumpVersion: true,
      duplicate: `ZIP ${zip} is already in the service area.`,
    },
    async (tx, audit) => {
      const row = await tx.servicePostalCode.create({ data });
      audit({ action: "area.add", entity: "postalCode", entityId: row.postalCode, after: data });
      return row;
    },
  );
}

export async function removePostalCode(
  db: Db,
  input: { actor: AdminActor; postalCode: string },
  deps: AdminDeps,
) {
  return adminWrite(
    db,
    deps,
    { actor: input.actor, scopes: ["catalog"], bumpVersion: true },
    async (tx, audit) => {
      const before = await tx.servicePostalCode.findUnique({
        where: { postalCode: input.postalCode },
      });
      if (!before) throw notFound("ZIP code");
      await tx.servicePostalCode.delete({ where: { postalCode: before.postalCode } });
      audit({ action: "area.remove", entity: "postalCode", entityId: before.postalCode, before });
      return { postalCode: before.postalCode };
    },
  );
}
