// The payment engine's dependencies in the worker: emails about bookings (the row first, then
// the send job), refunds handed to the payments queue. Nothing here throws at the caller.
import { composeBookingEmail, type BookingNotification, type PaymentDeps } from "@myhibachi/core";
import { enqueue } from "@myhibachi/jobs";
import type { WorkerDeps } from "./context";
import { receiptNotifier } from "./processors/payments-receipts";

export function workerPaymentDeps(deps: WorkerDeps): PaymentDeps {
  return {
    payments: deps.payments ?? null,
    now: deps.now,
    ...(deps.cache ? { cache: deps.cache } : {}),
    notify: (n: BookingNotification) => sendBookingEmail(deps, n),
    // Receipts (issue 12, point 5): a payment or refund that went through is emailed one.
    notifyPayment: receiptNotifier(deps),
    queueRefund: async (refundId: string) => {
      if (!deps.queues) return;
      await enqueue(deps.queues, "payments.refund", { refundId }).catch((err: unknown) =>
        deps.log.error("[payments] refund not queued; the payments sweep will send it", err),
      );
    },
  };
}

/** Stores the booking email (Outbox) and queues its sending; the email sweep is the fallback. */
export async function sendBookingEmail(deps: WorkerDeps, n: BookingNotification): Promise<void> {
  try {
    const email = await composeBookingEmail(
      deps.db,
      n,
      deps.customerUrl ?? "http://localhost:3000",
    );
    if (!email) return;
    await deps.db.emailMessage.upsert({
      where: { idempotencyKey: email.idempotencyKey },
      create: email,
      update: {},
    });
    if (deps.queues) await enqueue(deps.queues, "email.send", email);
  } catch (err) {
    deps.log.error("[payments] booking email not queued (the email sweep sends stored rows)", err);
  }
}
