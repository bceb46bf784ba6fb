import { bookingMoney, type BookingMoney } from "../payments/money";
import { moneyCancellationTerms, paidInPersonCents } from "../payments/cancel";
// Staff views of bookings (list, detail with chef options, calendar) and chef (re)assignment.
// The database's exclusion constraint has the last word on double booking: a clash becomes a
// CONFLICT naming the chef and the booking in the way.
import {
  PG_CHECK_VIOLATION,
  PG_EXCLUSION_VIOLATION,
  PG_TRANSIENT,
  pgErrorCode,
  type BookingStatus,
  type Db,
  type DbTx,
  type Prisma,
} from "@myhibachi/db";
import { AppError } from "../errors";
import { loadCatalogFromDb } from "../catalog/catalog";
import {
  addDays,
  addressLine,
  formatCents,
  formatInstant,
  mailtoHref,
  mapsSearchUrl,
  telHref,
  weekdayOf,
  zonedParts,
  zonedTimeToUtc,
} from "@myhibachi/shared";
import { completionBlocker, kitchenOrdersOf } from "../booking/manage-booking";
import { bookingHistory } from "./booking-history";
import { adminWrite, notFound, type AdminActor, type AdminDeps } from "./audit";
import { lockBooking, placeBooking } from "../booking/shared";
import { likeLiteral } from "../like";
import { phoneSearchForm } from "../contact/phone";

/** The columns of a booking row in admin lists (bookings, overview). */
export const BOOKING_ROW = {
  id: true,
  code: true,
  status: true,
  startsAt: true,
  timeZone: true,
  adults: true,
  children: true,
  city: true,
  contactName: true,
  totalCents: true,
  chefs: { where: { live: true }, select: { chef: { select: { id: true, name: true } } } },
} satisfies Prisma.BookingSelect;

export interface BookingListQuery {
  status?: BookingStatus;
  from?: string;
  to?: string;
  search?: string;
  take?: number;
}

export async function listBookings(db: Db, q: BookingListQuery, timeZone: string) {
  const where: Prisma.BookingWhereInput = {};
  if (q.status) where.status = q.status;
  if (q.from || q.to)
    where.startsAt = {
      ...(q.from ? { gte: zonedTimeToUtc(q.from, 0, timeZone) } : {}),
      ...(q.to ? { lt: zonedTimeToUtc(addDays(q.to, 1), 0, timeZone) } : {}),
    };
  const typed = q.search?.trim();
  if (typed) {
    const s = likeLiteral(typed);
    where.OR = [
      { code: { contains: s, mode: "insensitive" } },
      { contactName: { contains: s, mode: "insensitive" } },
      { contactEmail: { contains: s, mode: "insensitive" } },
      { city: { contains: s, mode: "insensitive" } },
      // A caller read out their number: any spelling of a whole number finds it.
      { contactPhone: { contains: phoneSearchForm(typed) ?? s } },
    ];
  }
  return db.booking.findMany({
    where,
    orderBy: { startsAt: q.from || q.to ? "asc" : "desc" },
    take: Math.min(q.take ?? 100, 300),
    select: BOOKING_ROW,
  });
}

const fmt = (d: Date, tz: string) => formatInstant(d, tz, "shortDayTime");

/**
 * Why a chef can't take a booking's block: time off, another live booking's block, or no working
 * hours covering the event on its weekday.
 */
export type ChefClash =
  | { kind: "time-off"; startsAt: Date; endsAt: Date; reason: string | null }
  | { kind: "not-working"; startsAt: Date; endsAt: Date }
  | {
      kind: "booked";
      bookingCode: string;
      startsAt: Date;
      endsAt: Date;
      blockStart: Date;
      blockEnd: Date;
    };

/**
 * The chefs (of `chefIds`) who can't take the block [blockStart, blockEnd) of a booking, and why:
 * time off overlapping it, a live block of another booking overlapping it (what the exclusion
 * constraint forbids), or, given the event's times, no working hours that weekday covering the
 * event (the rule availability offers times by). One rule for the booking page's chef list and
 * for reassigning.
 */
