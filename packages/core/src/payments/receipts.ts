// Receipts: one per succeeded payment (deposit, balance, or money recorded at the event) and one
// per succeeded refund. The printable page and the email read the same `Receipt`.
//
// Each receipt is emailed once: the email row's idempotency key names the payment or refund
// (`receipt:payment:<id>`, `receipt:refund:<id>`, unique in EmailMessage), written in the same
// transaction as the link token it carries. The worker's receipts job (run on a schedule, and
// right after a payment or refund is recorded) stores the missing ones and sends them; a retried
// job, two workers, or the job racing the in-person form store each at most once.
//
// A receipt says what was true when its money moved, never the booking as it is today: the
// transaction that makes a payment or a refund SUCCEEDED freezes the booking's figures on its row
// (`freezeReceipt`: the total then, paid towards it, tips, refunded, still due, the guests, the
// package and the event's time), and the page and the email read them from there. A later change
// of the party (a lower total after a payment) or a move never rewrites a receipt.
import { z } from "zod";
import type { Db, DbTx, Prisma } from "@myhibachi/db";
import { PG_UNIQUE_VIOLATION, pgErrorCode } from "@myhibachi/db";
import { formatCents, formatInstant, pluralCount } from "@myhibachi/shared";
import { issueAccessToken } from "../booking/links";
import type { StoredEmail } from "../operations/define";
import type { PaymentNotification } from "./events";
import { MONEY_BOOKING_SELECT, moneyOfBooking } from "./ledger";
import { paidAtTheEvent, type MoneyPayment } from "./money";

export type ReceiptKind = "payment" | "refund";

export interface Receipt {
  id: string;
  kind: ReceiptKind;
  /** What the customer quotes: "HB-7K2QXA-R1" (the booking code and the receipt's place). */
  number: string;
  title: string;
  /** When the money moved. */
  issuedAt: Date;
  method: string;
  business: { name: string; phone: string; email: string; address: string };
  booking: {
    id: string;
    code: string;
    startsAt: Date;
    timeZone: string;
    packageName: string;
    guests: number;
    contactName: string | null;
    status: string;
  };
  lines: { label: string; amountCents: number }[];
  /** Paid (payment) or sent back (refund) by this receipt. */
  totalCents: number;
  /** Where the booking stood when this money moved (the receipt's own snapshot). */
  account: {
    bookingTotalCents: number;
    paidTowardTotalCents: number;
    tipCents: number;
    refundedCents: number;
    balanceDueCents: number;
  };
}

/** A receipt as a booking lists it (the page links to each). */
export interface ReceiptRef {
  id: string;
  kind: ReceiptKind;
  number: string;
  label: string;
  amountCents: number;
  issuedAt: Date;
}

export const receiptEmailKey = (kind: ReceiptKind, id: string) => `receipt:${kind}:${id}`;

/** The receipt a payment notice calls for: a payment or a refund that went through. */
export function receiptFromNotice(
  n: PaymentNotification,
): { kind: ReceiptKind; id: string } | null {
  if (n.type === "payment.succeeded") return { kind: "payment", id: n.paymentId };
  if (n.type === "refund.succeeded") return { kind: "refund", id: n.refundId };
  return null;
}

/**
 * How a payment was made, as its receipt says it: in person is "at the event" only on the
 * event's own day (its calendar), the booking page's rule (`paidAtTheEvent`).
 */
function receiptMethod(method: MoneyPayment["method"], atEvent: boolean): string {
  if (method === "STRIPE") return "Card, paid online (Stripe)";
  if (method === "CASH") return atEvent ? "Cash, paid at the event" : "Cash, paid in person";
  return atEvent ? "Card, paid at the event" : "Card, paid in person";
}

const RECEIPT_BOOKING = {
  ...MONEY_BOOKING_SELECT,
  code: true,
  startsAt: true,
  adults: true,
  children: true,
  contactName: true,
  contactEmail: true,
  package: { select: { name: true } },
} as const;

/**
 * What a receipt says about its booking, as it stood when the money moved: stored on the
 * Payment or Refund row (`receiptSnapshot`) in the transaction that made it SUCCEEDED.
 */
