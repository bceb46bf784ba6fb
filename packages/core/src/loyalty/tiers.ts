// Loyalty tiers: data the owner edits (LoyaltyTier rows), and the pure rules over them. A
// customer is in the highest tier whose `minCompletedBookings` they have reached.
import { z } from "zod";
import type { Db, DbTx } from "@myhibachi/db";

/**
 * A tier's perk. `inQuote`: the perk is concrete enough to be a line of the quote, priced at
 * zero ("Free appetizer upgrade"); the others are told to the customer (a birthday greeting,
 * early access, priority booking).
 */
export const loyaltyPerkSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{1,39}$/, "A perk code is UPPER_CASE letters, digits and _."),
  label: z.string().trim().min(1, "Give the perk a name.").max(120),
  inQuote: z.boolean(),
});
export type LoyaltyPerk = z.infer<typeof loyaltyPerkSchema>;

export interface LoyaltyTierData {
  id: string;
  name: string;
  minCompletedBookings: number;
  discountBps: number;
  perks: LoyaltyPerk[];
  sortOrder: number;
}

/** What the quote engine needs of a tier (also stored on the booking it priced). */
export interface QuoteLoyalty {
  tierName: string;
  discountBps: number;
  perks: LoyaltyPerk[];
}

export const quoteLoyaltySchema = z.object({
  tierName: z.string(),
  discountBps: z.number().int().min(0).max(5000),
  perks: z.array(loyaltyPerkSchema),
});

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
  t: Pick<LoyaltyTierData, "name" | "discountBps" | "perks">,
): QuoteLoyalty {
  return { tierName: t.name, discountBps: t.discountBps, perks: t.perks };
}

export async function loadTiers(db: Db | DbTx): Promise<LoyaltyTierData[]> {
  const rows = await db.loyaltyTier.findMany({ orderBy: { minCompletedBookings: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    minCompletedBookings: r.minCompletedBookings,
    discountBps: r.discountBps,
    perks: perksOf(r.perks),
    sortOrder: r.sortOrder,
  }));
}
