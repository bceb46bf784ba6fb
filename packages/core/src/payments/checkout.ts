// Opening the Stripe Checkout page for a held booking's deposit. The Payment row (PENDING, with
// its idempotency key) is committed first; the Stripe call is made with no transaction open and
// that key, so a retry after a lost answer gets the same session back; its id and URL are saved.
import { randomUUID } from "node:crypto";
import {
  PG_UNIQUE_VIOLATION,
  assertOutsideTransaction,
  pgErrorCode,
  type Booking,
  type Db,
  type Payment,
} from "@myhibachi/db";
import { formatInstant, MINUTE } from "@myhibachi/shared";
import { AppError } from "../errors";
import type { PaymentsGateway } from "./config";
import { paymentNow } from "./deps";

/** Stripe accepts a Checkout expiry between 30 minutes and 24 hours from now. */
const MIN_CHECKOUT_MINUTES = 31;
/** A payment row without a session this young is being opened by a concurrent request. */
const OPENING_GRACE_MS = 30_000;

export interface OpenedCheckout {
  paymentId: string;
  url: string;
  expiresAt: Date;
}

/** Where Stripe sends the customer back: the booking page (with their link token, if any). */
function returnUrls(customerUrl: string, b: Booking, token: string | null) {
  const base = `${customerUrl}/bookings/${b.id}`;
  const t = token ? `token=${encodeURIComponent(token)}&` : "";
  return {
    success_url: `${base}?${t}checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${base}?${t}checkout=cancelled`,
  };
}

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

  for (let attempt = 0; attempt < 3; attempt++) {
    const open = await db.payment.findFirst({
      where: { bookingId: b.id, kind: "DEPOSIT", method: "STRIPE", status: "PENDING" },
    });
    if (open?.checkoutUrl && open.checkoutExpiresAt && open.checkoutExpiresAt > now)
      return { paymentId: open.id, url: open.checkoutUrl, expiresAt: open.checkoutExpiresAt };
    if (
      open &&
      !open.stripeCheckoutSessionId &&
      now.getTime() - open.createdAt.getTime() < OPENING_GRACE_MS
    )
      throw new AppError(
        "CONFLICT",
        "We're opening your payment page right now. Please try again in a few seconds.",
      );
    if (open) {
      // Its session expired (or was never opened): close the row, open a new one.
      await db.payment.updateMany({
        where: { id: open.id, status: "PENDING" },
        data: {
          status: "CANCELED",
          failureMessage: open.failureMessage ?? "The payment page expired.",
        },
      });
    }
    let row: Payment;
    try {
      row = await db.payment.create({
        data: {
          bookingId: b.id,
          kind: "DEPOSIT",
          method: "STRIPE",
          amountCents: b.depositCents,
          idempotencyKey: `deposit-${b.id}-${randomUUID()}`,
        },
      });
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) continue; // a concurrent request opened one
      throw err;
    }
    return createSession(db, gateway, b, row, input, now);
  }
  throw new AppError(
    "CONFLICT",
    "We're opening your payment page right now. Please try again in a few seconds.",
  );
}

async function createSession(
  db: Db,
  gateway: PaymentsGateway,
  b: Booking,
  row: Payment,
  input: { returnToken: string | null; customerUrl: string },
  now: Date,
): Promise<OpenedCheckout> {
  const expiresAt = new Date(
    Math.max(b.holdExpiresAt!.getTime(), now.getTime() + MIN_CHECKOUT_MINUTES * MINUTE),
  );
  const metadata = { bookingId: b.id, paymentId: row.id, kind: "DEPOSIT", bookingCode: b.code };
  const description = `Deposit for hibachi party ${b.code} on ${formatInstant(b.startsAt, b.timeZone, "fullDateTime")}`;
  assertOutsideTransaction("Stripe Checkout");
  try {
    const session = await gateway.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: "usd",
              unit_amount: row.amountCents,
              product_data: { name: `Deposit: booking ${b.code}`, description },
            },
          },
        ],
        client_reference_id: b.id,
        ...(b.contactEmail ? { customer_email: b.contactEmail } : {}),
        metadata,
        payment_intent_data: { metadata, description },
        expires_at: Math.floor(expiresAt.getTime() / 1000),
        ...returnUrls(input.customerUrl, b, input.returnToken),
      },
      { idempotencyKey: row.idempotencyKey },
    );
    if (!session.url) throw new Error("Stripe returned a Checkout session without a URL");
    const sessionExpires = new Date(session.expires_at * 1000);
    await db.payment.update({
      where: { id: row.id },
      data: {
        stripeCheckoutSessionId: session.id,
        checkoutUrl: session.url,
        checkoutExpiresAt: sessionExpires,
      },
    });
    return { paymentId: row.id, url: session.url, expiresAt: sessionExpires };
  } catch (err) {
    console.error("[payments] could not open a Stripe Checkout session", err);
    await db.payment.updateMany({
      where: { id: row.id, status: "PENDING", stripeCheckoutSessionId: null },
      data: {
        status: "CANCELED",
        failureMessage: `Stripe: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500),
      },
    });
    throw new AppError(
      "CONFLICT",
      `We couldn't open the payment page just now. Please try again in a minute; your time stays held until ${formatInstant(b.holdExpiresAt!, b.timeZone, "time")}.`,
    );
  }
}
