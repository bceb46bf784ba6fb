// Owner overview: upcoming events, bookings and revenue this week/month against the previous
// period, revenue by day, and chef utilisation (booked hours / working hours this week).
// Periods are calendar weeks (Monday first) and months in the business time zone. Revenue is money
// that was really paid (succeeded payments towards the total, gratuity apart) less what was
// refunded, for the events of the period by event date, whatever became of the booking (a kept
// deposit of a cancelled booking is revenue; an unpaid PENDING booking is not). "bookings" counts
// bookings made (created) in the period that weren't abandoned holds.
import type { Db } from "@myhibachi/db";
import { loadCatalogFromDb } from "../catalog/catalog";
import { BOOKING_ROW } from "./bookings";
import { addDays, weekdayOf, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";

const EARNING = ["PENDING", "CONFIRMED", "COMPLETED"] as const;

export interface PeriodFigures {
  label: string;
  from: string;
  to: string;
  bookings: number;
  revenueCents: number;
}

function monthStart(date: string, deltaMonths = 0): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + deltaMonths, 1));
  return d.toISOString().slice(0, 10);
}

export async function ownerOverview(db: Db, deps: { now?: () => Date } = {}) {
  const now = deps.now?.() ?? new Date();
  const { settings } = await loadCatalogFromDb(db);
  const tz = settings.timeZone;
  const today = zonedParts(now, tz).date;
  const weekStart = addDays(today, -((weekdayOf(today) + 6) % 7));
  const at = (d: string) => zonedTimeToUtc(d, 0, tz);

  async function period(label: string, from: string, toExclusive: string): Promise<PeriodFigures> {
    const events = { startsAt: { gte: at(from), lt: at(toExclusive) } };
    const [made, paid, refunded] = await Promise.all([
      db.booking.count({
        where: {
          createdAt: { gte: at(from), lt: at(toExclusive) },
          status: { notIn: ["HELD", "EXPIRED"] },
        },
      }),
      db.payment.aggregate({
        where: { status: "SUCCEEDED", booking: events },
        _sum: { amountCents: true },
      }),
      db.refund.aggregate({
        where: { status: "SUCCEEDED", booking: events },
        _sum: { amountCents: true },
      }),
    ]);
    return {
      label,
      from,
      to: addDays(toExclusive, -1),
      bookings: made,
      revenueCents: (paid._sum.amountCents ?? 0) - (refunded._sum.amountCents ?? 0),
    };
  }

  const thisMonth = monthStart(today);
  const [thisWeek, lastWeek, month, lastMonth] = await Promise.all([
    period("This week", weekStart, addDays(weekStart, 7)),
    period("Last week", addDays(weekStart, -7), weekStart),
    period("This month", thisMonth, monthStart(today, 1)),
    period("Last month", monthStart(today, -1), thisMonth),
  ]);

  // Revenue (paid, less refunds) by event day, last 30 days through the next 30 (an event to
  // come shows what was paid for it already: its deposit).
  const seriesFrom = addDays(today, -29);
  const seriesTo = addDays(today, 31);
  const inSeries = { startsAt: { gte: at(seriesFrom), lt: at(seriesTo) } };
  const [rows, payments, refunds] = await Promise.all([
    db.booking.findMany({
      where: { ...inSeries, status: { in: [...EARNING] } },
      select: { startsAt: true },
    }),
    db.payment.findMany({
      where: { status: "SUCCEEDED", booking: inSeries },
      select: { amountCents: true, booking: { select: { startsAt: true } } },
    }),
    db.refund.findMany({
      where: { status: "SUCCEEDED", booking: inSeries },
      select: { amountCents: true, booking: { select: { startsAt: true } } },
    }),
  ]);
  const byDay = new Map<string, { revenueCents: number; events: number }>();
  for (let d = seriesFrom; d < seriesTo; d = addDays(d, 1))
    byDay.set(d, { revenueCents: 0, events: 0 });
  const dayOf = (startsAt: Date) => byDay.get(zonedParts(startsAt, tz).date);
  for (const r of rows) {
    const e = dayOf(r.startsAt);
    if (e) e.events++;
  }
  for (const p of payments) {
    const e = dayOf(p.booking.startsAt);
    if (e) e.revenueCents += p.amountCents;
  }
  for (const r of refunds) {
    const e = dayOf(r.booking.startsAt);
    if (e) e.revenueCents -= r.amountCents;
  }
  const daily = [...byDay.entries()].map(([date, v]) => ({ date, ...v }));

  const upcoming = await db.booking.findMany({
    where: { startsAt: { gte: now }, status: { in: ["PENDING", "CONFIRMED"] } },
    orderBy: { startsAt: "asc" },
    take: 10,
    select: BOOKING_ROW,
  });

  // Utilisation this week: event hours (without travel/cleanup) over scheduled hours.
  const weekEnd = addDays(weekStart, 7);
  const chefs = await db.chef.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    include: {
      workingHours: true,
      assignments: {
        where: {
          live: true,
          booking: {
            startsAt: { gte: at(weekStart), lt: at(weekEnd) },
            status: { in: [...EARNING] },
          },
        },
        include: { booking: { select: { startsAt: true, endsAt: true } } },
      },
    },
  });
  const utilisation = chefs.map((c) => {
    const scheduledMinutes = c.workingHours.reduce((s, h) => s + (h.endMinute - h.startMinute), 0);
    const bookedMinutes = c.assignments.reduce(
      (s, a) => s + Math.round((a.booking.endsAt.getTime() - a.booking.startsAt.getTime()) / 60000),
      0,
    );
    return {
      chefId: c.id,
      name: c.name,
      events: c.assignments.length,
      bookedHours: Math.round(bookedMinutes / 6) / 10,
      scheduledHours: Math.round(scheduledMinutes / 6) / 10,
      percent: scheduledMinutes ? Math.round((bookedMinutes / scheduledMinutes) * 100) : 0,
    };
  });

  return {
    timeZone: tz,
    today,
    weeks: [lastWeek, thisWeek],
    months: [lastMonth, month],
    daily,
    upcoming,
    utilisation,
    settingsVersion: settings.version,
  };
}