export async function chefClashes(
  db: Db | DbTx,
  q: {
    bookingId: string;
    blockStart: Date;
    blockEnd: Date;
    chefIds: string[];
    event?: { startsAt: Date; endsAt: Date; timeZone: string };
  },
): Promise<Map<string, ChefClash>> {
  const out = new Map<string, ChefClash>();
  if (!q.chefIds.length) return out;
  const local = q.event ? zonedParts(q.event.startsAt, q.event.timeZone) : null;
  const [timeOff, blocks, hours] = await Promise.all([
    db.chefTimeOff.findMany({
      where: {
        chefId: { in: q.chefIds },
        startsAt: { lt: q.blockEnd },
        endsAt: { gt: q.blockStart },
      },
      orderBy: { startsAt: "asc" },
    }),
    db.bookingChef.findMany({
      where: {
        chefId: { in: q.chefIds },
        live: true,
        bookingId: { not: q.bookingId },
        blockStart: { lt: q.blockEnd },
        blockEnd: { gt: q.blockStart },
      },
      orderBy: { blockStart: "asc" },
      include: { booking: { select: { code: true, startsAt: true, endsAt: true } } },
    }),
    local
      ? db.chefWorkingHours.findMany({
          where: { chefId: { in: q.chefIds }, weekday: weekdayOf(local.date) },
        })
      : [],
  ]);
  for (const t of timeOff)
    if (!out.has(t.chefId))
      out.set(t.chefId, {
        kind: "time-off",
        startsAt: t.startsAt,
        endsAt: t.endsAt,
        reason: t.reason,
      });
  for (const a of blocks)
    if (!out.has(a.chefId))
      out.set(a.chefId, {
        kind: "booked",
        bookingCode: a.booking.code,
        startsAt: a.booking.startsAt,
        endsAt: a.booking.endsAt,
        blockStart: a.blockStart,
        blockEnd: a.blockEnd,
      });
  if (q.event && local) {
    const startMinute = local.hour * 60 + local.minute;
    const endMinute =
      startMinute + Math.round((q.event.endsAt.getTime() - q.event.startsAt.getTime()) / 60000);
    for (const id of q.chefIds)
      if (
        !out.has(id) &&
        !hours.some(
          (h) => h.chefId === id && h.startMinute <= startMinute && endMinute <= h.endMinute,
        )
      )
        out.set(id, {
          kind: "not-working",
          startsAt: q.event.startsAt,
          endsAt: q.event.endsAt,
        });
  }
  return out;
}

/** "5:00 – 9:00 PM", or with the day when the two are on different days. */
function timeSpan(a: Date, b: Date, tz: string): string {
  const sameDay = zonedParts(a, tz).date === zonedParts(b, tz).date;
  const from = formatInstant(a, tz, "time");
  const to = formatInstant(b, tz, "time");
  if (!sameDay) return `${fmt(a, tz)} – ${fmt(b, tz)}`;
  // "5:00 PM – 9:00 PM" -> "5:00 – 9:00 PM" when both are in the same half of the day.
  return from.slice(-2) === to.slice(-2) ? `${from.slice(0, -3)} – ${to}` : `${from} – ${to}`;
}

/** Why a chef can't be chosen, for the chef list: "busy 4:00 – 7:30 PM at another event (HB-7K2M)". */
export function clashReason(c: ChefClash, tz: string): string {
  if (c.kind === "not-working")
    return `not working then (no working hours covering ${timeSpan(c.startsAt, c.endsAt, tz)} that day)`;
  if (c.kind === "time-off")
    return `on time off ${timeSpan(c.startsAt, c.endsAt, tz)}${c.reason ? ` (${c.reason})` : ""}`;
  return `busy ${timeSpan(c.blockStart, c.blockEnd, tz)} at another event (${c.bookingCode}, travel and cleanup included)`;
}

