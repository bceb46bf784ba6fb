// Customers for staff: list with booking history figures, detail, and private notes.
import type { Db, Prisma } from "@myhibachi/db";
import { adminWrite, notFound, type AdminActor, type AdminDeps } from "./audit";
import { likeLiteral } from "../like";

const SPENDING = ["PENDING", "CONFIRMED", "COMPLETED"] as const;

export async function listCustomers(db: Db, q: { search?: string; take?: number } = {}) {
  const typed = q.search?.trim();
  const s = typed ? likeLiteral(typed) : typed;
  const where: Prisma.CustomerWhereInput = s
    ? {
        OR: [
          { name: { contains: s, mode: "insensitive" } },
          { email: { contains: s, mode: "insensitive" } },
          { phone: { contains: s } },
        ],
      }
    : {};
  const customers = await db.customer.findMany({
    where,
    orderBy: { createdAt: "desc" },
    take: Math.min(q.take ?? 100, 300),
    select: { id: true, name: true, email: true, phone: true, createdAt: true, notes: true },
  });
  const stats = await db.booking.groupBy({
    by: ["customerId"],
    where: { customerId: { in: customers.map((c) => c.id) }, status: { in: [...SPENDING] } },
    _count: { _all: true },
    _sum: { totalCents: true },
    _max: { startsAt: true },
  });
  const byId = new Map(stats.map((r) => [r.customerId, r]));
  return customers.map((c) => {
    const r = byId.get(c.id);
    return {
      ...c,
      bookings: r?._count._all ?? 0,
      spentCents: r?._sum.totalCents ?? 0,
      lastEventAt: r?._max.startsAt ?? null,
    };
  });
}

export async function customerDetail(db: Db, customerId: string) {
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
  const spentCents = c.bookings
    .filter((b) => (SPENDING as readonly string[]).includes(b.status))
    .reduce((s, b) => s + b.totalCents, 0);
  return { ...c, spentCents };
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