export const receiptSnapshotSchema = z.object({
  bookingTotalCents: z.number().int(),
  /** Every payment towards the total by then, this one included (tips apart). */
  paidTowardTotalCents: z.number().int(),
  tipCents: z.number().int(),
  /** Refunds that had gone through by then (this one included, for a refund). */
  refundedCents: z.number().int(),
  balanceDueCents: z.number().int(),
  guests: z.number().int(),
  packageName: z.string(),
  /** The event's start then (ISO 8601). */
  startsAt: z.iso.datetime(),
});
export type ReceiptSnapshot = z.infer<typeof receiptSnapshotSchema>;

/** The booking's figures a receipt shows, as they stand now (inside the money's transaction). */
export async function receiptSnapshotOf(
  db: Db | DbTx,
  bookingId: string,
): Promise<ReceiptSnapshot> {
  const b = await db.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: RECEIPT_BOOKING,
  });
  const money = await moneyOfBooking(db, b);
  return {
    bookingTotalCents: b.totalCents,
    paidTowardTotalCents: money.paidCents - money.tipCents,
    tipCents: money.tipCents,
    refundedCents: money.refundedCents,
    balanceDueCents: money.balanceDueCents,
    guests: b.adults + b.children,
    packageName: b.package.name,
    startsAt: b.startsAt.toISOString(),
  };
}

/**
 * Freezes the receipt of a payment or refund that has just gone through: called in the same
 * transaction, after its row (and the rest of that transaction's money) is written.
 */
export async function freezeReceipt(
  tx: DbTx,
  kind: ReceiptKind,
  id: string,
  bookingId: string,
): Promise<void> {
  const data = {
    receiptSnapshot: (await receiptSnapshotOf(tx, bookingId)) as unknown as Prisma.InputJsonValue,
  };
  if (kind === "payment") await tx.payment.update({ where: { id }, data });
  else await tx.refund.update({ where: { id }, data });
}

/** A stored snapshot, or null (a row written before snapshots, or not one we can read). */
function storedSnapshot(v: unknown): ReceiptSnapshot | null {
  const parsed = receiptSnapshotSchema.safeParse(v);
  return parsed.success ? parsed.data : null;
}

/**
 * Every receipt of a booking in the order the money moved, numbered R1, R2... on that order
 * (payments and refunds together). Only money that moved has one.
 */
export async function receiptsOfBooking(db: Db | DbTx, bookingId: string): Promise<ReceiptRef[]> {
  const [booking, payments, refunds] = await Promise.all([
    db.booking.findUnique({ where: { id: bookingId }, select: { code: true } }),
    db.payment.findMany({
      where: { bookingId, status: "SUCCEEDED" },
      select: { id: true, kind: true, amountCents: true, tipCents: true, paidAt: true },
    }),
    db.refund.findMany({
      where: { bookingId, status: "SUCCEEDED" },
      select: { id: true, amountCents: true, succeededAt: true, createdAt: true },
    }),
  ]);
  if (!booking) return [];
  const refs = [
    ...payments.map((p) => ({
      id: p.id,
      kind: "payment" as const,
      label: `${p.kind === "DEPOSIT" ? "Deposit" : "Balance"} payment${p.tipCents ? " with gratuity" : ""}`,
      amountCents: p.amountCents + p.tipCents,
      issuedAt: p.paidAt!,
    })),
    ...refunds.map((r) => ({
      id: r.id,
      kind: "refund" as const,
      label: "Refund",
      amountCents: r.amountCents,
      issuedAt: r.succeededAt ?? r.createdAt,
    })),
  ].sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime() || a.id.localeCompare(b.id));
  return refs.map((r, i) => ({ ...r, number: `${booking.code}-R${i + 1}` }));
}

