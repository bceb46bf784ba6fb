import { enrolCampaigns, rewardReferrals, runDueCampaignSteps } from "@myhibachi/core";
import type { JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";
import { customerUrlOf, deliverStored } from "./payments-receipts";
import { errorMessage } from "../log";
import { deliverSms } from "./sms-send";

/**
 * Every minute: follow-up campaigns (core/campaigns) at the worker's clock. Enrols what the
 * triggers find, writes each due step's send record and outbox email in their own committed
 * transaction, then delivers them through the outbox sender (claim, SMTP, record) and the texts
 * through the SMS sender (claim, Twilio, record); the email sweep delivers any this run couldn't. Also rewards referrers (core/campaigns/referrals.ts).
 * Off without AUTH_SECRET (it signs the emails' links).
 */
export const campaignsRun: JobProcessor<"campaigns.run", ProcessorContext> = async (_p, ctx) => {
  const { db, now, campaigns } = ctx.deps;
  if (!campaigns) return { skipped: "AUTH_SECRET is not set" };
  const at = now();
  const { enrolled } = await enrolCampaigns(db, at);
  const run = await runDueCampaignSteps(db, at, {
    siteUrl: customerUrlOf(ctx),
    secret: campaigns.secret,
    frequencyCapMs: campaigns.frequencyCapMs,
    ...(campaigns.reviewUrl ? { reviewUrl: campaigns.reviewUrl } : {}),
  });
  // Referrers whose friend's first party took place: their reward code, by email.
  const rewards = await rewardReferrals(db, at, { siteUrl: customerUrlOf(ctx) });
  const r = await deliverStored(
    [...run.emailKeys, ...rewards].map((idempotencyKey) => ({ idempotencyKey })),
    ctx,
    "campaigns.run",
  );
  // Texts (SMS steps), through the SMS outbox; the email sweep sends any left QUEUED here.
  let smsSent = 0;
  let smsFailed = 0;
  for (const key of run.smsKeys) {
    try {
      if ((await deliverSms(key, ctx)).status === "sent") smsSent++;
    } catch (err) {
      smsFailed++;
      ctx.deps.log.error(`[campaigns.run] text ${key}: ${errorMessage(err)}`);
    }
  }
  const count = (o: string) => run.outcomes.filter((x) => x.outcome === o).length;
  for (const o of run.outcomes)
    if (o.outcome === "failed")
      ctx.deps.log.error(`[campaigns.run] enrolment ${o.enrolmentId}: ${o.why}`);
  return {
    enrolled,
    queued: run.emailKeys.length,
    smsQueued: run.smsKeys.length,
    smsSent,
    ...(smsFailed ? { smsFailed } : {}),
    postponed: count("postponed"),
    exited: count("exited"),
    skipped: count("skipped"),
    inApp: count("in-app"),
    stepsFailed: count("failed"),
    referralRewards: rewards.length,
    ...r,
  };
};
