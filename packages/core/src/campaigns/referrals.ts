// Referrals (issue 14, point 5): each customer has a referral code ("REF-7K2QXA"). A first
// booking made with it gets the code's percent off its food (the same OFFER line as an offer
// code, typed in the same field); once that booking is completed, the referrer gets a single-use
// offer code of the same percent by email. One referral per referred email; never your own code.
import type { Db, DbTx } from "@myhibachi/db";
import { PG_UNIQUE_VIOLATION, pgErrorCode } from "@myhibachi/db";
import { DAY, formatInstant } from "@myhibachi/shared";
import { readableCode } from "../booking/shared";
import { AppError } from "../errors";
import type { QuoteOffer } from "../pricing/quote";
import { newOfferCode } from "./codes";
import { mailboxKey } from "./mailbox";
import { isNobody, type CodeUser } from "./offers";

export const REFERRAL_PREFIX = "REF-";
export const isReferralCode = (code: string) => code.startsWith(REFERRAL_PREFIX);
/** How long the referrer's reward code is valid. */
export const REFERRAL_REWARD_VALID_DAYS = 90;
export const referralRewardKey = (referralId: string) => `referral-reward:${referralId}`;

const refuse = (message: string) => new AppError("BAD_REQUEST", message, { field: "offerCode" });

/**
 * The customer's referral code row, created the first time it is asked for (one attempt: inside
 * a transaction a clash aborts it, and the caller's retry picks the row up).
 */
export async function referralCodeRow(db: Db | DbTx, customerId: string) {
  return (
    (await db.referralCode.findUnique({ where: { customerId } })) ??
    (await db.referralCode.create({
      data: { customerId, code: readableCode(REFERRAL_PREFIX, 6) },
    }))
  );
}

/** The customer's referral code, created the first time it is asked for. */
export async function ensureReferralCode(db: Db, customerId: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await referralCodeRow(db, customerId)).code;
    } catch (err) {
      // A code clash, or a concurrent first ask: read (or draw) again.
      if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION || attempt >= 4) throw err;
    }
  }
}

/**
 * The one rule of who may use a referral code, asked by the quote (the signed-in customer) and by
 * the booking (and the contact email): never the referrer themself (their customer record, or an
 * email reaching their mailbox: `+tag`, case, Gmail dots aside), and only on a first booking (no
 * earlier live or completed booking with that email, no earlier referral). Throws the sentence;
 * nobody known yet (an anonymous quote): nothing to check.
 */
export async function assertReferralUse(
  db: Db | DbTx,
  row: { code: string; customerId: string; customer: { email: string } },
  who: CodeUser,
  /** firstBookingOf: whose first booking it must be (default: who's emails; a booking: its contact). */
  opts: { bookingId?: string; firstBookingOf?: string[] } = {},
): Promise<void> {
  const referrer = mailboxKey(row.customer.email);
  if (
    who.customerIds.includes(row.customerId) ||
    who.emails.some((e) => mailboxKey(e) === referrer)
  )
    throw refuse(
      "That is your own referral code: share it with friends, and you both get the reward.",
    );
  for (const email of opts.firstBookingOf ?? who.emails) {
    const earlier = await db.booking.count({
      where: {
        ...(opts.bookingId ? { id: { not: opts.bookingId } } : {}),
        contactEmail: { equals: email, mode: "insensitive" },
        status: { in: ["PENDING", "CONFIRMED", "COMPLETED"] },
      },
    });
    if (earlier > 0 || (await standingReferralOf(db, email)))
      throw refuse(
        `The referral code ${row.code} is for a first booking, and ${email} has booked with us before. Book without it.`,
      );
  }
}

const unknownReferral = (code: string) =>
  new AppError(
    "BAD_REQUEST",
    `We don't know the code "${code}". Check it with the friend who gave it to you, or book without it.`,
    // Counted against the client's unknown-code limit (operations/booking/deps.ts).
    { field: "offerCode", unknownCode: true },
  );

/** The referral discount a code gives `who` (the same rule as the booking: `assertReferralUse`). */
export async function referralOfferFor(
  db: Db | DbTx,
  code: string,
  who: CodeUser,
  opts: { bookingId?: string; firstBookingOf?: string[] } = {},
): Promise<QuoteOffer> {
  const row = await db.referralCode.findUnique({
    where: { code },
    include: { customer: { select: { email: true } } },
  });
  if (!row) throw unknownReferral(code);
  await assertReferralUse(db, row, who, opts);
  return {
    code: row.code,
    percentOff: row.percentOff,
    // Nobody known (a visitor's quote without a contact email): nothing was checked yet.
    ...(isNobody(who) && !opts.firstBookingOf?.length
      ? { onlyFor: "only on a first booking, and not by the code's owner" }
      : {}),
  };
}

