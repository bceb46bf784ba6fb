import { storeDueBalanceEmails } from "@myhibachi/core";
import type { JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";
import { customerUrlOf, deliverStored } from "./payments-receipts";

/**
 * Scheduled every 10 minutes: the balance email of each booking whose event is
 * `balanceLinkDaysBefore` days away, once per booking: a link to pay the balance and a tip online
 * (Stripe bookings, Stripe configured), else a reminder that the balance is paid at the event.
 */
export const paymentsBalanceEmails: JobProcessor<
  "payments.balance-emails",
  ProcessorContext
> = async (_p, ctx) => {
  const { db, now, payments } = ctx.deps;
  const stored = await storeDueBalanceEmails(db, {
    now: now(),
    onlinePayments: !!payments,
    customerUrl: customerUrlOf(ctx),
  });
  const r = await deliverStored(stored, ctx, "payments.balance-emails");
  return { stored: stored.length, ...r };
};
