import {
  campaignQuietUntil,
  smsObsolete,
  claimSms,
  holdSms,
  recordSmsFailure,
  recordSmsSent,
  stopSms,
} from "@myhibachi/core";
import { queueConfigs } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";
import { errorMessage } from "../log";
import { createSmsSender } from "../sms";

export type SmsSendResult = {
  status: "sent" | "already-sent" | "sending-elsewhere" | "failed-earlier" | "obsolete" | "held";
  id: string;
};

/** After this many attempts (counted on the row) a text is FAILED (the email queue's number). */
export const SMS_MAX_ATTEMPTS = queueConfigs.email.attempts;

/**
 * Twilio's "Attempt to send to unsubscribed recipient": the phone said STOP to our number (Twilio
 * keeps its own opt-out list), maybe before our webhook was set up. Recorded as a STOP here too.
 */
export const TWILIO_UNSUBSCRIBED = 21610;
/** Twilio refuses this number for good (invalid, unreachable, landline): no retry helps. */
const TWILIO_FINAL = new Set([21211, 21612, 21614, TWILIO_UNSUBSCRIBED]);
const twilioCode = (err: unknown): number | null =>
  typeof err === "object" && err !== null && typeof (err as { code?: unknown }).code === "number"
    ? (err as { code: number }).code
    : null;

/**
 * Delivers one stored text (SmsMessage), keyed by `idempotencyKey`: the email outbox's claim /
 * send / record (core/messages/claims.ts, messages/sms.ts), no transaction open across the
 * Twilio call.
 *
 * 1. A text whose phone said STOP since it was written (any text), or a campaign text whose
 *    enrolment ended, stays unsent (FAILED "Not sent: ...", its send record SKIPPED).
 * 2. Claim it (committed UPDATE to SENDING). Not claimable: SENT -> done; a live claim elsewhere ->
 *    that sender (or the sweep after the lease) delivers it; FAILED -> stays so.
 * 3. A retry (attempts > 1: an earlier sender died after its claim, or Twilio's answer was lost)
 *    first asks Twilio whether it already has this text; if so it is recorded SENT, not resent.
 * 4. Send, record SENT with Twilio's sid; or record the failure (QUEUED for the sweep's retry,
 *    FAILED after the last attempt) and rethrow.
 */
export async function deliverSms(
  idempotencyKey: string,
  { deps }: Pick<ProcessorContext, "deps">,
): Promise<SmsSendResult> {
  const { db, now } = deps;
  const sms = deps.sms ?? createSmsSender({ twilio: null, log: deps.log });
  const row = await db.smsMessage.findUniqueOrThrow({
    where: { idempotencyKey },
    select: { id: true, to: true, status: true },
  });
  const obsolete = await smsObsolete(db, idempotencyKey, row.to);
  if (obsolete) {
    await db.smsMessage.updateMany({
      where: { id: row.id, status: "QUEUED" },
      data: { status: "FAILED", error: obsolete },
    });
    return { status: "obsolete", id: row.id };
  }
  const claim = await claimSms(db, idempotencyKey, now());
  if (!claim) {
    const again = await db.smsMessage.findUniqueOrThrow({
      where: { idempotencyKey },
      select: { status: true },
    });
    const status =
      again.status === "SENT"
        ? "already-sent"
        : again.status === "FAILED"
          ? "failed-earlier"
          : "sending-elsewhere";
    return { status, id: row.id };
  }
  // Quiet hours apply to campaign texts at the moment they go (a retry, the sweep's resend): held
  // until the next 8:00 in the event's time zone, not counted as an attempt.
  const quietUntil = await campaignQuietUntil(db, idempotencyKey, claim.claimedAt);
  if (quietUntil) {
    await holdSms(db, claim, quietUntil);
    return { status: "held", id: claim.id };
  }
  if (deps.pauseAfterClaimMs && idempotencyKey.startsWith("campaign:")) {
    // TEST-ONLY hook (WORKER_TEST_PAUSE_AFTER_CLAIM_MS, see env.ts): a SIGKILL lands here.
    deps.log.info(`[sms.send] test pause after claim: ${idempotencyKey}`);
    await new Promise((r) => setTimeout(r, deps.pauseAfterClaimMs));
  }
  const text = { to: claim.to, body: claim.body };
  let providerId: string | null;
  try {
    // A retry: did an earlier attempt reach Twilio after all?
    const earlier = claim.attempts > 1 ? await sms.findSent(text, claim.createdAt) : null;
    if (earlier) {
      deps.log.info(`[sms.send] ${claim.id} was already sent (${earlier}): not sent again`);
      await recordSmsSent(db, claim, now(), earlier);
      return { status: "already-sent", id: claim.id };
    }
    // Consent is checked once more right before the call (a STOP that came in meanwhile).
    const late = await smsObsolete(db, idempotencyKey, claim.to);
    if (late) {
      await db.smsMessage.updateMany({
        where: { id: claim.id, status: "SENDING", claimedAt: claim.claimedAt },
        data: { status: "FAILED", error: late },
      });
      return { status: "obsolete", id: claim.id };
    }
    providerId = await sms.send(text);
  } catch (err) {
    const code = twilioCode(err);
    if (code === TWILIO_UNSUBSCRIBED) {
      // Not an error to retry: the phone opted out at Twilio. Our consent follows.
      await stopSms(db, claim.to, now());
      await recordSmsFailure(db, claim, {
        error: "Not sent: the phone has opted out at Twilio (replied STOP).",
        final: true,
      });
      return { status: "obsolete", id: claim.id };
    }
    try {
      await recordSmsFailure(db, claim, {
        error: errorMessage(err),
        final: claim.attempts >= SMS_MAX_ATTEMPTS || (code !== null && TWILIO_FINAL.has(code)),
      });
    } catch (recordErr) {
      deps.log.error(`[sms.send] could not record failure of ${claim.id}`, recordErr);
    }
    throw err;
  }
  // ---- window: from Twilio's answer until this UPDATE commits (a retry asks Twilio first) ----
  await recordSmsSent(db, claim, now(), providerId);
  return { status: "sent", id: claim.id };
}
