// Customers for staff: list with booking history figures, detail, and private notes.
import type { Db, Prisma } from "@myhibachi/db";
import { adminWrite, notFound, type AdminActor, type AdminDeps } from "./audit";
import { likeLiteral } from "../like";
import { phoneSearchForm } from "../contact/phone";
import { paidTowardTotalCents } from "../payments/money";

/** Bookings counted in a customer's history (not abandoned holds, expired or cancelled ones). */
const LIVE = ["PENDING", "CONFIRMED", "COMPLETED"] as const;
/** An event that took place once its start has passed (a cancelled one never did). */
const HAPPENS = ["CONFIRMED", "COMPLETED"] as const;
/** Still to come: confirmed, or waiting for our confirmation. */
const UPCOMING = ["PENDING", "CONFIRMED"] as const;

/** What staff see of one customer's history, on the list and on the customer's page alike. */
export interface CustomerHistory {
  /** Pending, confirmed and completed bookings. */
  bookings: number;
  /**
   * Money really received from the customer: every payment that went through towards a booking
   * (gratuity apart), less every refund made or on its way (`paidTowardTotalCents`, the figure
   * each booking's balance due is worked out from), whatever became of the booking (a deposit
   * kept when a booking was cancelled late counts). Never a booking's total that wasn't paid.
   */
  spentCents: number;
  /** The totals of the pending, confirmed and completed bookings: booked, paid or not. */
  bookedCents: number;
  /** The latest confirmed or completed event that has started by now (never a future one). */
  lastEventAt: Date | null;
  /** The soonest pending or confirmed event still to come, if any. */
  nextEventAt: Date | null;
}

const EMPTY: CustomerHistory = {
  bookings: 0,
  spentCents: 0,
  bookedCents: 0,
  lastEventAt: null,
  nextEventAt: null,
};

/**
 * Each customer's history figures at `now` (keyed by customer id; one query per table for any
 * number of customers), with what has been paid towards each of their bookings (`paidByBooking`,
 * net of refunds, gratuity apart). The one source of the customers list and a customer's page.
 */
export async function customerHistories(db: Db, customerIds: readonly string[], now: Date) {
  const byCustomer = new Map<string, CustomerHistory>();
  const paidByBooking = new Map<string, number>();
  if (!customerIds.length) return { byCustomer, paidByBooking };
  const mine = { customerId: { in: [...customerIds] } };
  const [bookings, payments, refunds] = await Promise.all([
    db.booking.findMany({
      where: mine,
      select: { id: true, customerId: true, status: true, startsAt: true, totalCents: true },
    }),
    db.payment.findMany({
      where: { status: "SUCCEEDED", booking: mine },
      select: { id: true, bookingId: true, status: true, amountCents: true },
    }),
    db.refund.findMany({
      where: { status: { not: "FAILED" }, booking: mine },
      select: { bookingId: true, paymentId: true, status: true, amountCents: true },
    }),
  ]);
  const group = <T extends { bookingId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.bookingId, [...(m.get(r.bookingId) ?? []), r]);
    return m;
  };
  const paymentsOf = group(payments);
  const refundsOf = group(refunds);
  const is = (list: readonly string[], status: string) => list.includes(status);
  for (const b of bookings) {
    if (!b.customerId) continue;
    const paid = paidTowardTotalCents(paymentsOf.get(b.id) ?? [], refundsOf.get(b.id) ?? []);
    paidByBooking.set(b.id, paid);
    const h = byCustomer.get(b.customerId) ?? { ...EMPTY };
    byCustomer.set(b.customerId, h);
    h.spentCents += paid;
    if (is(LIVE, b.status)) {
      h.bookings += 1;
      h.bookedCents += b.totalCents;
    }
    if (b.startsAt <= now) {
      if (is(HAPPENS, b.status) && (!h.lastEventAt || b.startsAt > h.lastEventAt))
        h.lastEventAt = b.startsAt;
    } else if (is(UPCOMING, b.status) && (!h.nextEventAt || b.startsAt < h.nextEventAt)) {
      h.nextEventAt = b.startsAt;
    }
  }
  return { byCustomer, paidByBooking };
}

