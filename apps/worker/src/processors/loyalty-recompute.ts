import {
  recomputeAllLoyalty,
  recomputeCustomerLoyalty,
  remindExpiringPoints,
} from "@myhibachi/core";
import type { JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";
import { deliverEmail } from "./email-send";
import { customerUrlOf } from "./payments-receipts";

/**
 * Nightly (and on demand for one customer): each customer's loyalty recomputed from their
 * bookings, payments and ledger (core/loyalty). A tier-up's email is stored once (its key names
 * the customer and the tier) and sent here; the email sweep sends any this run couldn't.
 * The nightly run also stores the "your points expire on ..." reminders (once per quiet spell,
 * core/loyalty/expiry-reminder.ts; off without AUTH_SECRET, which signs their unsubscribe link).
 */
export const loyaltyRecompute: JobProcessor<"loyalty.recompute", ProcessorContext> = async (
  p,
  ctx,
) => {
  const now = ctx.deps.now();
  const r = p.customerId
    ? await recomputeCustomerLoyalty(ctx.deps.db, p.customerId, now).then((one) => ({
        customers: 1,
        emailKeys: one.emailKey ? [one.emailKey] : [],
      }))
    : await recomputeAllLoyalty(ctx.deps.db, now);
  const secret = ctx.deps.campaigns?.secret;
  const reminders =
    !p.customerId && secret
      ? await remindExpiringPoints(ctx.deps.db, now, { siteUrl: customerUrlOf(ctx), secret })
      : { emailKeys: [], noConsent: 0 };
  let sent = 0;
  for (const key of [...r.emailKeys, ...reminders.emailKeys]) {
    try {
      if ((await deliverEmail(key, ctx)).status === "sent") sent++;
    } catch (err) {
      ctx.deps.log.error(`[loyalty.recompute] ${key.split(":")[0]}: ${String(err)}`);
    }
  }
  return {
    customers: r.customers,
    tierUps: r.emailKeys.length,
    expiryReminders: reminders.emailKeys.length,
    ...(reminders.noConsent ? { expiryRemindersNoConsent: reminders.noConsent } : {}),
    sent,
  };
};