/** One receipt of a booking, or null (no such payment or refund, or it didn't go through). */
export async function receiptFor(
  db: Db | DbTx,
  bookingId: string,
  receiptId: string,
): Promise<Receipt | null> {
  const refs = await receiptsOfBooking(db, bookingId);
  const ref = refs.find((r) => r.id === receiptId);
  if (!ref) return null;
  const [b, settings] = await Promise.all([
    db.booking.findUniqueOrThrow({ where: { id: bookingId }, select: RECEIPT_BOOKING }),
    db.businessSettings.findUniqueOrThrow({ where: { id: 1 } }),
  ]);
  const day = (d: Date) => formatInstant(d, b.timeZone, "longDate");
  let lines: Receipt["lines"];
  let method: string;
  let title: string;
  let then: ReceiptSnapshot;
  if (ref.kind === "payment") {
    const p = await db.payment.findUniqueOrThrow({ where: { id: ref.id } });
    // A row without a snapshot (none is left after the backfill): as things stand now.
    then = storedSnapshot(p.receiptSnapshot) ?? (await receiptSnapshotOf(db, bookingId));
    title = "Payment receipt";
    // The event's day when the money moved (the receipt's snapshot), in its time zone.
    const at = p.paidAt ?? p.createdAt;
    method = receiptMethod(
      p.method,
      paidAtTheEvent(at, { startsAt: new Date(then.startsAt), timeZone: b.timeZone }),
    );
    lines = [
      {
        label:
          p.kind === "DEPOSIT"
            ? `Deposit for booking ${b.code}`
            : `${p.amountCents === then.bookingTotalCents ? "Payment" : "Balance"} for booking ${b.code}`,
        amountCents: p.amountCents,
      },
    ];
    if (p.tipCents > 0) lines.push({ label: "Gratuity for your chef", amountCents: p.tipCents });
  } else {
    const r = await db.refund.findUniqueOrThrow({
      where: { id: ref.id },
      include: { payment: { select: { kind: true, method: true, paidAt: true } } },
    });
    then = storedSnapshot(r.receiptSnapshot) ?? (await receiptSnapshotOf(db, bookingId));
    title = "Refund receipt";
    method = `Back to the card used${r.payment.paidAt ? ` on ${day(r.payment.paidAt)}` : ""}`;
    lines = [
      {
        label: `Refund of the ${r.payment.kind === "DEPOSIT" ? "deposit" : "payment"} for booking ${b.code}`,
        amountCents: r.amountCents,
      },
    ];
  }
  return {
    id: ref.id,
    kind: ref.kind,
    number: ref.number,
    title,
    issuedAt: ref.issuedAt,
    method,
    business: {
      name: settings.businessName,
      phone: settings.phone,
      email: settings.email,
      address: settings.baseAddress,
    },
    booking: {
      id: b.id,
      code: b.code,
      startsAt: new Date(then.startsAt),
      timeZone: b.timeZone,
      packageName: then.packageName,
      guests: then.guests,
      contactName: b.contactName,
      status: b.status,
    },
    lines,
    totalCents: ref.amountCents,
    account: {
      bookingTotalCents: then.bookingTotalCents,
      paidTowardTotalCents: then.paidTowardTotalCents,
      tipCents: then.tipCents,
      refundedCents: then.refundedCents,
      balanceDueCents: then.balanceDueCents,
    },
  };
}

/** The receipt as an email (plain text), with the link to its printable page. */
export function receiptEmailText(r: Receipt, link: string): { subject: string; text: string } {
  const when = (d: Date) => formatInstant(d, r.booking.timeZone, "longDate");
  const width = Math.max(...r.lines.map((l) => l.label.length), 10) + 2;
  const row = (label: string, cents: number) => `  ${label.padEnd(width)} ${formatCents(cents)}`;
  const isRefund = r.kind === "refund";
  const a = r.account;
  return {
    subject: `${isRefund ? "Refund receipt" : "Receipt"} ${r.number} from ${r.business.name}`,
    text: [
      `${r.title} ${r.number}`,
      `${r.business.name} · ${r.business.address} · ${r.business.phone} · ${r.business.email}`,
      `Booking ${r.booking.code}: ${formatInstant(r.booking.startsAt, r.booking.timeZone, "fullDateTime")}, ${pluralCount(r.booking.guests, "guest")}, ${r.booking.packageName}`,
      `${isRefund ? "Refunded" : "Paid"} on ${when(r.issuedAt)} · ${r.method}`,
      [
        ...r.lines.map((l) => row(l.label, l.amountCents)),
        row(isRefund ? "Total refunded" : "Total paid", r.totalCents),
      ].join("\n"),
      `Booking total ${formatCents(a.bookingTotalCents)} · paid towards it ${formatCents(a.paidTowardTotalCents)}${a.tipCents ? ` · gratuity ${formatCents(a.tipCents)}` : ""}${a.refundedCents ? ` · refunded ${formatCents(a.refundedCents)}` : ""} · still to pay ${formatCents(a.balanceDueCents)}`,
      `See or print this receipt: ${link}`,
      `Questions? Call us at ${r.business.phone} or email ${r.business.email}.`,
    ].join("\n\n"),
  };
}

