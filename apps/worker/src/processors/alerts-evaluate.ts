import {
  alertRecipients,
  alertText,
  deliverPendingAlerts,
  getCostAlertSettings,
  runCostAlerts,
  type AlertForDelivery,
} from "@myhibachi/core";
import { assertOutsideTransaction } from "@myhibachi/db";
import type { JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";
import { emailSend } from "./email-send";

/** POSTs `{text}` (Slack incoming-webhook format) once; the key lets a receiver drop a duplicate. */
export async function postAlertWebhook(url: string, alert: AlertForDelivery): Promise<void> {
  assertOutsideTransaction("calling the alert webhook");
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `cost-alert:${alert.id}` },
    body: JSON.stringify({ text: alertText(alert) }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`the alert webhook answered HTTP ${res.status}`);
}

/**
 * Scheduled every few minutes. 1) refresh the cost rollups and record new alerts (at most once per
 * rule, period and level: a database constraint), 2) deliver pending email/webhook deliveries.
 * A delivery that fails stays PENDING and the job throws, so BullMQ retries it with the alerts
 * queue's backoff; the rerun records nothing twice and resends only what was not delivered.
 */
export const alertsEvaluate: JobProcessor<"alerts.evaluate", ProcessorContext> = async (p, ctx) => {
  const { db, now, log } = ctx.deps;
  const run = await runCostAlerts(db, { now: now(), fallbackWebhookUrl: p.webhookUrl });
  for (const a of run.created) log.info(`[alerts] ${a.level} ${a.rule} ${a.periodKey}: ${a.title}`);

  const settings = await getCostAlertSettings(db);
  const webhookUrl = settings.webhookUrl ?? p.webhookUrl;
  const report = await deliverPendingAlerts(db, {
    now,
    async send(channel, alert) {
      if (channel === "webhook") {
        if (!webhookUrl) throw new Error("no alert webhook is configured any more");
        return postAlertWebhook(webhookUrl, alert);
      }
      const to = await alertRecipients(db, p.emailTo);
      if (!to.length) throw new Error("no owner email address to send the alert to");
      for (const addr of to)
        await emailSend(
          {
            to: addr,
            subject: `[MyHibachi] ${alert.title}`,
            text: alertText(alert),
            idempotencyKey: `cost-alert:${alert.id}:${addr}`,
          },
          ctx,
        );
    },
  });
  const result = {
    created: run.created.length,
    delivered: report.sent,
    failed: report.failed.length,
    gaveUp: report.gaveUp,
    ms: run.ms,
  };
  if (report.failed.length)
    throw new Error(
      `${report.failed.length} alert delivery(ies) failed, retrying: ${report.failed
        .map((f) => `${f.channel}: ${f.error}`)
        .join("; ")}`,
    );
  return result;
};
