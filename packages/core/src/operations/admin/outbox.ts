// The owner's Outbox: every stored email, text and alert webhook call, secrets redacted, and one more
// attempt for a message that failed for good.
import { z } from "zod";
import {
  listOutbox,
  OUTBOX_KINDS,
  OUTBOX_STATUSES,
  retryOutboxMessage,
} from "../../messages/outbox";
import { idSchema } from "../../schemas";
import { owner } from "../access";
import { defineOperation } from "../define";

const noNul = (s: string) => !s.includes("\u0000");

export const listOutboxOp = defineOperation({
  name: "listOutbox",
  kind: "query",
  summary:
    "Stored emails, texts and alert webhook calls, newest first (secret links hidden), by status and recipient.",
  input: z
    .object({
      status: z
        .enum(OUTBOX_STATUSES, { error: "Choose queued, sending, sent or failed." })
        .optional(),
      to: z
        .string()
        .trim()
        .max(320, "An email address or phone number has at most 320 characters.")
        .refine(noNul, "Remove the invisible control characters from the address.")
        .optional(),
      cursor: z.string().max(200).refine(noNul, "That page link is broken.").optional(),
      limit: z.number().int().min(1).max(200).default(50),
    })
    .default({ limit: 50 }),
  access: owner,
  run(ctx, input) {
    return listOutbox(ctx.db, input);
  },
});

export const retryOutboxMessageOp = defineOperation({
  name: "retryOutboxMessage",
  kind: "mutation",
  summary: "Send a failed email, text or alert webhook call once more.",
  input: z.object({
    kind: z.enum(OUTBOX_KINDS, {
      error: "Choose an email, a text or a webhook call.",
    }),
    id: idSchema.refine(noNul, "That message id is broken. Reload the page."),
  }),
  access: owner,
  async run(ctx, input, user) {
    const r = await retryOutboxMessage(ctx.db, { ...input, actorId: user.id });
    // A fresh job per attempt; without a queue the row stays QUEUED for the worker's sweep.
    if (r.kind === "email") await ctx.requeueEmail?.(r.email, `retry-${r.id}-${r.attempts}`);
    return { kind: r.kind, id: r.id, status: "queued" as const };
  },
});
