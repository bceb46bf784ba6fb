// What past customers said, for the customer site's public /reviews page (the page the
// post-event "+1 week" review request links to when the owner set no review site), and the
// business's own review pages on Google and Yelp.
//
// Privacy: only ratings of 4 or 5 WITH a comment are quoted, as the customer's first name and the
// party's city (never an email, a full name or an address); a rating of 3 or less is the owner's
// alone (campaigns/owner.ts `campaignRatings`) and its comment never appears here. A comment that
// has an email address or a phone number in it shows them as "[removed]". A deleted account's
// comments are gone already (erase.ts). The average and the count are over every rating, low ones
// included (an honest figure), without any of their words.
import type { Db } from "@myhibachi/db";
import { firstNameOf } from "./engine";

/** The lowest rating quoted on the public page (ratings below stay private to the owner). */
export const PUBLIC_REVIEW_MIN_RATING = 4;
export const REVIEWS_PER_PAGE = 10;

const EMAILS = /[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/g;
/** A phone number typed in: (408) 555-0199, 408.555.0199, +1 408 555 0199, or 7+ digits in a row. */
const PHONES = /(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b|\b\d{7,}\b/g;

/** A customer's comment as shown publicly: trimmed, emails and phone numbers removed. */
export function publicComment(comment: string): string {
  return comment.replace(EMAILS, "[removed]").replace(PHONES, "[removed]").trim();
}

/** The first name as shown publicly: a plain word, else "A guest" (never an address or number). */
export function publicFirstName(name: string | null | undefined): string {
  const first = firstNameOf(name);
  if (!first || /[@\d]/.test(first) || first.length > 30 || first === "Deleted") return "A guest";
  return first.charAt(0).toUpperCase() + first.slice(1);
}

/** An https page address (the owner's review pages), else null. */
export function httpsUrlOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return u.protocol === "https:" && u.hostname.includes(".") && !u.username && !u.password
      ? u.href
      : null;
  } catch {
    return null;
  }
}

export interface ReviewLinks {
  google: string | null;
  yelp: string | null;
}

export async function reviewLinksOf(db: Db): Promise<ReviewLinks> {
  const s = await db.businessSettings.findUnique({
    where: { id: 1 },
    select: { googleReviewUrl: true, yelpReviewUrl: true },
  });
  return { google: httpsUrlOrNull(s?.googleReviewUrl), yelp: httpsUrlOrNull(s?.yelpReviewUrl) };
}

/**
 * Where the review request sends a happy customer: the env override (CAMPAIGN_REVIEW_URL in the
 * worker) when set, else the owner's Google page, else their Yelp page, else our /reviews page.
 */
export function campaignReviewUrl(siteUrl: string, links: ReviewLinks, override?: string): string {
  return override || links.google || links.yelp || `${siteUrl}/reviews`;
}

/** One page of public reviews, newest first, with the average and count of every rating. */
export async function publicReviews(db: Db, p: { page: number; perPage?: number }) {
  const perPage = p.perPage ?? REVIEWS_PER_PAGE;
  const where = {
    rating: { gte: PUBLIC_REVIEW_MIN_RATING },
    comment: { not: null },
    NOT: { comment: "" },
    // Only what the customer agreed to show (attack 14, F11).
    publicOk: true,
  };
  const [agg, total, links] = await Promise.all([
    db.eventFeedback.aggregate({ _count: { _all: true }, _avg: { rating: true } }),
    db.eventFeedback.count({ where }),
    reviewLinksOf(db),
  ]);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.trunc(p.page)), pages);
  const rows = await db.eventFeedback.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * perPage,
    take: perPage,
    select: { id: true, bookingId: true, rating: true, comment: true, createdAt: true },
  });
  const bookings = await db.booking.findMany({
    where: { id: { in: rows.map((r) => r.bookingId) } },
    select: { id: true, contactName: true, city: true, customer: { select: { name: true } } },
  });
  return {
    average: agg._avg.rating === null ? null : Math.round(agg._avg.rating * 10) / 10,
    ratingCount: agg._count._all,
    reviewCount: total,
    page,
    pages,
    links,
    reviews: rows.map((r) => {
      const b = bookings.find((x) => x.id === r.bookingId);
      return {
        id: r.id,
        rating: r.rating,
        comment: publicComment(r.comment ?? ""),
        firstName: publicFirstName(b?.contactName ?? b?.customer?.name),
        city: b?.city?.trim() || null,
        createdAt: r.createdAt,
      };
    }),
  };
}
