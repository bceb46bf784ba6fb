// The db-backed side of cost alerts: ledger aggregates for the rules, recording alerts once
// (UNIQUE rule + period + level, ON CONFLICT DO NOTHING), and delivering them per channel with
// their own attempts, so a failing webhook is retried without a second in-app alert.
import { randomBytes } from "node:crypto";
import { Prisma, type Db } from "@myhibachi/db";
import { staleClaimBefore } from "../messages/claims";
import { HOUR } from "@myhibachi/shared";
import { costPeriods, PROJECTION_DAYS, type CostPeriods } from "./periods";
import {
  bucketSource,
  num,
  refreshCostRollups,
  rollupWatermark,
  ts,
  type RefreshResult,
} from "./rollup";
import { evaluateCostRules, type AlertAggregates, type AlertCandidate } from "./rules";
import { businessTimeZone, getCostAlertSettings } from "./settings";

export async function loadAlertAggregates(db: Db, periods: CostPeriods): Promise<AlertAggregates> {
  const { now, timeZone } = periods;
  const from = new Date(
    Math.min(
      periods.month.start.getTime(),
      periods.week.start.getTime(),
      periods.recent.start.getTime(),
    ),
  );
  return db.$transaction(
    async (tx) => {
      const w = await rollupWatermark(tx, timeZone, now);
      const [sums] = await tx.$queryRaw<Record<string, unknown>[]>`
        SELECT sum(cost) FILTER (WHERE t >= ${ts(periods.today.start)}) AS today,
               sum(cost) FILTER (WHERE t >= ${ts(periods.week.start)}) AS week,
               sum(cost) FILTER (WHERE t >= ${ts(periods.month.start)}) AS month,
               sum(cost) FILTER (WHERE t >= ${ts(periods.recent.start)} AND t < ${ts(periods.recent.end)}) AS recent
        FROM (${bucketSource(w, from, now)}) b`;
      const hourAgo = new Date(now.getTime() - HOUR);
      const [hour] = await tx.$queryRaw<Record<string, unknown>[]>`
        SELECT sum("costMicros") FILTER (WHERE "createdAt" >= ${ts(hourAgo)}) AS cost,
               count(*) FILTER (WHERE "createdAt" >= ${ts(hourAgo)}) AS requests,
               sum("costMicros") FILTER (WHERE "createdAt" < ${ts(hourAgo)}) AS baseline
        FROM "AiCall"
        WHERE "createdAt" >= ${ts(new Date(now.getTime() - 25 * HOUR))} AND "createdAt" < ${ts(now)}`;
      return {
        todayMicros: num(sums?.today),
        weekMicros: num(sums?.week),
        monthMicros: num(sums?.month),
        recentMicros: num(sums?.recent),
        recentDays: PROJECTION_DAYS,
        lastHourMicros: num(hour?.cost),
        lastHourRequests: num(hour?.requests),
        baselineHourlyMicros: Math.round(num(hour?.baseline) / 24),
      };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
}

export type AlertChannel = "email" | "webhook";

export interface RecordedAlert {
  id: string;
  rule: string;
  periodKey: string;
  level: string;
  title: string;
}

/**
 * Inserts each candidate unless (rule, periodKey, level) already exists, and for new ones the
 * delivery rows of `channels`, in one transaction per alert. Returns only the new alerts.
 */
export async function recordCostAlerts(
  db: Db,
  candidates: AlertCandidate[],
  { now, channels }: { now: Date; channels: AlertChannel[] },
): Promise<RecordedAlert[]> {
  const created: RecordedAlert[] = [];
  for (const c of candidates) {
    const id = `ca_${randomBytes(12).toString("base64url")}`;
    const row = await db.$transaction(async (tx) => {
      const inserted = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO "CostAlert" ("id", "rule", "periodKey", "level", "title", "message",
          "costMicros", "thresholdMicros", "data", "firedAt")
        VALUES (${id}, ${c.rule}, ${c.periodKey}, ${c.level}::"CostAlertLevel", ${c.title},
          ${c.message}, ${BigInt(c.costMicros)}, ${BigInt(c.thresholdMicros)},
          ${JSON.stringify(c.data)}::jsonb, ${ts(now)})
        ON CONFLICT ("rule", "periodKey", "level") DO NOTHING
        RETURNING "id"`;
      if (!inserted.length) return null;
      if (channels.length)
        await tx.alertDelivery.createMany({
          data: channels.map((channel) => ({ alertId: id, channel })),
        });
      return inserted[0]!;
    });
    if (row)
      created.push({
        id: row.id,
        rule: c.rule,
        periodKey: c.periodKey,
        level: c.level,
        title: c.title,
      });
  }
  return created;
}

export interface CostAlertRun {
  timeZone: string;
  refresh: RefreshResult;
  aggregates: AlertAggregates;
  candidates: AlertCandidate[];
  created: RecordedAlert[];
  ms: { refresh: number; evaluate: number };
}

/**
 * One evaluation: refresh the rollups, aggregate, apply the rules at `now`, record new alerts
 * with a delivery per configured channel. Safe to run any number of times (or concurrently).
 */
export async function runCostAlerts(
  db: Db,
  { now, fallbackWebhookUrl }: { now: Date; fallbackWebhookUrl?: string | undefined },
): Promise<CostAlertRun> {
  const timeZone = await businessTimeZone(db);
  const t0 = performance.now();
  const refresh = await refreshCostRollups(db, { now, timeZone });
  const t1 = performance.now();
  const settings = await getCostAlertSettings(db);
  const periods = costPeriods(now, timeZone);
  const aggregates = await loadAlertAggregates(db, periods);
  const candidates = evaluateCostRules(aggregates, settings, periods);
  const channels: AlertChannel[] = [];
  if (settings.emailEnabled) channels.push("email");
  if (settings.webhookUrl ?? fallbackWebhookUrl) channels.push("webhook");
  const created = await recordCostAlerts(db, candidates, { now, channels });
  const t2 = performance.now();
  return {
    timeZone,
    refresh,
    aggregates,
    candidates,
    created,
    ms: { refresh: t1 - t0, evaluate: t2 - t1 },
  };
}

export interface AlertForDelivery {
  id: string;
  rule: string;
  level: string;
  title: string;
  message: string;
  firedAt: Date;
}

/** Plain-text body for email and chat. */
export function alertText(a: AlertForDelivery): string {
  const icon = a.level === "CRITICAL" ? "🚨" : "⚠️";
  return `${icon} ${a.title}\n${a.message}\nMyHibachi admin → Alerts to see the history and change budgets.`;
}

/** Email recipients: the configured list, else every owner's email. */
export async function alertRecipients(db: Db, configured?: string[]): Promise<string[]> {
  if (configured?.length) return configured;
  const owners = await db.user.findMany({
    where: { role: "OWNER" },
    select: { email: true },
    orderBy: { email: "asc" },
  });
  return owners.map((o) => o.email);
}

export const MAX_DELIVERY_ATTEMPTS = 10;

export interface DeliveryReport {
  sent: number;
  /** Deliveries that failed this time and will be retried. */
  failed: { id: string; alertId: string; channel: string; error: string }[];
  /** Deliveries that failed for the last time (marked FAILED). */
  gaveUp: number;
}

/**
 * Sends every due delivery: PENDING ones, and SENDING ones whose claim outlived the lease (the
 * sender died). Claim, send, record, each committed on its own: no transaction or row lock is
 * held while a webhook or mail server answers (see ../messages/claims.ts, at least once). Two
 * runners never send the same delivery under a live claim; success marks it SENT (never sent
 * again), failure counts the attempt and puts it back to PENDING until `maxAttempts`.
 */
export async function deliverPendingAlerts(
  db: Db,
  {
    now,
    send,
    maxAttempts = MAX_DELIVERY_ATTEMPTS,
  }: {
    now: () => Date;
    send: (channel: string, alert: AlertForDelivery) => Promise<void>;
    maxAttempts?: number;
  },
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: [], gaveUp: 0 };
  const due = await db.alertDelivery.findMany({
    where: {
      OR: [
        { status: "PENDING" },
        { status: "SENDING", lastAttemptAt: { lt: staleClaimBefore(now()) } },
      ],
    },
    orderBy: { createdAt: "asc" },
    take: 100,
    select: { id: true },
  });
  for (const { id } of due) {
    const claimedAt = now();
    const [claim] = await db.alertDelivery.updateManyAndReturn({
      where: {
        id,
        OR: [
          { status: "PENDING" },
          { status: "SENDING", lastAttemptAt: { lt: staleClaimBefore(claimedAt) } },
        ],
      },
      data: { status: "SENDING", lastAttemptAt: claimedAt, attempts: { increment: 1 } },
      include: { alert: true },
    });
    if (!claim) continue; // sent, given up, or claimed by another runner meanwhile
    let error: string | null = null;
    try {
      await send(claim.channel, claim.alert);
    } catch (err) {
      error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    }
    const mine = { id, status: "SENDING" as const, lastAttemptAt: claimedAt };
    if (error === null) {
      await db.alertDelivery.updateMany({
        where: { id, status: { not: "SENT" } },
        data: { status: "SENT", sentAt: now(), lastError: null },
      });
      report.sent++;
      continue;
    }
    const last = claim.attempts >= maxAttempts;
    await db.alertDelivery.updateMany({
      where: mine,
      data: { status: last ? "FAILED" : "PENDING", lastError: error },
    });
    if (last) report.gaveUp++;
    else report.failed.push({ id, alertId: claim.alertId, channel: claim.channel, error });
  }
  return report;
}
