// Click tracking (issue 14, the owner's funnel): every link of a campaign email (the booking and
// menu pages, the rating link, the review link) goes through the customer site's redirect
// /r?token=..., a token signed like the unsubscribe link (tokens.ts, purpose "click") naming the
// campaign send and the target. Following it records the send's first click (`clickedAt`, a
// conditional UPDATE: once, whatever the number of clicks) and answers a 303 to the target.
//
// Never an open redirect: a target is either a path on our own site (one leading "/", resolved
// against our origin) or, exactly, one of the owner's review pages as the settings say NOW; a
// token naming anything else is refused (400) and records nothing, even though it is signed.
// The unsubscribe link is never wrapped (one click must unsubscribe, and it is not a "click").
// Texts keep plain links (a token would make them several segments long).
import type { Db, DbTx } from "@myhibachi/db";
import { AppError } from "../errors";
import { reviewLinksOf, type ReviewLinks } from "./reviews";
import { signClickToken, verifyClickToken } from "./tokens";

/** The template values that are links, wrapped in an email (in this order in the preview). */
export const TRACKED_LINKS = ["bookUrl", "menuUrl", "ratingUrl", "reviewUrl"] as const;

export const CLICK_LINK_BROKEN =
  "This link is broken or too old. Everything it led to is on our home page.";
export const CLICK_TARGET_REFUSED =
  "This link doesn't lead anywhere we send people. Everything is on our home page.";

/** A path on our own site: one leading slash, no scheme or host sneaking in ("//x", "/\\x"). */
export function isSitePath(target: string): boolean {
  if (!/^\/(?![/\\])/.test(target)) return false;
  for (const c of target) {
    const code = c.charCodeAt(0);
    if (code < 32 || code === 127 || c === "\\") return false;
  }
  try {
    return new URL(target, "https://our.site.invalid").host === "our.site.invalid";
  } catch {
    return false;
  }
}

/**
 * `url` as written in an email of send `sendId`: through /r when it leads to our site or to one of
 * the owner's review pages; unchanged otherwise (say, CAMPAIGN_REVIEW_URL pointing elsewhere: the
 * redirect would refuse it, so it is not tracked).
 */
export function trackedLink(
  p: { siteUrl: string; secret: string; expiresAt: number; reviewLinks: ReviewLinks },
  sendId: string,
  url: string,
): string {
  let target: string | null = null;
  if (url.startsWith(`${p.siteUrl}/`) && isSitePath(url.slice(p.siteUrl.length)))
    target = url.slice(p.siteUrl.length);
  else if (url === p.reviewLinks.google || url === p.reviewLinks.yelp) target = url;
  if (target === null) return url;
  const token = signClickToken(p.secret, { sendId, target, expiresAt: p.expiresAt });
  return `${p.siteUrl}/r?token=${token}`;
}

/**
 * Follows a tracked link: where to send the browser (a site path, or the owner's review page),
 * after recording the send's first click. A broken, expired or tampered token, or a target that
 * is neither, is a BAD_REQUEST with words for a person, and writes nothing.
 */
export async function followCampaignClick(
  db: Db | DbTx,
  p: {
    secret: string;
    token: string;
    now: Date;
    /** False for a HEAD request (a link checker's, not a person's): resolve, record nothing. */
    record?: boolean;
  },
): Promise<{ location: string; firstClick: boolean }> {
  const click = verifyClickToken(p.secret, p.token, p.now);
  if (!click) throw new AppError("BAD_REQUEST", CLICK_LINK_BROKEN);
  let location: string | null = null;
  if (isSitePath(click.target)) location = click.target;
  else {
    const links = await reviewLinksOf(db as Db);
    if (click.target === links.google || click.target === links.yelp) location = click.target;
  }
  if (location === null) throw new AppError("BAD_REQUEST", CLICK_TARGET_REFUSED);
  if (p.record === false) return { location, firstClick: false };
  const r = await db.campaignSend.updateMany({
    where: { id: click.sendId, clickedAt: null },
    data: { clickedAt: p.now },
  });
  return { location, firstClick: r.count > 0 };
}
