// Opening the Stripe Checkout page for a held booking's deposit (openCheckoutPage: the Payment row
// first, then Stripe with no transaction open and the row's idempotency key, then the session).
import type { Db } from "@myhibachi/db";
import { formatInstant, MINUTE } from "@myhibachi/shared";
import { AppError } from "../errors";
import { openCheckoutPage, type OpenedCheckout } from "./checkout-page";
import type { PaymentsGateway } from "./config";
import { paymentNow } from "./deps";

export type { OpenedCheckout };

/** Stripe accepts a Checkout expiry between 30 minutes and 24 hours from now. */
const MIN_CHECKOUT_MINUTES = 31;

/**
 * The Checkout page for a held booking's deposit: the open one if there is one, else a new one.
 * `returnToken` is a link token of the booking (for the return URL), or null for a signed-in
 * customer. Refuses a booking that isn't waiting for its deposit.
 */
export async function openDepositCheckout(
  db: Db,
  gateway: PaymentsGateway,
  input: { bookingId: string; returnToken: string | null; customerUrl: string },
  deps: { now?: () => Date } = {},
): Promise<OpenedCheckout> {
  const now = paymentNow(deps);
  const b = await db.booking.findUnique({ where: { id: input.bookingId } });
  if (!b) throw new AppError("NOT_FOUND", "We couldn't find that booking.");
  if (b.paymentMode !== "STRIPE" || b.depositCents <= 0)
    throw new AppError(
      "PRECONDITION_FAILED",
      "No payment is taken online for this booking: you pay at the event.",
    );
  const paid = await db.payment.findFirst({
    where: { bookingId: b.id, kind: "DEPOSIT", status: "SUCCEEDED" },
  });
  if (paid)
    throw new AppError("PRECONDITION_FAILED", "The deposit for this booking is already paid.");
  if (b.status !== "HELD" || !b.customerId || !b.holdExpiresAt || b.holdExpiresAt <= now)
    throw new AppError(
      "PRECONDITION_FAILED",
      b.status === "HELD" && !b.customerId
        ? "Please finish this booking with your details first."
        : b.status === "CANCELLED"
          ? "This booking was cancelled."
          : "This booking's hold has ended and its time was released. Please book again; we'll show you what's free.",
    );

  const expiresAt = new Date(
    Math.max(b.holdExpiresAt.getTime(), now.getTime() + MIN_CHECKOUT_MINUTES * MINUTE),
  );
  const description = `Deposit for hibachi party ${b.code} on ${formatInstant(b.startsAt, b.timeZone, "fullDateTime")}`;
  return openCheckoutPage(db, gateway, {
    booking: b,
    kind: "DEPOSIT",
    amountCents: b.depositCents,
    now,
    reuseMarginMs: 0,
    reuseSameAmountsOnly: false,
    // Its session expired (or was never opened): close the row, open a new one.
    closeOpen: async (open) => {
      await db.payment.updateMany({
        where: { id: open.id, status: "PENDING" },
        data: {
          status: "CANCELED",
          failureMessage: open.failureMessage ?? "The payment page expired.",
        },
      });
    },
    lineItems: [
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: b.depositCents,
          product_data: { name: `Deposit: booking ${b.code}`, description },
        },
      },
    ],
    description,
    expiresAt,
    customerUrl: input.customerUrl,
    returnToken: input.returnToken,
    cancelPath: "",
    logMessage: "could not open a Stripe Checkout session",
    failedMessage: `We couldn't open the payment page just now. Please try again in a minute; your time stays held until ${formatInstant(b.holdExpiresAt, b.timeZone, "time")}.`,
  });
}
