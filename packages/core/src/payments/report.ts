// The owner's money report: what came in and went out per day (by the day the money moved, in the
// business time zone), the deposits held for events still to come, the balances still to be paid
// and the chargebacks. Only money that really moved counts: succeeded payments (online or
// recorded by staff at the event) and succeeded refunds; an open Checkout page is nothing yet.
// What is still due on a booking, though, is worked out as on the booking's own page: its total
// less what was paid towards it net of every refund made or on its way (`paidTowardTotalCents`).
import type { Db } from "@myhibachi/db";
import { addDays, daysBetween, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";
import { AppError } from "../errors";
import { loadCatalogFromDb } from "../catalog/catalog";
import { paidTowardTotalCents } from "./money";

/** Dispute states Stripe considers closed. */
export const CLOSED_DISPUTE_STATUSES = ["won", "lost", "warning_closed"] as const;
const LIVE = ["PENDING", "CONFIRMED"] as const;
export const MAX_REPORT_DAYS = 366;

export interface PaymentsReportDay {
  date: string;
  /** Succeeded payments that day. */
  payments: number;
  /** Paid towards bookings that day (deposits and balances), gratuity apart, before refunds. */
  paidCents: number;
  tipCents: number;
  /** Refunds that went through that day (by the day they succeeded; pending ones are not yet). */
  refunds: number;
  refundedCents: number;
  /** What came in less what went out that day: paid + tips - refunded. */
  netCents: number;
}

export interface OutstandingBooking {
  id: string;
  code: string;
  startsAt: Date;
  timeZone: string;
  contactName: string | null;
  status: string;
  paymentMode: "STRIPE" | "PAY_AT_EVENT";
  totalCents: number;
  /**
   * Paid towards the total, net of every refund made or on its way (`paidTowardTotalCents`, as
   * the booking's page counts it), gratuity apart.
   */
  paidTowardTotalCents: number;
  /** totalCents - paidTowardTotalCents: the booking page's balance due. */
  dueCents: number;
}

export async function paymentsReport(
  db: Db,
  input: { from?: string | undefined; to?: string | undefined },
  deps: { now: () => Date },
) {
  const now = deps.now();
  const { settings } = await loadCatalogFromDb(db);
  const tz = settings.timeZone;
  const today = zonedParts(now, tz).date;
  const to = input.to ?? today;
  const from = input.from ?? addDays(to, -29);
  if (from > to)
    throw new AppError("BAD_REQUEST", "The first day must not be after the last day.", {
      fields: { from: "must not be after to" },
    });
  if (daysBetween(from, to) >= MAX_REPORT_DAYS)
    throw new AppError(
      "BAD_REQUEST",
      `Show at most ${MAX_REPORT_DAYS} days at a time (a year): narrow the dates.`,
      { fields: { to: `at most ${MAX_REPORT_DAYS} days after from` } },
    );
  const start = zonedTimeToUtc(from, 0, tz);
  const end = zonedTimeToUtc(addDays(to, 1), 0, tz);

  const [payments, refunds] = await Promise.all([
    db.payment.findMany({
      where: { status: "SUCCEEDED", paidAt: { gte: start, lt: end } },
      select: { amountCents: true, tipCents: true, paidAt: true, method: true, kind: true },
    }),
    db.refund.findMany({
      where: { status: "SUCCEEDED", succeededAt: { gte: start, lt: end } },
      select: { amountCents: true, succeededAt: true },
    }),
  ]);
  const days = new Map<string, PaymentsReportDay>();
  for (let d = from; d <= to; d = addDays(d, 1))
    days.set(d, {
      date: d,
      payments: 0,
      paidCents: 0,
      tipCents: 0,
      refunds: 0,
      refundedCents: 0,
      netCents: 0,
    });
  const byMethod = { STRIPE: 0, CASH: 0, CARD_IN_PERSON: 0 };
  const byKind = { DEPOSIT: 0, BALANCE: 0 };
  for (const p of payments) {
    const day = days.get(zonedParts(p.paidAt!, tz).date);
    if (!day) continue;
    day.payments++;
    day.paidCents += p.amountCents;
    day.tipCents += p.tipCents;
    day.netCents += p.amountCents + p.tipCents;
    byMethod[p.method] += p.amountCents + p.tipCents;
    byKind[p.kind] += p.amountCents;
  }
  for (const r of refunds) {
    const day = days.get(zonedParts(r.succeededAt!, tz).date);
    if (!day) continue;
    day.refunds++;
    day.refundedCents += r.amountCents;
  }
  const daily = [...days.values()];
  for (const d of daily) d.netCents = d.paidCents + d.tipCents - d.refundedCents;
  const sum = (k: keyof Omit<PaymentsReportDay, "date">) => daily.reduce((s, d) => s + d[k], 0);
  const totals = {
    payments: sum("payments"),
    paidCents: sum("paidCents"),
    tipCents: sum("tipCents"),
    refunds: sum("refunds"),
    refundedCents: sum("refundedCents"),
    netCents: sum("netCents"),
    byMethod,
    byKind,
  };

  // Deposits paid for events still to come (what would be refunded if they all cancelled early),
  // less what was refunded or is on its way back already (the same rule as the balances below).
  const held = await db.payment.findMany({
    where: {
      kind: "DEPOSIT",
      status: "SUCCEEDED",
      booking: { startsAt: { gt: now }, status: { in: ["HELD", ...LIVE] } },
    },
    select: {
      id: true,
      bookingId: true,
      status: true,
      amountCents: true,
      refunds: { select: { paymentId: true, status: true, amountCents: true } },
    },
  });
  const depositsHeld = {
    bookings: new Set(held.map((p) => p.bookingId)).size,
    cents: held.reduce((s, p) => s + paidTowardTotalCents([p], p.refunds), 0),
  };

  // Balances: live bookings' totals less what was paid towards them, net of refunds made or on
  // their way (`paidTowardTotalCents`: the balance due each booking's page shows). Events to
  // come, and events already past (or completed) that nobody recorded as paid.
  const open = await db.booking.findMany({
    where: {
      OR: [
        { status: { in: [...LIVE] } },
        // A completed event whose balance was never recorded.
        { status: "COMPLETED", startsAt: { gte: zonedTimeToUtc(addDays(today, -365), 0, tz) } },
      ],
    },
    select: {
      id: true,
      code: true,
      startsAt: true,
      timeZone: true,
      contactName: true,
      status: true,
      paymentMode: true,
      totalCents: true,
      payments: {
        where: { status: "SUCCEEDED" },
        select: { id: true, status: true, amountCents: true },
      },
      refunds: { select: { paymentId: true, status: true, amountCents: true } },
    },
    orderBy: { startsAt: "asc" },
  });
  const owing: OutstandingBooking[] = [];
  for (const b of open) {
    const paidCents = paidTowardTotalCents(b.payments, b.refunds);
    const dueCents = b.totalCents - paidCents;
    if (dueCents <= 0) continue;
    owing.push({
      id: b.id,
      code: b.code,
      startsAt: b.startsAt,
      timeZone: b.timeZone,
      contactName: b.contactName,
      status: b.status,
      paymentMode: b.paymentMode,
      totalCents: b.totalCents,
      paidTowardTotalCents: paidCents,
      dueCents,
    });
  }
  const upcoming = owing.filter((b) => b.startsAt > now);
  const past = owing.filter((b) => b.startsAt <= now);
  const outstanding = (list: OutstandingBooking[], limit: number) => ({
    bookings: list.length,
    cents: list.reduce((s, b) => s + b.dueCents, 0),
    list: list.slice(0, limit),
  });

  const disputes = await db.paymentDispute.findMany({
    orderBy: { openedAt: "desc" },
    take: 100,
    select: {
      id: true,
      amountCents: true,
      reason: true,
      status: true,
      openedAt: true,
      closedAt: true,
      booking: { select: { id: true, code: true, timeZone: true, contactName: true } },
    },
  });
  const isOpen = (s: string) => !(CLOSED_DISPUTE_STATUSES as readonly string[]).includes(s);
  const openDisputes = disputes.filter((d) => isOpen(d.status));
  const lostDisputes = disputes.filter((d) => d.status === "lost");

  return {
    timeZone: tz,
    today,
    from,
    to,
    daily,
    totals,
    depositsHeld,
    balancesUpcoming: outstanding(upcoming, 50),
    /** Past (or completed) events with money still due: most likely paid and never recorded. */
    balancesPast: outstanding([...past].reverse(), 50),
    disputes: {
      open: openDisputes.length,
      openCents: openDisputes.reduce((s, d) => s + d.amountCents, 0),
      lost: lostDisputes.length,
      lostCents: lostDisputes.reduce((s, d) => s + d.amountCents, 0),
      list: disputes.map((d) => ({ ...d, open: isOpen(d.status) })),
    },
  };
}

export type PaymentsReport = Awaited<ReturnType<typeof paymentsReport>>;
