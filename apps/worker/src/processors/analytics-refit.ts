import { refitCustomerIntelligence } from "@myhibachi/core";
import type { JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";

/**
 * Nightly: the customer-intelligence models refitted and every customer's scores stored under a
 * new run (core/analytics/refit.ts); the churn-risk interventions it enrols are sent by the
 * campaign engine's own job.
 */
export const analyticsRefit: JobProcessor<"analytics.refit", ProcessorContext> = async (
  _p,
  ctx,
) => {
  const r = await refitCustomerIntelligence(ctx.deps.db, { now: ctx.deps.now() });
  ctx.deps.log.info(
    `[analytics.refit] run ${r.runId}: ${r.customers} customers scored in ${r.durationMs} ms, ${r.enrolled} interventions enrolled`,
  );
  return r;
};
