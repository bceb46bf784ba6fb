// Unsubscribing from campaign emails (the link and the RFC 8058 one-click POST in every campaign
// email) and consent per channel, recorded with its source and time.
import type { Db, DbTx } from "@myhibachi/db";
import { AppError } from "../errors";
import { verifyCampaignToken } from "./tokens";

export type ConsentChannel = "EMAIL" | "SMS" | "IN_APP";

/** Records the current consent of an address on a channel (the latest word wins). */
export async function recordConsent(
  db: Db,
  p: { channel: ConsentChannel; address: string; granted: boolean; source: string; now: Date },
): Promise<void> {
  const address = p.channel === "EMAIL" ? p.address.trim().toLowerCase() : p.address.trim();
  const status = p.granted ? "GRANTED" : "REVOKED";
  await db.contactConsent.upsert({
    where: { channel_address: { channel: p.channel, address } },
    create: { channel: p.channel, address, status, source: p.source, at: p.now },
    update: { status, source: p.source, at: p.now },
  });
}

export const UNSUBSCRIBE_LINK_BROKEN =
  "This unsubscribe link is broken or too old. Open the link from our latest email again, or reply to it and we will take you off the list.";

/**
 * The unsubscribe link's work: email consent revoked for marketing, the address suppressed, and
 * every campaign still running for it stopped. Idempotent: a second click (or the mail client's
 * one-click POST and then the person's own click) changes nothing more. A broken or expired token
 * is a BAD_REQUEST with words a person can act on, and writes nothing.
 */
export async function unsubscribeByToken(
  db: Db,
  { secret, token, now }: { secret: string; token: string; now: Date },
): Promise<{ email: string; alreadyUnsubscribed: boolean }> {
  const body = verifyCampaignToken(secret, token, "unsubscribe", now);
  if (!body) throw new AppError("BAD_REQUEST", UNSUBSCRIBE_LINK_BROKEN);
  const email = body.subject;
  return db.$transaction((tx) => unsubscribeEmailIn(tx, email, "unsubscribe-link", now));
}

/**
 * Inside a transaction: the address's email consent REVOKED (from `source`), the address on the
 * suppression list, and every campaign still running for it stopped. A second call changes
 * nothing more. Shared by the unsubscribe link and the switch on My bookings.
 */
export async function unsubscribeEmailIn(
  tx: DbTx,
  rawEmail: string,
  source: string,
  now: Date,
  /** The signed-in account that said it (My bookings); none for the link in an email. */
  accountId: string | null = null,
): Promise<{ email: string; alreadyUnsubscribed: boolean }> {
  const email = rawEmail.trim().toLowerCase();
  const before = await tx.suppression.findUnique({
    where: { channel_address: { channel: "EMAIL", address: email } },
  });
  await tx.contactConsent.upsert({
    where: { channel_address: { channel: "EMAIL", address: email } },
    create: { channel: "EMAIL", address: email, status: "REVOKED", source, accountId, at: now },
    update: before ? {} : { status: "REVOKED", source, accountId, at: now },
  });
  if (!before)
    await tx.suppression.create({
      data: { channel: "EMAIL", address: email, reason: "unsubscribed", source, createdAt: now },
    });
  await tx.campaignEnrolment.updateMany({
    where: { email, state: "ACTIVE" },
    data: { state: "EXITED", exitReason: "unsubscribed", exitedAt: now, nextDueAt: null },
  });
  return { email, alreadyUnsubscribed: before !== null };
}