/**
 * The referral recorded for `email` whose booking stands (live or taken place), if any: a
 * cancelled booking or a lapsed hold never made anyone a returning customer.
 */
async function standingReferralOf(db: Db | DbTx, email: string) {
  const r = await db.referral.findUnique({
    where: { referredEmail: email.trim().toLowerCase() },
    select: { id: true, referredBookingId: true, rewardedAt: true },
  });
  if (!r) return null;
  if (r.rewardedAt) return r;
  const b = await db.booking.findUnique({
    where: { id: r.referredBookingId },
    select: { status: true },
  });
  return b && b.status !== "CANCELLED" && b.status !== "EXPIRED" ? r : null;
}

/**
 * Records the referral for the booking being written (inside its transaction), or throws a
 * BAD_REQUEST that undoes the booking (`assertReferralUse`: the referrer's own code, or not the
 * booker's first booking).
 */
export async function recordReferral(
  tx: DbTx,
  p: { code: string; bookingId: string; email: string; now: Date; who: CodeUser },
): Promise<void> {
  const email = p.email.trim().toLowerCase();
  const row = await tx.referralCode.findUnique({
    where: { code: p.code },
    include: { customer: { select: { email: true } } },
  });
  if (!row) throw unknownReferral(p.code);
  const who = { ...p.who, emails: [...new Set([email, ...p.who.emails])] };
  await assertReferralUse(tx, row, who, { bookingId: p.bookingId, firstBookingOf: [email] });
  // A referral whose booking never took place (cancelled, or a hold that lapsed) is not a first
  // booking: it makes way for this one (attack 14, F18).
  await tx.referral.deleteMany({
    where: { referredEmail: email, rewardedAt: null, referredBookingId: { not: p.bookingId } },
  });
  await tx.referral.create({
    data: {
      referralCodeId: row.id,
      referredBookingId: p.bookingId,
      referredEmail: email,
      createdAt: p.now,
    },
  });
}

/**
 * Rewards the referrers of referred bookings completed by `now`: one offer code and one email
 * each (stored in one transaction per referral; the email's key names the referral). Returns the
 * email keys for the outbox sender.
 */
export async function rewardReferrals(
  db: Db,
  now: Date,
  opts: { siteUrl: string },
): Promise<string[]> {
  const due = await db.referral.findMany({
    where: { rewardedAt: null },
    select: { id: true, referredBookingId: true },
    take: 500,
  });
  const booked = await db.booking.findMany({
    where: { id: { in: due.map((r) => r.referredBookingId) }, status: "COMPLETED" },
    select: { id: true },
  });
  const completed = new Set(booked.map((b) => b.id));
  const keys: string[] = [];
  for (const r of due) {
    if (!completed.has(r.referredBookingId)) continue;
    const key = await db.$transaction(async (tx) => {
      const [claimed] = await tx.referral.updateManyAndReturn({
        where: { id: r.id, rewardedAt: null },
        data: { rewardedAt: now },
        include: { referralCode: { include: { customer: true } } },
      });
      if (!claimed) return null; // another run rewarded it
      const referrer = claimed.referralCode.customer;
      const settings = await tx.businessSettings.findUniqueOrThrow({
        where: { id: 1 },
        select: { timeZone: true },
      });
      const expiresAt = new Date(now.getTime() + REFERRAL_REWARD_VALID_DAYS * DAY);
      const offer = await tx.offerCode.create({
        data: {
          code: newOfferCode(),
          percentOff: claimed.referralCode.percentOff,
          email: referrer.email.toLowerCase(),
          customerId: referrer.id,
          expiresAt,
        },
      });
      await tx.referral.update({ where: { id: r.id }, data: { rewardCode: offer.code } });
      const first = referrer.name.trim().split(/\s+/)[0] || "there";
      const k = referralRewardKey(r.id);
      await tx.emailMessage.create({
        data: {
          idempotencyKey: k,
          to: referrer.email,
          subject: `Thank you for the referral: ${offer.percentOff} % off your next party`,
          text:
            `Hi ${first},\n\nA friend you referred just had their hibachi party with us. Thank you! ` +
            `Take ${offer.percentOff} % off the food of your next party with the code ${offer.code} ` +
            `(one use, until ${formatInstant(expiresAt, settings.timeZone, "fullDate")}).\n\n${opts.siteUrl}/book\n`,
        },
      });
      return k;
    });
    if (key) keys.push(key);
  }
  return keys;
}

/** How many people a customer referred (bookings made with their code; completed ones apart). */
export async function referralCounts(
  db: Db,
  customerId: string,
): Promise<{ referred: number; rewarded: number }> {
  const [referred, rewarded] = await Promise.all([
    db.referral.count({ where: { referralCode: { customerId } } }),
    db.referral.count({ where: { referralCode: { customerId }, rewardedAt: { not: null } } }),
  ]);
  return { referred, rewarded };
}
