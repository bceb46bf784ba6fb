// Paying the balance: what is still due on a booking, the tip choices, and the Stripe Checkout
// page for "balance + tip". Without Stripe (pay-at-the-event mode, or a booking made in it) the
// balance page says plainly that the balance is paid at the event.
//
// Opening the page is the deposit's way (openCheckoutPage): the Payment row (PENDING, with its
// idempotency key) is committed first, the Stripe call is made with no transaction open and that
// key (a retry after a lost answer gets the same session back), then its id and URL are saved. At most one
// open balance page per booking (a partial unique index): asking again with the same tip reuses
// it; with another tip the old one is closed first. The webhook engine (apply.ts) marks it paid:
// what Stripe charged above the balance is the tip.
import { assertOutsideTransaction, type Booking, type Db, type DbTx } from "@myhibachi/db";
import { formatCents, formatInstant, MINUTE } from "@myhibachi/shared";
import { AppError } from "../errors";
import { openCheckoutPage, type OpenedCheckout } from "./checkout-page";
import type { PaymentsGateway } from "./config";
import { MONEY_BOOKING_SELECT, moneyOfBooking } from "./ledger";
import type { BookingMoney } from "./money";
import { MAX_TIP_CENTS } from "./in-person";

/** How long a balance Checkout page stays open (Stripe allows 30 minutes to 24 hours). */
export const BALANCE_CHECKOUT_MINUTES = 60;
/** An open page that expires sooner than this is not handed out again. */
const REUSE_MARGIN_MS = 5 * MINUTE;

export type TipChoice =
  { kind: "none" } | { kind: "percent"; bps: number } | { kind: "custom"; cents: number };

export interface TipOption {
  bps: number;
  /** "18%" */
  label: string;
  cents: number;
  suggested: boolean;
}

/** Tips are suggested on the food (the subtotal), not on travel or tax. */
export function tipOptions(
  subtotalCents: number,
  settings: { tipChoicesBps: number[]; suggestedGratuityBps: number },
): TipOption[] {
  const bpsList = [...new Set(settings.tipChoicesBps.filter((b) => b > 0 && b <= 10_000))].sort(
    (a, b) => a - b,
  );
  return bpsList.map((bps) => ({
    bps,
    label: `${Number((bps / 100).toFixed(2))}%`,
    cents: Math.round((subtotalCents * bps) / 10_000),
    suggested: bps === settings.suggestedGratuityBps,
  }));
}

/** The tip a choice means, or a 400 naming what to fix. */
export function tipCentsFor(choice: TipChoice, options: TipOption[]): number {
  if (choice.kind === "none") return 0;
  if (choice.kind === "percent") {
    const o = options.find((x) => x.bps === choice.bps);
    if (!o)
      throw new AppError(
        "BAD_REQUEST",
        `Choose one of the tips offered (${options.map((x) => x.label).join(", ") || "none"}), no tip, or a custom amount.`,
        { fields: { "tip.bps": "not one of the choices" } },
      );
    return o.cents;
  }
  if (choice.cents > MAX_TIP_CENTS)
    throw new AppError(
      "BAD_REQUEST",
      `A custom tip can be at most ${formatCents(MAX_TIP_CENTS)} online.`,
      { fields: { "tip.cents": `at most ${MAX_TIP_CENTS}` } },
    );
  return choice.cents;
}

const PAYABLE = ["PENDING", "CONFIRMED", "COMPLETED"] as const;

export interface BalanceOptions {
  bookingId: string;
  code: string;
  status: Booking["status"];
  startsAt: Date;
  timeZone: string;
  totalCents: number;
  subtotalCents: number;
  money: BookingMoney;
  dueCents: number;
  /** The balance can be paid online now (Stripe booking, Stripe configured, something due). */
  online: boolean;
  /** What the page says instead of a pay button, when `online` is false. */
  notice: string | null;
  tips: TipOption[];
}

type BalanceBooking = Pick<
  Booking,
  | "id"
  | "code"
  | "status"
  | "startsAt"
  | "timeZone"
  | "totalCents"
  | "subtotalCents"
  | "depositCents"
  | "balanceCents"
  | "paymentMode"
>;

export const BALANCE_BOOKING_SELECT = {
  ...MONEY_BOOKING_SELECT,
  code: true,
  startsAt: true,
  subtotalCents: true,
} as const;

/** What is due on a booking and how it can be paid, for the balance page and the email. */
export async function balanceOptions(
  db: Db | DbTx,
  b: BalanceBooking,
  opts: { onlinePayments: boolean },
): Promise<BalanceOptions> {
  const settings = await db.businessSettings.findUniqueOrThrow({
    where: { id: 1 },
    select: { tipChoicesBps: true, suggestedGratuityBps: true },
  });
  const money = await moneyOfBooking(db, b);
  const dueCents = money.balanceDueCents;
  const payable = (PAYABLE as readonly string[]).includes(b.status);
  let notice: string | null = null;
  if (!payable)
    notice =
      b.status === "HELD"
        ? "This booking isn't confirmed yet: confirm it first."
        : `This booking is ${b.status.toLowerCase()}: there is nothing to pay.`;
  // Paid above a total a change lowered: what is owed back, not "paid in full".
  else if (money.owedBackCents > 0) notice = money.headline;
  else if (dueCents <= 0) notice = "Paid in full. Thank you!";
  else if (b.paymentMode !== "STRIPE" || !opts.onlinePayments)
    notice = `No payment is taken online: you pay the balance of ${formatCents(dueCents)} at the event, in cash or by card.`;
  return {
    bookingId: b.id,
    code: b.code,
    status: b.status,
    startsAt: b.startsAt,
    timeZone: b.timeZone,
    totalCents: b.totalCents,
    subtotalCents: b.subtotalCents,
    money,
    dueCents,
    online: notice === null,
    notice,
    tips: tipOptions(b.subtotalCents, settings),
  };
}

