// Receipts from the web apps: a payment or refund that went through during a request (recorded
// at the event by staff, or applied on the return from Stripe) gets its receipt email stored and
// queued at once. Never throws: the worker's receipts job stores and sends any it missed.
import { receiptFromNotice, storeReceiptEmail, type PaymentNotifier } from "@myhibachi/core";
import { enqueue } from "@myhibachi/jobs";
import type { ApiDeps } from "./context";

export function receiptNotifier(
  deps: Pick<ApiDeps, "db" | "customerUrl" | "queues">,
): PaymentNotifier {
  return async (n) => {
    const target = receiptFromNotice(n);
    if (!target) return;
    try {
      const email = await storeReceiptEmail(deps.db, target.kind, target.id, {
        customerUrl: deps.customerUrl,
      });
      if (email && deps.queues)
        await enqueue(deps.queues, "email.send", email).catch((err: unknown) =>
          console.error("[receipts] not queued; the email sweep sends the stored row", err),
        );
    } catch (err) {
      console.error("[receipts] not stored; the worker's receipts job will send it", err);
    }
  };
}
