// Staff: the kitchen's printed sheets. A prep sheet per event and a run sheet per chef and day,
// both built from the same event entries (admin/kitchen-sheets.ts `sheetEvents`).
import { z } from "zod";
import { prepSheet, runSheet } from "../../admin/kitchen-sheets";
import { getCatalog } from "../../catalog/catalog";
import { dateString, idSchema } from "../../schemas";
import { staff } from "../access";
import { defineOperation, type OperationContext } from "../define";
import { kitchenOrderOutput } from "../booking/booking-view";
import { bookingStatusSchema, instant } from "../output-schemas";

const text = z.string().nullable();
const kitchenLine = z.object({ slug: z.string(), name: z.string(), count: z.number().int() });

const sheetChef = z.object({
  id: z.string(),
  name: z.string(),
  phone: text,
  phoneHref: text.meta({ description: "A tel: link, or null." }),
});

const sheetEvent = z.object({
  id: z.string(),
  code: z.string(),
  status: bookingStatusSchema,
  timeZone: z.string(),
  leaveBy: instant.meta({ description: "The chef's block begins (travel and setup)." }),
  startsAt: instant,
  endsAt: instant,
  freeBy: instant.meta({ description: "The chef's block ends (after cleanup)." }),
  adults: z.number().int(),
  children: z.number().int(),
  address: z.object({
    line1: text,
    line2: text,
    city: text,
    state: text,
    postalCode: z.string(),
    text: z.string(),
    mapUrl: text.meta({ description: "A Google Maps search of the address." }),
  }),
  travelZoneName: z.string(),
  distanceMiles: z.number(),
  contact: z.object({ name: text, phone: text, phoneHref: text }),
  chefs: z.array(sheetChef),
  kitchenOrder: kitchenOrderOutput,
});

const kitchenTotalsOutput = z.object({
  events: z.number().int(),
  adults: z.number().int(),
  children: z.number().int(),
  proteins: z.array(kitchenLine.extend({ upgrade: z.boolean() })),
  extras: z.array(kitchenLine.extend({ unit: z.enum(["serving", "order"]) })),
});

const business = z.object({ name: z.string(), phone: z.string() });

async function sheetBusiness(ctx: Pick<OperationContext, "db" | "cache">) {
  const { settings } = await getCatalog(ctx.db, ctx.cache);
  return {
    timeZone: settings.timeZone,
    businessName: settings.businessName,
    phone: settings.phone,
  };
}

/** One event's printable prep sheet. */
export const getPrepSheetOp = defineOperation({
  name: "getPrepSheet",
  kind: "query",
  summary:
    "One event's prep sheet: times, address with a map link, guests, proteins per type, extras, allergies, notes, chefs and the customer's phone.",
  input: z.object({ id: idSchema }),
  output: z.object({ timeZone: z.string(), business, event: sheetEvent }),
  access: staff,
  async run(ctx, input) {
    return prepSheet(ctx.db, input.id, await sheetBusiness(ctx));
  },
});

/** A day's run sheet per chef, with the protein totals to shop for. */
export const getRunSheetOp = defineOperation({
  name: "getRunSheet",
  kind: "query",
  summary:
    "A day's run sheet (today in the business's time zone unless a date is given) for one chef or every chef: each event in order and the protein totals to shop for.",
  input: z.object({ date: dateString.optional(), chefId: idSchema.optional() }).default({}),
  output: z.object({
    date: z.string(),
    timeZone: z.string(),
    chefId: text,
    business,
    choices: z.array(z.object({ id: z.string(), name: z.string() })),
    chefs: z.array(sheetChef.extend({ events: z.array(sheetEvent), totals: kitchenTotalsOutput })),
    unassigned: z.array(sheetEvent),
    totals: kitchenTotalsOutput,
  }),
  access: staff,
  async run(ctx, input) {
    return runSheet(ctx.db, input, await sheetBusiness(ctx), ctx.now());
  },
});
