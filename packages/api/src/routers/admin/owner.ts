// Owner area: menu and pricing, business settings, travel zones and service area, the overview,
// the audit log and the Outbox. Every procedure here is ownerProcedure (the authz test treats
// `owner.*` as OWNER-only).
import { z } from "zod";
import {
  addPostalCode,
  createMenuItem,
  createPackage,
  createZone,
  deleteZone,
  getSettings,
  listAuditLog,
  listMenu,
  listPostalCodes,
  ownerOverview,
  removePostalCode,
  updateMenuItem,
  updatePackage,
  updateSettings,
  updateZone,
} from "@myhibachi/core";
import { operations } from "@myhibachi/core";
import type { Context } from "../../context";
import { mutationOf, queryOf } from "../../procedure";
import { ownerProcedure, router } from "../../trpc";
import { idSchema, postalCodeSchema } from "@myhibachi/core";
import { adminActor } from "./bookings";
import { outboxAdminRouter } from "./outbox";

const deps = (ctx: Context) => ({ cache: ctx.cache, now: ctx.now });

const cents = (label: string) =>
  z
    .number({ error: `Enter ${label}.` })
    .int(`${label[0]!.toUpperCase()}${label.slice(1)} must be in whole cents.`)
    .min(0, `${label[0]!.toUpperCase()}${label.slice(1)} can't be negative.`)
    .max(
      1_000_000,
      `${label[0]!.toUpperCase()}${label.slice(1)} looks too high (at most $10,000).`,
    );

const slug = z
  .string({ error: "Enter a short name." })
  .trim()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    "Use lowercase letters, digits and dashes for the short name (e.g. filet-mignon).",
  )
  .max(60, "The short name is too long (60 characters at most).");

