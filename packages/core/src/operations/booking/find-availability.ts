import { z } from "zod";
import { getAvailability } from "../../availability/get-availability";
import { dateString, guestCountSchema, postalCodeSchema } from "../../schemas";
import { anyone } from "../access";
import { defineOperation } from "../define";

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
  access: anyone,
  async run(ctx, input) {
    const res = await getAvailability(ctx.db, input, { cache: ctx.cache, now: ctx.now() });
    // Which chefs are free is internal: customers see times, not staff ids.
    return { ...res, slots: res.slots.map(({ chefIds: _c, ...s }) => s) };
  },
});
