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
//
// Moderation (attack round 2, G2): a consenting 4-5 star comment goes live at once, and the owner
// can take it down (and put it back) from the review settings (`setReviewHidden`, audited); a
// hidden comment is not on /reviews. The comment itself can't carry direction overrides or be
// only invisible characters (feedback.ts `feedbackCommentProblem`).
import type { Db } from "@myhibachi/db";
import { withoutBidiControls } from "@myhibachi/shared";
import { adminWrite, notFound, type AdminActor, type AdminDeps } from "../admin/audit";
import { firstNameOf } from "./engine";

/** The lowest rating quoted on the public page (ratings below stay private to the owner). */
export const PUBLIC_REVIEW_MIN_RATING = 4;
export const REVIEWS_PER_PAGE = 10;

const EMAILS = /[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/g;
/** A phone number typed in: (408) 555-0199, 408.555.0199, +1 408 555 0199, or 7+ digits in a row. */
const PHONES = /(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b|\b\d{7,}\b/g;

/**
 * A customer's comment as shown publicly: trimmed, emails and phone numbers removed, and any
 * direction control a comment stored before they were refused still has taken out (so it reads
 * as it is stored: "\u202Eevil" is "evil", not "live").
 */
export function publicComment(comment: string): string {
  return withoutBidiControls(comment)
    .replace(EMAILS, "[removed]")
    .replace(PHONES, "[removed]")
    .trim();
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

/**
 * The comments /reviews may quote, before the owner's say: a rating of 4 or 5 with a comment, and
 * only what the customer agreed to show (attack 14, F11).
 */
const PUBLISHABLE = {
  rating: { gte: PUBLIC_REVIEW_MIN_RATING },
  comment: { not: null },
  NOT: { comment: "" },
  publicOk: true,
} as const;

/**
 * A page of ratings as /reviews shows them (cleaned comment, first name, city), with the booking
 * each came from: one reading for the public page and the owner's list.
 */
async function asShown<
  R extends {
    id: string;
    bookingId: string;
    rating: number;
    comment: string | null;
    createdAt: Date;
  },
>(db: Db, rows: readonly R[]) {
  const bookings = await db.booking.findMany({
    where: { id: { in: rows.map((r) => r.bookingId) } },
    select: {
      id: true,
      code: true,
      contactName: true,
      city: true,
      customer: { select: { name: true } },
    },
  });
  return rows.map((r) => {
    const b = bookings.find((x) => x.id === r.bookingId);
    return {
      row: r,
      shown: {
        id: r.id,
        rating: r.rating,
        comment: publicComment(r.comment ?? ""),
        firstName: publicFirstName(b?.contactName ?? b?.customer?.name),
        city: b?.city?.trim() || null,
        createdAt: r.createdAt,
      },
      bookingCode: b?.code ?? null,
    };
  });
}

/** One page of public reviews, newest first, with the average and count of every rating. */
export async function publicReviews(db: Db, p: { page: number; perPage?: number }) {
  const perPage = p.perPage ?? REVIEWS_PER_PAGE;
  // Not what the owner took down (attack round 2, G2).
  const where = { ...PUBLISHABLE, hiddenAt: null };
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
  return {
    average: agg._avg.rating === null ? null : Math.round(agg._avg.rating * 10) / 10,
    ratingCount: agg._count._all,
    reviewCount: total,
    page,
    pages,
    links,
    reviews: (await asShown(db, rows)).map((r) => r.shown),
  };
}

export const OWNER_REVIEWS_PER_PAGE = 50;

/**
 * The comments customers agreed to show, newest first, for the owner to read and hide or show
 * again: each with what /reviews shows (the cleaned comment, first name, city), the booking's code
 * and whether (and when) it is hidden. `hidden` counts those taken down.
 */
export async function ownerPublishedReviews(db: Db, p: { page: number }) {
  const total = await db.eventFeedback.count({ where: PUBLISHABLE });
  const pages = Math.max(1, Math.ceil(total / OWNER_REVIEWS_PER_PAGE));
  const page = Math.min(Math.max(1, Math.trunc(p.page)), pages);
  const [rows, hidden] = await Promise.all([
    db.eventFeedback.findMany({
      where: PUBLISHABLE,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * OWNER_REVIEWS_PER_PAGE,
      take: OWNER_REVIEWS_PER_PAGE,
    }),
    db.eventFeedback.count({ where: { ...PUBLISHABLE, hiddenAt: { not: null } } }),
  ]);
  return {
    total,
    hidden,
    page,
    pages,
    reviews: (await asShown(db, rows)).map(({ row, shown, bookingCode }) => ({
      ...shown,
      bookingCode,
      hiddenAt: row.hiddenAt,
    })),
  };
}

/**
 * Takes a published comment off /reviews (`hidden: true`) or puts it back, audited
 * ("review.hide" / "review.show"). Only a comment /reviews would show can be hidden (a low rating
 * or one without consent is never there); doing what is already done changes nothing.
 */
export async function setReviewHidden(
  db: Db,
  deps: AdminDeps,
  p: { actor: AdminActor; id: string; hidden: boolean },
) {
  return adminWrite(db, deps, { actor: p.actor, scopes: [] }, async (tx, audit) => {
    const row = await tx.eventFeedback.findFirst({ where: { id: p.id, ...PUBLISHABLE } });
    if (!row) throw notFound("published comment");
    if ((row.hiddenAt !== null) === p.hidden) return { changed: false, hidden: p.hidden };
    const now = deps.now?.() ?? new Date();
    await tx.eventFeedback.update({
      where: { id: row.id },
      data: p.hidden
        ? { hiddenAt: now, hiddenBy: p.actor.userId }
        : { hiddenAt: null, hiddenBy: null },
    });
    const b = await tx.booking.findUnique({ where: { id: row.bookingId }, select: { code: true } });
    const shown = { rating: row.rating, booking: b?.code ?? null };
    audit({
      action: p.hidden ? "review.hide" : "review.show",
      entity: "eventFeedback",
      entityId: row.id,
      before: { ...shown, hidden: !p.hidden },
      after: { ...shown, hidden: p.hidden },
    });
    return { changed: true, hidden: p.hidden };
  });
}
