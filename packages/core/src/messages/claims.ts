// Sending a stored message (an email, a text message, an alert's webhook call) without ever holding a database
// transaction across the network call:
//
//   1. claim   one UPDATE, committed: status -> SENDING, claim time, attempts + 1, only if the row
//              is ready to send (QUEUED / PENDING) or its previous claim is older than the lease;
//   2. send    outside any transaction, with the row id as the provider's idempotency key /
//              Message-ID, so a receiver can drop a duplicate;
//   3. record  one UPDATE, committed: SENT, or back to ready (FAILED after the last attempt).
//
// Two senders never claim the same row at once (the UPDATE re-checks its WHERE on the locked row).
// The delivery guarantee is AT LEAST ONCE: a sender that dies between its claim and its record
// leaves the row SENDING; once the lease has run out, the sweep presumes it dead and sends again.
// If the first sender had already handed the message over, the receiver gets it twice (with the
// same Message-ID / idempotency key). We accept that over "at most once", where a crash would
// silently lose a sign-in link or a booking confirmation. The lease is far longer than one send
// can take (the mailer's and webhook's own timeouts), so a slow but live sender is never doubled.
import { redactSecrets } from "./redact";
import { attachmentsOf, type EmailAttachment } from "./attachments";
import type { Db } from "@myhibachi/db";
import { MINUTE } from "@myhibachi/shared";

