import { getCatalog } from "@myhibachi/core";
import { publicProcedure, router } from "../../trpc";

/** The public menu and the business facts the site shows. */
export const catalogRouter = router({
  get: publicProcedure.query(async ({ ctx }) => {
    const c = await getCatalog(ctx.db, ctx.cache);
    const s = c.settings;
    return {
      packages: c.packages.filter((p) => p.active),
      items: c.items.filter((i) => i.active),
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
      },
    };
  }),
});
