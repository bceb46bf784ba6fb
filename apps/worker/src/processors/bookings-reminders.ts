import { storeDueReminders } from "@myhibachi/core";
import type { JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";
import { customerUrlOf, deliverStored } from "./payments-receipts";

/**
 * Scheduled every 5 minutes: each party's reminders (a week before, the day before) with what to
 * prepare, at the worker's clock (`deps.now`). Stored once per booking and event time, then sent;
 * the email sweep sends any this run couldn't.
 */
export const bookingsReminders: JobProcessor<"bookings.reminders", ProcessorContext> = async (
  _p,
  ctx,
) => {
  const stored = await storeDueReminders(ctx.deps.db, {
    now: ctx.deps.now(),
    customerUrl: customerUrlOf(ctx),
  });
  const r = await deliverStored(stored, ctx, "bookings.reminders");
  return { stored: stored.length, ...r };
};
