// Signed links in campaign emails (no sign-in): unsubscribe, the post-event rating page and the
// click-tracking redirect (/r: the send it belongs to and where it leads).
// HMAC-SHA256 over "<purpose>.<subject>.<expiry>", base64url; the secret is the apps' AUTH_SECRET.
// A token names what it is for, so an unsubscribe token can't rate an event (or the reverse).
import { createHmac, timingSafeEqual } from "node:crypto";

export type CampaignTokenPurpose = "unsubscribe" | "rate" | "click";

export interface CampaignTokenBody {
  purpose: CampaignTokenPurpose;
  /** unsubscribe: the lower-case email; rate: the booking id; click: "<send id>|<target>". */
  subject: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

const mac = (secret: string, payload: string) =>
  createHmac("sha256", secret).update(payload, "utf8").digest("base64url");

export function signCampaignToken(secret: string, body: CampaignTokenBody): string {
  const payload = Buffer.from(
    JSON.stringify([body.purpose, body.subject, body.expiresAt]),
    "utf8",
  ).toString("base64url");
  return `${payload}.${mac(secret, payload)}`;
}

/** The token's body when it is ours, for `purpose`, and not expired at `now`; else null. */
export function verifyCampaignToken(
  secret: string,
  token: string,
  purpose: CampaignTokenPurpose,
  now: Date,
): CampaignTokenBody | null {
  if (typeof token !== "string" || token.length > 2000) return null;
  const [payload, sig, extra] = token.split(".");
  if (!payload || !sig || extra !== undefined) return null;
  const want = Buffer.from(mac(secret, payload));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [p, subject, expiresAt] = parsed as unknown[];
  if (p !== purpose || typeof subject !== "string" || typeof expiresAt !== "number") return null;
  if (expiresAt <= now.getTime()) return null;
  return { purpose, subject, expiresAt };
}

/** A tracked link's body: the campaign send it was written for and where it leads. */
export interface ClickTarget {
  sendId: string;
  /** A path on our site ("/book", "/feedback?token=...") or an owner's https review page. */
  target: string;
}

export function signClickToken(secret: string, p: ClickTarget & { expiresAt: number }): string {
  return signCampaignToken(secret, {
    purpose: "click",
    subject: `${p.sendId}|${p.target}`,
    expiresAt: p.expiresAt,
  });
}

/** The send and target of a tracked link that is ours and not expired at `now`; else null. */
export function verifyClickToken(secret: string, token: string, now: Date): ClickTarget | null {
  const body = verifyCampaignToken(secret, token, "click", now);
  if (!body) return null;
  const bar = body.subject.indexOf("|");
  if (bar <= 0 || bar === body.subject.length - 1) return null;
  return { sendId: body.subject.slice(0, bar), target: body.subject.slice(bar + 1) };
}
