import {
  bookingEmailObsolete,
  campaignEmailObsolete,
  campaignQuietUntil,
  claimEmail,
  expiryReminderObsolete,
  holdEmail,
  recordEmailFailure,
  recordEmailSent,
  SEND_LEASE_MS,
  type ClaimedEmail,
} from "@myhibachi/core";
import { queueConfigs, type JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";
import { errorMessage } from "../log";

export type EmailSendResult = {
  status: "sent" | "already-sent" | "sending-elsewhere" | "failed-earlier" | "obsolete" | "held";
  id: string;
};

/** After this many attempts (counted on the row, across jobs and sweeps) an email is FAILED. */
export const EMAIL_MAX_ATTEMPTS = queueConfigs.email.attempts;
/** A claim older than this is presumed dead (the sender crashed) and the sweep sends again. */
export const EMAIL_SEND_LEASE_MS = SEND_LEASE_MS;

/**
 * Sends one logical email, keyed by `idempotencyKey` (unique in EmailMessage). Claim, send,
 * record, each on its own: no transaction or row lock is held while the SMTP server answers
 * (see packages/core/src/messages/claims.ts for the at-least-once choice).
 *
 * 1. Insert-if-absent the row (ON CONFLICT DO NOTHING): the first enqueue's content wins.
 * 2. Claim it (committed UPDATE to SENDING). Not claimable: SENT -> done; a live claim elsewhere ->
 *    that sender (or, if it dies, the sweep after the lease) delivers it; FAILED -> the owner
 *    retries it from the Outbox.
 *    A campaign email claimed in quiet hours (a retry at 21:05 of a send that failed at 20:59, the
 *    sweep's resend of a dead sender's email) is given back, held until the next 8:00 in the
 *    event's time zone (`notBefore`, not an attempt): the sweep sends it then.
 * 3. Send with Message-ID <row id@myhibachi.mail>, so a rare duplicate can be recognised.
 * 4. Record SENT, or the failure (QUEUED again for a retry, FAILED after the last attempt) and
 *    rethrow so BullMQ retries with the email queue's backoff.
 */
export const emailSend: JobProcessor<"email.send", ProcessorContext> = async (p, ctx) => {
  await ctx.deps.db.emailMessage.createMany({
    data: [
      {
        idempotencyKey: p.idempotencyKey,
        to: p.to,
        subject: p.subject,
        text: p.text,
        html: p.html ?? null,
        ...(p.attachments?.length ? { attachments: p.attachments } : {}),
      },
    ],
    skipDuplicates: true,
  });
  return deliverEmail(p.idempotencyKey, ctx);
};

/** Steps 2-4 for a row that exists (the sweep calls this directly). */
export async function deliverEmail(
  idempotencyKey: string,
  { job, deps }: ProcessorContext,
): Promise<EmailSendResult> {
  const { db, mailer, now } = deps;
  // A reminder whose booking was cancelled or moved since it was stored stays unsent (FAILED,
  // with the reason the owner reads in the Outbox).
  // A campaign email whose enrolment ended meanwhile (the customer booked, unsubscribed): the
  // exit rules are checked again right before the send.
  const obsolete =
    (await bookingEmailObsolete(db, idempotencyKey)) ??
    (await campaignEmailObsolete(db, idempotencyKey)) ??
    (await expiryReminderObsolete(db, idempotencyKey));
  if (obsolete) {
    const row = await db.emailMessage.findUniqueOrThrow({
      where: { idempotencyKey },
      select: { id: true },
    });
    await db.emailMessage.updateMany({
      where: { id: row.id, status: "QUEUED" },
      data: { status: "FAILED", error: obsolete },
    });
    return { status: "obsolete", id: row.id };
  }
  const claim = await claimEmail(db, idempotencyKey, now());
  if (!claim) {
    const row = await db.emailMessage.findUniqueOrThrow({
      where: { idempotencyKey },
      select: { id: true, status: true },
    });
    const status =
      row.status === "SENT"
        ? "already-sent"
        : row.status === "FAILED"
          ? "failed-earlier"
          : "sending-elsewhere";
    return { status, id: row.id };
  }
  // Quiet hours apply to campaign emails at the moment they go, not only when the step was written.
  const quietUntil = await campaignQuietUntil(db, idempotencyKey, claim.claimedAt);
  if (quietUntil) {
    await holdEmail(db, claim, quietUntil);
    return { status: "held", id: claim.id };
  }
  if (deps.pauseAfterClaimMs && idempotencyKey.startsWith("campaign:")) {
    // TEST-ONLY hook (WORKER_TEST_PAUSE_AFTER_CLAIM_MS, see env.ts): hold the claimed email here so
    // a test can SIGKILL the worker between the claim and the SMTP call.
    deps.log.info(`[email.send] test pause after claim: ${idempotencyKey}`);
    await new Promise((r) => setTimeout(r, deps.pauseAfterClaimMs));
  }
  try {
    await mailer.send({
      to: claim.to,
      subject: claim.subject,
      text: claim.text,
      html: claim.html ?? undefined,
      attachments: claim.attachments,
      headers: claim.headers,
      messageId: messageIdFor(claim),
    });
  } catch (err) {
    // This email's own job on its last BullMQ attempt, or the row's attempts used up: give up.
    const lastJobAttempt =
      job.name === "email.send" && job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const final = lastJobAttempt || claim.attempts >= EMAIL_MAX_ATTEMPTS;
    try {
      await recordEmailFailure(db, claim, { error: errorMessage(err), final });
    } catch (recordErr) {
      deps.log.error(`[email.send] could not record failure of ${claim.id}`, recordErr);
    }
    throw err;
  }
  // ---- duplicate window: from the SMTP server's "250 OK" until this UPDATE commits ----
  await recordEmailSent(db, claim, now(), { delivered: mailer.mode === "smtp" });
  return { status: "sent", id: claim.id };
}

/** The Message-ID of a stored email: its row id, the same on every attempt. */
export function messageIdFor(email: Pick<ClaimedEmail, "id">): string {
  return `<${email.id}@myhibachi.mail>`;
}
