// The kitchen's paper: a printable prep sheet per event and a daily run sheet per chef. Both are
// made of the same event entries (`sheetEvents`): times, address with a map link, guests, the
// kitchen order (proteins per type, extras, allergies, notes), the customer's phone, the chefs.
// The run sheet adds each chef's day in order and the protein totals to shop for.
import type { BookingStatus, Db, Prisma } from "@myhibachi/db";
import {
  addDays,
  addressLine,
  kitchenTotals,
  mapsSearchUrl,
  telHref,
  zonedParts,
  zonedTimeToUtc,
  type KitchenOrder,
  type KitchenTotals,
} from "@myhibachi/shared";
import { kitchenOrdersOf } from "../booking/manage-booking";
import { notFound } from "./audit";
import { AppError } from "../errors";

/** Bookings a chef cooks for (held ones too: they keep their time until released). */
export const ON_THE_SHEET: BookingStatus[] = ["HELD", "PENDING", "CONFIRMED", "COMPLETED"];

export interface SheetChef {
  id: string;
  name: string;
  phone: string | null;
  /** "tel:+1..." or null. */
  phoneHref: string | null;
}

export interface SheetEvent {
  id: string;
  code: string;
  status: BookingStatus;
  timeZone: string;
  /** The chef's block begins: travel and setup before the event. */
  leaveBy: Date;
  startsAt: Date;
  endsAt: Date;
  /** The chef's block ends: cleanup after the event. */
  freeBy: Date;
  adults: number;
  children: number;
  address: {
    line1: string | null;
    line2: string | null;
    city: string | null;
    state: string | null;
    postalCode: string;
    /** The whole address on one line. */
    text: string;
    /** Google Maps search of the address (opens the map app on a phone). */
    mapUrl: string | null;
  };
  travelZoneName: string;
  distanceMiles: number;
  contact: {
    name: string | null;
    phone: string | null;
    /** "tel:+1..." or null. */
    phoneHref: string | null;
  };
  chefs: SheetChef[];
  kitchenOrder: KitchenOrder;
}

const chefOf = (c: { id: string; name: string; phone: string | null }): SheetChef => ({
  id: c.id,
  name: c.name,
  phone: c.phone,
  phoneHref: telHref(c.phone),
});

/** The sheet entries of the bookings matching `where`, by start time (one query per table). */
export async function sheetEvents(db: Db, where: Prisma.BookingWhereInput): Promise<SheetEvent[]> {
  const rows = await db.booking.findMany({
    where,
    orderBy: [{ startsAt: "asc" }, { code: "asc" }],
    take: 200,
    select: {
      id: true,
      code: true,
      status: true,
      timeZone: true,
      startsAt: true,
      endsAt: true,
      chefBlockStart: true,
      chefBlockEnd: true,
      adults: true,
      children: true,
      selection: true,
      allergies: true,
      dietaryProfile: true,
      notes: true,
      addressLine1: true,
      addressLine2: true,
      city: true,
      state: true,
      postalCode: true,
      travelZoneName: true,
      distanceMiles: true,
      contactName: true,
      contactPhone: true,
      package: { select: { name: true, allergens: true, contains: true } },
      chefs: {
        where: { live: true },
        orderBy: { chef: { name: "asc" } },
        select: { chef: { select: { id: true, name: true, phone: true } } },
      },
    },
  });
  const orders = await kitchenOrdersOf(db, rows);
  return rows.map((b, i) => {
    const address = {
      line1: b.addressLine1,
      line2: b.addressLine2,
      city: b.city,
      state: b.state,
      postalCode: b.postalCode,
    };
    return {
      id: b.id,
      code: b.code,
      status: b.status,
      timeZone: b.timeZone,
      leaveBy: b.chefBlockStart,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      freeBy: b.chefBlockEnd,
      adults: b.adults,
      children: b.children,
      // The map gets the street, city and ZIP (a second line is often a gate code or unit).
      address: {
        ...address,
        text: addressLine(address),
        mapUrl: mapsSearchUrl({ ...address, line2: null }),
      },
      travelZoneName: b.travelZoneName,
      distanceMiles: b.distanceMiles,
      contact: {
        name: b.contactName,
        phone: b.contactPhone,
        phoneHref: telHref(b.contactPhone),
      },
      chefs: b.chefs.map((c) => chefOf(c.chef)),
      kitchenOrder: orders[i]!,
    };
  });
}

export interface SheetBusiness {
  timeZone: string;
  businessName: string;
  phone: string;
}

/** One event's prep sheet (any status: a cancelled one says so on the page). */
export async function prepSheet(db: Db, bookingId: string, business: SheetBusiness) {
  const [event] = await sheetEvents(db, { id: bookingId });
  if (!event) throw new AppError("NOT_FOUND", "There is no booking at this address.");
  return {
    timeZone: business.timeZone,
    business: { name: business.businessName, phone: business.phone },
    event,
  };
}

export interface RunSheetChef extends SheetChef {
  events: SheetEvent[];
  totals: KitchenTotals;
}

/**
 * The run sheet of a day in the business's time zone (today when no date is given): each chef's
 * events in order with the chef's totals, and the day's totals (each event counted once, even
 * when two chefs cook it). For one chef, or every chef who is active or has an event that day.
 */
export async function runSheet(
  db: Db,
  q: { date?: string | undefined; chefId?: string | undefined },
  business: SheetBusiness,
  now: Date,
) {
  const tz = business.timeZone;
  const date = q.date ?? zonedParts(now, tz).date;
  const events = await sheetEvents(db, {
    status: { in: ON_THE_SHEET },
    startsAt: { gte: zonedTimeToUtc(date, 0, tz), lt: zonedTimeToUtc(addDays(date, 1), 0, tz) },
    ...(q.chefId ? { chefs: { some: { chefId: q.chefId, live: true } } } : {}),
  });
  const choices = await db.chef.findMany({
    where: { OR: [{ active: true }, ...(q.chefId ? [{ id: q.chefId }] : [])] },
    orderBy: { name: "asc" },
    select: { id: true, name: true, phone: true, active: true },
  });
  if (q.chefId && !choices.some((c) => c.id === q.chefId)) throw notFound("chef");
  // Every chef with an event that day (a chef deactivated since still has to cook it).
  const sheetChefs = new Map<string, SheetChef>();
  for (const c of choices)
    if (q.chefId ? c.id === q.chefId : c.active) sheetChefs.set(c.id, chefOf(c));
  for (const e of events)
    for (const c of e.chefs) if (!q.chefId && !sheetChefs.has(c.id)) sheetChefs.set(c.id, c);
  const chefs: RunSheetChef[] = [...sheetChefs.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => {
      const own = events.filter((e) => e.chefs.some((x) => x.id === c.id));
      return { ...c, events: own, totals: kitchenTotals(own.map((e) => e.kitchenOrder)) };
    });
  return {
    date,
    timeZone: tz,
    chefId: q.chefId ?? null,
    business: { name: business.businessName, phone: business.phone },
    /** Active chefs, for choosing whose sheet to print. */
    choices: choices.filter((c) => c.active).map((c) => ({ id: c.id, name: c.name })),
    chefs,
    /** Events without a chef (none normally: a live booking always holds one). */
    unassigned: events.filter((e) => e.chefs.length === 0),
    totals: kitchenTotals(events.map((e) => e.kitchenOrder)),
  };
}
