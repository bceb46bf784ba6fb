import type { JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";
import { emailSend } from "./email-send";

/** Delivers QUEUED emails that never reached the queue, through the same idempotent sender. */
export const emailSweep: JobProcessor<"email.sweep", ProcessorContext> = async (p, ctx) => {
  const stuck = await ctx.deps.db.emailMessage.findMany({
    where: {
      status: "QUEUED",
      createdAt: { lt: new Date(ctx.deps.now().getTime() - p.olderThanMs) },
    },
    orderBy: { createdAt: "asc" },
    take: 100,
  });
  let sent = 0;
  for (const m of stuck) {
    await emailSend(
      {
        to: m.to,
        subject: m.subject,
        text: m.text,
        idempotencyKey: m.idempotencyKey,
        ...(m.html ? { html: m.html } : {}),
      },
      ctx,
    );
    sent++;
  }
  return { sent };
};
