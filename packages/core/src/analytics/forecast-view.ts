// The owner's demand-forecast page (issue 15, points 7 and 9): the newest run's forecast for the
// coming days, what is on the books now, the last 30 days' forecast against what happened, and
// the staffing table (chefs needed from the forecast guests against the chefs scheduled).
import type { Db } from "@myhibachi/db";
import { addDays, zonedParts } from "@myhibachi/shared";
import { staffingAdvice } from "./forecast/staffing";
import { latestAnalyticsRun, type StoredForecastDay, type StoredModels } from "./read";

/** Bookings that take a chef's time (held ones count: the time is taken while they are held). */
export const DEMAND_STATUSES = ["HELD", "PENDING", "CONFIRMED", "COMPLETED"] as const;

/** Bookings per local event day from `from` (inclusive) to `to` (exclusive). */
export async function bookingsPerDay(
  db: Db,
  timeZone: string,
  from: string,
  to: string,
  statuses: readonly string[] = DEMAND_STATUSES,
): Promise<Map<string, { bookings: number; guests: number }>> {
  const rows = await db.$queryRaw<{ day: string; bookings: bigint; guests: bigint }[]>`
    SELECT to_char(("startsAt" AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS day,
           COUNT(*) AS bookings, SUM(adults + children) AS guests
    FROM "Booking"
    WHERE status::text = ANY(${statuses as string[]})
      AND ("startsAt" AT TIME ZONE ${timeZone})::date >= ${from}::date
      AND ("startsAt" AT TIME ZONE ${timeZone})::date < ${to}::date
    GROUP BY 1`;
  return new Map(
    rows.map((r) => [r.day, { bookings: Number(r.bookings), guests: Number(r.guests) }]),
  );
}

/**
 * Chefs scheduled per local day: active chefs with working hours that weekday and no time off
 * that day; and how many guests one chef can cook for in a day (events that fit in the average
 * working day, each with its travel and clean-up, times the guests per chef).
 */
export async function chefCapacity(
  db: Db,
  settings: {
    timeZone: string;
    maxGuestsPerChef: number;
    eventDurationMinutes: number;
    travelBufferMinutes: number;
    cleanupBufferMinutes: number;
    slotStartMinutes: number[];
  },
  dates: string[],
): Promise<{ scheduled: Record<string, number>; guestsPerChef: number }> {
  const chefs = await db.chef.findMany({
    where: { active: true },
    select: {
      id: true,
      workingHours: { select: { weekday: true, startMinute: true, endMinute: true } },
      timeOff: {
        where: {
          endsAt: { gt: new Date(`${dates[0] ?? "1970-01-01"}T00:00:00Z`) },
          startsAt: { lt: new Date(`${addDays(dates.at(-1) ?? "1970-01-01", 2)}T00:00:00Z`) },
        },
        select: { startsAt: true, endsAt: true },
      },
    },
  });
  const scheduled: Record<string, number> = {};
  let minutes = 0;
  let shifts = 0;
  for (const date of dates) {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    let n = 0;
    for (const c of chefs) {
      const hours = c.workingHours.filter((h) => h.weekday === weekday);
      if (hours.length === 0) continue;
      const off = c.timeOff.some((t) => {
        const from = zonedParts(t.startsAt, settings.timeZone).date;
        const to = zonedParts(new Date(t.endsAt.getTime() - 1), settings.timeZone).date;
        return from <= date && date <= to;
      });
      if (off) continue;
      n++;
      shifts++;
      minutes += hours.reduce((s, h) => s + Math.max(0, h.endMinute - h.startMinute), 0);
    }
    scheduled[date] = n;
  }
  const perEvent =
    settings.eventDurationMinutes + settings.travelBufferMinutes + settings.cleanupBufferMinutes;
  const eventsPerShift = Math.max(
    1,
    Math.min(
      Math.max(1, settings.slotStartMinutes.length),
      Math.floor((shifts ? minutes / shifts : perEvent) / Math.max(1, perEvent)),
    ),
  );
  return { scheduled, guestsPerChef: settings.maxGuestsPerChef * eventsPerShift };
}

export async function demandForecastView(db: Db, now: Date, opts: { days: 30 | 90 }) {
  const run = await latestAnalyticsRun(db);
  if (!run) return null;
  const settings = await db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
  const today = zonedParts(now, settings.timeZone).date;
  const stored = ((run.forecast ?? []) as unknown as StoredForecastDay[])
    .filter((d) => d.date >= today)
    .slice(0, opts.days);
  const dates = stored.map((d) => d.date);
  const end = dates.length ? addDays(dates.at(-1)!, 1) : today;
  const [onBooks, history, capacity] = await Promise.all([
    bookingsPerDay(db, settings.timeZone, today, end),
    // Mean party size of the last year's events (for guests from bookings).
    db.booking.aggregate({
      where: {
        status: { in: ["CONFIRMED", "COMPLETED"] },
        startsAt: { gte: new Date(now.getTime() - 365 * 86_400_000), lt: now },
      },
      _avg: { adults: true, children: true },
    }),
    chefCapacity(db, settings, dates),
  ]);
  const guestsPerBooking =
    (history._avg.adults ?? 0) + (history._avg.children ?? 0) || settings.minGuests || 10;
  const models = run.models as unknown as StoredModels;
  const days = stored.map((d) => ({ ...d, onBooksNow: onBooks.get(d.date)?.bookings ?? 0 }));
  const staffing = staffingAdvice(
    // What is already booked is certain: a day's forecast never falls below it.
    days.map((d) => ({
      date: d.date,
      mean: Math.max(d.mean, d.onBooksNow),
      lo80: Math.max(d.lo80, d.onBooksNow),
      hi80: Math.max(d.hi80, d.onBooksNow),
    })),
    { guestsPerBooking, guestsPerChef: capacity.guestsPerChef, scheduledChefs: capacity.scheduled },
  );
  return {
    run: {
      id: run.id,
      modelVersion: run.modelVersion,
      fittedAt: run.fittedAt ?? run.startedAt,
      durationMs: run.durationMs,
      models,
    },
    today,
    days,
    backtest: models.forecast?.backtest ?? [],
    model: models.forecast
      ? {
          name: models.forecast.model,
          historyDays: models.forecast.historyDays,
          mase: models.forecast.mase,
          seasonalNaiveMase: models.forecast.seasonalNaiveMase,
        }
      : null,
    guestsPerBooking: Math.round(guestsPerBooking * 10) / 10,
    guestsPerChef: capacity.guestsPerChef,
    staffing,
  };
}
