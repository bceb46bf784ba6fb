// A booking's dietary profile (issue 16): who avoids what, the diets kept, likes. The booking
// stores what its party said (the wizard's allergies step, a phone booking, a change of party);
// the customer's record keeps the merge of their bookings' profiles, so the next booking starts
// from it. Counts are checked against the party: "3 guests avoid shellfish" on a party of 2 is
// refused in words, nothing saved.
import { Prisma, type Db, type DbTx } from "@myhibachi/db";
import { mergeProfiles, sameProfile, type DietaryProfile } from "@myhibachi/shared";
import { dietaryProfileSchema } from "@myhibachi/shared/booking-schemas";
import { AppError } from "../errors";

const isEmpty = (p: DietaryProfile) => !p.avoid.length && !p.diets.length && !p.likes.length;

/**
 * The profile to store on a booking of `guests` guests: null when none or empty; refused (400)
 * when a need is said for more guests than the party has.
 */
export function bookingProfile(
  profile: DietaryProfile | null | undefined,
  guests: number,
): DietaryProfile | null {
  if (!profile || isEmpty(profile)) return null;
  const plural = (g: number) => `${g} ${g === 1 ? "guest" : "guests"}`;
  const said = [
    ...profile.avoid.map((n) => ({ n, words: `${plural(n.guests ?? 0)} avoid ${n.value}` })),
    ...profile.diets.map((n) => ({ n, words: `${plural(n.guests ?? 0)} ${n.value}` })),
  ];
  const over = said.find(({ n }) => n.guests !== null && n.guests > guests);
  if (over)
    throw new AppError(
      "BAD_REQUEST",
      `Dietary needs: "${over.words}" is more than the ${plural(guests)} in the party. Lower that number, or add the guests first.`,
      { field: "dietaryProfile" },
    );
  return profile;
}

/** A stored profile (Json column) read back; anything unreadable is treated as none. */
export function readProfile(json: unknown): DietaryProfile | null {
  if (json === null || json === undefined) return null;
  const parsed = dietaryProfileSchema.safeParse(json);
  return parsed.success && !isEmpty(parsed.data) ? parsed.data : null;
}

/** The Json column value for a profile (SQL NULL when none). */
export function profileColumn(p: DietaryProfile | null) {
  return p ? (p as unknown as Prisma.InputJsonValue) : Prisma.DbNull;
}

/**
 * Merges a booking's profile into its customer's saved one (largest count wins), in the booking's
 * transaction with the customer's row locked (two bookings at once both count). Only into an
 * account's record, and only when its own signed-in user books (or staff, on the phone with
 * them): someone typing another person's email never writes into that person's profile.
 */
export async function saveCustomerProfile(
  tx: DbTx,
  customerId: string,
  profile: DietaryProfile | null,
  by: { userId: string | null } | "staff",
): Promise<void> {
  if (!profile) return;
  const rows = await tx.$queryRaw<{ dietaryProfile: unknown; userId: string | null }[]>`
    SELECT "dietaryProfile", "userId" FROM "Customer" WHERE "id" = ${customerId} FOR UPDATE`;
  const row = rows[0];
  if (!row?.userId) return;
  if (by !== "staff" && by.userId !== row.userId) return;
  const saved = readProfile(row.dietaryProfile);
  const merged = saved ? mergeProfiles(saved, profile) : profile;
  await tx.customer.update({
    where: { id: customerId },
    data: { dietaryProfile: merged as unknown as Prisma.InputJsonValue },
  });
}

/** Two stored profiles (Json columns) say the same (order aside); none and empty alike. */
export function sameStoredProfile(a: unknown, b: unknown): boolean {
  const x = readProfile(a);
  const y = readProfile(b);
  return x === null || y === null ? x === y : sameProfile(x, y);
}

/**
 * Keeps what the chat heard of the party's allergies and diets on the hold the chat made, so
 * staff see it on the booking and the finish page starts from it. Only on a hold nobody has
 * finished yet (the finish page's answer is the customer's own and wins from then on); a count
 * larger than the party (a party made smaller after "3 of us avoid shellfish") is kept as "some
 * guests". True when the hold now carries `profile`.
 */
export async function keepChatProfileOnHold(
  db: Db,
  bookingId: string,
  profile: DietaryProfile | null | undefined,
): Promise<boolean> {
  if (!profile) return false;
  const b = await db.booking.findUnique({
    where: { id: bookingId },
    select: { adults: true, children: true },
  });
  if (!b) return false;
  const guests = b.adults + b.children;
  const fit = <T extends { guests: number | null }>(n: T): T =>
    n.guests !== null && n.guests > guests ? { ...n, guests: null } : n;
  const kept = { ...profile, avoid: profile.avoid.map(fit), diets: profile.diets.map(fit) };
  const r = await db.booking.updateMany({
    where: { id: bookingId, status: "HELD", customerId: null },
    data: { dietaryProfile: kept as unknown as Prisma.InputJsonValue },
  });
  return r.count === 1;
}
