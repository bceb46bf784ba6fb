// The churn signals that come from the loyalty and campaign work (issue 15, point 4): the lowest
// rating a customer gave in the last year, their referrals this year against before, and the
// follow-ups they were sent against the ones they acted on. A customer with no such record gets
// no entry: a missing signal is absent, never invented.
import type { Db } from "@myhibachi/db";

const DAY_MS = 86_400_000;

export interface ExtraSignals {
  lowestRecentRating?: number;
  referralsRecent?: number;
  referralsBefore?: number;
  followUpsSent?: number;
  followUpsActedOn?: number;
}

/** A follow-up counts as ignored only once this long has passed without a booking. */
export const FOLLOW_UP_ACT_DAYS = 14;

export async function extraChurnSignals(db: Db, now: Date): Promise<Map<string, ExtraSignals>> {
  const yearAgo = new Date(now.getTime() - 365 * DAY_MS);
  const sendsFrom = new Date(now.getTime() - 180 * DAY_MS);
  const sendsTo = new Date(now.getTime() - FOLLOW_UP_ACT_DAYS * DAY_MS);
  const [ratings, referrals, followUps] = await Promise.all([
    db.$queryRaw<{ customerId: string; lowest: number }[]>`
      SELECT b."customerId", MIN(f.rating)::int AS lowest
      FROM "EventFeedback" f JOIN "Booking" b ON b.id = f."bookingId"
      WHERE b."customerId" IS NOT NULL AND f."createdAt" > ${yearAgo} AND f."createdAt" <= ${now}
      GROUP BY 1`,
    db.$queryRaw<{ customerId: string; recent: bigint; before: bigint }[]>`
      SELECT rc."customerId",
             COUNT(r.id) FILTER (WHERE r."createdAt" > ${yearAgo} AND r."createdAt" <= ${now}) AS recent,
             COUNT(r.id) FILTER (WHERE r."createdAt" <= ${yearAgo}) AS before
      FROM "ReferralCode" rc LEFT JOIN "Referral" r ON r."referralCodeId" = rc.id
      WHERE rc."createdAt" <= ${now}
      GROUP BY 1`,
    db.$queryRaw<{ customerId: string; sent: bigint; acted: bigint }[]>`
      SELECT e."customerId", COUNT(*) AS sent,
             COUNT(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM "Booking" b
               WHERE b."customerId" = e."customerId"
                 AND b."createdAt" >= s."claimedAt"
                 AND b."createdAt" < s."claimedAt" + make_interval(days => ${FOLLOW_UP_ACT_DAYS}::int)
             )) AS acted
      FROM "CampaignSend" s JOIN "CampaignEnrolment" e ON e.id = s."enrolmentId"
      WHERE s.status = 'SENT' AND e."customerId" IS NOT NULL
        AND s."claimedAt" > ${sendsFrom} AND s."claimedAt" <= ${sendsTo}
      GROUP BY 1`,
  ]);
  const out = new Map<string, ExtraSignals>();
  const at = (id: string) => {
    let s = out.get(id);
    if (!s) out.set(id, (s = {}));
    return s;
  };
  for (const r of ratings) at(r.customerId).lowestRecentRating = r.lowest;
  for (const r of referrals) {
    // A referral code made this year has no "before": comparing would read as a fall.
    Object.assign(at(r.customerId), {
      referralsRecent: Number(r.recent),
      referralsBefore: Number(r.before),
    });
  }
  for (const r of followUps)
    Object.assign(at(r.customerId), {
      followUpsSent: Number(r.sent),
      followUpsActedOn: Number(r.acted),
    });
  return out;
}
