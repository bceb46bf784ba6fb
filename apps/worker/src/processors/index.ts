import type { Processors } from "../context";
import { aiReply } from "./ai-reply";
import { alertsEvaluate } from "./alerts-evaluate";
import { bookingsExpireHolds } from "./bookings-expire-holds";
import { bookingsReminders } from "./bookings-reminders";
import { emailSend } from "./email-send";
import { emailSweep } from "./email-sweep";
import { deliverSms } from "./sms-send";
import { systemPing } from "./system-ping";
import { loyaltyRecompute } from "./loyalty-recompute";
import { campaignsRun } from "./campaigns-run";
import { analyticsRefit } from "./analytics-refit";
import { paymentsBalanceEmails } from "./payments-balance-emails";
import { paymentsReceipts } from "./payments-receipts";
import { paymentsRefund, paymentsStripeEvent, paymentsSweep } from "./payments";

/** One processor per job name; the `Processors` type makes a missing one a type error. */
export const processors: Processors = {
  "email.send": emailSend,
  "email.sweep": emailSweep,
  "sms.send": (p, ctx) => deliverSms(p.idempotencyKey, ctx),
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
};
