// Staff area: chefs (profile, weekly hours, time off, service zones) and customers.
import { z } from "zod";
import {
  addTimeOff,
  createChef,
  removeTimeOff,
  setChefActive,
  setChefZones,
  setCustomerNotes,
  setWorkingHours,
  updateChef,
  operations as op,
} from "@myhibachi/core";
import { queryOf } from "../../procedure";
import type { Context } from "../../context";
import { router, staffProcedure } from "../../trpc";
import { idSchema, localDateTimeString } from "@myhibachi/core";
import { adminActor } from "./bookings";

const deps = (ctx: Context) => ({ cache: ctx.cache, now: ctx.now });

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

const localDateTime = (what: string) => localDateTimeString(`the time off ${what}`);

const chefsRouter = router({
  list: queryOf(op.listChefs),
  get: queryOf(op.getChef),
  zones: staffProcedure.query(({ ctx }) =>
    ctx.db.travelZone.findMany({ orderBy: { maxMiles: "asc" }, select: { id: true, name: true } }),
  ),
  create: staffProcedure
    .input(chefSchema)
    .mutation(({ ctx, input }) =>
      createChef(ctx.db, { actor: adminActor(ctx), chef: input }, deps(ctx)),
    ),
  update: staffProcedure
    .input(z.object({ id: idSchema, chef: chefSchema.partial() }))
    .mutation(({ ctx, input }) =>
      updateChef(ctx.db, { actor: adminActor(ctx), chefId: input.id, chef: input.chef }, deps(ctx)),
    ),
  setActive: staffProcedure
    .input(z.object({ id: idSchema, active: z.boolean() }))
    .mutation(({ ctx, input }) =>
      setChefActive(
        ctx.db,
        { actor: adminActor(ctx), chefId: input.id, active: input.active },
        deps(ctx),
      ),
    ),
  setHours: staffProcedure
    .input(
      z.object({
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
    )
    .mutation(({ ctx, input }) =>
      setWorkingHours(
        ctx.db,
        { actor: adminActor(ctx), chefId: input.id, hours: input.hours },
        deps(ctx),
      ),
    ),
  addTimeOff: staffProcedure
    .input(
      z.object({
        id: idSchema,
        from: localDateTime("starts"),
        to: localDateTime("ends"),
        reason: z.string().trim().max(200, "Keep the reason under 200 characters.").nullish(),
      }),
    )
    .mutation(({ ctx, input }) =>
      addTimeOff(
        ctx.db,
        {
          actor: adminActor(ctx),
          chefId: input.id,
          from: input.from,
          to: input.to,
          reason: input.reason,
        },
        deps(ctx),
      ),
    ),
  removeTimeOff: staffProcedure
    .input(z.object({ timeOffId: idSchema }))
    .mutation(({ ctx, input }) =>
      removeTimeOff(ctx.db, { actor: adminActor(ctx), timeOffId: input.timeOffId }, deps(ctx)),
    ),
  setZones: staffProcedure
    .input(z.object({ id: idSchema, zoneIds: z.array(idSchema).max(50) }))
    .mutation(({ ctx, input }) =>
      setChefZones(
        ctx.db,
        { actor: adminActor(ctx), chefId: input.id, zoneIds: input.zoneIds },
        deps(ctx),
      ),
    ),
});

const customersRouter = router({
  list: queryOf(op.listCustomers),
  get: queryOf(op.getCustomer),
  setNotes: staffProcedure
    .input(
      z.object({
        id: idSchema,
        notes: z.string().max(2000, "Keep notes under 2000 characters.").nullable(),
      }),
    )
    .mutation(({ ctx, input }) =>
      setCustomerNotes(
        ctx.db,
        { actor: adminActor(ctx), customerId: input.id, notes: input.notes },
        deps(ctx),
      ),
    ),
});

export const staffAdminRouter = router({
  chefs: chefsRouter,
  customers: customersRouter,
});
