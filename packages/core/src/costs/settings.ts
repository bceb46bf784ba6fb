// The owner's AI budgets and alert settings (CostAlertSettings singleton; no row = defaults).
import type { Db } from "@myhibachi/db";
import { AppError } from "../errors";

export interface CostAlertSettingsData {
  dailyBudgetCents: number;
  weeklyBudgetCents: number;
  monthlyBudgetCents: number;
  warnAtPercent: number;
  spikePercent: number;
  spikeMinIncreaseCents: number;
  spikeMinRequests: number;
  emailEnabled: boolean;
  webhookUrl: string | null;
}

export const DEFAULT_COST_ALERT_SETTINGS: CostAlertSettingsData = {
  dailyBudgetCents: 5_000,
  weeklyBudgetCents: 30_000,
  monthlyBudgetCents: 100_000,
  warnAtPercent: 80,
  spikePercent: 150,
  spikeMinIncreaseCents: 100,
  spikeMinRequests: 20,
  emailEnabled: true,
  webhookUrl: null,
};

const KEYS = Object.keys(DEFAULT_COST_ALERT_SETTINGS) as (keyof CostAlertSettingsData)[];

function pick(row: CostAlertSettingsData): CostAlertSettingsData {
  return Object.fromEntries(KEYS.map((k) => [k, row[k]])) as unknown as CostAlertSettingsData;
}

export async function getCostAlertSettings(db: Pick<Db, "costAlertSettings">) {
  const row = await db.costAlertSettings.findUnique({ where: { id: 1 } });
  return row ? pick(row) : { ...DEFAULT_COST_ALERT_SETTINGS };
}

/** "https://hooks.slack.com/services/T0/B0/abc…" -> "https://hooks.slack.com/…" (for logs and audit). */
export function maskWebhookUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return "(invalid)";
  }
}

/**
 * Saves the settings and writes an AuditLog row (before/after, webhook URL masked) in one
 * transaction. Throws BAD_REQUEST when the budgets are inconsistent.
 */
export async function updateCostAlertSettings(
  db: Db,
  input: CostAlertSettingsData,
  { actorId }: { actorId: string | null },
): Promise<CostAlertSettingsData> {
  if (input.weeklyBudgetCents < input.dailyBudgetCents)
    throw new AppError(
      "BAD_REQUEST",
      "The weekly budget can't be lower than the daily budget: raise the weekly budget or lower the daily one.",
      { field: "weeklyBudgetCents" },
    );
  if (input.monthlyBudgetCents < input.weeklyBudgetCents)
    throw new AppError(
      "BAD_REQUEST",
      "The monthly budget can't be lower than the weekly budget: raise the monthly budget or lower the weekly one.",
      { field: "monthlyBudgetCents" },
    );
  return db.$transaction(async (tx) => {
    const before = await getCostAlertSettings(tx);
    const data = pick(input);
    await tx.costAlertSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...data },
      update: data,
    });
    const audit = (s: CostAlertSettingsData) => ({
      ...s,
      webhookUrl: maskWebhookUrl(s.webhookUrl),
    });
    await tx.auditLog.create({
      data: {
        actorId,
        action: "cost-alert-settings.update",
        entity: "CostAlertSettings",
        entityId: "1",
        before: audit(before),
        after: audit(data),
      },
    });
    return data;
  });
}

/** The business's IANA time zone (BusinessSettings), UTC when the business is not set up yet. */
export async function businessTimeZone(db: Pick<Db, "businessSettings">): Promise<string> {
  const s = await db.businessSettings.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  return s?.timeZone ?? "UTC";
}
