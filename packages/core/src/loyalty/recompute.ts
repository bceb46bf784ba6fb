// A customer's loyalty, derived: the ledger entries that follow from their bookings and refunds
// (written once each, behind a unique key), then the tier, completed bookings, lifetime value
// and points recomputed from scratch. Never an increment: running it twice, or after a missed
// event, gives the same answer. Called after a completion, cancellation or refund commits, and
// nightly for everyone (apps/worker `loyalty.recompute`), which is also when points unused 24
// months after the last completed party expire (`expiryEntry`).
import type { Db, DbTx } from "@myhibachi/db";
import { formatCents } from "@myhibachi/shared";
import { paidTowardTotalCents, type MoneyPayment, type MoneyRefund } from "../payments/money";
import { loadTiers, perkLabel, progressOf, tierFor, type LoyaltyTierData } from "./tiers";

export type LedgerKind = "EARN" | "REVERSE" | "REFUND" | "REDEEM" | "EXPIRE";

export interface LedgerEntry {
  kind: LedgerKind;
  sourceId: string;
  bookingId: string | null;
  points: number;
  note: string | null;
}

export interface LoyaltyBookingFact {
  id: string;
  code: string;
  status: string;
  totalCents: number;
  /** When the party ended (the last completed one dates the points' expiry). */
  endsAt?: Date;
  payments: Pick<MoneyPayment, "id" | "status" | "amountCents">[];
  refunds: Pick<MoneyRefund, "id" | "paymentId" | "status" | "amountCents">[];
}

/** One point per whole dollar. */
export const pointsFor = (cents: number) => Math.floor(Math.max(0, cents) / 100);

/** A completed booking whose payments were all refunded is not a completed booking for loyalty. */
export function countsAsCompleted(b: LoyaltyBookingFact): boolean {
  if (b.status !== "COMPLETED") return false;
  const paid = b.payments.some((p) => p.status === "SUCCEEDED");
  const refunded = b.refunds.some((r) => r.status === "SUCCEEDED");
  return !(paid && refunded && paidTowardTotalCents(b.payments, b.refunds) === 0);
}

/**
 * The entries the facts call for that the ledger doesn't hold yet (pure). EARN when a booking is
 * completed (its total in points); REVERSE of that EARN when it is no longer completed; REFUND
 * for each refund that went through on an earned booking, never taking more than was earned.
 * Entries already written stay as they are (append-only).
 */
