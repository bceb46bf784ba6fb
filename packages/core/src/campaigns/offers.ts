// Single-use offer codes (the abandoned booking's "5 % off if you book today", re-engagement's
// 10 % and 15 %): honoured by the quote engine as an explained line, redeemed once by the booking
// that uses them, in the booking's own transaction (a conditional UPDATE: of two bookings racing
// for one code, exactly one gets it and the other is refused with nothing written).
import type { Db, DbTx } from "@myhibachi/db";
import { formatInstant } from "@myhibachi/shared";
import { AppError } from "../errors";
import type { QuoteOffer } from "../pricing/quote";
import { customerIdsForUser } from "../booking/customer-access";
import { mailboxKey } from "./mailbox";
import { isReferralCode, recordReferral, referralOfferFor } from "./referrals";

/**
 * Who is using a code, as far as the request says: the signed-in customer's records and verified
 * email, and the booking's contact email. Empty: nobody known yet (an anonymous quote, a chat
 * hold before its details): the rules that need a person wait for the booking.
 */
export interface CodeUser {
  customerIds: string[];
  emails: string[];
}

export const NOBODY: CodeUser = { customerIds: [], emails: [] };

/** Whether the request says nothing of who uses a code (the rules that need a person wait). */
export const isNobody = (who: CodeUser) => !who.customerIds.length && !who.emails.length;

/** A personal code's line, when the quote couldn't check who uses it (`QuoteOffer.onlyFor`). */
export const ONLY_FOR_RECIPIENT = "only for the person the code was sent to";

/** The CodeUser of a request: a signed-in account (its email verified) and/or a contact email. */
export async function codeUserOf(
  db: Db | DbTx,
  p: {
    user?: { id: string; email: string; emailVerified: boolean } | null | undefined;
    email?: string | null | undefined;
  },
): Promise<CodeUser> {
  const user = p.user?.emailVerified ? p.user : null;
  const emails = [user?.email, p.email]
    .filter((e): e is string => !!e && e.includes("@"))
    .map((e) => e.trim().toLowerCase());
  return {
    customerIds: user ? await customerIdsForUser(db as Db, user) : [],
    emails: [...new Set(emails)],
  };
}

/** The sentence for a personal code used by someone else (issue 14, docs/CAMPAIGNS.md). */
export const NOT_YOUR_CODE = "This code was sent to someone else: it works only on their booking.";

/**
 * A code issued to a person (a campaign email's, a referral reward) is honoured only for them:
 * their customer record (signed in), or an email that reaches their mailbox (`mailboxKey`).
 * Nobody known yet: not decided here (the booking, which has a contact email, decides).
 */
export function assertCodeIsTheirs(
  row: { email: string | null; customerId: string | null },
  who: CodeUser,
): void {
  if (!row.email && !row.customerId) return; // open to everyone
  if (isNobody(who)) return;
  if (row.customerId && who.customerIds.includes(row.customerId)) return;
  if (row.email && who.emails.some((e) => mailboxKey(e) === mailboxKey(row.email!))) return;
  throw refuse(NOT_YOUR_CODE);
}

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
  opts: {
    timeZone: string;
    bookingId?: string;
    /** Who uses it (`codeUserOf`); absent: nobody known yet. */
    who?: CodeUser;
    /** A booking's contact email: a referral code must be its first booking. */
    contactEmail?: string;
  },
): Promise<QuoteOffer> {
  const c = normalizeOfferCode(code);
  const who = opts.who ?? NOBODY;
  if (isReferralCode(c))
    return referralOfferFor(db, c, who, {
      ...(opts.bookingId ? { bookingId: opts.bookingId } : {}),
      ...(opts.contactEmail ? { firstBookingOf: [opts.contactEmail.trim().toLowerCase()] } : {}),
    });
  const row = await db.offerCode.findUnique({ where: { code: c } });
  if (!row)
    throw new AppError(
      "BAD_REQUEST",
      `We don't know the code "${c}". Check it against the email it came in, or book without it.`,
      { field: "offerCode", unknownCode: true },
    );
  if (row.redeemedAt && row.redeemedBookingId !== opts.bookingId)
    throw refuse(`The code ${c} was already used: each code works for one booking.`);
  if (row.expiresAt <= now)
    throw refuse(
      `The code ${c} expired on ${formatInstant(row.expiresAt, opts.timeZone, "fullDateTime")}.`,
    );
  assertCodeIsTheirs(row, who);
  const personal = !!(row.email || row.customerId);
  return {
    code: row.code,
    percentOff: row.percentOff,
    ...(personal && isNobody(who) ? { onlyFor: ONLY_FOR_RECIPIENT } : {}),
  };
}

/**
 * Redeems the code for `bookingId` inside the booking's transaction, or throws (the booking is
 * then not written). A referral code ("REF-...") records the referral instead (referrals.ts). Only an unused, unexpired code is taken: the UPDATE re-checks on the locked
 * row, so two concurrent bookings can't both have it.
 */
export async function redeemOfferCode(
  tx: DbTx,
  code: string,
  p: { bookingId: string; email: string; now: Date; timeZone: string; who?: CodeUser },
): Promise<void> {
  const { bookingId, now, timeZone } = p;
  const who = p.who ?? NOBODY;
  const c = normalizeOfferCode(code);
  if (isReferralCode(c))
    return recordReferral(tx, { code: c, bookingId, email: p.email, now, who });
  // Someone else's code: refused before it is taken (the booking is then not written).
  const row = await tx.offerCode.findUnique({ where: { code: c } });
  if (row) assertCodeIsTheirs(row, who);
  const taken = await tx.offerCode.updateMany({
    where: { code: c, redeemedAt: null, expiresAt: { gt: now } },
    data: { redeemedAt: now, redeemedBookingId: bookingId },
  });
  if (taken.count === 1) return;
  await offerForCode(tx, c, now, { timeZone, who }); // throws the reason: used (just now, by another booking), expired
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
 * The code a booking redeemed is given back (usable again while still valid) when the booking is
 * cancelled, inside the cancellation's transaction, like the points it used
 * (`restoreRedeemedPoints`). Once: the row no longer names the booking afterwards. Returns the
 * code given back, or null (none, or already expired: an expired code stays used).
 */
export async function releaseOfferCodeOf(
  tx: Db | DbTx,
  bookingId: string,
  now: Date,
): Promise<string | null> {
  const [row] = await tx.offerCode.updateManyAndReturn({
    where: { redeemedBookingId: bookingId, expiresAt: { gt: now } },
    data: { redeemedAt: null, redeemedBookingId: null },
    select: { code: true },
  });
  return row?.code ?? null;
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
