// The owner's business settings, travel zones and service area (ZIP codes). Each change is
// audited and reaches quotes and availability at once.
import { z } from "zod";
import {
  addPostalCode,
  createZone,
  deleteZone,
  getSettings,
  listPostalCodes,
  removePostalCode,
  updateSettings,
  updateZone,
} from "../../admin/settings";
import { AppError } from "../../errors";
import { distanceMiles } from "../../geo";
import { placeZip } from "../../zip-codes";
import { normalizePhone } from "../../contact/phone";
import { httpsUrlOrNull } from "../../campaigns/reviews";
import { centsSchema, idSchema, textSchema } from "../../schemas";
import { phoneHoursSchema } from "@myhibachi/shared";
import { adminAuthor, owner } from "../access";
import { defineOperation } from "../define";
import { adminDeps } from "./deps";

/** A service-area ZIP (the shared schema's message speaks of the party's address). */
const zipSchema = z
  .string({ error: "Enter a 5-digit ZIP code, like 95125." })
  .trim()
  .regex(/^\d{5}(-\d{4})?$/, "Enter a 5-digit ZIP code, like 95125.");

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${label}.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);

/**
 * A rate stored in basis points (938 = 9.38%) that the owner edits in percent: its messages speak
 * percent, as the settings page does.
 */
const percentBps = (label: string, max: number) =>
  z
    .number({ error: `Enter ${label} in percent, like 9.38.` })
    .int(`${label} can have at most two decimals, like 9.38%.`)
    .min(0, `${label} can't be below 0%.`)
    .max(max, `${label} must be at most ${max / 100}%.`);

/**
 * The business's public review page on a site (optional): a full https address, or empty to
 * clear it. Stored as null when cleared.
 */
const reviewUrl = (site: string, example: string) =>
  z
    .string({ error: `Enter your ${site} review page's address, or leave it empty.` })
    .trim()
    .max(500, `The ${site} review page's address is too long (at most 500 characters).`)
    .refine((v) => v === "" || httpsUrlOrNull(v) !== null, {
      message: `Enter your ${site} review page's full address starting with https://, like ${example}, or leave it empty.`,
    })
    .transform((v) => (v === "" ? null : httpsUrlOrNull(v)))
    .nullable();

const settingsSchema = z
  .object({
    businessName: textSchema("the business name", 2, 100),
    timeZone: z.string().trim().min(3, "Choose a time zone.").max(64),
    phone: textSchema("the phone number", 7, 30).transform((p) => normalizePhone(p)),
    email: z.string().trim().pipe(z.email("Enter a valid business email address.")),
    baseAddress: textSchema("the base address", 2, 200),
    baseLat: z
      .number()
      .min(-90, "Latitude is between -90 and 90.")
      .max(90, "Latitude is between -90 and 90."),
    baseLng: z
      .number()
      .min(-180, "Longitude is between -180 and 180.")
      .max(180, "Longitude is between -180 and 180."),
    slotStartMinutes: z
      .array(whole("A start time", 0, 1439))
      .min(1, "Offer at least one start time.")
      .max(24, "At most 24 start times."),
    eventDurationMinutes: whole("The event duration", 30, 600),
    extraMinutesPer10Guests: whole("Extra minutes per 10 guests", 0, 120),
    travelBufferMinutes: whole("The travel buffer", 0, 480),
    cleanupBufferMinutes: whole("The cleanup buffer", 0, 480),
    minNoticeHours: whole("The minimum notice", 0, 1440),
    bookingWindowDays: whole("The booking window", 1, 730),
    holdMinutes: whole("The hold time", 5, 1440),
    confirmHoldMinutes: whole("The time to confirm an online booking", 5, 1440),
    bookingRateLimit: whole("Online bookings per client", 1, 1000),
    bookingRateWindowMinutes: whole("The booking limit window", 1, 1440),
    maxGuestsPerChef: whole("Guests per chef", 1, 200),
    minGuests: whole("The minimum party size", 1, 500),
    maxGuests: whole("The maximum party size", 1, 1000),
    partyMinimumCents: centsSchema("the party minimum"),
    depositCents: centsSchema("the deposit"),
    taxRateBps: percentBps("The tax rate", 3000),
    suggestedGratuityBps: percentBps("The suggested gratuity", 5000),
    freeCancellationHours: whole("Free cancellation hours", 0, 1440),
    rescheduleCutoffHours: whole("The reschedule cutoff", 0, 1440),
    partyChangeCutoffHours: whole("The cutoff for guest and menu changes", 0, 1440),
    guestDecreaseCutoffHours: whole("The final guest count (hours before)", 0, 1440),
    /** Payments (Stripe mode): after the deposit, PENDING for approval instead of CONFIRMED. */
    requireApprovalAfterDeposit: z.boolean({ error: "Choose yes or no." }),
    lateCancellationRefundBps: percentBps("The late-cancellation refund", 10_000),
    balanceLinkDaysBefore: whole("Days before the event to send the balance link", 0, 60),
    tipChoicesBps: z.array(percentBps("A tip choice", 5000)).max(6, "At most 6 tip choices."),
    /** When a caller who asks for a person is put through: a window per weekday, or closed. */
    phoneHours: phoneHoursSchema,
    googleReviewUrl: reviewUrl("Google", "https://g.page/r/your-business/review"),
    yelpReviewUrl: reviewUrl("Yelp", "https://www.yelp.com/biz/your-business"),
  })
  .partial();

