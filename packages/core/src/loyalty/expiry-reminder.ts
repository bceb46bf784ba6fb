// "Your N points expire on <date>": a reminder email before the nightly recompute writes an
// EXPIRE (24 months after the customer's last completed party, `expiryEntry` in recompute.ts).
// Sent once per quiet spell (the key names the customer and the end of that last party, as the
// EXPIRE's does), through the email outbox, only to an address that hasn't unsubscribed from our
// messages and isn't on the suppression list (`emailAllowed`, the campaigns' consent rule), with
// the same one-click unsubscribe link and headers as a campaign email. Quiet hours apply: written
// at night, it is held (`notBefore`) until 8:00 in the time zone of that last party.
import type { Db } from "@myhibachi/db";
import { DAY, formatCents, formatInstant } from "@myhibachi/shared";
import { campaignHeaders, emailAllowed } from "../campaigns/engine";
import { nextAllowedSendTime } from "../campaigns/quiet-hours";
import { signCampaignToken } from "../campaigns/tokens";
import { POINT_CENTS } from "../pricing/quote";
import {
  addMonthsUtc,
  bookingFacts,
  loyaltyBusinessName,
  pointsExpiryOf,
  POINTS_EXPIRE_MONTHS,
} from "./recompute";

/** How long before the expiry the reminder goes. */
export const POINTS_REMINDER_DAYS = 30;

/** One reminder per customer and quiet spell (the end of their last completed party). */
export const pointsExpiryReminderKey = (customerId: string, lastPartyEnd: Date) =>
  `points-expiry:${customerId}:${lastPartyEnd.toISOString()}`;

/** Whether a reminder is due at `now` (pure): the expiry is ahead, within the reminder's days. */
export const expiryReminderDue = (expiresAt: Date, now: Date) =>
  expiresAt.getTime() > now.getTime() &&
  expiresAt.getTime() <= now.getTime() + POINTS_REMINDER_DAYS * DAY;

const LINK_VALIDITY_MS = 365 * DAY;

/**
 * Why a stored expiry reminder must not go out any more (checked by the outbox sender right
 * before the SMTP call, as for campaign emails), or null: the address unsubscribed meanwhile
 * (e.g. while the reminder was held overnight).
 */
export async function expiryReminderObsolete(
  db: Db,
  idempotencyKey: string,
): Promise<string | null> {
  if (!idempotencyKey.startsWith("points-expiry:")) return null;
  const row = await db.emailMessage.findUnique({
    where: { idempotencyKey },
    select: { to: true },
  });
  if (!row || (await emailAllowed(db, row.to))) return null;
  return "Not sent: the customer unsubscribed before it went out.";
}

/**
 * The nightly run: stores the reminder of every customer whose points expire within 30 days and
 * who hasn't had one for this quiet spell. Returns the keys of the emails it stored (to deliver
 * now; the email sweep sends any held by quiet hours or not delivered) and how many were not
 * written for want of consent.
 */
export async function remindExpiringPoints(
  db: Db,
  now: Date,
  opts: { siteUrl: string; secret: string },
): Promise<{ emailKeys: string[]; noConsent: number }> {
  // Candidates: a completed party that ended about 24 months before now .. now + 30 days (a day
  // either side for the months' lengths); the pure check decides.
  const from = new Date(addMonthsUtc(now, -POINTS_EXPIRE_MONTHS).getTime() - DAY);
  const to = new Date(
    addMonthsUtc(
      new Date(now.getTime() + POINTS_REMINDER_DAYS * DAY),
      -POINTS_EXPIRE_MONTHS,
    ).getTime() + DAY,
  );
  const candidates = await db.customer.findMany({
    where: { bookings: { some: { status: "COMPLETED", endsAt: { gte: from, lte: to } } } },
    select: { id: true, name: true, email: true },
    orderBy: { id: "asc" },
  });
  const emailKeys: string[] = [];
  let noConsent = 0;
  const business = candidates.length ? await loyaltyBusinessName(db) : "";
  for (const c of candidates) {
    const [bookings, ledger] = await Promise.all([
      bookingFacts(db, c.id),
      db.loyaltyLedger.findMany({ where: { customerId: c.id }, select: { points: true } }),
    ]);
    const expiry = pointsExpiryOf(bookings, ledger);
    if (!expiry || !expiryReminderDue(expiry.expiresAt, now)) continue;
    const key = pointsExpiryReminderKey(c.id, expiry.lastPartyEnd);
    if (await db.emailMessage.findUnique({ where: { idempotencyKey: key }, select: { id: true } }))
      continue;
    // A deleted account's placeholder, an unsubscribed or suppressed address: nothing written.
    if (c.email.endsWith(".invalid") || !(await emailAllowed(db, c.email))) {
      noConsent++;
      continue;
    }
    const last = await db.booking.findFirst({
      where: { customerId: c.id, endsAt: expiry.lastPartyEnd },
      select: { timeZone: true },
    });
    const timeZone = last?.timeZone ?? "America/Los_Angeles";
    const points = expiry.balance.toLocaleString("en-US");
    const date = formatInstant(expiry.expiresAt, timeZone, "fullDate");
    const unsubscribeUrl = `${opts.siteUrl}/unsubscribe?token=${signCampaignToken(opts.secret, {
      purpose: "unsubscribe",
      subject: c.email.toLowerCase(),
      expiresAt: now.getTime() + LINK_VALIDITY_MS,
    })}`;
    const first = c.name.trim().split(/\s+/)[0] || "there";
    const text = [
      `Hi ${first},`,
      "",
      `Your ${points} ${business ? `${business} ` : ""}points (${formatCents(expiry.balance * POINT_CENTS)} off the food of a booking) expire on ${date}: ${POINTS_EXPIRE_MONTHS} months after your last party with us.`,
      "",
      `Use them on a booking made before then, signed in with this email (100 points = $1 off the food), or have another party with us before then to keep them.`,
      "",
      `Book: ${opts.siteUrl}/book`,
      "",
      ...(business ? [business, ""] : []),
      `Don't want these emails? Unsubscribe: ${unsubscribeUrl}`,
    ].join("\n");
    const at = nextAllowedSendTime(now, timeZone);
    const r = await db.emailMessage.createMany({
      data: [
        {
          idempotencyKey: key,
          to: c.email,
          subject: `Your ${points} points expire on ${date}`,
          text,
          headers: campaignHeaders(unsubscribeUrl),
          ...(at > now ? { notBefore: at } : {}),
          // The run's clock (the sweep measures "queued for 20 s" from it), not the server's.
          createdAt: now,
        },
      ],
      skipDuplicates: true,
    });
    if (r.count) emailKeys.push(key);
  }
  return { emailKeys, noConsent };
}
