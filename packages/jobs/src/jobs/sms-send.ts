import { z } from "zod";
import { defineJob } from "./define";

/**
 * Deliver one stored text (SmsMessage, written first with its unique key): the phone's hold link
 * (issue 17). The row is the copy; the email sweep delivers it if this job never runs.
 */
export const smsSendPayload = z.object({
  idempotencyKey: z.string().min(1, "`idempotencyKey` must not be empty").max(200),
});

export const smsSend = defineJob({
  queue: "email",
  schema: smsSendPayload,
  idempotencyKey: (p) => `sms:${p.idempotencyKey}`,
});
