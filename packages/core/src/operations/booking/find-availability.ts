import { z } from "zod";
import { getAvailability } from "../../availability/get-availability";
import { dateString, guestCountSchema, postalCodeSchema } from "../../schemas";
import { anyone } from "../access";
import { defineOperation } from "../define";
import { cents, instant } from "../output-schemas";

export const findAvailabilityInput = z.object({
  from: dateString,
  to: dateString,
  guests: guestCountSchema,
  postalCode: postalCodeSchema,
});

/** Bookable start times for a party size and ZIP over a date range. */
export const findAvailabilityOp = defineOperation({
  name: "findAvailability",
  kind: "query",
  summary: "Bookable start times for a party size and ZIP code between two dates.",
  input: findAvailabilityInput,
  output: z.object({
    timeZone: z.string(),
    zone: z.object({ name: z.string(), feeCents: cents, distanceMiles: z.number() }),
    slots: z.array(
      z.object({
        date: z.string().meta({ examples: ["2026-05-01"] }),
        startMinute: z.number().int().meta({ description: "Minutes after local midnight." }),
        label: z.string().meta({ examples: ["5:00 PM"] }),
        startsAt: instant,
        endsAt: instant,
        chefsNeeded: z.number().int(),
      }),
    ),
  }),
  access: anyone,
  async run(ctx, input) {
    const res = await getAvailability(ctx.db, input, { cache: ctx.cache, now: ctx.now() });
    // Which chefs are free is internal: customers see times, not staff ids.
    return { ...res, slots: res.slots.map(({ chefIds: _c, ...s }) => s) };
  },
});
