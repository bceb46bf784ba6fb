import { z } from "zod";
import { defineJob } from "./define";

/**
 * Scheduler job (every few minutes): refreshes the AI cost rollups, evaluates the budget, spike
 * and projection rules, records new alerts once, and delivers pending email/webhook alerts. The
 * worker's env fills in the fallback webhook and email recipients.
 */
export const alertsEvaluatePayload = z
  .object({
    /** Slack-compatible webhook used when the owner has not set one in the admin app. */
    webhookUrl: z.url({ error: "`webhookUrl` must be an http(s) URL" }).optional(),
    /** Email recipients; default: every owner's email. */
    emailTo: z.array(z.email({ error: "`emailTo` must hold email addresses" })).optional(),
  })
  .strict();

export const alertsEvaluate = defineJob({ queue: "alerts", schema: alertsEvaluatePayload });