/** How the customers list can be ordered. */
export const CUSTOMER_SORTS = ["recent", "spent", "nextEvent", "name"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
/** Customers on one page of the list. */
export const CUSTOMERS_PAGE_SIZE = 100;

/**
 * One page of the customers matching `search` (name, email or phone), with their history figures.
 * `sort`: "recent" (newest customer first, the default), "name", "spent" (most money received
 * first) or "nextEvent" (soonest upcoming event first, customers without one last). "spent" and
 * "nextEvent" are worked out for every matching customer before the page is cut, so the order
 * holds across pages. Ties go to the newest customer.
 */
export async function listCustomers(
  db: Db,
  q: { search?: string; page?: number; sort?: CustomerSort; pageSize?: number } = {},
  now: Date = new Date(),
) {
  const typed = q.search?.trim();
  const s = typed ? likeLiteral(typed) : typed;
  // Phones are stored in one form: a whole number typed any way ("4085550199") finds it.
  const phone = (typed && phoneSearchForm(typed)) || s;
  const where: Prisma.CustomerWhereInput = s
    ? {
        OR: [
          { name: { contains: s, mode: "insensitive" } },
          { email: { contains: s, mode: "insensitive" } },
          { phone: { contains: phone } },
        ],
      }
    : {};
  const pageSize = Math.max(1, Math.min(q.pageSize ?? CUSTOMERS_PAGE_SIZE, 300));
  const page = Math.max(1, Math.floor(q.page ?? 1));
  const sort = q.sort ?? "recent";
  const skip = (page - 1) * pageSize;
  const select = { id: true, name: true, email: true, phone: true, createdAt: true, notes: true };
  const newest: Prisma.CustomerOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

  let customers: Prisma.CustomerGetPayload<{ select: typeof select }>[];
  let total: number;
  if (sort === "recent" || sort === "name") {
    [customers, total] = await Promise.all([
      db.customer.findMany({
        where,
        orderBy: sort === "name" ? [{ name: "asc" }, ...newest] : newest,
        skip,
        take: pageSize,
        select,
      }),
      db.customer.count({ where }),
    ]);
  } else {
    // Every matching customer's figures, then the page: the order must hold across pages.
    const all = await db.customer.findMany({ where, orderBy: newest, select: { id: true } });
    total = all.length;
    const { byCustomer } = await customerHistories(
      db,
      all.map((c) => c.id),
      now,
    );
    const of = (id: string) => byCustomer.get(id) ?? EMPTY;
    const rank = all.map((c, i) => ({ id: c.id, i, h: of(c.id) }));
    rank.sort((a, b) => {
      if (sort === "spent") return b.h.spentCents - a.h.spentCents || a.i - b.i;
      const an = a.h.nextEventAt?.getTime() ?? Infinity;
      const bn = b.h.nextEventAt?.getTime() ?? Infinity;
      return an === bn ? a.i - b.i : an < bn ? -1 : 1;
    });
    const ids = rank.slice(skip, skip + pageSize).map((r) => r.id);
    const rows = await db.customer.findMany({ where: { id: { in: ids } }, select });
    const byId = new Map(rows.map((r) => [r.id, r]));
    customers = ids.flatMap((id) => byId.get(id) ?? []);
    return {
      customers: customers.map((c) => ({ ...c, ...of(c.id) })),
      total,
      page,
      pageSize,
    };
  }
  const { byCustomer } = await customerHistories(
    db,
    customers.map((c) => c.id),
    now,
  );
  return {
    customers: customers.map((c) => ({ ...c, ...(byCustomer.get(c.id) ?? EMPTY) })),
    total,
    page,
    pageSize,
  };
}

export async function customerDetail(db: Db, customerId: string, now: Date = new Date()) {
  const c = await db.customer.findUnique({
    where: { id: customerId },
    include: {
      bookings: {
        orderBy: { startsAt: "desc" },
        take: 200,
        select: {
          id: true,
          code: true,
          status: true,
          startsAt: true,
          timeZone: true,
          adults: true,
          children: true,
          totalCents: true,
          city: true,
        },
      },
    },
  });
  if (!c) throw notFound("customer");
  const { byCustomer, paidByBooking } = await customerHistories(db, [c.id], now);
  const { bookings: bookingCount, ...history } = byCustomer.get(c.id) ?? EMPTY;
  return {
    ...c,
    ...history,
    bookingCount,
    bookings: c.bookings.map((b) => ({ ...b, paidCents: paidByBooking.get(b.id) ?? 0 })),
  };
}

export async function setCustomerNotes(
  db: Db,
  input: { actor: AdminActor; customerId: string; notes: string | null },
  deps: AdminDeps,
) {
  const notes = input.notes?.trim() || null;
  return adminWrite(db, deps, { actor: input.actor, scopes: [] }, async (tx, audit) => {
    const before = await tx.customer.findUnique({ where: { id: input.customerId } });
    if (!before) throw notFound("customer");
    if (before.notes === notes) return before;
    const c = await tx.customer.update({ where: { id: before.id }, data: { notes } });
    audit({
      action: "customer.notes",
      entity: "customer",
      entityId: c.id,
      before: { notes: before.notes },
      after: { notes },
    });
    return c;
  });
}
