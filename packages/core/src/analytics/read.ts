// What the owner's pages read (issue 15, points 10-11): the newest finished run's stored scores
// and forecast. Nothing here fits a model: a page load is a few indexed queries.
import { Prisma, type Db } from "@myhibachi/db";
import { exitReasonFor } from "../campaigns/engine";
import { AppError } from "../errors";
import type { ClvSegment } from "./types";
import type { ChurnCalibration } from "./btyd";
import { CHURN_INTERVENTION_MIN_BOOKINGS } from "./interventions";

export interface StoredForecastDay {
  date: string;
  mean: number;
  lo80: number;
  hi80: number;
  /** Bookings already on the books for that day when the run was made. */
  onBooks: number;
}

export interface StoredBacktestDay extends StoredForecastDay {
  actual: number;
}

/** What a run stores besides the scores (AnalyticsRun.models). */
export interface StoredModels {
  customers: number;
  repeatCustomers: number;
  unit: "week";
  bgnbd: { params: Record<string, number>; logLikelihood: number } | null;
  mbgnbd: { params: Record<string, number>; logLikelihood: number } | null;
  gammaGamma: { params: Record<string, number>; logLikelihood: number } | null;
  /**
   * The churn score's calibration on the business's own back-test (a year ago and the year
   * since); absent or null when there was too little history (the score is the plain average).
   */
  churnCalibration?:
    | (ChurnCalibration & {
        /** The back-test's origin, YYYY-MM-DD. */
        asOf: string;
      })
    | null;
  /** Why a model was not fitted (too little history), in words. */
  notes: string[];
  forecast: {
    model: string;
    historyDays: number;
    /** The last 30 days forecast from the data before them, against what happened. */
    backtest: StoredBacktestDay[];
    mase: number | null;
    seasonalNaiveMase: number | null;
  } | null;
  interventions: { enrolled: number; bySequence: Record<string, number> };
}

export async function latestAnalyticsRun(db: Db) {
  return db.analyticsRun.findFirst({
    where: { status: "DONE" },
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      modelVersion: true,
      startedAt: true,
      fittedAt: true,
      durationMs: true,
      models: true,
      forecast: true,
    },
  });
}

const CLV_BINS_CENTS = [0, 25_000, 50_000, 100_000, 200_000, 500_000] as const;

/** The lifetime-value dashboard: segments, distribution, top customers (newest run). */
export async function clvOverview(db: Db, opts: { top?: number } = {}) {
  const run = await latestAnalyticsRun(db);
  if (!run) return null;
  const [segments, bins, top] = await Promise.all([
    db.customerScore.groupBy({
      by: ["segment"],
      where: { runId: run.id },
      _count: { _all: true },
      _sum: { clvCents: true, expectedBookings: true },
    }),
    db.$queryRaw<{ bin: number; customers: bigint }[]>`
      SELECT width_bucket("clvCents", ${CLV_BINS_CENTS.slice(1) as unknown as number[]}::int[]) AS bin,
             COUNT(*) AS customers
      FROM "CustomerScore" WHERE "runId" = ${run.id} GROUP BY 1 ORDER BY 1`,
    db.customerScore.findMany({
      where: { runId: run.id },
      orderBy: [{ clvCents: "desc" }, { customerId: "asc" }],
      take: opts.top ?? 10,
      include: { customer: { select: { name: true, email: true } } },
    }),
  ]);
  const order: ClvSegment[] = ["high", "medium", "low"];
  return {
    run: runSummary(run),
    segments: order.map((segment) => {
      const s = segments.find((x) => x.segment === segment);
      return {
        segment,
        customers: s?._count._all ?? 0,
        clvCents: s?._sum.clvCents ?? 0,
        expectedBookings: s?._sum.expectedBookings ?? 0,
      };
    }),
    distribution: CLV_BINS_CENTS.map((from, i) => ({
      fromCents: from,
      toCents: CLV_BINS_CENTS[i + 1] ?? null,
      customers: Number(bins.find((b) => b.bin === i)?.customers ?? 0),
    })),
    top: top.map((t) => ({
      customerId: t.customerId,
      name: t.customer.name,
      email: t.customer.email,
      completedBookings: t.completedBookings,
      eventDays: t.eventDays,
      expectedBookings: t.expectedBookings,
      expectedValueCents: t.expectedValueCents,
      clvCents: t.clvCents,
      segment: t.segment as ClvSegment,
    })),
  };
}

