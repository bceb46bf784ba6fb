import { z } from "zod";
import { paymentsReport } from "../../payments/report";
import { dateString } from "../../schemas";
import { owner } from "../access";
import { defineOperation } from "../define";

/**
 * The owner's money report: payments and refunds per day (by the day the money moved), deposits
 * held for events to come, balances still to be paid, and chargebacks.
 */
export const getPaymentsReportOp = defineOperation({
  name: "getPaymentsReport",
  kind: "query",
  summary:
    "Payments and refunds per day (the last 30 days unless told), deposits held for future events, balances outstanding and disputes. Owner only.",
  input: z.object({ from: dateString.optional(), to: dateString.optional() }).default({}),
  access: owner,
  reads: "replica",
  run(ctx, input) {
    return paymentsReport(ctx.db, input, { now: ctx.now });
  },
});