const text = (what: string, min: number, max: number) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(min, `Enter ${what}.`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} is too long (${max} characters at most).`);

const tagList = z
  .array(z.string().trim().min(1).max(40, "Keep each tag under 40 characters."))
  .max(20, "At most 20 tags.");

const menuItemSchema = z.object({
  slug,
  name: text("a name", 2, 100),
  description: text("a description", 0, 500),
  kind: z.enum(["PROTEIN", "UPGRADE", "APPETIZER", "ADDON", "SIDE"], {
    error: "Choose what kind of item this is.",
  }),
  pricing: z.enum(["PER_PERSON", "FLAT"], { error: "Choose per person or flat pricing." }),
  priceCents: cents("the price"),
  allergens: tagList,
  dietaryTags: tagList,
  seasonalTags: tagList,
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(10_000),
});

const packageSchema = z.object({
  slug,
  name: text("a name", 2, 100),
  description: text("a description", 0, 1000),
  adultPriceCents: cents("the adult price"),
  childPriceCents: cents("the child price"),
  proteinsPerGuest: z
    .number({ error: "Enter proteins per guest." })
    .int("Proteins per guest must be a whole number.")
    .min(1, "At least 1 protein per guest.")
    .max(5, "At most 5 proteins per guest."),
  includes: z.array(z.string().trim().max(100)).max(20, "At most 20 included items."),
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(10_000),
});

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${label}.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);

const settingsSchema = z
  .object({
    businessName: text("the business name", 2, 100),
    timeZone: z.string().trim().min(3, "Choose a time zone.").max(64),
    phone: text("the phone number", 7, 30),
    email: z.string().trim().pipe(z.email("Enter a valid business email address.")),
    baseAddress: text("the base address", 2, 200),
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
    partyMinimumCents: cents("the party minimum"),
    depositCents: cents("the deposit"),
    taxRateBps: whole("The tax rate (basis points)", 0, 3000),
    suggestedGratuityBps: whole("The suggested gratuity (basis points)", 0, 5000),
    freeCancellationHours: whole("Free cancellation hours", 0, 1440),
    rescheduleCutoffHours: whole("The reschedule cutoff", 0, 1440),
  })
  .partial();

const zoneSchema = z.object({
  name: text("a zone name", 2, 60),
  maxMiles: z
    .number({ error: "Enter the distance in miles." })
    .positive("The distance must be more than 0 miles.")
    .max(500, "At most 500 miles."),
  feeCents: cents("the travel fee"),
  sortOrder: z.number().int().min(0).max(1000).optional(),
});

/** The row's `updatedAt` an edit was based on (optimistic concurrency). */
const basedOn = z.coerce.date({ error: "Reload the page and make your change again." });

const menuRouter = router({
  list: ownerProcedure.query(({ ctx }) => listMenu(ctx.db)),
  createItem: ownerProcedure
    .input(menuItemSchema)
    .mutation(({ ctx, input }) =>
      createMenuItem(ctx.db, { actor: adminActor(ctx), item: input }, deps(ctx)),
    ),
  updateItem: ownerProcedure
    .input(z.object({ id: idSchema, item: menuItemSchema.partial(), updatedAt: basedOn }))
    .mutation(({ ctx, input }) =>
      updateMenuItem(
        ctx.db,
        {
          actor: adminActor(ctx),
          itemId: input.id,
          item: input.item,
          expectedUpdatedAt: input.updatedAt,
        },
        deps(ctx),
      ),
    ),
  createPackage: ownerProcedure
    .input(packageSchema)
    .mutation(({ ctx, input }) =>
      createPackage(ctx.db, { actor: adminActor(ctx), pkg: input }, deps(ctx)),
    ),
  updatePackage: ownerProcedure
    .input(z.object({ id: idSchema, pkg: packageSchema.partial(), updatedAt: basedOn }))
    .mutation(({ ctx, input }) =>
      updatePackage(
        ctx.db,
        {
          actor: adminActor(ctx),
          packageId: input.id,
          pkg: input.pkg,
          expectedUpdatedAt: input.updatedAt,
        },
        deps(ctx),
      ),
    ),
});

const settingsRouter = router({
  get: ownerProcedure.query(({ ctx }) => getSettings(ctx.db)),
  update: ownerProcedure
    .input(
      settingsSchema.extend({
        /** The settings version the edit was based on (optimistic concurrency). */
        version: z
          .number({ error: "Reload the settings page and make your change again." })
          .int("Reload the settings page and make your change again.")
          .min(1, "Reload the settings page and make your change again."),
      }),
    )
    .mutation(({ ctx, input: { version, ...patch } }) =>
      updateSettings(ctx.db, { actor: adminActor(ctx), patch, version }, deps(ctx)),
    ),
  zones: ownerProcedure.query(({ ctx }) =>
    ctx.db.travelZone.findMany({ orderBy: { maxMiles: "asc" } }),
  ),
  createZone: ownerProcedure
    .input(zoneSchema)
    .mutation(({ ctx, input }) =>
      createZone(ctx.db, { actor: adminActor(ctx), zone: input }, deps(ctx)),
    ),
  updateZone: ownerProcedure
    .input(z.object({ id: idSchema, zone: zoneSchema.partial() }))
    .mutation(({ ctx, input }) =>
      updateZone(ctx.db, { actor: adminActor(ctx), zoneId: input.id, zone: input.zone }, deps(ctx)),
    ),
  deleteZone: ownerProcedure
    .input(z.object({ id: idSchema }))
    .mutation(({ ctx, input }) =>
      deleteZone(ctx.db, { actor: adminActor(ctx), zoneId: input.id }, deps(ctx)),
    ),
  postalCodes: ownerProcedure.query(({ ctx }) => listPostalCodes(ctx.db)),
  addPostalCode: ownerProcedure
    .input(
      z.object({
        postalCode: postalCodeSchema,
        city: text("the city", 2, 100),
        state: z
          .string()
          .trim()
          .regex(/^[A-Za-z]{2}$/, "Use the 2-letter state code, e.g. CA."),
        lat: z.number({ error: "Enter the latitude." }).min(-90).max(90),
        lng: z.number({ error: "Enter the longitude." }).min(-180).max(180),
      }),
    )
    .mutation(({ ctx, input }) =>
      addPostalCode(
        ctx.db,
        { actor: adminActor(ctx), row: { ...input, postalCode: input.postalCode.slice(0, 5) } },
        deps(ctx),
      ),
    ),
  removePostalCode: ownerProcedure
    .input(z.object({ postalCode: postalCodeSchema }))
    .mutation(({ ctx, input }) =>
      removePostalCode(
        ctx.db,
        { actor: adminActor(ctx), postalCode: input.postalCode.slice(0, 5) },
        deps(ctx),
      ),
    ),
});

/** API keys for the admin REST API (operations: access `owner`). */
const apiKeysRouter = router({
  list: queryOf(operations.listApiKeys),
  create: mutationOf(operations.createApiKey),
  revoke: mutationOf(operations.revokeApiKey),
});

export const ownerAdminRouter = router({
  menu: menuRouter,
  apiKeys: apiKeysRouter,
  outbox: outboxAdminRouter,
  settings: settingsRouter,
  overview: ownerProcedure.query(({ ctx }) => ownerOverview(ctx.db, deps(ctx))),
  audit: ownerProcedure
    .input(
      z.object({
        entity: z.string().max(40).optional(),
        entityId: idSchema.optional(),
        cursor: idSchema.optional(),
      }),
    )
    .query(({ ctx, input }) => listAuditLog(ctx.db, input)),
});
