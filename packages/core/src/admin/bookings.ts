import { bookingMoney } from "../payments/money";
import { moneyCancellationTerms } from "../payments/cancel";
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
  type Prisma,
} from "@myhibachi/db";
import { AppError } from "../errors";
import { loadCatalogFromDb } from "../catalog/catalog";
import { overlaps } from "../availability/slots";
import { addDays, formatInstant, weekdayOf, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";
import { adminWrite, notFound, type AdminActor, type AdminDeps } from "./audit";
import { lockBooking, placeBooking } from "../booking/shared";

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
  const s = q.search?.trim();
  if (s)
    where.OR = [
      { code: { contains: s, mode: "insensitive" } },
      { contactName: { contains: s, mode: "insensitive" } },
      { contactEmail: { contains: s, mode: "insensitive" } },
      { city: { contains: s, mode: "insensitive" } },
    ];
  return db.booking.findMany({
    where,
    orderBy: { startsAt: q.from || q.to ? "asc" : "desc" },
    take: Math.min(q.take ?? 100, 300),
    select: BOOKING_ROW,
  });
}

const fmt = (d: Date, tz: string) => formatInstant(d, tz, "shortDayTime");

/** Booking detail for staff, with each active chef's fit for this event. */
export async function adminBookingDetail(db: Db, bookingId: string) {
  const b = await db.booking.findUnique({
    where: { id: bookingId },
    include: {
      lines: { orderBy: { position: "asc" } },
      chefs: { include: { chef: { select: { id: true, name: true, color: true } } } },
      package: { select: { name: true } },
      events: { orderBy: { createdAt: "asc" } },
      customer: { select: { id: true, name: true, email: true, phone: true, notes: true } },
      payments: { orderBy: { createdAt: "asc" } },
      refunds: { orderBy: { createdAt: "asc" } },
      disputes: true,
    },
  });
  if (!b) throw notFound("booking");
  const money = bookingMoney(b, b.payments, b.refunds, b.disputes);
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
  const local = zonedParts(b.startsAt, b.timeZone);
  const startMinute = local.hour * 60 + local.minute;
  const endMinute = startMinute + Math.round((b.endsAt.getTime() - b.startsAt.getTime()) / 60000);
  const zone = await db.travelZone.findFirst({ where: { name: b.travelZoneName } });
  const chefs = await db.chef.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    include: {
      workingHours: { where: { weekday: weekdayOf(local.date) } },
      serviceZones: true,
      timeOff: { where: { startsAt: { lt: blockEnd }, endsAt: { gt: blockStart } } },
      assignments: {
        where: {
          live: true,
          bookingId: { not: b.id },
          blockStart: { lt: blockEnd },
          blockEnd: { gt: blockStart },
        },
        include: { booking: { select: { code: true } } },
      },
    },
  });
  const chefOptions = chefs.map((c) => {
    const problems: string[] = [];
    if (c.timeOff.length) problems.push("on time off");
    if (c.assignments.length)
      problems.push(`busy with ${c.assignments.map((a) => a.booking.code).join(", ")}`);
    if (!c.workingHours.some((h) => h.startMinute <= startMinute && endMinute <= h.endMinute))
      problems.push("not working then");
    if (zone && !c.serviceZones.some((z) => z.zoneId === zone.id))
      problems.push(`doesn't cover ${zone.name}`);
    return { id: c.id, name: c.name, problems };
  });
  const { payments: _p, refunds: _r, disputes: _d, ...rest } = b;
  // What cancelling now would refund: the same terms the customer sees (no cut-off for staff).
  const { settings } = await loadCatalogFromDb(db);
  const terms = moneyCancellationTerms(b, settings, b.payments, new Date(), true);
  return {
    ...rest,
    liveChefs: b.chefs.filter((c) => c.live).map((c) => c.chef),
    chefOptions,
    money,
    payments,
    cancellation: { refundCents: terms.refundCents, policy: terms.policy, summary: terms.summary },
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
      const chefs = await tx.chef.findMany({
        where: { id: { in: chefIds } },
        include: {
          timeOff: { where: { startsAt: { lt: block.end }, endsAt: { gt: block.start } } },
        },
      });
      const byId = new Map(chefs.map((c) => [c.id, c]));
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
        const off = c.timeOff.find((t) => overlaps({ start: t.startsAt, end: t.endsAt }, block));
        if (off)
          throw new AppError(
            "CONFLICT",
            `${c.name} is on time off then (${fmt(off.startsAt, b.timeZone)} – ${fmt(off.endsAt, b.timeZone)}${off.reason ? `: ${off.reason}` : ""}). Choose another chef or remove the time off first.`,
            { chefId: c.id },
          );
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
    const b = await db.booking.findUnique({ where: { id: input.bookingId } });
    const clash = b
      ? await db.bookingChef.findFirst({
          where: {
            chefId: { in: chefIds },
            live: true,
            bookingId: { not: b.id },
            blockStart: { lt: b.chefBlockEnd },
            blockEnd: { gt: b.chefBlockStart },
          },
          include: {
            chef: { select: { name: true } },
            booking: { select: { code: true, startsAt: true, endsAt: true, timeZone: true } },
          },
        })
      : null;
    const message = clash
      ? `${clash.chef.name} is already booked for ${clash.booking.code} on ${fmt(clash.booking.startsAt, clash.booking.timeZone)} – ${fmt(clash.booking.endsAt, clash.booking.timeZone)} (travel and cleanup included), which overlaps this event. Choose another chef or move that booking first.`
      : "One of those chefs was just booked at an overlapping time. Reload and choose another chef.";
    throw new AppError(
      "CONFLICT",
      message,
      clash ? { chefId: clash.chefId, bookingCode: clash.booking.code } : undefined,
    );
  }
  return adminBookingDetail(db, input.bookingId);
}
