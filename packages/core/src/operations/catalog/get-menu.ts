import { getCatalog } from "../../catalog/catalog";
import { anyone } from "../access";
import { defineOperation } from "../define";

/** The public menu and the business facts the site shows. */
export const getMenuOp = defineOperation({
  name: "getMenu",
  kind: "query",
  summary: "The menu (active packages and items), service zones and the business's booking rules.",
  access: anyone,
  async run(ctx) {
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
  },
});
