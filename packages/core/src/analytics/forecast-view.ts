// The owner's demand-forecast page (issue 15, points 7 and 9): the newest run's forecast for the
// coming days, what is on the books now, the last 30 days' forecast against what happened, and
// the staffing table (chefs needed from the forecast guests against the chefs scheduled).
import type { Db } from "@myhibachi/db";
import { addDays, HOUR, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";
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
 * Bookings per local day in [from, to) as they stood on the books at `origin`: made before it and
 * not yet cancelled or lapsed then (a booking cancelled, or a hold that lapsed, after `origin` was
 * on the books at `origin`; `cancelledAt` and `holdExpiresAt` say when). What the forecast's
 * "booked" was at that moment, for the backtest.
 */
export async function bookingsOnBooksAt(
  db: Db,
  timeZone: string,
  origin: Date,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ day: string; bookings: bigint }[]>`
    SELECT to_char(("startsAt" AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS day,
           COUNT(*) AS bookings
    FROM "Booking"
    WHERE "createdAt" < ${origin}
      AND ("startsAt" AT TIME ZONE ${timeZone})::date >= ${from}::date
      AND ("startsAt" AT TIME ZONE ${timeZone})::date < ${to}::date
      AND CASE status::text
            WHEN 'CANCELLED' THEN COALESCE("cancelledAt", "updatedAt") > ${origin}
            WHEN 'EXPIRED' THEN COALESCE("holdExpiresAt", "updatedAt") > ${origin}
            ELSE true
          END
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.day, Number(r.bookings)]));
}

/**
 * Chefs scheduled per local day: active chefs with working hours that weekday and no time off
 * that day.
 */
export async function chefsScheduled(
  db: Db,
  timeZone: string,
  dates: string[],
): Promise<Record<string, number>> {
  const chefs = await db.chef.findMany({
    where: { active: true },
    select: {
      id: true,
      workingHours: { select: { weekday: true } },
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
  for (const date of dates) {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    scheduled[date] = chefs.filter(
      (c) =>
        c.workingHours.some((h) => h.weekday === weekday) &&
        !c.timeOff.some((t) => {
          const from = zonedParts(t.startsAt, timeZone).date;
          const to = zonedParts(new Date(t.endsAt.getTime() - 1), timeZone).date;
          return from <= date && date <= to;
        }),
    ).length;
  }
  return scheduled;
}

/**
 * What a party takes in chefs, and how many parties one chef cooks in a day, from the last year:
 * chefs per party = the chefs assigned to each party (one per `maxGuestsPerChef` guests); parties
 * per chef = chef assignments per working chef on the days that had parties (a chef cooks one
 * party at a time; the evening slots are the busy ones). Without history: one chef per party and
 * the start times one chef can fit in a day, one after the other.
 */
export async function chefWorkload(
  db: Db,
  settings: {
    timeZone: string;
    maxGuestsPerChef: number;
    eventDurationMinutes: number;
    travelBufferMinutes: number;
    cleanupBufferMinutes: number;
    slotStartMinutes: number[];
  },
  now: Date,
): Promise<{ chefsPerParty: number; partiesPerChef: number }> {
  const [row] = await db.$queryRaw<{ assignments: bigint; parties: bigint; chefDays: bigint }[]>`
    WITH a AS (
      SELECT bc."bookingId", bc."chefId",
             ((b."startsAt" AT TIME ZONE ${settings.timeZone})::date) AS day
      FROM "BookingChef" bc JOIN "Booking" b ON b.id = bc."bookingId"
      WHERE b.status IN ('CONFIRMED', 'COMPLETED')
        AND b."startsAt" > ${new Date(now.getTime() - 365 * 86_400_000)} AND b."startsAt" <= ${now}
    )
    SELECT COUNT(*) AS assignments, COUNT(DISTINCT "bookingId") AS parties,
           (SELECT COUNT(*) FROM (SELECT DISTINCT day, "chefId" FROM a) d) AS "chefDays"
    FROM a`;
  const assignments = Number(row?.assignments ?? 0);
  const parties = Number(row?.parties ?? 0);
  const chefDays = Number(row?.chefDays ?? 0);
  if (parties >= 10 && chefDays > 0)
    return { chefsPerParty: assignments / parties, partiesPerChef: assignments / chefDays };
  const perEvent =
    settings.eventDurationMinutes + settings.travelBufferMinutes + settings.cleanupBufferMinutes;
  let fit = 0;
  let free = -Infinity;
  for (const start of [...settings.slotStartMinutes].sort((a, b) => a - b))
    if (start >= free) {
      fit++;
      free = start + perEvent;
    }
  return { chefsPerParty: 1, partiesPerChef: Math.max(1, fit) };
}

/**
 * The first and last dates a customer can still book at `now`: the first day with a start time
 * beyond the minimum notice, and the last day of the booking window (as the booking form checks).
 */
export function bookableDates(
  s: {
    timeZone: string;
    minNoticeHours: number;
    bookingWindowDays: number;
    slotStartMinutes: number[];
  },
  now: Date,
): { from: string; until: string } {
  const cutoff = now.getTime() + s.minNoticeHours * HOUR;
  let from = zonedParts(new Date(cutoff), s.timeZone).date;
  if (!s.slotStartMinutes.some((m) => zonedTimeToUtc(from, m, s.timeZone).getTime() >= cutoff))
    from = addDays(from, 1);
  return { from, until: addDays(zonedParts(now, s.timeZone).date, s.bookingWindowDays) };
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
  const [onBooks, scheduled, workload] = await Promise.all([
    bookingsPerDay(db, settings.timeZone, today, end),
    chefsScheduled(db, settings.timeZone, dates),
    chefWorkload(db, settings, now),
  ]);
  const models = run.models as unknown as StoredModels;
  const days = stored.map((d) => ({ ...d, onBooksNow: onBooks.get(d.date)?.bookings ?? 0 }));
  const bookable = bookableDates(settings, now);
  const staffing = staffingAdvice(
    // What is already booked is certain: a day's forecast never falls below it.
    days.map((d) => ({
      date: d.date,
      mean: Math.max(d.mean, d.onBooksNow),
      lo80: Math.max(d.lo80, d.onBooksNow),
      hi80: Math.max(d.hi80, d.onBooksNow),
    })),
    {
      chefsPerBooking: workload.chefsPerParty,
      bookingsPerChef: workload.partiesPerChef,
      scheduledChefs: scheduled,
      // Promotions and steering only for dates customers can still book.
      bookableFrom: bookable.from,
      bookableUntil: bookable.until,
    },
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
    chefsPerParty: Math.round(workload.chefsPerParty * 100) / 100,
    partiesPerChef: Math.round(workload.partiesPerChef * 100) / 100,
    staffing,
  };
}
