import {
  receiptFromNotice,
  storeMissingReceipts,
  storeReceiptEmail,
  type PaymentNotifier,
  type StoredEmail,
} from "@myhibachi/core";
import { enqueue, type JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext, WorkerDeps } from "../context";
import { errorMessage } from "../log";
import { deliverEmail } from "./email-send";

/** The customer site's URL for links in emails (the local default when not configured). */
const DEFAULT_CUSTOMER_URL = "http://localhost:3000";
export const customerUrlOf = (ctx: ProcessorContext) =>
  ctx.deps.customerUrl ?? DEFAULT_CUSTOMER_URL;

/** Sends stored emails one by one; a failure is recorded on its row and the sweep retries it. */
export async function deliverStored(
  emails: readonly Pick<StoredEmail, "idempotencyKey">[],
  ctx: ProcessorContext,
  label: string,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const e of emails) {
    try {
      if ((await deliverEmail(e.idempotencyKey, ctx)).status === "sent") sent++;
    } catch (err) {
      failed++;
      ctx.deps.log.error(`[${label}] ${e.idempotencyKey.split(":")[0]}: ${errorMessage(err)}`);
    }
  }
  return { sent, failed };
}

/**
 * Scheduled every minute: the receipt of every payment and refund that went through without one
 * yet (the webhook engine's notice normally sends it at once; this catches any it missed).
 */
export const paymentsReceipts: JobProcessor<"payments.receipts", ProcessorContext> = async (
  _p,
  ctx,
) => {
  const { db, now } = ctx.deps;
  const customerUrl = customerUrlOf(ctx);
  const stored = await storeMissingReceipts(db, { now: now(), customerUrl });
  const r = await deliverStored(stored, ctx, "payments.receipts");
  return { stored: stored.length, ...r };
};

/**
 * The worker's answer to the payment engine's notices (webhooks, refunds sent): a payment or
 * refund that went through gets its receipt now, stored once then queued for sending. Never
 * throws: the receipts job sends anything this could not.
 */
export function receiptNotifier(deps: WorkerDeps): PaymentNotifier {
  return async (n) => {
    const target = receiptFromNotice(n);
    if (!target) return;
    try {
      const email = await storeReceiptEmail(deps.db, target.kind, target.id, {
        customerUrl: deps.customerUrl ?? DEFAULT_CUSTOMER_URL,
      });
      if (email && deps.queues) await enqueue(deps.queues, "email.send", email);
    } catch (err) {
      deps.log.error(`[receipt] ${target.kind} ${target.id}: ${errorMessage(err)}`);
    }
  };
}