function clashError(chef: { id: string; name: string }, c: ChefClash, tz: string): AppError {
  if (c.kind === "not-working")
    return new AppError(
      "CONFLICT",
      `${chef.name} isn't working then (${fmt(c.startsAt, tz)} – ${formatInstant(c.endsAt, tz, "time")}): their working hours don't cover this event. Choose another chef, or add those hours to ${chef.name}'s schedule first.`,
      { chefId: chef.id },
    );
  if (c.kind === "time-off")
    return new AppError(
      "CONFLICT",
      `${chef.name} is on time off then (${fmt(c.startsAt, tz)} – ${fmt(c.endsAt, tz)}${c.reason ? `: ${c.reason}` : ""}). Choose another chef or remove the time off first.`,
      { chefId: chef.id },
    );
  return new AppError(
    "CONFLICT",
    `${chef.name} is already booked for ${c.bookingCode} on ${fmt(c.startsAt, tz)} – ${fmt(c.endsAt, tz)} (travel and cleanup included), which overlaps this event. Choose another chef or move that booking first.`,
    { chefId: chef.id, bookingCode: c.bookingCode },
  );
}

/** Booking detail for staff, with each active chef's fit for this event. */
export async function adminBookingDetail(db: Db, bookingId: string, now: Date = new Date()) {
  const b = await db.booking.findUnique({
    where: { id: bookingId },
    include: {
      lines: { orderBy: { position: "asc" } },
      chefs: { include: { chef: { select: { id: true, name: true, color: true } } } },
      package: { select: { name: true, allergens: true, contains: true } },
      events: { orderBy: { createdAt: "asc" } },
      customer: { select: { id: true, name: true, email: true, phone: true, notes: true } },
      payments: { orderBy: { createdAt: "asc" } },
      refunds: { orderBy: { createdAt: "asc" } },
      disputes: true,
    },
  });
  // Opened by its address (a typed or old link, "/bookings/newest"): there is simply no such booking.
  if (!b) throw new AppError("NOT_FOUND", "There is no booking at this address.");
  const money = bookingMoney(b, b.payments, b.refunds, b.disputes, "staff");
  const payments = b.payments.map((p) => {
    const onTheWay = b.refunds
      .filter((r) => r.paymentId === p.id && r.status === "PENDING")
      .reduce((t, r) => t + r.amountCents, 0);
    return {
      id: p.id,
      kind: p.kind,
      method: p.method,
      status: p.status,
      amountCents: p.amountCents,
      tipCents: p.tipCents,
      refundedCents: p.refundedCents,
      refundableCents:
        p.status === "SUCCEEDED" && p.method === "STRIPE"
          ? Math.max(0, p.amountCents + p.tipCents - p.refundedCents - onTheWay)
          : 0,
      paidAt: p.paidAt,
      failureMessage: p.failureMessage,
      createdAt: p.createdAt,
    };
  });
  const blockStart = b.chefBlockStart;
  const blockEnd = b.chefBlockEnd;
  const zone = await db.travelZone.findFirst({ where: { name: b.travelZoneName } });
  const chefs = await db.chef.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    include: { serviceZones: true },
  });
  // Who can't take it: the same rule (and query) reassigning checks before it writes.
  const clashes = await chefClashes(db, {
    bookingId: b.id,
    blockStart,
    blockEnd,
    chefIds: chefs.map((c) => c.id),
    event: { startsAt: b.startsAt, endsAt: b.endsAt, timeZone: b.timeZone },
  });
  const assigned = new Set(b.chefs.filter((c) => c.live).map((c) => c.chefId));
  const chefOptions = chefs.map((c) => {
    const clash = clashes.get(c.id);
    const busy = clash ? clashReason(clash, b.timeZone) : null;
    const warnings: string[] = [];
    if (zone && !c.serviceZones.some((z) => z.zoneId === zone.id))
      warnings.push(`doesn't cover ${zone.name}`);
    return {
      id: c.id,
      name: c.name,
      assigned: assigned.has(c.id),
      busy,
      warnings,
      problems: busy ? [busy, ...warnings] : warnings,
    };
  });
  const { payments: _p, refunds: _r, disputes: _d, ...rest } = b;
  // What cancelling now would refund: the same terms the customer sees (no cut-off for staff).
  const { settings } = await loadCatalogFromDb(db);
  const terms = moneyCancellationTerms(b, settings, b.payments, now, true);
  const owedBack = owedToCustomer(b, money);
  const [[kitchenOrder], history] = await Promise.all([
    kitchenOrdersOf(db, [b]),
    bookingHistory(db, b.events, settings.timeZone, b.startsAt),
  ]);
  const address = {
    line1: b.addressLine1,
    line2: b.addressLine2,
    city: b.city,
    state: b.state,
    postalCode: b.postalCode,
  };
  return {
    ...rest,
    businessTimeZone: settings.timeZone,
    kitchenOrder: kitchenOrder!,
    links: {
      address: addressLine(address),
      map: mapsSearchUrl({ ...address, line2: null }),
      phone: telHref(b.contactPhone),
      email: mailtoHref(b.contactEmail),
    },
    history,
    liveChefs: b.chefs.filter((c) => c.live).map((c) => c.chef),
    chefOptions,
    money,
    payments,
    cancellation: {
      refundCents: terms.refundCents,
      policy: terms.policy,
      summary: terms.summary,
    },
    owedBack,
    /** Why it can't be marked completed now (the rule completing checks), or null. */
    completeBlocker: completionBlocker(b, now),
  };
}

