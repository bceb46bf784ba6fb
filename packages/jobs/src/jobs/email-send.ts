import { z } from "zod";
import { defineJob } from "./define";

export const emailSendPayload = z.object({
  to: z.email({ error: "`to` must be an email address" }),
  subject: z.string().min(1, "`subject` must not be empty").max(300),
  text: z.string().min(1, "`text` must not be empty"),
  html: z.string().optional(),
  /** Files sent with it (text content, e.g. a booking's calendar event); stored with the row. */
  attachments: z
    .array(
      z.object({
        filename: z.string().min(1).max(200),
        contentType: z.string().min(1).max(200),
        content: z.string().max(200_000),
      }),
    )
    .max(5)
    .optional(),
  /** One logical email = one key (e.g. `booking-confirmed:<bookingId>`); unique in EmailMessage. */
  idempotencyKey: z.string().min(1, "`idempotencyKey` must not be empty").max(200),
});

export const emailSend = defineJob({
  queue: "email",
  schema: emailSendPayload,
  idempotencyKey: (p) => p.idempotencyKey,
});
