// The hard AI spend ceiling: once this month's ledger (month in the business's time zone) holds
// the owner's monthly budget, the assistant stops calling paid models and answers from its local
// tier until the budget is raised or the month ends. The cost dashboard says so.
import { Prisma, type Db } from "@myhibachi/db";
import { centsToMicros } from "@myhibachi/shared";
import { costPeriods } from "./periods";
import { bucketSource, num, rollupWatermark, ts } from "./rollup";
import { businessTimeZone, getCostAlertSettings } from "./settings";

export interface AiSpendCeiling {
  /** The month it applies to, e.g. "2026-11". */
  month: string;
  budgetMicros: number;
  spentMicros: number;
  /** Paid models are paused: this month's spend has reached the monthly budget. */
  reached: boolean;
  /** The business-local date on which this month's spend reached the budget. */
  reachedOn: string | null;
  /** Replies the local tier gave this month because paid models were paused (when counted). */
  pausedReplies: number | null;
}

/** The reason the router records on a turn it kept off paid models. */
export const BUDGET_PAUSE_REASON = "budget:monthly-reached";

/** Where this month stands against the budget. `countPaused` (the dashboard) also counts the
 * replies the ceiling kept off paid models; the router leaves it off (one cheap query per turn). */
export async function aiSpendCeiling(
  db: Db,
  { now, countPaused = false }: { now: Date; countPaused?: boolean },
): Promise<AiSpendCeiling> {
  const [timeZone, settings] = await Promise.all([businessTimeZone(db), getCostAlertSettings(db)]);
  const { month } = costPeriods(now, timeZone);
  const budgetMicros = centsToMicros(settings.monthlyBudgetCents);
  const { days, paused } = await db.$transaction(
    async (tx) => {
      const w = await rollupWatermark(tx, timeZone, now);
      const days = await tx.$queryRaw<{ day: string; cost: unknown }[]>`
        SELECT to_char((t AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS day, sum(cost) AS cost
        FROM (${bucketSource(w, month.start, now)}) b
        GROUP BY 1 ORDER BY 1`;
      if (!countPaused) return { days, paused: null };
      const [paused] = await tx.$queryRaw<{ n: unknown }[]>`
        SELECT count(*) AS n FROM "AiCall"
        WHERE "createdAt" >= ${ts(month.start)} AND "createdAt" < ${ts(now)}
          AND "routeReasons"->'reasons' ? ${BUDGET_PAUSE_REASON}`;
      return { days, paused: num(paused?.n) };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
  let spentMicros = 0;
  let reachedOn: string | null = null;
  for (const d of days) {
    spentMicros += num(d.cost);
    if (reachedOn === null && spentMicros >= budgetMicros) reachedOn = d.day;
  }
  const reached = spentMicros >= budgetMicros;
  // A budget of zero is reached from the first day of the month.
  if (reached && reachedOn === null) reachedOn = `${month.key}-01`;
  return { month: month.key, budgetMicros, spentMicros, reached, reachedOn, pausedReplies: paused };
}