function runSummary(run: NonNullable<Awaited<ReturnType<typeof latestAnalyticsRun>>>) {
  return {
    id: run.id,
    modelVersion: run.modelVersion,
    fittedAt: run.fittedAt ?? run.startedAt,
    durationMs: run.durationMs,
    models: run.models as unknown as StoredModels,
  };
}

/** The churn-risk list: highest scores first, with reasons and the intervention under way. */
export async function churnList(
  db: Db,
  opts: {
    band?: "high" | "medium" | "low";
    take?: number;
    cursor?: number;
    /**
     * Only repeat customers: completed parties on two or more different days (the ones
     * interventions are for; two parties on one day are one occasion).
     */
    repeatOnly?: boolean;
  } = {},
) {
  const run = await latestAnalyticsRun(db);
  if (!run) return null;
  const who: Prisma.CustomerScoreWhereInput = opts.repeatOnly
    ? { eventDays: { gte: CHURN_INTERVENTION_MIN_BOOKINGS } }
    : {};
  const where: Prisma.CustomerScoreWhereInput = {
    runId: run.id,
    ...who,
    ...(opts.band ? { churnBand: opts.band } : { churnScore: { gte: 40 } }),
  };
  const take = opts.take ?? 50;
  const [rows, bands] = await Promise.all([
    db.customerScore.findMany({
      where,
      orderBy: [{ churnScore: "desc" }, { clvCents: "desc" }, { customerId: "asc" }],
      take,
      skip: opts.cursor ?? 0,
      include: { customer: { select: { name: true, email: true } } },
    }),
    db.customerScore.groupBy({
      by: ["churnBand"],
      where: { runId: run.id, ...who },
      _count: { _all: true },
    }),
  ]);
  const ids = rows.map((r) => r.customerId);
  const [interventions, upcoming] = await Promise.all([
    latestChurnEnrolments(db, ids),
    // A party on the books says more than any score: the list shows it.
    db.booking.findMany({
      where: { customerId: { in: ids }, status: { in: ["HELD", "PENDING", "CONFIRMED"] } },
      orderBy: { startsAt: "asc" },
      select: { customerId: true, startsAt: true },
    }),
  ]);
  return {
    run: runSummary(run),
    bands: Object.fromEntries(
      (["high", "medium", "low"] as const).map((b) => [
        b,
        bands.find((x) => x.churnBand === b)?._count._all ?? 0,
      ]),
    ) as Record<"high" | "medium" | "low", number>,
    customers: rows.map((r) => ({
      customerId: r.customerId,
      name: r.customer.name,
      email: r.customer.email,
      churnScore: r.churnScore,
      band: r.churnBand as "high" | "medium" | "low",
      reasons: r.reasons as string[],
      lastEventAt: r.lastEventAt,
      completedBookings: r.completedBookings,
      eventDays: r.eventDays,
      clvCents: r.clvCents,
      intervention: interventions.get(r.customerId) ?? null,
      nextPartyAt: upcoming.find((u) => u.customerId === r.customerId)?.startsAt ?? null,
    })),
    nextCursor: rows.length === take ? (opts.cursor ?? 0) + take : null,
  };
}

/** Each customer's newest churn-risk enrolment, in words. */
async function latestChurnEnrolments(db: Db, customerIds: string[]) {
  if (customerIds.length === 0) return new Map<string, ChurnIntervention>();
  const rows = await db.campaignEnrolment.findMany({
    where: { customerId: { in: customerIds }, sequence: { trigger: "CHURN_RISK" } },
    orderBy: { createdAt: "desc" },
    include: { sequence: { include: { steps: true } } },
  });
  const out = new Map<string, ChurnIntervention>();
  for (const e of rows)
    if (e.customerId && !out.has(e.customerId))
      out.set(e.customerId, interventionOf(await asEnded(db, e)));
  return out;
}

/**
 * An active enrolment that a booking (or an unsubscribe) has already ended, shown as stopped
 * with its reason: the campaign run records the exit within a minute, and until then no page
 * says "under way" for a customer who booked.
 */
async function asEnded<
  E extends Parameters<typeof exitReasonFor>[1] & {
    state: "ACTIVE" | "COMPLETED" | "EXITED";
    exitReason: string | null;
  },
>(db: Db, e: E): Promise<E> {
  if (e.state !== "ACTIVE") return e;
  const why = await exitReasonFor(db, e);
  return why ? { ...e, state: "EXITED", exitReason: why } : e;
}

export interface ChurnIntervention {
  enrolmentId: string;
  sequence: string;
  state: "ACTIVE" | "COMPLETED" | "EXITED";
  awaitingApproval: boolean;
  enrolledAt: Date;
  exitReason: string | null;
}

