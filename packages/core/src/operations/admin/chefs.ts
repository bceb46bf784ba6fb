// Staff: the chefs, their profiles, weekly hours, time off and the zones they serve.
import { z } from "zod";
import { addDays, zonedTimeToUtc } from "@myhibachi/shared";
import {
  addTimeOff,
  chefSchedules,
  createChef,
  getChef,
  listChefs,
  removeTimeOff,
  setChefActive,
  setChefZones,
  setWorkingHours,
  updateChef,
} from "../../admin/chefs";
import { getCatalog } from "../../catalog/catalog";
import { dateString, idSchema, localDateTimeString, withinSixWeeks } from "../../schemas";
import { adminAuthor, staff } from "../access";
import { defineOperation } from "../define";
import { adminDeps } from "./deps";

const chefSchema = z.object({
  name: z
    .string({ error: "Enter the chef's name." })
    .trim()
    .min(2, "Enter the chef's name.")
    .max(100, "The name is too long (100 characters at most)."),
  email: z
    .string({ error: "Enter the chef's email address." })
    .trim()
    .max(254, "That email address is too long.")
    .pipe(z.email("Enter a valid email address for the chef.")),
  phone: z.string().trim().max(30, "That phone number is too long.").nullish(),
  bio: z.string().trim().max(1000, "Keep the bio under 1000 characters.").nullish(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "Pick a calendar colour like #f97316.")
    .optional(),
});

const minuteOfDay = (what: string) =>
  z
    .number({ error: `Enter the ${what} time.` })
    .int(`The ${what} time must be on a whole minute.`)
    .min(0, `The ${what} time must be within the day.`)
    .max(24 * 60, `The ${what} time must be within the day.`);

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

/** The travel zones a chef may be set to serve (names only). */
export const listServiceZonesOp = defineOperation({
  name: "listServiceZones",
  kind: "query",
  summary: "The travel zones (id and name, nearest first), to choose the ones a chef serves.",
  access: staff,
  run(ctx) {
    return ctx.db.travelZone.findMany({
      orderBy: { maxMiles: "asc" },
      select: { id: true, name: true },
    });
  },
});

export const createChefOp = defineOperation({
  name: "createChef",
  kind: "mutation",
  summary: "Add a chef (name, email, phone, bio, calendar colour).",
  input: chefSchema,
  access: staff,
  run(ctx, input, user) {
    return createChef(ctx.db, { actor: adminAuthor(user), chef: input }, adminDeps(ctx));
  },
});

export const updateChefOp = defineOperation({
  name: "updateChef",
  kind: "mutation",
  summary: "Change a chef's profile (only the fields given).",
  input: z.object({ id: idSchema, chef: chefSchema.partial() }),
  access: staff,
  run(ctx, input, user) {
    return updateChef(
      ctx.db,
      { actor: adminAuthor(user), chefId: input.id, chef: input.chef },
      adminDeps(ctx),
    );
  },
});

export const setChefActiveOp = defineOperation({
  name: "setChefActive",
  kind: "mutation",
  summary: "Activate or deactivate a chef (refused while the chef has upcoming events).",
  input: z.object({ id: idSchema, active: z.boolean() }),
  access: staff,
  run(ctx, input, user) {
    return setChefActive(
      ctx.db,
      { actor: adminAuthor(user), chefId: input.id, active: input.active },
      adminDeps(ctx),
    );
  },
});

export const setChefHoursOp = defineOperation({
  name: "setChefHours",
  kind: "mutation",
  summary: "Replace a chef's weekly hours (shifts per weekday, in the business's time zone).",
  input: z.object({
    id: idSchema,
    hours: z
      .array(
        z.object({
          weekday: z
            .number()
            .int()
            .min(0, "Pick a day of the week.")
            .max(6, "Pick a day of the week."),
          startMinute: minuteOfDay("start"),
          endMinute: minuteOfDay("end"),
        }),
      )
      .max(21, "At most 3 shifts a day."),
  }),
  access: staff,
  run(ctx, input, user) {
    return setWorkingHours(
      ctx.db,
      { actor: adminAuthor(user), chefId: input.id, hours: input.hours },
      adminDeps(ctx),
    );
  },
});

export const addChefTimeOffOp = defineOperation({
  name: "addChefTimeOff",
  kind: "mutation",
  summary:
    "Give a chef time off (local date-times); returns the chef's events in that period to reassign.",
  input: z.object({
    id: idSchema,
    from: localDateTimeString("the time off starts"),
    to: localDateTimeString("the time off ends"),
    reason: z.string().trim().max(200, "Keep the reason under 200 characters.").nullish(),
  }),
  access: staff,
  run(ctx, input, user) {
    return addTimeOff(
      ctx.db,
      {
        actor: adminAuthor(user),
        chefId: input.id,
        from: input.from,
        to: input.to,
        reason: input.reason,
      },
      adminDeps(ctx),
    );
  },
});

export const removeChefTimeOffOp = defineOperation({
  name: "removeChefTimeOff",
  kind: "mutation",
  summary: "Remove a period of a chef's time off.",
  input: z.object({ timeOffId: idSchema }),
  access: staff,
  run(ctx, input, user) {
    return removeTimeOff(
      ctx.db,
      { actor: adminAuthor(user), timeOffId: input.timeOffId },
      adminDeps(ctx),
    );
  },
});

export const setChefZonesOp = defineOperation({
  name: "setChefZones",
  kind: "mutation",
  summary: "Set the travel zones a chef serves.",
  input: z.object({ id: idSchema, zoneIds: z.array(idSchema).max(50) }),
  access: staff,
  run(ctx, input, user) {
    return setChefZones(
      ctx.db,
      { actor: adminAuthor(user), chefId: input.id, zoneIds: input.zoneIds },
      adminDeps(ctx),
    );
  },
});
