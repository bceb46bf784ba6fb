// What the payment engine tells the rest of the system after a change commits (emails: the
// deposit-paid confirmation, receipts per payment and refund). Handlers must not throw.

export type PaymentNotification =
  /** A payment (deposit or balance, online or recorded in person) succeeded. */
  | { type: "payment.succeeded"; paymentId: string; bookingId: string }
  /** A refund was decided (row PENDING): the customer can be told it is on its way. */
  | { type: "refund.issued"; refundId: string; bookingId: string }
  /** Stripe confirmed the refund. */
  | { type: "refund.succeeded"; refundId: string; bookingId: string }
  /** Stripe refused the refund for good, or the retries ran out: the owner must act. */
  | { type: "refund.failed"; refundId: string; bookingId: string }
  /** A chargeback was opened or changed state. */
  | { type: "dispute.updated"; disputeId: string; bookingId: string };

export type PaymentNotifier = (n: PaymentNotification) => Promise<void> | void;
