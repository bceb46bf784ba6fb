// Single-use offer codes (the abandoned booking's "5 % off if you book today", re-engagement's
// 10 % and 15 %): honoured by the quote engine as an explained line, redeemed once by the booking
// that uses them, in the booking's own transaction (a conditional UPDATE: of two bookings racing
// for one code, exactly one gets it and the other is refused with nothing written).
import type { Db, DbTx } from "@myhibachi/db";
import { formatInstant } from "@myhibachi/shared";
import { AppError } from "../errors";
import type { QuoteOffer } from "../pricing/quote";
import { isReferralCode, recordReferral, referralOfferFor } from "./referrals";

/** Codes are typed by people: case and surrounding spaces don't matter. */
export const normalizeOfferCode = (code: string) => code.trim().toUpperCase();

const refuse = (message: string) => new AppError("BAD_REQUEST", message, { field: "offerCode" });

/**
 * The offer a code gives at `now`, or a BAD_REQUEST that says why not (unknown, used, expired)
 * in words the customer can act on. `bookingId`: the booking already holding it counts as
 * unused (a change of that booking's party keeps its offer).
 */
export async function offerForCode(
  db: Db | DbTx,
  code: string,
  now: Date,
  opts: { timeZone: string; bookingId?: string },
): Promise<QuoteOffer> {
  const c = normalizeOfferCode(code);
  if (isReferralCode(c)) return referralOfferFor(db, c);
  const row = await db.offerCode.findUnique({ where: { code: c } });
  if (!row)
    throw refuse(
      `We don't know the code "${c}". Check it against the email it came in, or book without it.`,
    );
  if (row.redeemedAt && row.redeemedBookingId !== opts.bookingId)
    throw refuse(`The code ${c} was already used: each code works for one booking.`);
  if (row.expiresAt <= now)
    throw refuse(
      `The code ${c} expired on ${formatInstant(row.expiresAt, opts.timeZone, "fullDateTime")}.`,
    );
  return { code: row.code, percentOff: row.percentOff };
}

/**
 * Redeems the code for `bookingId` inside the booking's transaction, or throws (the booking is
 * then not written). A referral code ("REF-...") records the referral instead (referrals.ts). Only an unused, unexpired code is taken: the UPDATE re-checks on the locked
 * row, so two concurrent bookings can't both have it.
 */
export async function redeemOfferCode(
  tx: DbTx,
  code: string,
  p: { bookingId: string; email: string; now: Date; timeZone: string },
): Promise<void> {
  const { bookingId, now, timeZone } = p;
  const c = normalizeOfferCode(code);
  if (isReferralCode(c)) return recordReferral(tx, { code: c, bookingId, email: p.email, now });
  const taken = await tx.offerCode.updateMany({
    where: { code: c, redeemedAt: null, expiresAt: { gt: now } },
    data: { redeemedAt: now, redeemedBookingId: bookingId },
  });
  if (taken.count === 1) return;
  await offerForCode(tx, c, now, { timeZone }); // throws the reason: used (just now, by another booking), expired
  throw refuse(`The code ${c} was just used on another booking.`);
}

/** The offer a booking redeemed (its changes keep it), or null. */
export async function redeemedOfferOf(
  db: Db | DbTx,
  bookingId: string,
): Promise<QuoteOffer | null> {
  const row = await db.offerCode.findUnique({ where: { redeemedBookingId: bookingId } });
  return row ? { code: row.code, percentOff: row.percentOff } : null;
}

/**
 * Codes redeemed by bookings that were never made after all (their hold expired) are given back
 * while still valid: the customer can use the code again.
 */
export async function releaseOfferCodesOfExpiredHolds(db: Db, now: Date): Promise<number> {
  return db.$executeRaw`
    UPDATE "OfferCode" o SET "redeemedAt" = NULL, "redeemedBookingId" = NULL
    FROM "Booking" b
    WHERE b.id = o."redeemedBookingId" AND b.status = 'EXPIRED' AND o."expiresAt" > ${now}`;
}