function interventionOf(
  e: Prisma.CampaignEnrolmentGetPayload<{ include: { sequence: { include: { steps: true } } } }>,
): ChurnIntervention {
  const step = e.sequence.steps.find((s) => s.position === e.nextPosition);
  return {
    enrolmentId: e.id,
    sequence: e.sequence.name,
    state: e.state,
    awaitingApproval: e.state === "ACTIVE" && !!step?.needsApproval && !e.approvedAt,
    enrolledAt: e.createdAt,
    exitReason: e.exitReason,
  };
}

/**
 * One customer's scores (newest run) and campaign history: every enrolment with its sends, and
 * the message waiting for the owner's approval, if any, with its words.
 */
export async function customerIntelligence(db: Db, customerId: string) {
  if (!(await db.customer.findUnique({ where: { id: customerId }, select: { id: true } })))
    throw new AppError("NOT_FOUND", "We don't have that customer.");
  const run = await latestAnalyticsRun(db);
  const [score, enrolments] = await Promise.all([
    run
      ? db.customerScore.findUnique({ where: { runId_customerId: { runId: run.id, customerId } } })
      : null,
    db.campaignEnrolment.findMany({
      where: { customerId },
      orderBy: { createdAt: "desc" },
      take: 50,
      include: {
        sequence: { include: { steps: { orderBy: { position: "asc" } } } },
        sends: {
          orderBy: { claimedAt: "asc" },
          include: {
            step: { select: { position: true, subject: true } },
            inAppMessage: { select: { subject: true } },
          },
        },
      },
    }),
  ]);
  // What actually went out: the stored email's subject (the owner's approved words, filled in),
  // not the step's template with its placeholders (attack 15 round 2, F10); and who approved it.
  const emailKeys = enrolments.flatMap((e) =>
    e.sends.flatMap((x) => (x.emailKey ? [x.emailKey] : [])),
  );
  const approverIds = [...new Set(enrolments.flatMap((e) => (e.approvedBy ? [e.approvedBy] : [])))];
  const [emails, approvers] = await Promise.all([
    emailKeys.length
      ? db.emailMessage.findMany({
          where: { idempotencyKey: { in: emailKeys } },
          select: { idempotencyKey: true, subject: true },
        })
      : [],
    approverIds.length
      ? db.user.findMany({ where: { id: { in: approverIds } }, select: { id: true, name: true } })
      : [],
  ]);
  const subjectOf = new Map(emails.map((m) => [m.idempotencyKey, m.subject]));
  const nameOf = new Map(approvers.map((u) => [u.id, u.name]));
  return {
    fittedAt: run ? (run.fittedAt ?? run.startedAt) : null,
    modelVersion: run?.modelVersion ?? null,
    score: score
      ? {
          completedBookings: score.completedBookings,
          eventDays: score.eventDays,
          expectedBookings: score.expectedBookings,
          expectedValueCents: score.expectedValueCents,
          clvCents: score.clvCents,
          pAlive: score.pAlive,
          segment: score.segment as ClvSegment,
          churnScore: score.churnScore,
          band: score.churnBand as "high" | "medium" | "low",
          reasons: score.reasons as string[],
        }
      : null,
    campaigns: (await Promise.all(enrolments.map((e) => asEnded(db, e)))).map((e) => {
      const i = interventionOf(e);
      const step = e.sequence.steps.find((s) => s.position === e.nextPosition);
      return {
        ...i,
        trigger: e.sequence.trigger,
        reason: e.reason,
        approved: e.approvedAt
          ? { at: e.approvedAt, by: (e.approvedBy && nameOf.get(e.approvedBy)) || null }
          : null,
        sends: e.sends.map((s) => ({
          position: s.step.position,
          /** The subject as sent (the email or in-app message written); null for a text or a skip. */
          subject:
            (s.emailKey ? subjectOf.get(s.emailKey) : undefined) ?? s.inAppMessage?.subject ?? null,
          channel: s.channel,
          status: s.status,
          skipReason: s.skipReason,
          at: s.claimedAt,
        })),
        // Approved, not yet on its way (quiet hours or the frequency cap hold it): the owner can
        // still stop it.
        approvedNotSent:
          e.state === "ACTIVE" &&
          !!step?.needsApproval &&
          !!e.approvedAt &&
          !e.sends.some((s) => s.stepId === step.id),
        draft:
          i.awaitingApproval && step
            ? {
                subject: e.draftSubject ?? step.subject,
                text: e.draftText ?? step.template,
                offerPercent: step.offerPercent,
              }
            : null,
      };
    }),
  };
}
