// The nightly refit (issue 15, point 11): every customer's lifetime value and churn risk, and the
// demand forecast, computed from the bookings and stored under a new run with the model version
// and the fit time. Pages read the newest finished run; nothing fits on a page load. The run is
// written in short statements (no transaction spans the fit) and becomes visible only when it is
// marked DONE, so a failed or half-written run is never read.
import type { Db } from "@myhibachi/db";
import { addDays, formatInstant, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";
import {
  churnScore,
  customerClv,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  frequencyTrend,
  purchaseHistories,
  summarizeHistory,
  modelChurnSignals,
  churnBand,
  dayNumber,
  calibratedScore,
  fitChurnCalibration,
  MIN_CALIBRATION_CUSTOMERS,
  cancellationPercent,
  withPartyBooked,
  type ChurnCalibration,
  type PurchaseHistory,
} from "./btyd";
import { negBinQuantile } from "./forecast/distributions";
import { fitDemandModel, predictDemand } from "./forecast/forecast";
import { mase } from "./forecast/metrics";
import { seasonalNaive } from "./forecast/baselines";
import { bookingsOnBooksAt, bookingsPerDay } from "./forecast-view";
import { enrolChurnInterventions, type ScoredCustomer } from "./interventions";
import type { StoredBacktestDay, StoredForecastDay, StoredModels } from "./read";
import { extraChurnSignals } from "./signals";
import type { BgNbdParams, DailyCount, FitResult, GammaGammaParams, RfmRow } from "./types";

/** Bumped when a model or its inputs change: stored with every run and shown on the pages. */
export const ANALYTICS_MODEL_VERSION = "clv-1.churn-4.demand-1";

/** A small L2 penalty keeps a young business's fit (few repeat customers) from running off. */
const BTYD_PENALTY = 0.001;
/** Below these the models are not fitted (and the pages say so). */
const MIN_CUSTOMERS = 20;
const MIN_REPEAT_FOR_GG = 10;
const MIN_FORECAST_HISTORY_DAYS = 60;
const FORECAST_DAYS = 90;
const BACKTEST_DAYS = 30;
const DAY_MS = 86_400_000;
/** Runs kept (each with its scores); older ones are deleted after a new one is done. */
const KEEP_RUNS = 7;

export interface RefitResult {
  runId: string;
  customers: number;
  durationMs: number;
  enrolled: number;
}

export async function refitCustomerIntelligence(
  db: Db,
  opts: { now: Date; enrol?: boolean },
): Promise<RefitResult> {
  const t0 = performance.now();
  const now = opts.now;
  const settings = await db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
  const tz = settings.timeZone;
  const today = zonedParts(now, tz).date;
  const run = await db.analyticsRun.create({
    data: { modelVersion: ANALYTICS_MODEL_VERSION, startedAt: now },
  });
  try {
    const customers = await scoreCustomers(db, run.id, now, today);
    const forecast = await forecastDemand(db, tz, today, now);
    const durationMs = Math.round(performance.now() - t0);
    const models: StoredModels = {
      ...customers.models,
      forecast: forecast.summary,
      interventions: { enrolled: 0, bySequence: {} },
    };
    // Interventions from the scores just written, before the run is visible (a crash between
    // the two leaves enrolments, which are unique per customer and quarter, and a FAILED run).
    if (opts.enrol !== false) {
      models.interventions = await enrolChurnInterventions(db, customers.scored, now, tz);
    }
    await db.analyticsRun.update({
      where: { id: run.id },
      data: {
        status: "DONE",
        fittedAt: new Date(now.getTime() + durationMs),
        durationMs,
        models: models as object,
        forecast: forecast.days as object[],
      },
    });
    await pruneRuns(db);
    return {
      runId: run.id,
      customers: customers.scored.length,
      durationMs,
      enrolled: models.interventions.enrolled,
    };
  } catch (err) {
    await db.analyticsRun.update({
      where: { id: run.id },
      data: { status: "FAILED", error: err instanceof Error ? err.message : String(err) },
    });
    throw err;
  }
}

async function pruneRuns(db: Db) {
  const keep = await db.analyticsRun.findMany({
    where: { status: "DONE" },
    orderBy: { startedAt: "desc" },
    take: KEEP_RUNS,
    select: { id: true, startedAt: true },
  });
  const oldest = keep.at(-1);
  if (keep.length < KEEP_RUNS || !oldest) return;
  await db.analyticsRun.deleteMany({
    where: { startedAt: { lt: oldest.startedAt }, id: { notIn: keep.map((k) => k.id) } },
  });
}

/** Every customer with a completed event: CLV, segment, churn score and reasons, stored. */
async function scoreCustomers(db: Db, runId: string, now: Date, today: string) {
  // Completed events per customer, on their local day (same-day events are one purchase day).
  const events = await db.$queryRaw<{ id: string; date: string; value: number; at: Date }[]>`
    SELECT "customerId" AS id,
           to_char(("startsAt" AT TIME ZONE "timeZone")::date, 'YYYY-MM-DD') AS date,
           "totalCents" / 100.0 AS value, "startsAt" AS at
    FROM "Booking"
    WHERE status = 'COMPLETED' AND "customerId" IS NOT NULL AND "startsAt" <= ${now}`;
  const histories = purchaseHistories(
    events.map((e) => ({ id: e.id, date: e.date, value: Number(e.value) })),
  );
  const lastAt = new Map<string, Date>();
  // Completed parties as the owner counts them (two on one day are two, though the models merge
  // them into one purchase day).
  const parties = new Map<string, number>();
  for (const e of events) {
    parties.set(e.id, (parties.get(e.id) ?? 0) + 1);
    const prev = lastAt.get(e.id);
    if (!prev || e.at > prev) lastAt.set(e.id, e.at);
  }
  const endDay = dayNumber(today);
  const rows: RfmRow[] = [];
  for (const h of histories.values()) {
    const row = summarizeHistory(h, endDay, "week");
    if (row) rows.push(row);
  }
  const notes: string[] = [];
  const repeat = rows.filter((r) => r.frequency > 0).length;
  if (rows.length < MIN_CUSTOMERS || repeat === 0) {
    notes.push(
      `The models need at least ${MIN_CUSTOMERS} customers with a completed event, one of them with a repeat booking: no scores until then.`,
    );
    return {
      scored: [],
      models: {
        customers: rows.length,
        repeatCustomers: repeat,
        unit: "week" as const,
        bgnbd: null,
        mbgnbd: null,
        gammaGamma: null,
        notes,
      },
    };
  }
  const bg = fitBgNbd(rows, { penalty: BTYD_PENALTY });
  const mbg = fitMbgNbd(rows, { penalty: BTYD_PENALTY });
  let gg: FitResult<GammaGammaParams> | null = null;
  let valueModel: GammaGammaParams;
  // No penalty here: values are in dollars, and a penalty on v (hundreds) would swamp the fit.
  if (repeat >= MIN_REPEAT_FOR_GG) gg = fitGammaGamma(rows);
  // q <= 1 has no finite mean value (spend that barely varies between customers does this).
  if (gg && gg.params.q > 1 && Object.values(gg.params).every(Number.isFinite)) {
    valueModel = gg.params;
  } else {
    if (gg) {
      notes.push(
        "Gamma-Gamma was fitted but has no finite average (booking values vary too little between customers): the value of a booking is the average booking, shrunk towards each customer's own.",
      );
      gg = null;
    }
    // Too few repeat customers to fit Gamma-Gamma: p = 1, q = 2 makes the expected value the
    // average booking, moved towards a customer's own average as they book again.
    const all = [...histories.values()].flatMap((h) => h.values);
    valueModel = { p: 1, q: 2, v: all.reduce((a, b) => a + b, 0) / Math.max(1, all.length) };
    if (repeat < MIN_REPEAT_FOR_GG)
      notes.push(
        `The value of a booking is the average booking, shrunk towards each customer's own, until ${MIN_REPEAT_FOR_GG} customers have booked again (Gamma-Gamma is fitted from then).`,
      );
  }
  // MBG/NBD throughout: plain BG/NBD calls every one-time customer certainly active.
  const clv = customerClv(
    rows,
    { model: "mbgnbd", params: mbg.params, gammaGamma: valueModel },
    { horizonMonths: 12, monthlyDiscount: 0.01, unit: "week" },
  );
  const clvById = new Map(clv.map((c) => [c.id, c]));
  const extra = await extraChurnSignals(db, now);
  const booked = await partiesBooked(db, now);
  const calibration = churnCalibrationBacktest(histories, endDay);
  if (!calibration)
    notes.push(
      "The churn score is the plain average of its signals until a year-old back-test has enough outcomes to calibrate it on (at least 30 customers with an event over a year ago, 5 who came back and 5 who did not).",
    );
  const scored: ScoredCustomer[] = [];
  const data = rows.map((row) => {
    const h = histories.get(row.id)!;
    const c = clvById.get(row.id)!;
    const trend = frequencyTrend(h.days, endDay);
    // Purchase days: two parties on one day are one occasion (the models' repeat purchases + 1).
    const eventDays = row.frequency + 1;
    const completedBookings = parties.get(row.id) ?? eventDays;
    const signals = modelChurnSignals(mbg.params, row, "week");
    const s = churnScore(row.id, {
      ...signals,
      parties: completedBookings,
      ...(trend !== undefined ? { frequencyTrend: trend } : {}),
      ...extra.get(row.id),
    });
    // Calibrated on the business's own outcomes where it can be: the chance in 100 of no event
    // within a year. Stored as a whole number; the band follows the number the owner sees.
    // Never below the model's chance that they have stopped for good (someone who has stopped
    // has no event this year): a back-test of a young business's few, recent repeat customers
    // put regulars silent for a year, P(alive) 1 %, at 26-39 (the demo of 2 December 2026: of
    // its 10 repeat customers who had in truth stopped, 1 reached 40; with the bound, 10).
    let score = Math.round(
      Math.max(
        calibration ? calibratedScore(s.score / 100, calibration, row.frequency === 0) : s.score,
        100 * (1 - signals.pAlive),
      ),
    );
    let reasons = s.reasons;
    // A party on the books: no party in the year only if it is cancelled.
    const next = booked.parties.get(row.id);
    if (next) {
      ({ score, reasons } = withPartyBooked(score, reasons, {
        cancelPercent: booked.cancelPercent,
        dateText: formatInstant(next.startsAt, next.timeZone, "longDate"),
      }));
      score = Math.round(score);
    }
    scored.push({ customerId: row.id, churnScore: score, reasons, completedBookings, eventDays });
    // Parties already on the books for the next 12 months are bookings the model need not
    // guess: the expected count is never below them (attack R1-3, held-out re-check), and the
    // lifetime value grows with it (each at the expected value, discounted as the model's).
    const onBooks = next?.count ?? 0;
    const expectedBookings = Math.max(c.expectedBookings, onBooks);
    const clv =
      expectedBookings > c.expectedBookings
        ? c.expectedBookings > 0
          ? c.clv * (expectedBookings / c.expectedBookings)
          : expectedBookings * c.expectedValue
        : c.clv;
    return {
      runId,
      customerId: row.id,
      completedBookings,
      eventDays,
      lastEventAt: lastAt.get(row.id) ?? null,
      expectedBookings,
      expectedValueCents: Math.round(c.expectedValue * 100),
      clvCents: Math.round(clv * 100),
      pAlive: c.pAlive,
      segment: c.segment,
      churnScore: score,
      churnBand: churnBand(score),
      reasons,
    };
  });
  for (let i = 0; i < data.length; i += 5000)
    await db.customerScore.createMany({ data: data.slice(i, i + 5000) });
  const fit = (f: FitResult<BgNbdParams> | FitResult<GammaGammaParams> | null) =>
    f && { params: { ...f.params }, logLikelihood: f.logLikelihood };
  return {
    scored,
    models: {
      customers: rows.length,
      repeatCustomers: repeat,
      unit: "week" as const,
      bgnbd: fit(bg),
      mbgnbd: fit(mbg),
      gammaGamma: fit(gg),
      churnCalibration: calibration && {
        ...calibration,
        asOf: dateOfDay(endDay - CALIBRATION_DAYS),
      },
      notes,
    },
  };
}

/** How far ahead a booked party counts for the churn score: its horizon, a year. */
const BOOKED_AHEAD_DAYS = 365;

/**
 * Each customer's earliest party on the books (PENDING or CONFIRMED, from now to a year ahead),
 * and the business's cancellation percent of the last 12 months' bookings (by when they were
 * made): cancelled / (cancelled + completed + live), shrunk towards 10 % with little data.
 */
async function partiesBooked(db: Db, now: Date) {
  const [upcoming, counts] = await Promise.all([
    db.booking.findMany({
      where: {
        customerId: { not: null },
        status: { in: ["PENDING", "CONFIRMED"] },
        startsAt: { gt: now, lte: new Date(now.getTime() + BOOKED_AHEAD_DAYS * DAY_MS) },
      },
      orderBy: { startsAt: "asc" },
      select: { customerId: true, startsAt: true, timeZone: true },
    }),
    db.booking.groupBy({
      by: ["status"],
      where: {
        status: { in: ["PENDING", "CONFIRMED", "COMPLETED", "CANCELLED"] },
        createdAt: { gt: new Date(now.getTime() - 365 * DAY_MS), lte: now },
      },
      _count: { _all: true },
    }),
  ]);
  const parties = new Map<string, { startsAt: Date; timeZone: string; count: number }>();
  for (const u of upcoming) {
    if (!u.customerId) continue;
    const seen = parties.get(u.customerId);
    if (seen) seen.count++;
    else parties.set(u.customerId, { startsAt: u.startsAt, timeZone: u.timeZone, count: 1 });
  }
  const total = counts.reduce((s, c) => s + c._count._all, 0);
  const cancelled = counts.find((c) => c.status === "CANCELLED")?._count._all ?? 0;
  return { parties, cancelPercent: cancellationPercent(cancelled, total) };
}

/** The back-test the churn score is calibrated on: a year ago, and the year since. */
const CALIBRATION_DAYS = 365;

/**
 * Scores every customer with an event a year or more ago as the nightly run would have then (the
 * purchase models refitted on what was known then; the signals that are only known as of now,
 * ratings, referrals and follow-ups, left out), and fits the map from that averaged score to
 * what happened: no completed event in the year since. Null when there is too little of it.
 */
function churnCalibrationBacktest(
  histories: Map<string, PurchaseHistory>,
  endDay: number,
): ChurnCalibration | null {
  const origin = endDay - CALIBRATION_DAYS;
  const past: RfmRow[] = [];
  for (const h of histories.values()) {
    const row = summarizeHistory(h, origin, "week");
    if (row) past.push(row);
  }
  if (past.length < MIN_CALIBRATION_CUSTOMERS || !past.some((r) => r.frequency > 0)) return null;
  const mbg = fitMbgNbd(past, { penalty: BTYD_PENALTY });
  const risks: number[] = [];
  const churned: boolean[] = [];
  const oneTime: boolean[] = [];
  for (const row of past) {
    const h = histories.get(row.id)!;
    const trend = frequencyTrend(h.days, origin);
    const s = churnScore(row.id, {
      ...modelChurnSignals(mbg.params, row, "week"),
      ...(trend !== undefined ? { frequencyTrend: trend } : {}),
    });
    risks.push(s.score / 100);
    churned.push(!h.days.some((d) => d > origin && d <= endDay));
    oneTime.push(row.frequency === 0);
  }
  return fitChurnCalibration(risks, churned, oneTime);
}

/** The calendar date of a day number (days since 1970-01-01). */
const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Bookings per day for the next 90 days. The model (a negative-binomial GLM on weekday, season,
 * US holidays and trend) gives each day's whole demand; what is already on the books is known,
 * so a day's forecast is what is booked plus the share of its demand that usually comes in later
 * than that (the lead-time curve of the last year's bookings): the classic additive pickup.
 */
async function forecastDemand(db: Db, tz: string, today: string, now: Date) {
  const first = await db.booking.findFirst({
    where: { status: { in: ["PENDING", "CONFIRMED", "COMPLETED"] } },
    orderBy: { startsAt: "asc" },
    select: { startsAt: true },
  });
  const from = first ? zonedParts(first.startsAt, tz).date : today;
  const past = await bookingsPerDay(db, tz, from, today, ["PENDING", "CONFIRMED", "COMPLETED"]);
  const history: DailyCount[] = [];
  for (let d = from; d < today; d = addDays(d, 1))
    history.push({ date: d, count: past.get(d)?.bookings ?? 0 });
  if (history.length < MIN_FORECAST_HISTORY_DAYS)
    return { days: [] as StoredForecastDay[], summary: null };

  const model = fitDemandModel(history);
  const whole = predictDemand(model, { horizon: FORECAST_DAYS });
  const onBooks = await bookingsPerDay(db, tz, today, addDays(today, FORECAST_DAYS), [
    "HELD",
    "PENDING",
    "CONFIRMED",
  ]);
  const later = await lateShare(db, now);
  const alpha = model.fit.alpha;
  const days: StoredForecastDay[] = whole.map((d, i) => {
    const booked = onBooks.get(d.date)?.bookings ?? 0;
    // Days ahead of today: i = 0 is today itself (only same-day bookings still to come).
    const rest = d.mean * later(i);
    return {
      date: d.date,
      mean: round2(booked + rest),
      // Whole bookings at each end, never inside the forecast's own value.
      lo80: Math.min(booked + negBinQuantile(0.1, rest, alpha), Math.floor(booked + rest)),
      hi80: Math.max(booked + negBinQuantile(0.9, rest, alpha), Math.ceil(booked + rest)),
      onBooks: booked,
    };
  });

  // The last 30 days forecast as the page forecasts: from the history before them, plus what was
  // on the books at their start (rebuilt from when each booking was made, and cancelled or
  // lapsed), with the lead-time curve as it was then; against what happened.
  const cut = history.length - BACKTEST_DAYS;
  let backtest: StoredBacktestDay[] = [];
  let modelMase: number | null = null;
  let naiveMase: number | null = null;
  if (cut >= MIN_FORECAST_HISTORY_DAYS) {
    const train = history.slice(0, cut);
    const test = history.slice(cut);
    const originDay = test[0]!.date;
    const origin = zonedTimeToUtc(originDay, 0, tz);
    const btModel = fitDemandModel(train);
    const bt = predictDemand(btModel, { horizon: BACKTEST_DAYS });
    const booksThen = await bookingsOnBooksAt(db, tz, origin, originDay, today);
    const laterThen = await lateShare(db, origin);
    const btAlpha = btModel.fit.alpha;
    const points: number[] = [];
    backtest = bt.map((d, i) => {
      const booked = booksThen.get(d.date) ?? 0;
      const rest = d.mean * laterThen(i);
      // The median is the point forecast for an absolute error (MASE).
      points.push(booked + negBinQuantile(0.5, rest, btAlpha));
      return {
        date: d.date,
        mean: round2(booked + rest),
        lo80: Math.min(booked + negBinQuantile(0.1, rest, btAlpha), Math.floor(booked + rest)),
        hi80: Math.max(booked + negBinQuantile(0.9, rest, btAlpha), Math.ceil(booked + rest)),
        onBooks: booked,
        actual: test[i]?.count ?? 0,
      };
    });
    const actual = test.map((t) => t.count);
    const seen = train.map((t) => t.count);
    modelMase = round2(mase(actual, points, seen, 7));
    naiveMase = round2(mase(actual, seasonalNaive(seen, BACKTEST_DAYS, 7), seen, 7));
  }
  return {
    days,
    summary: {
      model: "negative-binomial GLM + pickup",
      historyDays: history.length,
      backtest,
      mase: modelMase,
      seasonalNaiveMase: naiveMase,
    },
  };
}

/**
 * The share of a day's bookings that are made fewer than `daysAhead + 1` days before it (from the
 * last year's bookings' lead times): what is still to come for a day that far away.
 */
async function lateShare(db: Db, now: Date): Promise<(daysAhead: number) => number> {
  const leads = await db.$queryRaw<{ lead: number; n: bigint }[]>`
    SELECT GREATEST(0, FLOOR(EXTRACT(EPOCH FROM ("startsAt" - "createdAt")) / 86400))::int AS lead,
           COUNT(*) AS n
    FROM "Booking"
    WHERE status IN ('PENDING', 'CONFIRMED', 'COMPLETED')
      AND "startsAt" > ${new Date(now.getTime() - 365 * DAY_MS)} AND "startsAt" <= ${now}
    GROUP BY 1`;
  const total = leads.reduce((s, l) => s + Number(l.n), 0);
  if (total === 0) return () => 1;
  return (daysAhead) =>
    leads.filter((l) => l.lead <= daysAhead).reduce((s, l) => s + Number(l.n), 0) / total;
}

const round2 = (v: number) => Math.round(v * 100) / 100;
