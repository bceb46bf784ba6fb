// The owner's Outbox: every stored email and alert webhook call, with secrets redacted, and a
// retry for the ones that failed for good. Mounted under `owner.` (OWNER only).
import { z } from "zod";
import { listOutbox, OUTBOX_STATUSES, retryOutboxMessage } from "@myhibachi/core";
import { enqueue } from "@myhibachi/jobs";
import { ownerProcedure, router } from "../../trpc";
import { idSchema } from "@myhibachi/core";

const noNul = (s: string) => !s.includes("\u0000");

export const outboxAdminRouter = router({
  list: ownerProcedure
    .input(
      z
        .object({
          status: z
            .enum(OUTBOX_STATUSES, { error: "Choose queued, sending, sent or failed." })
            .optional(),
          to: z
            .string()
            .trim()
            .max(320, "An email address has at most 320 characters.")
            .refine(noNul, "Remove the invisible control characters from the address.")
            .optional(),
          cursor: z.string().max(200).refine(noNul, "That page link is broken.").optional(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .default({ limit: 50 }),
    )
    .query(({ ctx, input }) => listOutbox(ctx.db, input)),
  retry: ownerProcedure
    .input(
      z.object({
        kind: z.enum(["email", "webhook"], { error: "Choose an email or a webhook call." }),
        id: idSchema.refine(noNul, "That message id is broken. Reload the page."),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await retryOutboxMessage(ctx.db, { ...input, actorId: ctx.user.id });
      if (r.kind === "email" && ctx.queues) {
        // A fresh job id: the failed job may still be in the queue's history under the key's id.
        // If Redis is down the row stays QUEUED and the worker's sweep sends it.
        await enqueue(ctx.queues, "email.send", r.email, {
          jobId: `email.send--retry-${r.id}-${r.attempts}`,
        }).catch((err: unknown) =>
          console.error("[outbox] retry not enqueued; the email sweep will send it", err),
        );
      }
      return { kind: r.kind, id: r.id, status: "queued" as const };
    }),
});
