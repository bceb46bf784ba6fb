import type { z } from "zod";
import type { QueueName } from "../queues";
import { alertsEvaluate } from "./alerts-evaluate";
import { aiReply } from "./ai-reply";
import { bookingsExpireHolds } from "./bookings-expire-holds";
import { bookingsReminders } from "./bookings-reminders";
import type { JobDefinition } from "./define";
import { emailSend } from "./email-send";
import { emailSweep } from "./email-sweep";
import { smsSend } from "./sms-send";
import { systemPing } from "./system-ping";
import { loyaltyRecompute } from "./loyalty-recompute";
import { campaignsRun } from "./campaigns-run";
import { analyticsRefit } from "./analytics-refit";
import { paymentsBalanceEmails } from "./payments-balance-emails";
import { paymentsReceipts } from "./payments-receipts";
import { paymentsRefund, paymentsStripeEvent, paymentsSweep } from "./payments";

export { defineJob, type JobDefinition } from "./define";
export { emailSendPayload } from "./email-send";
export { emailSweepPayload } from "./email-sweep";
export { smsSendPayload } from "./sms-send";
export { bookingsExpireHoldsPayload } from "./bookings-expire-holds";
export { bookingsRemindersPayload } from "./bookings-reminders";
export { systemPingPayload } from "./system-ping";
export { loyaltyRecomputePayload } from "./loyalty-recompute";
export { campaignsRunPayload } from "./campaigns-run";
export { analyticsRefitPayload } from "./analytics-refit";
export { alertsEvaluatePayload } from "./alerts-evaluate";
export { paymentsReceiptsPayload } from "./payments-receipts";
export { paymentsBalanceEmailsPayload } from "./payments-balance-emails";
export {
  paymentsRefundPayload,
  paymentsStripeEventPayload,
  paymentsSweepPayload,
} from "./payments";

/**
 * Every job name -> its queue and payload schema. To add a job: write `jobs/<name>.ts` with a
 * `defineJob(...)`, add one line here, and the worker's typecheck then demands a processor for it.
 */
export const jobs = {
  "email.send": emailSend,
  "email.sweep": emailSweep,
  "sms.send": smsSend,
  "bookings.expire-holds": bookingsExpireHolds,
  "bookings.reminders": bookingsReminders,
  "system.ping": systemPing,
  "ai.reply": aiReply,
  "alerts.evaluate": alertsEvaluate,
  "payments.receipts": paymentsReceipts,
  "payments.balance-emails": paymentsBalanceEmails,
  "payments.stripe-event": paymentsStripeEvent,
  "payments.refund": paymentsRefund,
  "payments.sweep": paymentsSweep,
  "loyalty.recompute": loyaltyRecompute,
  "campaigns.run": campaignsRun,
  "analytics.refit": analyticsRefit,
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof jobs;
export const jobNames = Object.keys(jobs) as JobName[];

/** What a producer passes (before zod defaults/transforms). */
export type JobInput<N extends JobName> = z.input<(typeof jobs)[N]["schema"]>;
/** What a processor receives (after parsing). */
export type JobPayload<N extends JobName> = z.output<(typeof jobs)[N]["schema"]>;
/** Job names routed to queue Q. */
export type JobNamesOf<Q extends QueueName> = {
  [N in JobName]: (typeof jobs)[N]["queue"] extends Q ? N : never;
}[JobName];

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(jobs, name);
}