/**
 * What the business owes the customer back, for the admin booking's "Owed to the customer" card
 * (null: nothing). A cancelled booking: everything paid in person (tips included), which nothing
 * refunds online. A live one: what was paid towards the total above it (a change lowered the
 * total below what was paid), less refunds given or on their way, tips apart: the part paid in
 * person is returned by hand; any other part (a card refund that failed) is refunded from the
 * payments above.
 */
export function owedToCustomer(
  b: {
    status: BookingStatus;
    totalCents: number;
    payments: Parameters<typeof paidInPersonCents>[0];
  },
  money: Pick<BookingMoney, "owedBackCents">,
): { cents: number; sentence: string } | null {
  if (b.status === "CANCELLED") {
    const cents = paidInPersonCents(b.payments);
    return cents > 0
      ? {
          cents,
          sentence: `Cancelled after ${formatCents(cents)} was paid in person (tips included): return it to the customer directly; nothing is refunded online.`,
        }
      : null;
  }
  const cents = money.owedBackCents;
  if (cents <= 0) return null;
  const inPerson = Math.min(
    cents,
    b.payments
      .filter((p) => p.status === "SUCCEEDED" && p.method !== "STRIPE")
      .reduce((t, p) => t + p.amountCents, 0),
  );
  const paid = b.totalCents + cents;
  const how =
    inPerson === cents
      ? "It was paid in person: return it to the customer directly; nothing is refunded online."
      : inPerson > 0
        ? `${formatCents(inPerson)} of it was paid in person: return that directly. Refund the other ${formatCents(cents - inPerson)} from a card payment above.`
        : "Refund it from a card payment above.";
  return {
    cents,
    sentence: `The customer has paid ${formatCents(paid)} towards this booking (tips apart, refunds deducted), and its total is now ${formatCents(b.totalCents)}: ${formatCents(cents)} is owed back to them. ${how}`,
  };
}

/** Bookings and chef time off between two local dates (inclusive), for the calendar. */
export async function bookingCalendar(db: Db, q: { from: string; to: string; chefId?: string }) {
  const { settings } = await loadCatalogFromDb(db);
  const tz = settings.timeZone;
  const start = zonedTimeToUtc(q.from, 0, tz);
  const end = zonedTimeToUtc(addDays(q.to, 1), 0, tz);
  const [chefs, bookings, timeOff] = await Promise.all([
    db.chef.findMany({
      where: { active: true, ...(q.chefId ? { id: q.chefId } : {}) },
      orderBy: { name: "asc" },
      select: { id: true, name: true, color: true },
    }),
    db.booking.findMany({
      where: {
        startsAt: { gte: start, lt: end },
        status: { in: ["HELD", "PENDING", "CONFIRMED", "COMPLETED"] },
        ...(q.chefId ? { chefs: { some: { chefId: q.chefId, live: true } } } : {}),
      },
      orderBy: { startsAt: "asc" },
      select: {
        id: true,
        code: true,
        status: true,
        startsAt: true,
        endsAt: true,
        adults: true,
        children: true,
        city: true,
        contactName: true,
        chefs: { where: { live: true }, select: { chefId: true } },
      },
    }),
    db.chefTimeOff.findMany({
      where: {
        startsAt: { lt: end },
        endsAt: { gt: start },
        ...(q.chefId ? { chefId: q.chefId } : {}),
      },
      select: { id: true, chefId: true, startsAt: true, endsAt: true, reason: true },
    }),
  ]);
  return { timeZone: tz, chefs, bookings, timeOff };
}

