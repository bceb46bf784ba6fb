import type { QueryCache } from "../cache";
import type { BookingNotification } from "../booking/shared";
import type { PaymentsGateway } from "./config";
import type { PaymentNotifier } from "./events";

/** What the payment engine needs from its caller (a request, the worker, a test). */
export interface PaymentDeps {
  /** The Stripe client; null/absent = "pay at the event" mode. */
  payments?: PaymentsGateway | null;
  now?: () => Date;
  /** To invalidate the booking calendar after a booking changes (a late payment re-holds). */
  cache?: Pick<QueryCache, "invalidate">;
  /** Emails the customer about a booking change (after commit); must not throw. */
  notify?: (event: BookingNotification) => Promise<void> | void;
  /** Payment and refund events (receipts); must not throw. */
  notifyPayment?: PaymentNotifier;
  /**
   * Hands a decided refund to the worker (a `payments.refund` job). Absent or failing, the
   * payments sweep sends it within a minute: the Refund row is the truth, not the job.
   */
  queueRefund?: (refundId: string) => Promise<void>;
}

export const paymentNow = (deps: { now?: () => Date }) => (deps.now ? deps.now() : new Date());

/** Runs after-commit side effects; they log and never undo the change. */
export async function afterCommit(what: string, fn: () => Promise<unknown> | unknown) {
  try {
    await fn();
  } catch (err) {
    console.error(`[payments] ${what} failed (the change is saved)`, err);
  }
}

export async function queueRefunds(
  deps: PaymentDeps,
  refundIds: readonly string[],
  bookingId: string,
) {
  for (const id of refundIds) {
    await afterCommit("queueing a refund", () => deps.queueRefund?.(id));
    await afterCommit("refund notice", () =>
      deps.notifyPayment?.({ type: "refund.issued", refundId: id, bookingId }),
    );
  }
}