/** The stored headers as strings (anything else stored there is dropped, never sent). */
export function headersOf(json: unknown): Record<string, string> {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return {};
  return Object.fromEntries(
    Object.entries(json).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

/** How long a claim protects a row being sent; after that the sweep may send it again. */
export const SEND_LEASE_MS = 10 * MINUTE;

/** Claims older than this (at `now`) are presumed dead. */
export const staleClaimBefore = (now: Date) => new Date(now.getTime() - SEND_LEASE_MS);

/**
 * The one claim condition of every outbox (EmailMessage, SmsMessage): ready to send, or under a
 * claim older than the lease (its sender died). Used in the claiming UPDATE's WHERE.
 */
export const claimableWhere = (now: Date) => ({
  OR: [
    { status: "QUEUED" as const },
    { status: "SENDING" as const, claimedAt: { lt: staleClaimBefore(now) } },
  ],
  ...notBeforePassed(now),
});

/**
 * A row held until a later time (`notBefore`: a campaign message whose retry fell in quiet hours)
 * is neither claimed nor swept before then, so held rows don't take the sweep's batch slots.
 */
export const notBeforePassed = (now: Date) => ({
  AND: [{ OR: [{ notBefore: null }, { notBefore: { lte: now } }] }],
});

/** What a claim writes: SENDING, its time, one more attempt. */
export const claimData = (now: Date) => ({
  status: "SENDING" as const,
  claimedAt: now,
  attempts: { increment: 1 },
});

/**
 * What the sweep (re)sends: QUEUED for longer than `olderThanMs` (never reached the queue, or a
 * retry is due), and SENDING under a claim older than the lease (the sender died).
 */
export const sweepWhere = (now: Date, olderThanMs: number) => ({
  OR: [
    { status: "QUEUED" as const, createdAt: { lt: new Date(now.getTime() - olderThanMs) } },
    { status: "SENDING" as const, claimedAt: { lt: staleClaimBefore(now) } },
  ],
  ...notBeforePassed(now),
});

/**
 * Gives a claim back without counting it as an attempt and holds the row until `notBefore`
 * (QUEUED again; the sweep picks it up once that time has passed). Only while this claim is
 * still the current one. Used when a campaign message's send would land in quiet hours.
 */
export const holdWhere = (claim: { id: string; claimedAt: Date }) => ({
  id: claim.id,
  status: "SENDING" as const,
  claimedAt: claim.claimedAt,
});
export const holdData = (notBefore: Date) => ({
  status: "QUEUED" as const,
  notBefore,
  attempts: { decrement: 1 },
});

/**
 * A failed attempt's record, only while this claim is still the current one (a sender whose lease
 * ran out must not overwrite a newer attempt): back to QUEUED for a retry, or FAILED when `final`.
 */
export const failureWhere = (claim: { id: string; claimedAt: Date }) => ({
  id: claim.id,
  status: "SENDING" as const,
  claimedAt: claim.claimedAt,
});
export const failureData = ({ error, final }: { error: string; final: boolean }) => ({
  status: final ? ("FAILED" as const) : ("QUEUED" as const),
  error: error.slice(0, 1000),
});

export interface ClaimedEmail {
  id: string;
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Files to send with it. */
  attachments: EmailAttachment[];
  /** Extra headers (campaign emails: List-Unsubscribe, List-Unsubscribe-Post). */
  headers: Record<string, string>;
  /** Including this claim. */
  attempts: number;
  claimedAt: Date;
}

/**
 * Claims the email with this idempotency key for one send attempt (a committed UPDATE), or
 * returns null when it is SENT, FAILED, or being sent by someone else under a live claim.
 */
export async function claimEmail(
  db: Db,
  idempotencyKey: string,
  now: Date,
): Promise<ClaimedEmail | null> {
  const [row] = await db.emailMessage.updateManyAndReturn({
    where: { idempotencyKey, ...claimableWhere(now) },
    data: claimData(now),
  });
  if (!row) return null;
  return {
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    to: row.to,
    subject: row.subject,
    text: row.text,
    html: row.html,
    attachments: attachmentsOf(row.attachments),
    headers: headersOf(row.headers),
    attempts: row.attempts,
    claimedAt: row.claimedAt!,
  };
}

/**
 * The message was handed over: SENT, whatever happened to the claim meanwhile. When it really
 * left (`delivered`: an SMTP server took it), the stored copy loses its secret links: sign-in,
 * manage and verification tokens are kept at rest only as hashes, and the body was the last
 * plain copy. (Without SMTP the stored body is the only copy, read in the local demo mailbox.)
 */
export async function recordEmailSent(
  db: Db,
  claim: ClaimedEmail,
  now: Date,
  opts: { delivered: boolean },
): Promise<void> {
  await db.emailMessage.updateMany({
    where: { id: claim.id, status: { not: "SENT" } },
    data: {
      status: "SENT",
      sentAt: now,
      error: null,
      ...(opts.delivered
        ? {
            text: redactSecrets(claim.text),
            html: claim.html === null ? null : redactSecrets(claim.html),
          }
        : {}),
    },
  });
}

/**
 * The attempt failed: back to QUEUED for a retry, or FAILED when `final`. Only while our claim is
 * still the current one (a sender whose lease ran out must not overwrite a newer attempt).
 */
export async function recordEmailFailure(
  db: Db,
  claim: ClaimedEmail,
  { error, final }: { error: string; final: boolean },
): Promise<void> {
  await db.emailMessage.updateMany({
    where: failureWhere(claim),
    data: failureData({ error, final }),
  });
}

/** Gives the claim back and holds the email until `notBefore` (see holdData). */
export async function holdEmail(db: Db, claim: ClaimedEmail, notBefore: Date): Promise<void> {
  await db.emailMessage.updateMany({ where: holdWhere(claim), data: holdData(notBefore) });
}

/**
 * Emails the sweep should (re)send: QUEUED for longer than `olderThanMs` (their job never reached
 * the queue, or a retry is due), and SENDING under a claim older than the lease (the sender died).
 */
export async function dueEmailKeys(
  db: Db,
  { now, olderThanMs, take = 100 }: { now: Date; olderThanMs: number; take?: number },
): Promise<string[]> {
  const rows = await db.emailMessage.findMany({
    where: sweepWhere(now, olderThanMs),
    orderBy: { createdAt: "asc" },
    take,
    select: { idempotencyKey: true },
  });
  return rows.map((r) => r.idempotencyKey);
}
