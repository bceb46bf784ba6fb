import { createHash } from "node:crypto";
import type { JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";
import { errorMessage } from "../log";

export type EmailSendResult = { status: "sent" | "already-sent"; id: string };

/**
 * Sends one logical email once, keyed by `idempotencyKey` (unique in EmailMessage).
 *
 * 1. Insert-if-absent the row (ON CONFLICT DO NOTHING), then read it. Already SENT -> done.
 * 2. In a transaction, lock the row (SELECT ... FOR UPDATE): a concurrent run for the same key (a
 *    second job id, another worker process) blocks here and then sees SENT, so it never sends.
 * 3. Deliver, then mark SENT in that same transaction, right away.
 *
 * The one unavoidable duplicate window: the SMTP server has accepted the message but the process
 * dies (or the commit fails) before SENT is committed. The retry then sends again. We keep that
 * window as small as possible (nothing happens between the SMTP reply and the UPDATE/COMMIT) and give
 * the message a Message-ID derived from the key, so mail systems and people can spot the duplicate.
 * Exactly-once delivery over SMTP is impossible; at-least-once with this narrow window is the goal.
 */
export const emailSend: JobProcessor<"email.send", ProcessorContext> = async (p, { job, deps }) => {
  const { db, mailer, now } = deps;
  await db.emailMessage.createMany({
    data: [
      {
        idempotencyKey: p.idempotencyKey,
        to: p.to,
        subject: p.subject,
        text: p.text,
        html: p.html ?? null,
      },
    ],
    skipDuplicates: true,
  });
  const row = await db.emailMessage.findUniqueOrThrow({
    where: { idempotencyKey: p.idempotencyKey },
  });
  if (row.status === "SENT")
    return { status: "already-sent", id: row.id } satisfies EmailSendResult;

  try {
    const status = await db.$transaction(
      async (tx) => {
        const locked = await tx.$queryRaw<{ status: string }[]>`
          SELECT "status"::text AS status FROM "EmailMessage" WHERE "id" = ${row.id} FOR UPDATE`;
        if (locked[0]?.status === "SENT") return "already-sent" as const;
        // The row's content (first enqueue wins) is what gets sent and what the dev mailbox shows.
        await mailer.send({
          to: row.to,
          subject: row.subject,
          text: row.text,
          html: row.html ?? undefined,
          messageId: messageIdFor(row.idempotencyKey),
        });
        // ---- duplicate window: from the SMTP server's "250 OK" until this commits ----
        await tx.emailMessage.update({
          where: { id: row.id },
          data: { status: "SENT", sentAt: now(), attempts: { increment: 1 }, error: null },
        });
        return "sent" as const;
      },
      // Bounded by the mailer's own timeouts (10 s connect, 30 s socket).
      { maxWait: 10_000, timeout: 90_000 },
    );
    return { status, id: row.id } satisfies EmailSendResult;
  } catch (err) {
    const attempts = job.opts.attempts ?? 1;
    const final = job.attemptsMade + 1 >= attempts;
    try {
      await db.emailMessage.updateMany({
        where: { id: row.id, status: { not: "SENT" } },
        data: {
          attempts: { increment: 1 },
          error: errorMessage(err).slice(0, 1000),
          status: final ? "FAILED" : "QUEUED",
        },
      });
    } catch (recordErr) {
      deps.log.error(`[email.send] could not record failure of ${row.id}`, recordErr);
    }
    throw err; // BullMQ retries with the email queue's backoff
  }
};

export function messageIdFor(idempotencyKey: string): string {
  return `<${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32)}@myhibachi.mail>`;
}
