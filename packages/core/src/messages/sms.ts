// The SMS outbox (SmsMessage): the same claim / send / record path as emails (claims.ts, whose
// claim condition, sweep condition and failure record these share), so a text message is written
// before the provider call, claimed in a committed UPDATE right before it and marked after it,
// never with a transaction open across the network call.
//
// Texts differ from emails in one way that matters: an SMS has no Message-ID a phone could use
// to drop a duplicate. So a RETRY (any attempt after the first: the sender died after its claim,
// or the provider's answer was lost) first asks the provider whether it already has this message
// (`findSent`, see the worker's sms sender) and records it SENT instead of sending it again.
import type { Db } from "@myhibachi/db";
import {
  claimableWhere,
  claimData,
  failureData,
  failureWhere,
  holdData,
  holdWhere,
  sweepWhere,
} from "./claims";

export interface ClaimedSms {
  id: string;
  idempotencyKey: string;
  /** The stored (normalised) phone number. */
  to: string;
  body: string;
  /** Including this claim: more than 1 means an earlier attempt may have reached the provider. */
  attempts: number;
  claimedAt: Date;
  createdAt: Date;
}

/**
 * Claims the text with this idempotency key for one send attempt (a committed UPDATE), or null
 * when it is SENT, FAILED, or being sent by someone else under a live claim.
 */
export async function claimSms(
  db: Db,
  idempotencyKey: string,
  now: Date,
): Promise<ClaimedSms | null> {
  const [row] = await db.smsMessage.updateManyAndReturn({
    where: { idempotencyKey, ...claimableWhere(now) },
    data: claimData(now),
  });
  if (!row) return null;
  return {
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    to: row.to,
    body: row.body,
    attempts: row.attempts,
    claimedAt: row.claimedAt!,
    createdAt: row.createdAt,
  };
}

/** The provider took it (or, in local-outbox mode, it stays here to be read): SENT. */
export async function recordSmsSent(
  db: Db,
  claim: Pick<ClaimedSms, "id">,
  now: Date,
  providerId: string | null,
): Promise<void> {
  await db.smsMessage.updateMany({
    where: { id: claim.id, status: { not: "SENT" } },
    data: { status: "SENT", sentAt: now, error: null, providerId },
  });
}

/** The attempt failed: QUEUED again for a retry, or FAILED when `final` (claims.ts). */
export async function recordSmsFailure(
  db: Db,
  claim: Pick<ClaimedSms, "id" | "claimedAt">,
  p: { error: string; final: boolean },
): Promise<void> {
  await db.smsMessage.updateMany({ where: failureWhere(claim), data: failureData(p) });
}

/** Gives the claim back and holds the text until `notBefore` (claims.ts `holdData`). */
export async function holdSms(
  db: Db,
  claim: Pick<ClaimedSms, "id" | "claimedAt">,
  notBefore: Date,
): Promise<void> {
  await db.smsMessage.updateMany({ where: holdWhere(claim), data: holdData(notBefore) });
}

/** Texts the sweep should (re)send (claims.ts `sweepWhere`). */
export async function dueSmsKeys(
  db: Db,
  { now, olderThanMs, take = 100 }: { now: Date; olderThanMs: number; take?: number },
): Promise<string[]> {
  const rows = await db.smsMessage.findMany({
    where: sweepWhere(now, olderThanMs),
    orderBy: { createdAt: "asc" },
    take,
    select: { idempotencyKey: true },
  });
  return rows.map((r) => r.idempotencyKey);
}

/**
 * The longest text Twilio sends (its error 21617 above this): the body as stored, the sender's
 * signature and the opt-out line included.
 */
export const SMS_MAX_LENGTH = 1600;

/** A person's reply as it is texted: "<business> (<first name>): <text> Reply STOP to opt out." */
export const staffSmsText = (business: string, staffName: string, text: string) =>
  smsText(`${business} (${staffName}): ${text}`);

/** How many characters of their own a person may write in a text reply (SMS_MAX_LENGTH, minus the rest). */
export const staffSmsRoom = (business: string, staffName: string) =>
  SMS_MAX_LENGTH - staffSmsText(business, staffName, "x").length + 1;

/** Words every campaign text ends with, once. */
export const SMS_STOP_LINE = "Reply STOP to opt out";

/**
 * A campaign text as it is sent: plain text, every kind of space or line break made one plain
 * ASCII space, typographic quotes and dashes made ASCII (GSM-7 friendly, so one segment holds 160
 * characters, not 70), and "Reply STOP to opt out" once at the end.
 */
export function smsText(text: string): string {
  const plain = text
    .replace(/[\u2018\u2019\u201A\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, "-")
    .replace(/\u2026/g, "...")
    .replace(/[\s\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]+/g, " ")
    .trim();
  const stop = /reply stop to opt out\.?/gi;
  const body = plain.replace(stop, "").replace(/\s+/g, " ").trim();
  // No full stop straight after a link: phones take it into the link, which then doesn't open.
  const end = /[.!?]$/.test(body) || body === "" || /https?:\/\/\S+$/.test(body) ? "" : ".";
  return `${body}${end} ${SMS_STOP_LINE}.`.trim();
}