export function missingEntries(
  bookings: readonly LoyaltyBookingFact[],
  ledger: readonly LedgerEntry[],
): LedgerEntry[] {
  const have = new Set(ledger.map((e) => `${e.kind}:${e.sourceId}`));
  const out: LedgerEntry[] = [];
  const all = () => [...ledger, ...out];
  for (const b of bookings) {
    // Points a booking used, given back once when it is cancelled or its hold expired (written
    // by the cancellation or the expiry itself; this repairs a missed one).
    // A change of party may already have given part of them back (`redeem:<id>:down-to:<n>`).
    const restoreKey = `redeem:${b.id}`;
    const isRedeemReturn = (sourceId: string) =>
      sourceId === restoreKey || sourceId.startsWith(`${restoreKey}:`);
    const redeem = ledger.find((e) => e.kind === "REDEEM" && e.sourceId === b.id);
    const stillUsed = redeem
      ? -redeem.points -
        ledger
          .filter((e) => e.kind === "REVERSE" && isRedeemReturn(e.sourceId))
          .reduce((s, e) => s + e.points, 0)
      : 0;
    if (
      redeem &&
      stillUsed > 0 &&
      (b.status === "CANCELLED" || b.status === "EXPIRED") &&
      !have.has(`REVERSE:${restoreKey}`)
    )
      out.push({
        kind: "REVERSE",
        sourceId: restoreKey,
        bookingId: b.id,
        points: stillUsed,
        note: `Points used on booking ${b.code} given back: it is ${b.status.toLowerCase()}`,
      });
    let earn = all().find((e) => e.kind === "EARN" && e.sourceId === b.id);
    if (!earn) {
      if (b.status !== "COMPLETED") continue;
      earn = {
        kind: "EARN",
        sourceId: b.id,
        bookingId: b.id,
        points: pointsFor(b.totalCents),
        note: `Booking ${b.code} completed (${formatCents(b.totalCents)})`,
      };
      out.push(earn);
    }
    const earned = earn.points;
    const taken = () =>
      all()
        .filter(
          (e) =>
            e.bookingId === b.id &&
            !isRedeemReturn(e.sourceId) &&
            (e.kind === "REVERSE" || e.kind === "REFUND"),
        )
        .reduce((s, e) => s - e.points, 0);
    if (b.status !== "COMPLETED") {
      if (!have.has(`REVERSE:${b.id}`)) {
        const left = earned - taken();
        out.push({
          kind: "REVERSE",
          sourceId: b.id,
          bookingId: b.id,
          points: -Math.max(0, left),
          note: `Booking ${b.code} is ${b.status.toLowerCase()}: its points are taken back`,
        });
      }
      continue;
    }
    for (const r of b.refunds) {
      if (r.status !== "SUCCEEDED" || have.has(`REFUND:${r.id}`)) continue;
      const left = earned - taken();
      out.push({
        kind: "REFUND",
        sourceId: r.id,
        bookingId: b.id,
        points: -Math.min(Math.max(0, left), pointsFor(r.amountCents)),
        note: `Refund of ${formatCents(r.amountCents)} on booking ${b.code}`,
      });
    }
  }
  return out;
}

/** Points expire after this many months without a completed booking. */
export const POINTS_EXPIRE_MONTHS = 24;