const ASSIGNABLE: BookingStatus[] = ["HELD", "PENDING", "CONFIRMED"];

/**
 * Replaces the chefs of a booking in one transaction, on the booking row locked and re-read (so
 * a concurrent reschedule or cancel is either fully before or fully after this). A chef on time
 * off is refused; a chef already booked at an overlapping time is refused by Postgres (exclusion
 * constraint) and the answer names the chef and the clashing booking.
 */
export async function reassignBooking(
  db: Db,
  input: { actor: AdminActor; bookingId: string; chefIds: string[] },
  deps: AdminDeps,
) {
  const chefIds = [...new Set(input.chefIds)];
  if (chefIds.length === 0)
    throw new AppError("BAD_REQUEST", "Choose at least one chef.", { field: "chefIds" });
  try {
    await adminWrite(db, deps, { actor: input.actor, scopes: ["calendar"] }, async (tx, audit) => {
      const b = await lockBooking(tx, input.bookingId);
      if (!b) throw notFound("booking");
      if (!ASSIGNABLE.includes(b.status))
        throw new AppError(
          "PRECONDITION_FAILED",
          `Chefs can't be changed on a ${b.status.toLowerCase()} booking.`,
        );
      const block = { start: b.chefBlockStart, end: b.chefBlockEnd };
      const chefs = await tx.chef.findMany({ where: { id: { in: chefIds } } });
      const byId = new Map(chefs.map((c) => [c.id, c]));
      const clashes = await chefClashes(tx, {
        bookingId: b.id,
        blockStart: block.start,
        blockEnd: block.end,
        chefIds,
        event: { startsAt: b.startsAt, endsAt: b.endsAt, timeZone: b.timeZone },
      });
      for (const id of chefIds) {
        const c = byId.get(id);
        if (!c)
          throw new AppError("BAD_REQUEST", "That chef doesn't exist. Reload the page.", {
            field: "chefIds",
          });
        if (!c.active)
          throw new AppError(
            "PRECONDITION_FAILED",
            `${c.name} is deactivated. Choose an active chef.`,
          );
        const clash = clashes.get(id);
        if (clash) throw clashError(c, clash, b.timeZone);
      }
      const current = await tx.bookingChef.findMany({ where: { bookingId: b.id, live: true } });
      const before = current.map((c) => c.chefId).sort();
      const after = [...chefIds].sort();
      if (JSON.stringify(before) === JSON.stringify(after)) return;
      await placeBooking(tx, b.id, chefIds, {
        startsAt: b.startsAt,
        endsAt: b.endsAt,
        blockStart: block.start,
        blockEnd: block.end,
      });
      await tx.bookingEvent.create({
        data: {
          bookingId: b.id,
          type: "reassigned",
          actor: `staff:${input.actor.userId}`,
          data: { from: before, to: after },
        },
      });
      audit({
        action: "booking.reassign",
        entity: "booking",
        entityId: b.id,
        before: { chefIds: before },
        after: { chefIds: after },
      });
    });
  } catch (err) {
    const code = pgErrorCode(err);
    if (code === PG_CHECK_VIOLATION || (code && PG_TRANSIENT.has(code)))
      throw new AppError("CONFLICT", "This booking changed meanwhile. Reload and try again.");
    if (code !== PG_EXCLUSION_VIOLATION) throw err;
    // Booked meanwhile, between our check and the write: the constraint said no; name the clash.
    const b = await db.booking.findUnique({ where: { id: input.bookingId } });
    const clashes = b
      ? await chefClashes(db, {
          bookingId: b.id,
          blockStart: b.chefBlockStart,
          blockEnd: b.chefBlockEnd,
          chefIds,
        })
      : new Map<string, ChefClash>();
    const [chefId, clash] = [...clashes].find(([, c]) => c.kind === "booked") ?? [];
    const chef = chefId ? await db.chef.findUnique({ where: { id: chefId } }) : null;
    if (chef && clash && b) throw clashError(chef, clash, b.timeZone);
    throw new AppError(
      "CONFLICT",
      "One of those chefs was just booked at an overlapping time. Reload and choose another chef.",
    );
  }
  return adminBookingDetail(db, input.bookingId, deps.now?.());
}