/**
 * Stores the receipt email of one payment or refund (QUEUED) with a fresh link token, once per
 * receipt: returns the email to send, or null when it was stored before, there is no receipt
 * (the money didn't move) or nowhere to send it.
 */
export async function storeReceiptEmail(
  db: Db,
  kind: ReceiptKind,
  id: string,
  opts: { customerUrl: string },
): Promise<StoredEmail | null> {
  const key = receiptEmailKey(kind, id);
  try {
    return await db.$transaction(async (tx) => {
      if (
        await tx.emailMessage.findUnique({ where: { idempotencyKey: key }, select: { id: true } })
      )
        return null;
      const owner =
        kind === "payment"
          ? await tx.payment.findUnique({ where: { id }, select: { bookingId: true } })
          : await tx.refund.findUnique({ where: { id }, select: { bookingId: true } });
      if (!owner) return null;
      const receipt = await receiptFor(tx, owner.bookingId, id);
      const booking = await tx.booking.findUnique({
        where: { id: owner.bookingId },
        select: { contactEmail: true },
      });
      if (!receipt || !booking?.contactEmail) return null;
      const token = await issueAccessToken(tx, owner.bookingId, {
        sentByEmail: true,
        // Read-only: a receipt gets forwarded (an accountant, whoever split the bill).
        scope: "RECEIPTS",
      });
      const link = `${opts.customerUrl}/bookings/${owner.bookingId}/receipts/${id}?token=${token}`;
      const { subject, text } = receiptEmailText(receipt, link);
      const email = { to: booking.contactEmail, subject, text, idempotencyKey: key };
      await tx.emailMessage.create({ data: email });
      return email;
    });
  } catch (err) {
    // Another sender stored it between our check and our insert: that one is sent.
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) return null;
    throw err;
  }
}

/** How far back the receipts job looks for money that moved without a receipt yet. */
export const RECEIPT_LOOKBACK_MS = 3 * 24 * 3600_000;

/**
 * Payments and refunds that went through since `since` and have no receipt email yet (oldest
 * first, at most `limit`). Rows written before `since` (the demo's history) never get one.
 */
export async function receiptsToSend(
  db: Db,
  since: Date,
  limit = 100,
): Promise<{ kind: ReceiptKind; id: string }[]> {
  const rows = await db.$queryRaw<{ kind: ReceiptKind; id: string }[]>`
    SELECT kind, id FROM (
      SELECT 'payment' AS kind, p.id, p."paidAt" AS at FROM "Payment" p
        JOIN "Booking" b ON b.id = p."bookingId" AND b."contactEmail" IS NOT NULL
       WHERE p.status = 'SUCCEEDED' AND p."paidAt" >= ${since} AND p."createdAt" >= ${since}
         AND NOT EXISTS (SELECT 1 FROM "EmailMessage" e
                          WHERE e."idempotencyKey" = 'receipt:payment:' || p.id)
      UNION ALL
      SELECT 'refund' AS kind, r.id, r."succeededAt" AS at FROM "Refund" r
        JOIN "Booking" b ON b.id = r."bookingId" AND b."contactEmail" IS NOT NULL
       WHERE r.status = 'SUCCEEDED' AND r."succeededAt" >= ${since} AND r."createdAt" >= ${since}
         AND NOT EXISTS (SELECT 1 FROM "EmailMessage" e
                          WHERE e."idempotencyKey" = 'receipt:refund:' || r.id)
    ) due
    ORDER BY at, id
    LIMIT ${limit}`;
  return rows;
}

/** Stores every missing receipt email (see `receiptsToSend`); returns the ones to send now. */
export async function storeMissingReceipts(
  db: Db,
  opts: { now: Date; customerUrl: string; limit?: number },
): Promise<StoredEmail[]> {
  const due = await receiptsToSend(
    db,
    new Date(opts.now.getTime() - RECEIPT_LOOKBACK_MS),
    opts.limit,
  );
  const out: StoredEmail[] = [];
  for (const d of due) {
    const email = await storeReceiptEmail(db, d.kind, d.id, opts);
    if (email) out.push(email);
  }
  return out;
}