export function addMonthsUtc(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

/**
 * When the balance will expire (pure), or null: a positive balance and a completed party, the
 * last of which ended at `lastPartyEnd`; the EXPIRE is due 24 months after it.
 */
export function pointsExpiryOf(
  bookings: readonly LoyaltyBookingFact[],
  ledger: readonly Pick<LedgerEntry, "points">[],
): { balance: number; lastPartyEnd: Date; expiresAt: Date } | null {
  const balance = ledger.reduce((s, e) => s + e.points, 0);
  if (balance <= 0) return null;
  const ends = bookings
    .filter((b) => countsAsCompleted(b) && b.endsAt)
    .map((b) => b.endsAt!.getTime());
  if (!ends.length) return null;
  const lastPartyEnd = new Date(Math.max(...ends));
  return { balance, lastPartyEnd, expiresAt: addMonthsUtc(lastPartyEnd, POINTS_EXPIRE_MONTHS) };
}

/**
 * The EXPIRE entry the facts call for (pure), or null: a customer with points and no completed
 * booking in the last 24 months loses the balance. Its key is the customer and the end of their
 * last completed party (`<customerId>:<ISO time>`), so it is written once for that quiet spell;
 * a later completed booking starts a new one.
 */
export function expiryEntry(
  customerId: string,
  bookings: readonly LoyaltyBookingFact[],
  ledger: readonly LedgerEntry[],
  now: Date,
): LedgerEntry | null {
  const due = pointsExpiryOf(bookings, ledger);
  if (!due || due.expiresAt.getTime() > now.getTime()) return null;
  const { balance, lastPartyEnd: last } = due;
  const sourceId = `${customerId}:${last.toISOString()}`;
  if (ledger.some((e) => e.kind === "EXPIRE" && e.sourceId === sourceId)) return null;
  return {
    kind: "EXPIRE",
    sourceId,
    bookingId: null,
    points: -balance,
    note: `${balance.toLocaleString("en-US")} points expired: no completed booking in ${POINTS_EXPIRE_MONTHS} months (the last ended ${last.toISOString().slice(0, 10)})`,
  };
}

export interface LoyaltyFacts {
  completedBookings: number;
  lifetimeValueCents: number;
  points: number;
}

/** The derived figures (pure): completed bookings, what they paid (less refunds), points. */
export function loyaltyFacts(
  bookings: readonly LoyaltyBookingFact[],
  ledger: readonly LedgerEntry[],
): LoyaltyFacts {
  const completed = bookings.filter(countsAsCompleted);
  return {
    completedBookings: completed.length,
    lifetimeValueCents: completed.reduce(
      (s, b) => s + paidTowardTotalCents(b.payments, b.refunds),
      0,
    ),
    points: ledger.reduce((s, e) => s + e.points, 0),
  };
}

export interface RecomputedLoyalty extends LoyaltyFacts {
  customerId: string;
  tier: LoyaltyTierData | null;
  previousTier: string | null;
  /** The tier went up in this run: its message was stored (once per customer and tier). */
  tierUp: boolean;
  /** The stored tier-up email's key, if this run wrote one. */
  emailKey: string | null;
}

export async function bookingFacts(db: Db, customerId: string): Promise<LoyaltyBookingFact[]> {
  return db.booking.findMany({
    where: { customerId },
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      code: true,
      status: true,
      totalCents: true,
      endsAt: true,
      payments: { select: { id: true, status: true, amountCents: true } },
      refunds: {
        select: { id: true, paymentId: true, status: true, amountCents: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
}

/**
 * The business's name as the owner wrote it in the settings (the loyalty emails' sign-off and
 * brand), or "" without a settings row (the emails then leave it out).
 */
export async function loyaltyBusinessName(db: Db | DbTx): Promise<string> {
  const s = await db.businessSettings.findUnique({
    where: { id: 1 },
    select: { businessName: true },
  });
  return s?.businessName.replace(/\s+/g, " ").trim() ?? "";
}

/** The key of a tier-up email: one per customer and tier, whatever retries or reruns happen. */
export const tierUpKey = (customerId: string, tierId: string) => `tier-up:${customerId}:${tierId}`;

/**
 * Recomputes one customer's loyalty: appends the ledger entries their bookings call for (unique
 * per kind and source: a concurrent or repeated run inserts nothing twice), then rewrites their
 * derived row. A move to a higher tier than the row held stores the tier-up email in the Outbox
 * (QUEUED; the email sweep sends it) under `tier-up:<customer>:<tier>`: once, ever.
 */
export async function recomputeCustomerLoyalty(
  db: Db,
  customerId: string,
  now: Date,
  tiersGiven?: LoyaltyTierData[],
): Promise<RecomputedLoyalty> {
  const tiers = tiersGiven ?? (await loadTiers(db));
  return db.$transaction(async (tx) => {
    // One recompute of a customer at a time (the row lock), so "previous tier" is this run's.
    const customer = await tx.$queryRaw<{ id: string; email: string; name: string }[]>`
      SELECT "id", "email", "name" FROM "Customer" WHERE "id" = ${customerId} FOR UPDATE`;
    const c = customer[0];
    if (!c)
      return {
        customerId,
        tier: null,
        previousTier: null,
        tierUp: false,
        emailKey: null,
        completedBookings: 0,
        lifetimeValueCents: 0,
        points: 0,
      };
    const bookings = await bookingFacts(tx as unknown as Db, customerId);
    const existing = await tx.loyaltyLedger.findMany({
      where: { customerId },
      select: { kind: true, sourceId: true, bookingId: true, points: true, note: true },
    });
    const add = missingEntries(bookings, existing);
    if (add.length)
      await tx.loyaltyLedger.createMany({
        data: add.map((e) => ({ ...e, customerId, createdAt: now })),
        skipDuplicates: true,
      });
    let ledger = add.length
      ? await tx.loyaltyLedger.findMany({
          where: { customerId },
          select: { kind: true, sourceId: true, bookingId: true, points: true, note: true },
        })
      : existing;
    // Points unused for 24 months after the last completed party expire (once per quiet spell).
    const expire = expiryEntry(customerId, bookings, ledger, now);
    if (expire) {
      await tx.loyaltyLedger.createMany({
        data: [{ ...expire, customerId, createdAt: now }],
        skipDuplicates: true,
      });
      ledger = [...ledger, expire];
    }
    const facts = loyaltyFacts(bookings, ledger);
    const tier = tierFor(tiers, facts.completedBookings);
    const before = await tx.customerLoyalty.findUnique({
      where: { customerId },
      select: { tier: { select: { name: true, minCompletedBookings: true } } },
    });
    let emailKey: string | null = null;
    const tierUp =
      !!tier && !!before && tier.minCompletedBookings > before.tier.minCompletedBookings;
    if (tier) {
      await tx.customerLoyalty.upsert({
        where: { customerId },
        create: { customerId, tierId: tier.id, ...facts, computedAt: now },
        update: { tierId: tier.id, ...facts, computedAt: now },
      });
      // Only a move up from a tier we had recorded is told: the first recompute of a customer
      // (existing customers when loyalty started, the seed) records where they are silently.
      if (tierUp) {
        emailKey = tierUpKey(customerId, tier.id);
        const progress = progressOf(tiers, facts.completedBookings);
        const perks = tier.perks.map((p) => `- ${perkLabel(p, tier.extraWindowDays)}`).join("\n");
        const business = await loyaltyBusinessName(tx);
        await tx.emailMessage.createMany({
          data: [
            {
              idempotencyKey: emailKey,
              to: c.email,
              subject: `You're now a ${tier.name} member${business ? ` of ${business}` : ""}`,
              text: [
                `Hi ${c.name},`,
                "",
                `Thank you for ${facts.completedBookings} hibachi parties with us: you're now a ${tier.name} member.`,
                tier.discountBps > 0
                  ? `Your next booking is ${tier.discountBps / 100} % off the food when you book signed in.`
                  : "",
                perks ? `Your perks:\n${perks}` : "",
                progress.nextTier ? `You're ${progress.sentence}.` : "",
                "",
                business,
              ]
                .filter((l, i, a) => l !== "" || a[i - 1] !== "")
                .join("\n"),
            },
          ],
          skipDuplicates: true,
        });
      }
    }
    return {
      customerId,
      tier,
      previousTier: before?.tier.name ?? null,
      tierUp,
      emailKey,
      ...facts,
    };
  });
}

/** The nightly run: every customer with a booking or a loyalty row, in pages. */
export async function recomputeAllLoyalty(
  db: Db,
  now: Date,
  opts: { pageSize?: number } = {},
): Promise<{ customers: number; tierUps: number; emailKeys: string[] }> {
  const tiers = await loadTiers(db);
  const pageSize = opts.pageSize ?? 200;
  let cursor: string | undefined;
  let customers = 0;
  const emailKeys: string[] = [];
  for (;;) {
    const page = await db.customer.findMany({
      where: { OR: [{ bookings: { some: {} } }, { loyalty: { isNot: null } }] },
      select: { id: true },
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (!page.length) break;
    for (const c of page) {
      const r = await recomputeCustomerLoyalty(db, c.id, now, tiers);
      customers++;
      if (r.emailKey) emailKeys.push(r.emailKey);
    }
    cursor = page[page.length - 1]!.id;
  }
  return { customers, tierUps: emailKeys.length, emailKeys };
}

/**
 * After a booking's completion, cancellation or refund has committed: its customer's loyalty,
 * now. Never fails the caller (the nightly run repairs anything missed); returns the result.
 */
export async function recomputeLoyaltyAfter(
  db: Db,
  bookingId: string,
  now: Date,
): Promise<RecomputedLoyalty | null> {
  try {
    const b = await db.booking.findUnique({
      where: { id: bookingId },
      select: { customerId: true },
    });
    if (!b?.customerId) return null;
    return await recomputeCustomerLoyalty(db, b.customerId, now);
  } catch (err) {
    console.error("[loyalty] recompute failed; the nightly run will redo it", err);
    return null;
  }
}
