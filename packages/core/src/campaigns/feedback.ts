// Post-event feedback: the rating page reached from the "how was it?" email (signed link, no
// sign-in). One rating per booking. A rating of 3 or less alerts the owner (an email to the
// business address through the outbox) and keeps the public review request from that customer.
import type { Db } from "@myhibachi/db";
import { PG_UNIQUE_VIOLATION, pgErrorCode } from "@myhibachi/db";
import {
  describeUnsafeText,
  findUnsafeText,
  formatInstant,
  invisibleTextProblem,
} from "@myhibachi/shared";
import { AppError } from "../errors";
import { verifyCampaignToken } from "./tokens";

export const LOW_RATING_MAX = 3;
export const FEEDBACK_LINK_BROKEN =
  "This rating link is broken or too old. Reply to our email and tell us how it went: we read every answer.";

export const feedbackAlertKey = (bookingId: string) => `feedback-alert:${bookingId}`;

export interface FeedbackBooking {
  bookingId: string;
  code: string;
  when: string;
  rated: number | null;
}

/** The booking a rating link is for (what the page shows), or a BAD_REQUEST for a bad link. */
export async function feedbackBookingByToken(
  db: Db,
  { secret, token, now }: { secret: string; token: string; now: Date },
): Promise<FeedbackBooking> {
  const body = verifyCampaignToken(secret, token, "rate", now);
  const b = body
    ? await db.booking.findUnique({
        where: { id: body.subject },
        select: { id: true, code: true, startsAt: true, timeZone: true, status: true },
      })
    : null;
  if (!b || b.status !== "COMPLETED") throw new AppError("BAD_REQUEST", FEEDBACK_LINK_BROKEN);
  const fb = await db.eventFeedback.findUnique({ where: { bookingId: b.id } });
  return {
    bookingId: b.id,
    code: b.code,
    when: formatInstant(b.startsAt, b.timeZone, "fullDate"),
    rated: fb?.rating ?? null,
  };
}

// Control characters other than tab and line breaks: nothing a person types (a NUL can't even be
// stored: Postgres refuses it, which used to answer 503).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Why a comment can't be stored as typed (a sentence to act on), or null. */
export function feedbackCommentProblem(comment: string): string | null {
  const unsafe = findUnsafeText(comment);
  if (unsafe) return describeUnsafeText(unsafe);
  if (CONTROL.test(comment))
    return "The text contains an invisible control character. Remove it and try again.";
  // A comment may go on /reviews: no direction overrides ("\u202Eevil" shows as "live") and no
  // text of zero-width characters alone (attack round 2, G2).
  const invisible = invisibleTextProblem(comment, "comment");
  if (invisible) return invisible;
  if (comment.trim().length > 2000) return "Please keep the comment under 2,000 characters.";
  return null;
}

/**
 * Stores the rating (1-5) and comment, once per booking: a second answer is a CONFLICT that says
 * we have it. A low rating stores the owner's alert email in the same transaction and returns its
 * key for the caller to deliver (outbox). Bad input writes nothing.
 */
export async function submitEventFeedback(
  db: Db,
  p: {
    secret: string;
    token: string;
    rating: number;
    comment?: string | null;
    /** "You may show my comment on your site" (default no): only then is it on /reviews. */
    publicOk?: boolean;
    now: Date;
  },
): Promise<{ rating: number; alertEmailKey: string | null }> {
  if (!Number.isInteger(p.rating) || p.rating < 1 || p.rating > 5)
    throw new AppError("BAD_REQUEST", "Choose a rating from 1 to 5 stars.");
  const problem = p.comment ? feedbackCommentProblem(p.comment) : null;
  if (problem) throw new AppError("BAD_REQUEST", problem, { field: "comment" });
  const comment = p.comment?.trim() ? p.comment.trim() : null;
  const b = await feedbackBookingByToken(db, p);
  try {
    return await db.$transaction(async (tx) => {
      await tx.eventFeedback.create({
        data: {
          bookingId: b.bookingId,
          rating: p.rating,
          comment,
          publicOk: p.publicOk === true && comment !== null,
          createdAt: p.now,
        },
      });
      if (p.rating > LOW_RATING_MAX) return { rating: p.rating, alertEmailKey: null };
      const settings = await tx.businessSettings.findUniqueOrThrow({
        where: { id: 1 },
        select: { email: true },
      });
      const booking = await tx.booking.findUniqueOrThrow({
        where: { id: b.bookingId },
        select: { contactName: true, contactEmail: true, contactPhone: true },
      });
      const key = feedbackAlertKey(b.bookingId);
      await tx.emailMessage.create({
        data: {
          idempotencyKey: key,
          to: settings.email,
          subject: `Low rating: ${p.rating} of 5 for booking ${b.code}`,
          text:
            `${booking.contactName ?? "A customer"} rated their party on ${b.when} (booking ${b.code}) ${p.rating} of 5.\n\n` +
            (comment ? `What they wrote:\n${comment}\n\n` : "They left no comment.\n\n") +
            `Reach them at ${[booking.contactEmail, booking.contactPhone].filter(Boolean).join(" or ") || "the contact on the booking"}. ` +
            "They will not be asked for a public review.\n",
        },
      });
      return { rating: p.rating, alertEmailKey: key };
    });
  } catch (err) {
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION)
      throw new AppError("CONFLICT", "We already have your rating for this party. Thank you!");
    throw err;
  }
}
