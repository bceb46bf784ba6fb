// The secret "finish / manage this booking" links. Only a sha256 of each token is stored, so a
// copy of the database opens no booking. A booking may have several tokens (the one shown after
// booking, one per email); all stop working when the link expires:
//   - 30 days after the event ends, and
//   - for a cancelled booking, 30 days after it was cancelled (if that is earlier).
// Until then the link of a booking that is no longer live (cancelled, expired) shows only a
// read-only summary: no address, phone, email or notes (see `linkShowsDetails`).
import { createHash, randomBytes } from "node:crypto";
import type { AccessTokenScope, Booking, Db, DbTx } from "@myhibachi/db";
import { DAY } from "@myhibachi/shared";

export const LINK_DAYS_AFTER_EVENT = 30;
export const LINK_DAYS_AFTER_CANCEL = 30;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A new random token (192 bits) and its hash. */
export function newAccessToken(): { token: string; tokenHash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

/**
 * Issues one more link token for a booking: for an email (`sentByEmail`, the only kind that can
 * confirm a held booking), or for a replayed request. A receipt email's link has the RECEIPTS
 * scope: it shows that booking's receipts and nothing else (a receipt gets forwarded).
 */
export async function issueAccessToken(
  db: Db | DbTx,
  bookingId: string,
  opts: { sentByEmail?: boolean; scope?: AccessTokenScope } = {},
): Promise<string> {
  const { token, tokenHash } = newAccessToken();
  await db.bookingAccessToken.create({
    data: {
      bookingId,
      tokenHash,
      sentByEmail: opts.sentByEmail ?? false,
      scope: opts.scope ?? "MANAGE",
    },
  });
  return token;
}

/** What a link token is: its booking, its scope, whether it was emailed; null if unknown. */
export async function linkOfToken(
  db: Db | DbTx,
  token: string,
): Promise<{ bookingId: string; scope: AccessTokenScope; sentByEmail: boolean } | null> {
  return db.bookingAccessToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { bookingId: true, scope: true, sentByEmail: true },
  });
}

/** Whether a token was delivered by email to the booking's contact address. */
export async function tokenWasEmailed(db: Db | DbTx, token: string): Promise<boolean> {
  return (await linkOfToken(db, token))?.sentByEmail === true;
}

/**
 * The booking a token opens, if any (expiry is checked against the booking). Only MANAGE links
 * unless `receipts` is set (a receipt page): a receipt link opens nothing else.
 */
export async function bookingIdForToken(
  db: Db | DbTx,
  token: string,
  opts: { receipts?: boolean } = {},
): Promise<string | null> {
  const row = await linkOfToken(db, token);
  if (!row) return null;
  if (row.scope !== "MANAGE" && !(opts.receipts && row.scope === "RECEIPTS")) return null;
  return row.bookingId;
}

export function linkExpiresAt(b: Pick<Booking, "endsAt" | "cancelledAt">): Date {
  const afterEvent = b.endsAt.getTime() + LINK_DAYS_AFTER_EVENT * DAY;
  const afterCancel = b.cancelledAt
    ? b.cancelledAt.getTime() + LINK_DAYS_AFTER_CANCEL * DAY
    : Infinity;
  return new Date(Math.min(afterEvent, afterCancel));
}

/** Whether a link still shows the booking's address and contact details. */
export function linkShowsDetails(b: Pick<Booking, "status">): boolean {
  return b.status !== "CANCELLED" && b.status !== "EXPIRED";
}
