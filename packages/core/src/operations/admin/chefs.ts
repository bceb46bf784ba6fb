// Staff: the chefs, their profiles, weekly hours, time off and the zones they serve.
import { z } from "zod";
import { addDays, zonedTimeToUtc } from "@myhibachi/shared";
import { chefSchedules, getChef, listChefs } from "../../admin/chefs";
import { getCatalog } from "../../catalog/catalog";
import { dateString, idSchema, withinSixWeeks } from "../../schemas";
import { staff } from "../access";
import { defineOperation } from "../define";

export const listChefsOp = defineOperation({
  name: "listChefs",
  kind: "query",
  summary: "Every chef (active first) with weekly hours and service zones.",
  access: staff,
  run(ctx) {
    return listChefs(ctx.db);
  },
});

export const getChefOp = defineOperation({
  name: "getChef",
  kind: "query",
  summary:
    "One chef with weekly hours, time off (from 30 days ago on), service zones and the business's time zone.",
  input: z.object({ id: idSchema }),
  access: staff,
  run(ctx, input) {
    return getChef(ctx.db, input.id, ctx.now());
  },
});

/**
 * The chefs' schedules between two local dates (at most six weeks): weekly hours, time off and
 * the time each live booking holds them, in a fixed number of queries.
 */
export const listChefSchedulesOp = defineOperation({
  name: "listChefSchedules",
  kind: "query",
  summary:
    "Active chefs with weekly hours, time off and live booking blocks (travel and cleanup included) between two dates, at most six weeks.",
  input: withinSixWeeks(z.object({ from: dateString, to: dateString })),
  access: staff,
  async run(ctx, input) {
    const timeZone = (await getCatalog(ctx.db, ctx.cache)).settings.timeZone;
    const chefs = await chefSchedules(ctx.db, {
      start: zonedTimeToUtc(input.from, 0, timeZone),
      end: zonedTimeToUtc(addDays(input.to, 1), 0, timeZone),
    });
    return { timeZone, from: input.from, to: input.to, chefs };
  },
});
