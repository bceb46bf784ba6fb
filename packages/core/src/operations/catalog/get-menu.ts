import { z } from "zod";
import { allergensContained } from "@myhibachi/shared";
import { getCatalog } from "../../catalog/catalog";
import { anyone } from "../access";
import { defineOperation } from "../define";
import { cents } from "../output-schemas";

/** The public menu and the business facts the site shows. */
export const getMenuOp = defineOperation({
  name: "getMenu",
  kind: "query",
  summary: "The menu (active packages and items), service zones and the business's booking rules.",
  output: z.object({
    packages: z.array(
      z.object({
        id: z.string(),
        slug: z.string(),
        name: z.string(),
        description: z.string(),
        adultPriceCents: cents,
        childPriceCents: cents,
        proteinsPerGuest: z.number().int(),
        includes: z.array(z.string()),
        /**
         * Every allergen the package's own dishes contain (its fried rice, sauces, noodles): those
         * ticked, then those its ingredients imply. The proteins are items of their own.
         */
        allergens: z.array(z.string()),
        /** Ingredient slugs ("egg", "soy-sauce"...) of the package's own dishes. */
        contains: z.array(z.string()),
        active: z.boolean(),
        sortOrder: z.number().int(),
      }),
    ),
    items: z.array(
      z.object({
        id: z.string(),
        slug: z.string(),
        name: z.string(),
        description: z.string(),
        kind: z.enum(["PROTEIN", "UPGRADE", "APPETIZER", "ADDON", "SIDE"]),
        pricing: z.enum(["PER_PERSON", "FLAT"]),
        /** For a protein: the surcharge over the package price (0 when included). */
        priceCents: cents,
        /** A flat-priced item: how many guests one order is for; null: the whole party. */
        servesGuests: z.number().int().nullable(),
        /** Every allergen it contains: those ticked, then those its ingredients imply. */
        allergens: z.array(z.string()),
        /** Ingredient slugs ("soy-sauce", "butter"...) the owner ticked; each implies allergens. */
        contains: z.array(z.string()),
        dietaryTags: z.array(z.string()),
        seasonalTags: z.array(z.string()),
        active: z.boolean(),
        sortOrder: z.number().int(),
      }),
    ),
    zones: z.array(z.object({ name: z.string(), maxMiles: z.number(), feeCents: cents })),
    business: z.object({
      name: z.string(),
      phone: z.string(),
      email: z.string(),
      baseAddress: z.string(),
      timeZone: z.string(),
      slotStartMinutes: z.array(z.number().int()),
      minGuests: z.number().int(),
      maxGuests: z.number().int(),
      minNoticeHours: z.number(),
      bookingWindowDays: z.number().int(),
      partyMinimumCents: cents,
      depositCents: cents,
      taxRateBps: z.number().int(),
      suggestedGratuityBps: z.number().int(),
      freeCancellationHours: z.number(),
      rescheduleCutoffHours: z.number(),
      eventDurationMinutes: z.number().int(),
      /** "stripe": the deposit is paid online to confirm; "pay_at_event": no payment is taken online. */
      payments: z.enum(["stripe", "pay_at_event"]),
      /** Share of the deposit refunded on a late cancellation (basis points; Stripe mode). */
      lateCancellationRefundBps: z.number().int(),
    }),
  }),
  access: anyone,
  async run(ctx) {
    const c = await getCatalog(ctx.db, ctx.cache);
    const s = c.settings;
    return {
      packages: c.packages
        .filter((p) => p.active)
        .map((p) => ({
          ...p,
          contains: p.contains ?? [],
          allergens: allergensContained({
            allergens: p.allergens ?? [],
            contains: p.contains ?? [],
            dietaryTags: [],
          }),
        })),
      items: c.items
        .filter((i) => i.active)
        .map((i) => ({ ...i, contains: i.contains ?? [], allergens: allergensContained(i) })),
      zones: c.zones.map((z) => ({ name: z.name, maxMiles: z.maxMiles, feeCents: z.feeCents })),
      business: {
        name: s.businessName,
        phone: s.phone,
        email: s.email,
        baseAddress: s.baseAddress,
        timeZone: s.timeZone,
        slotStartMinutes: s.slotStartMinutes,
        minGuests: s.minGuests,
        maxGuests: s.maxGuests,
        minNoticeHours: s.minNoticeHours,
        bookingWindowDays: s.bookingWindowDays,
        partyMinimumCents: s.partyMinimumCents,
        depositCents: s.depositCents,
        taxRateBps: s.taxRateBps,
        suggestedGratuityBps: s.suggestedGratuityBps,
        freeCancellationHours: s.freeCancellationHours,
        rescheduleCutoffHours: s.rescheduleCutoffHours,
        eventDurationMinutes: s.eventDurationMinutes,
        payments:
          ctx.payments && s.depositCents > 0 ? ("stripe" as const) : ("pay_at_event" as const),
        lateCancellationRefundBps: s.lateCancellationRefundBps,
      },
    };
  },
});
