// Loyalty tiers: data the owner edits (LoyaltyTier rows), and the pure rules over them. A
// customer is in the highest tier whose `minCompletedBookings` they have reached.
import { z } from "zod";
import type { Db, DbTx } from "@myhibachi/db";

/**
 * A tier's perk. `inQuote`: the perk is a line of the quote; the others are told to the customer
 * (a birthday greeting, early access, priority booking). The food perks (`FREE_APPETIZER`,
 * `FREE_DESSERT`) make one serving per guest of a dish the party ordered free, as a line naming
 * it (pricing/quote.ts); any other perk in the quote is a line at zero.
 */
export const loyaltyPerkSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{1,39}$/, "A perk code is UPPER_CASE letters, digits and _."),
  label: z.string().trim().min(1, "Give the perk a name.").max(120),
  inQuote: z.boolean(),
  /**
   * A food perk's dishes (menu item slugs): `FREE_DESSERT` frees only these (the menu has no
   * dessert kind; none listed or none on the menu: nothing is freed); `FREE_APPETIZER` frees
   * these appetizers only (absent: every appetizer).
   */
  itemSlugs: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "A dish is named by its menu slug (a-z, 0-9 and -)."),
    )
    .max(20, "At most 20 dishes.")
    .optional(),
});
export type LoyaltyPerk = z.infer<typeof loyaltyPerkSchema>;

export interface LoyaltyTierData {
  id: string;
  name: string;
  minCompletedBookings: number;
  discountBps: number;
  perks: LoyaltyPerk[];
  /** Days its members may book beyond the business's `bookingWindowDays` (0: none). */
  extraWindowDays: number;
  sortOrder: number;
}

/** What the quote engine needs of a tier (also stored on the booking it priced). */
export interface QuoteLoyalty {
  tierName: string;
  discountBps: number;
  perks: LoyaltyPerk[];
  /** The tier's extra booking-window days (absent on bookings priced before it existed: 0). */
  extraWindowDays?: number;
}

export const quoteLoyaltySchema = z.object({
  tierName: z.string(),
  discountBps: z.number().int().min(0).max(5000),
  perks: z.array(loyaltyPerkSchema),
  extraWindowDays: z.number().int().min(0).max(365).optional(),
});

/** The food perks: one serving per guest of an appetizer / a dessert the party ordered is free. */
export const FREE_APPETIZER = "FREE_APPETIZER_UPGRADE";
export const FREE_DESSERT = "FREE_DESSERT";

/** The perk whose meaning is the tier's `extraWindowDays` (booking further ahead). */
export const PRIORITY_BOOKING = "PRIORITY_BOOKING";

/** The most a tier may add to the booking window (the owner's editor and the column's check). */
export const MAX_EXTRA_WINDOW_DAYS = 365;

/**
 * A perk as told to people: the priority-booking perk says what it means from the numbers ("Book
 * up to 240 days ahead (60 more than our usual 180)"), or, with no business window at hand, "Book
 * 60 extra days ahead". Any other perk (and this one with no extra days) keeps its label.
 */
export function perkLabel(
  perk: Pick<LoyaltyPerk, "code" | "label">,
  extraWindowDays: number | undefined,
  bookingWindowDays?: number,
): string {
  const extra = extraWindowDays ?? 0;
  if (perk.code !== PRIORITY_BOOKING || extra <= 0) return perk.label;
  const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;
  return bookingWindowDays === undefined
    ? `Book ${days(extra)} further ahead than the booking window`
    : `Book up to ${days(bookingWindowDays + extra)} ahead (${extra} more than our usual ${bookingWindowDays})`;
}

/**
 * How far ahead someone may book: the business's `bookingWindowDays`, plus the extra days of the
 * tier they are priced with (a signed-in verified customer's live tier; nobody else has one).
 */
export interface BookingWindow {
  /** The effective window: bookable up to today + `days`. */
  days: number;
  /** Of which beyond the business's window (the tier's `extraWindowDays`; 0: none). */
  extraDays: number;
  /** The tier that gives the extra days (null: none do). */
  tierName: string | null;
}

export function bookingWindowOf(
  bookingWindowDays: number,
  loyalty: Pick<QuoteLoyalty, "tierName" | "extraWindowDays"> | null | undefined,
): BookingWindow {
  const extraDays = Math.max(0, Math.min(MAX_EXTRA_WINDOW_DAYS, loyalty?.extraWindowDays ?? 0));
  return {
    days: bookingWindowDays + extraDays,
    extraDays,
    tierName: extraDays > 0 ? (loyalty?.tierName ?? null) : null,
  };
}

/** A tier's perks with their labels as told (`perkLabel`). */
export function toldPerks<P extends LoyaltyPerk>(
  perks: readonly P[],
  extraWindowDays: number | undefined,
  bookingWindowDays?: number,
): P[] {
  return perks.map((p) => ({ ...p, label: perkLabel(p, extraWindowDays, bookingWindowDays) }));
}

/** Perks as stored (JSON): anything malformed is dropped, never thrown at a customer. */
export function perksOf(json: unknown): LoyaltyPerk[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((p) => {
    const r = loyaltyPerkSchema.safeParse(p);
    return r.success ? [r.data] : [];
  });
}

/** A booking's stored loyalty terms, or null (none, or unreadable). */
export function storedQuoteLoyalty(json: unknown): QuoteLoyalty | null {
  const r = quoteLoyaltySchema.safeParse(json);
  return r.success ? r.data : null;
}

