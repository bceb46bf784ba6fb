import { dueEmailKeys, dueSmsKeys } from "@myhibachi/core";
import type { JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";
import { errorMessage } from "../log";
import { deliverEmail } from "./email-send";
import { deliverSms } from "./sms-send";

/**
 * Delivers, through the same claim/send/record path as email.send: QUEUED emails that never
 * reached the queue (or whose retry is due), and emails whose sender died mid-send (a SENDING
 * claim older than the lease). One failure doesn't stop the others; it is recorded on its row.
 * Text messages (SmsMessage) too, through the SMS sender (processors/sms-send.ts).
 */
export const emailSweep: JobProcessor<"email.sweep", ProcessorContext> = async (p, ctx) => {
  const keys = await dueEmailKeys(ctx.deps.db, {
    now: ctx.deps.now(),
    olderThanMs: p.olderThanMs,
  });
  let sent = 0;
  let failed = 0;
  for (const key of keys) {
    try {
      if ((await deliverEmail(key, ctx)).status === "sent") sent++;
    } catch (err) {
      failed++;
      ctx.deps.log.error(`[email.sweep] ${key.split(":")[0]}: ${errorMessage(err)}`);
    }
  }
  // Text messages (SmsMessage) the same way: one outbox sweep for both.
  const smsKeys = await dueSmsKeys(ctx.deps.db, {
    now: ctx.deps.now(),
    olderThanMs: p.olderThanMs,
  });
  let smsSent = 0;
  for (const key of smsKeys) {
    try {
      if ((await deliverSms(key, ctx)).status === "sent") smsSent++;
    } catch (err) {
      failed++;
      ctx.deps.log.error(`[email.sweep] text ${key.split(":")[0]}: ${errorMessage(err)}`);
    }
  }
  const texts = smsKeys.length ? { smsSent } : {};
  return failed ? { sent, failed, ...texts } : { sent, ...texts };
};