const zoneSchema = z.object({
  name: textSchema("a zone name", 2, 60),
  maxMiles: z
    .number({ error: "Enter the distance in miles." })
    .positive("The distance must be more than 0 miles.")
    .max(500, "At most 500 miles."),
  feeCents: centsSchema("the travel fee"),
  sortOrder: z.number().int().min(0).max(1000).optional(),
});

export const getBusinessSettingsOp = defineOperation({
  name: "getBusinessSettings",
  kind: "query",
  summary: "The business settings: contact, time zone, booking rules, prices and policies.",
  access: owner,
  run(ctx) {
    return getSettings(ctx.db);
  },
});

export const updateBusinessSettingsOp = defineOperation({
  name: "updateBusinessSettings",
  kind: "mutation",
  summary:
    "Change business settings (only the fields given); refused when they changed since `version`.",
  input: settingsSchema.extend({
    /** The settings version the edit was based on (optimistic concurrency). */
    version: z
      .number({ error: "Reload the settings page and make your change again." })
      .int("Reload the settings page and make your change again.")
      .min(1, "Reload the settings page and make your change again."),
    /** The base's ZIP code: sets baseLat/baseLng from the ZIP table (instead of typing them). */
    basePostalCode: zipSchema.optional(),
  }),
  access: owner,
  async run(ctx, { version, basePostalCode, ...patch }, user) {
    if (basePostalCode) {
      const place = await placeZip(basePostalCode.slice(0, 5));
      if (!place)
        throw new AppError(
          "BAD_REQUEST",
          `We can't place ZIP ${basePostalCode} on the map. Check the number, or use a neighbouring ZIP.`,
          { field: "basePostalCode" },
        );
      patch.baseLat = place.lat;
      patch.baseLng = place.lng;
    }
    return updateSettings(ctx.db, { actor: adminAuthor(user), patch, version }, adminDeps(ctx));
  },
});

export const listTravelZonesOp = defineOperation({
  name: "listTravelZones",
  kind: "query",
  summary: "The travel zones with their distance and fee, nearest first.",
  access: owner,
  run(ctx) {
    return ctx.db.travelZone.findMany({ orderBy: { maxMiles: "asc" } });
  },
});

export const createTravelZoneOp = defineOperation({
  name: "createTravelZone",
  kind: "mutation",
  summary: "Add a travel zone (up to a distance in miles, with its travel fee).",
  input: zoneSchema,
  access: owner,
  run(ctx, input, user) {
    return createZone(ctx.db, { actor: adminAuthor(user), zone: input }, adminDeps(ctx));
  },
});

export const updateTravelZoneOp = defineOperation({
  name: "updateTravelZone",
  kind: "mutation",
  summary: "Change a travel zone (only the fields given).",
  input: z.object({ id: idSchema, zone: zoneSchema.partial() }),
  access: owner,
  run(ctx, input, user) {
    return updateZone(
      ctx.db,
      { actor: adminAuthor(user), zoneId: input.id, zone: input.zone },
      adminDeps(ctx),
    );
  },
});

export const deleteTravelZoneOp = defineOperation({
  name: "deleteTravelZone",
  kind: "mutation",
  summary: "Delete a travel zone (the last one is kept).",
  input: z.object({ id: idSchema }),
  access: owner,
  run(ctx, input, user) {
    return deleteZone(ctx.db, { actor: adminAuthor(user), zoneId: input.id }, adminDeps(ctx));
  },
});

export const listPostalCodesOp = defineOperation({
  name: "listPostalCodes",
  kind: "query",
  summary: "The ZIP codes of the service area, by city.",
  access: owner,
  run(ctx) {
    return listPostalCodes(ctx.db);
  },
});

export const addPostalCodeOp = defineOperation({
  name: "addPostalCode",
  kind: "mutation",
  summary:
    "Add a ZIP code to the service area by its number: city, state and location come from the US ZIP table.",
  input: z.object({
    postalCode: zipSchema,
    /** Optional: the city name to show instead of the ZIP table's. */
    city: z.string().trim().max(100, "Keep the city name under 100 characters.").optional(),
  }),
  access: owner,
  run(ctx, input, user) {
    return addPostalCode(
      ctx.db,
      { actor: adminAuthor(user), row: { ...input, postalCode: input.postalCode.slice(0, 5) } },
      adminDeps(ctx),
    );
  },
});

/** Where a ZIP is, before adding it (the settings page shows the city as the owner types). */
export const lookUpPostalCodeOp = defineOperation({
  name: "lookUpPostalCode",
  kind: "query",
  summary: "The city, state and distance from the base of a US ZIP code, or null when unknown.",
  input: z.object({ postalCode: zipSchema }),
  access: owner,
  async run(ctx, input) {
    const place = await placeZip(input.postalCode.slice(0, 5));
    if (!place) return null;
    const s = await getSettings(ctx.db);
    return {
      ...place,
      miles: Math.round(distanceMiles({ lat: s.baseLat, lng: s.baseLng }, place)),
    };
  },
});

export const removePostalCodeOp = defineOperation({
  name: "removePostalCode",
  kind: "mutation",
  summary: "Remove a ZIP code from the service area.",
  input: z.object({ postalCode: zipSchema }),
  access: owner,
  run(ctx, input, user) {
    return removePostalCode(
      ctx.db,
      { actor: adminAuthor(user), postalCode: input.postalCode.slice(0, 5) },
      adminDeps(ctx),
    );
  },
});