export interface OpenedBalanceCheckout extends OpenedCheckout {
  amountCents: number;
  tipCents: number;
}

/**
 * The Checkout page for a booking's balance with the chosen tip: the open one if it is for the
 * same amounts, else a new one (the old one closed). Refuses a booking with nothing to pay online.
 */
export async function openBalanceCheckout(
  db: Db,
  gateway: PaymentsGateway | null | undefined,
  input: { bookingId: string; tip: TipChoice; returnToken: string | null; customerUrl: string },
  deps: { now: () => Date },
): Promise<OpenedBalanceCheckout> {
  const now = deps.now();
  const b = await db.booking.findUnique({
    where: { id: input.bookingId },
    select: { ...BALANCE_BOOKING_SELECT, contactEmail: true },
  });
  if (!b) throw new AppError("NOT_FOUND", "We couldn't find that booking.");
  const o = await balanceOptions(db, b, { onlinePayments: !!gateway });
  if (!o.online || !gateway) throw new AppError("PRECONDITION_FAILED", o.notice!);
  const tipCents = tipCentsFor(input.tip, o.tips);
  const amountCents = o.dueCents;

  const description = `Balance for hibachi party ${b.code} on ${formatInstant(b.startsAt, b.timeZone, "fullDateTime")}`;
  const lineItems = [
    {
      quantity: 1,
      price_data: {
        currency: "usd",
        unit_amount: amountCents,
        product_data: { name: `Balance: booking ${b.code}`, description },
      },
    },
  ];
  if (tipCents > 0)
    lineItems.push({
      quantity: 1,
      price_data: {
        currency: "usd",
        unit_amount: tipCents,
        product_data: { name: "Gratuity for your chef", description: "Thank you!" },
      },
    });
  const opened = await openCheckoutPage(db, gateway, {
    booking: b,
    kind: "BALANCE",
    amountCents,
    tipCents,
    now,
    reuseMarginMs: REUSE_MARGIN_MS,
    reuseSameAmountsOnly: true,
    // Another tip, or its page is about to expire: close it and open a new one. If the
    // customer still pays the old page, the webhook engine records that payment all the same.
    closeOpen: async (open) => {
      const closed = await db.payment.updateMany({
        where: { id: open.id, status: "PENDING" },
        data: { status: "CANCELED", failureMessage: "Replaced by a new payment page." },
      });
      if (closed.count && open.stripeCheckoutSessionId)
        await expireSession(gateway, open.stripeCheckoutSessionId);
    },
    lineItems,
    description,
    expiresAt: new Date(now.getTime() + BALANCE_CHECKOUT_MINUTES * MINUTE),
    customerUrl: input.customerUrl,
    returnToken: input.returnToken,
    cancelPath: "/balance",
    logMessage: "could not open a Stripe Checkout session for a balance",
    failedMessage:
      "We couldn't open the payment page just now. Please try again in a minute, or pay at the event.",
  });
  return { ...opened, amountCents, tipCents };
}

/**
 * Closes a booking's open balance payment pages after its total changed (a party change): each
 * asked for the old amount. Marked CANCELED first, then expired at Stripe (outside any
 * transaction); a page paid in the meantime is still recorded by the webhook engine, and any
 * overpayment refunded.
 */
export async function closeOpenBalancePages(
  db: Db,
  gateway: PaymentsGateway,
  bookingId: string,
): Promise<number> {
  const open = await db.payment.findMany({
    where: {
      bookingId,
      kind: "BALANCE",
      status: "PENDING",
      method: "STRIPE",
      stripeCheckoutSessionId: { not: null },
    },
    select: { id: true, stripeCheckoutSessionId: true },
  });
  let closed = 0;
  for (const p of open) {
    const { count } = await db.payment.updateMany({
      where: { id: p.id, status: "PENDING" },
      data: {
        status: "CANCELED",
        failureMessage: "The booking changed: its new balance has a new payment page.",
      },
    });
    if (!count) continue;
    closed++;
    await expireSession(gateway, p.stripeCheckoutSessionId!);
  }
  return closed;
}

async function expireSession(gateway: PaymentsGateway, sessionId: string) {
  assertOutsideTransaction("Stripe Checkout expire");
  try {
    await gateway.stripe.checkout.sessions.expire(sessionId, undefined, {
      idempotencyKey: `expire-${sessionId}`,
    });
  } catch (err) {
    // Already paid or expired: the webhook engine records whatever Stripe did.
    console.warn(`[payments] could not close Checkout session ${sessionId}`, err);
  }
}
