// The signed-in customer's loyalty: what the quote engine prices them with and what they are told
// (tier, completed bookings, progress, points). Only ever the caller's own records.
import type { Db, DbTx } from "@myhibachi/db";
import { customerIdsForUser } from "../booking/customer-access";
import { pointsBalance } from "./points";
import {
  bookingWindowOf,
  loadTiers,
  progressOf,
  quoteLoyaltyOf,
  tierFor,
  type BookingWindow,
  type LoyaltyProgress,
  type LoyaltyTierData,
  type QuoteLoyalty,
} from "./tiers";

export interface LoyaltyUser {
  id: string;
  email: string;
  emailVerified: boolean;
  role: "CUSTOMER" | "STAFF" | "OWNER";
}

export interface MyLoyalty {
  tier: {
    name: string;
    discountBps: number;
    perks: LoyaltyTierData["perks"];
    extraWindowDays: number;
  } | null;
  completedBookings: number;
  lifetimeValueCents: number;
  points: number;
  progress: LoyaltyProgress;
  /** When the figures were last recomputed (null: never; they are then all zero). */
  computedAt: Date | null;
}

/**
 * A customer account's loyalty, from its derived rows (the best of its customer records: an
 * account may own more than one). Staff and owner accounts, and an account whose email isn't
 * verified yet (anyone can sign up with someone else's address), have none.
 */
export async function loyaltyOfUser(
  db: Db | DbTx,
  user: LoyaltyUser | null | undefined,
): Promise<MyLoyalty | null> {
  if (!user || user.role !== "CUSTOMER" || !user.emailVerified) return null;
  const ids = await customerIdsForUser(db as Db, user);
  const tiers = await loadTiers(db);
  const rows = ids.length
    ? await db.customerLoyalty.findMany({ where: { customerId: { in: ids } } })
    : [];
  const completedBookings = rows.reduce((s, r) => s + r.completedBookings, 0);
  const tier = tierFor(tiers, completedBookings);
  return {
    tier: tier
      ? {
          name: tier.name,
          discountBps: tier.discountBps,
          perks: tier.perks,
          extraWindowDays: tier.extraWindowDays,
        }
      : null,
    completedBookings,
    lifetimeValueCents: rows.reduce((s, r) => s + r.lifetimeValueCents, 0),
    // The ledger's sum as it is now (points used on a booking count at once, not at the next
    // recompute).
    points: await pointsBalance(db, ids),
    progress: progressOf(tiers, completedBookings),
    computedAt: rows.length ? new Date(Math.max(...rows.map((r) => r.computedAt.getTime()))) : null,
  };
}

/** What the quote engine prices a signed-in customer with; null for anyone else. */
export async function quoteLoyaltyForUser(
  db: Db | DbTx,
  user: LoyaltyUser | null | undefined,
): Promise<QuoteLoyalty | null> {
  const mine = await loyaltyOfUser(db, user);
  return mine?.tier ? quoteLoyaltyOf(mine.tier) : null;
}

/**
 * How far ahead this caller may book: the business's window plus the extra days of their live
 * tier (`quoteLoyaltyForUser`: the same tier their quotes are priced with, read now, so an owner's
 * edit of a tier applies to the next request). A visitor, a staff or owner account, an unverified
 * email: the business's window. Every surface that enforces or tells the window asks this.
 */
export async function bookingWindowFor(
  db: Db | DbTx,
  user: LoyaltyUser | null | undefined,
  bookingWindowDays: number,
): Promise<BookingWindow> {
  return bookingWindowOf(bookingWindowDays, await quoteLoyaltyForUser(db, user));
}

/**
 * The window of a booking's member: the customer account whose email is the booking's contact
 * email (`memberForEmail`, as a staff booking for them is priced and checked). Moving a member's
 * booking (from its link, signed in or by staff) may go as far ahead as they may book.
 */
export async function bookingWindowForEmail(
  db: Db | DbTx,
  email: string | null | undefined,
  bookingWindowDays: number,
): Promise<BookingWindow> {
  return bookingWindowOf(bookingWindowDays, (await memberForEmail(db, email))?.loyalty);
}

/** Whose tier prices a staff booking: the customer account of the booking's contact email. */
export interface MemberForEmail {
  /** The account holder's name, as their account has it. */
  name: string;
  loyalty: QuoteLoyalty;
}

/**
 * The loyalty a staff (phone) booking is priced with: that of the customer account whose email
 * is the booking's contact email (case aside), exactly as that customer is priced when they book
 * online signed in (`quoteLoyaltyForUser`: a verified customer account, its customer records).
 * Null for an email no customer account has, a staff or owner account's, or an unverified one.
 */
export async function memberForEmail(
  db: Db | DbTx,
  email: string | null | undefined,
): Promise<MemberForEmail | null> {
  const clean = email?.trim().toLowerCase();
  if (!clean || !clean.includes("@")) return null;
  const user = await db.user.findFirst({
    where: { email: { equals: clean, mode: "insensitive" }, role: "CUSTOMER" },
    select: { id: true, name: true, email: true, emailVerified: true, role: true },
    orderBy: { createdAt: "asc" },
  });
  if (!user) return null;
  const loyalty = await quoteLoyaltyForUser(db, user);
  return loyalty ? { name: user.name, loyalty } : null;
}