/** Tiers ordered from the lowest threshold up. */
export function sortTiers<T extends { minCompletedBookings: number }>(tiers: readonly T[]): T[] {
  return [...tiers].sort((a, b) => a.minCompletedBookings - b.minCompletedBookings);
}

/** The tier for a number of completed bookings: the highest threshold reached (null: no tiers). */
export function tierFor<T extends { minCompletedBookings: number }>(
  tiers: readonly T[],
  completedBookings: number,
): T | null {
  let best: T | null = null;
  for (const t of sortTiers(tiers)) if (completedBookings >= t.minCompletedBookings) best = t;
  return best ?? sortTiers(tiers)[0] ?? null;
}

export interface LoyaltyProgress {
  nextTier: string | null;
  /** Completed bookings still needed for the next tier (null at the top). */
  bookingsToNext: number | null;
  /** "2 bookings away from Silver", or "Gold is our top tier". */
  sentence: string;
}

export function progressOf(
  tiers: readonly { name: string; minCompletedBookings: number }[],
  completedBookings: number,
): LoyaltyProgress {
  const current = tierFor(tiers, completedBookings);
  const next = sortTiers(tiers).find((t) => t.minCompletedBookings > completedBookings) ?? null;
  if (!next)
    return {
      nextTier: null,
      bookingsToNext: null,
      sentence: current ? `${current.name} is our top tier` : "No loyalty tiers yet",
    };
  const n = next.minCompletedBookings - completedBookings;
  return {
    nextTier: next.name,
    bookingsToNext: n,
    sentence: `${n} booking${n === 1 ? "" : "s"} away from ${next.name}`,
  };
}

export function quoteLoyaltyOf(
  t: Pick<LoyaltyTierData, "name" | "discountBps" | "perks" | "extraWindowDays">,
): QuoteLoyalty {
  return {
    tierName: t.name,
    discountBps: t.discountBps,
    perks: t.perks,
    extraWindowDays: t.extraWindowDays,
  };
}

export async function loadTiers(db: Db | DbTx): Promise<LoyaltyTierData[]> {
  const rows = await db.loyaltyTier.findMany({ orderBy: { minCompletedBookings: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    minCompletedBookings: r.minCompletedBookings,
    discountBps: r.discountBps,
    perks: perksOf(r.perks),
    extraWindowDays: r.extraWindowDays,
    sortOrder: r.sortOrder,
  }));
}

type LadderTier = Pick<LoyaltyTierData, "id" | "name" | "minCompletedBookings" | "discountBps">;

const bookingsWords = (n: number) => `${n} completed booking${n === 1 ? "" : "s"}`;
const percentWords = (bps: number) => `${bps / 100} %`;

/**
 * Why a set of tiers (as they would be after an edit) makes no sense, or null: the lowest tier
 * starts at 0 completed bookings (every customer is in a tier: the quote, /me/loyalty and the
 * assistant agree), no two tiers start at the same number, and a tier that needs more bookings
 * gives a strictly larger discount than one that needs fewer (reaching it can't cost anything, and
 * the discount and the thresholds put the tiers in one order: with equal discounts "Silver" could
 * sit above "Gold" and a tier-up would swap Gold's perk for Silver's; attack round 2, G5).
 */
export function tierLadderProblem(tiers: readonly LadderTier[]): string | null {
  const sorted = sortTiers(tiers);
  const lowest = sorted[0];
  if (lowest && lowest.minCompletedBookings !== 0)
    return `The lowest tier must start at 0 completed bookings, so every customer has a tier: ${lowest.name} would start at ${lowest.minCompletedBookings}. Keep a tier at 0.`;
  for (let i = 1; i < sorted.length; i++) {
    const lower = sorted[i - 1]!;
    const higher = sorted[i]!;
    if (lower.minCompletedBookings === higher.minCompletedBookings)
      return `${lower.name} and ${higher.name} would both start at ${bookingsWords(higher.minCompletedBookings)}: each tier needs its own number.`;
    if (higher.discountBps < lower.discountBps)
      return `${higher.name} (from ${bookingsWords(higher.minCompletedBookings)}) would give ${percentWords(higher.discountBps)}, less than ${lower.name} (from ${bookingsWords(lower.minCompletedBookings)}, ${percentWords(lower.discountBps)}): a tier that needs more bookings can't give a smaller discount. Change the discount or the number of bookings.`;
    // Equal discounts would leave the order to the thresholds alone, so "Silver" could sit above
    // "Gold" and its tier-up swap Gold's perk for Silver's: each step up gives a larger discount.
    if (higher.discountBps === lower.discountBps)
      return `${higher.name} (from ${bookingsWords(higher.minCompletedBookings)}) would give the same ${percentWords(higher.discountBps)} as ${lower.name} (from ${bookingsWords(lower.minCompletedBookings)}): a tier that needs more bookings must give a larger discount, so the tiers keep their order. Change the discount or the number of bookings.`;
  }
  return null;
}

/**
 * Every tier row locked for the rest of the transaction (FOR UPDATE, in id order so two editors
 * never deadlock), as it is now: an edit checks the whole set after the change against these, and
 * a second edit at the same time waits, then checks against the first one's result.
 */
export async function lockTiers(tx: DbTx): Promise<LadderTier[]> {
  return tx.$queryRaw<LadderTier[]>`
    SELECT id, name, "minCompletedBookings", "discountBps"
    FROM "LoyaltyTier" ORDER BY id FOR UPDATE`;
}
