// Opening a Stripe Checkout page for a booking, the one way both the deposit (checkout.ts) and the
// balance (balance.ts) do it. The Payment row (PENDING, with its idempotency key) is committed
// first; the Stripe call is made with no transaction open and that key, so a retry after a lost
// answer gets the same session back; then its id and URL are saved. If Stripe fails, the row is
// cancelled and the customer gets a 409 saying what to do. At most one PENDING Stripe payment per
// (booking, kind) (a partial unique index): a concurrent request that lost the race tries again.
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import {
  PG_UNIQUE_VIOLATION,
  assertOutsideTransaction,
  pgErrorCode,
  type Db,
  type Payment,
} from "@myhibachi/db";
import { AppError } from "../errors";
import type { PaymentsGateway } from "./config";

/** A payment row without a session this young is being opened by a concurrent request. */
const OPENING_GRACE_MS = 30_000;
const OPENING_NOW = "We're opening your payment page right now. Please try again in a few seconds.";

export interface OpenedCheckout {
  paymentId: string;
  url: string;
  expiresAt: Date;
}

/** Where Stripe sends the customer back: the booking page (with their link token, if any). */
function returnUrls(
  customerUrl: string,
  bookingId: string,
  token: string | null,
  cancelPath: string,
) {
  const base = `${customerUrl}/bookings/${bookingId}`;
  const t = token ? `token=${encodeURIComponent(token)}&` : "";
  return {
    success_url: `${base}?${t}checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${base}${cancelPath}?${t}checkout=cancelled`,
  };
}

export interface CheckoutPageSpec {
  booking: { id: string; code: string; contactEmail: string | null };
  kind: "DEPOSIT" | "BALANCE";
  amountCents: number;
  /** The tip on top of `amountCents` (a balance only). */
  tipCents?: number;
  now: Date;
  /** An open page is handed out again only while it has more than this left. */
  reuseMarginMs: number;
  /** An open page is handed out again only for the same amount and tip. */
  reuseSameAmountsOnly: boolean;
  /** Closes an open page that is not handed out again, before a new one is opened. */
  closeOpen(open: Payment): Promise<void>;
  /** What the customer pays for, on Stripe's page. */
  lineItems: Stripe.Checkout.SessionCreateParams.LineItem[];
  /** On the payment intent (the customer's card statement and Stripe's dashboard). */
  description: string;
  expiresAt: Date;
  /** Where the return URLs point: the booking page (with its link token, or null if signed in). */
  customerUrl: string;
  returnToken: string | null;
  /** Where "back" from Stripe's page goes, below the booking page ("" for the booking page). */
  cancelPath: string;
  /** The log line when Stripe refuses or doesn't answer. */
  logMessage: string;
  /** The 409's message then (the customer's next step). */
  failedMessage: string;
}

/**
 * The Checkout page for a booking's payment of `spec.kind`: the open one if it can be handed out
 * again, else a new one (the open one closed first by `spec.closeOpen`).
 */
export async function openCheckoutPage(
  db: Db,
  gateway: PaymentsGateway,
  spec: CheckoutPageSpec,
): Promise<OpenedCheckout> {
  const { booking: b, kind, now } = spec;
  for (let attempt = 0; attempt < 3; attempt++) {
    const open = await db.payment.findFirst({
      where: { bookingId: b.id, kind, method: "STRIPE", status: "PENDING" },
    });
    if (
      open &&
      (!spec.reuseSameAmountsOnly ||
        (open.amountCents === spec.amountCents && open.tipCents === spec.tipCents)) &&
      open.checkoutUrl &&
      open.checkoutExpiresAt &&
      open.checkoutExpiresAt.getTime() > now.getTime() + spec.reuseMarginMs
    )
      return { paymentId: open.id, url: open.checkoutUrl, expiresAt: open.checkoutExpiresAt };
    if (
      open &&
      !open.stripeCheckoutSessionId &&
      now.getTime() - open.createdAt.getTime() < OPENING_GRACE_MS
    )
      throw new AppError("CONFLICT", OPENING_NOW);
    if (open) await spec.closeOpen(open);
    let row: Payment;
    try {
      row = await db.payment.create({
        data: {
          bookingId: b.id,
          kind,
          method: "STRIPE",
          amountCents: spec.amountCents,
          ...(spec.tipCents !== undefined ? { tipCents: spec.tipCents } : {}),
          idempotencyKey: `${kind.toLowerCase()}-${b.id}-${randomUUID()}`,
        },
      });
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) continue; // a concurrent request opened one
      throw err;
    }
    return createSession(db, gateway, spec, row);
  }
  throw new AppError("CONFLICT", OPENING_NOW);
}

async function createSession(
  db: Db,
  gateway: PaymentsGateway,
  spec: CheckoutPageSpec,
  row: Payment,
): Promise<OpenedCheckout> {
  const b = spec.booking;
  const metadata = { bookingId: b.id, paymentId: row.id, kind: spec.kind, bookingCode: b.code };
  assertOutsideTransaction("Stripe Checkout");
  try {
    const session = await gateway.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: spec.lineItems,
        client_reference_id: b.id,
        ...(b.contactEmail ? { customer_email: b.contactEmail } : {}),
        metadata,
        payment_intent_data: { metadata, description: spec.description },
        expires_at: Math.floor(spec.expiresAt.getTime() / 1000),
        ...returnUrls(spec.customerUrl, b.id, spec.returnToken, spec.cancelPath),
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
    console.error(`[payments] ${spec.logMessage}`, err);
    await db.payment.updateMany({
      where: { id: row.id, status: "PENDING", stripeCheckoutSessionId: null },
      data: {
        status: "CANCELED",
        failureMessage: `Stripe: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500),
      },
    });
    throw new AppError("CONFLICT", spec.failedMessage);
  }
}
