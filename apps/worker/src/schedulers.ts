import {
  jobOptionsFor,
  parsePayload,
  queueConfigs,
  jobs,
  type JobInput,
  type JobName,
  type Queues,
} from "@myhibachi/jobs";
import { env } from "./env";

/** Every `every` ms from registration, or at a local time of day (cron `pattern`) in the business's zone. */
type Schedule<N extends JobName = JobName> = {
  name: N;
  data: JobInput<N>;
} & ({ every: number; pattern?: never } | { pattern: string; every?: never });

/** The nightly jobs' local time, in the business's zone (BusinessSettings.timeZone): 03:15 and 03:45. */
export const NIGHTLY_LOYALTY = "15 3 * * *";
export const NIGHTLY_ANALYTICS = "45 3 * * *";

/** Recurring jobs. upsertJobScheduler is idempotent: every worker process may (re)register them. */
export const schedules: Schedule[] = [
  { name: "bookings.expire-holds", every: 60_000, data: {} },
  // Stripe: ended holds' Checkout pages closed; webhook events and refunds whose job was lost.
  { name: "payments.sweep", every: 60_000, data: {} },
  // Emails whose row was written but whose job never reached the queue (a crash between the two,
  // an enqueue that timed out); a Redis outage also triggers a sweep as soon as Redis is back.
  // Every 20 s: a request whose app had not yet reconnected to Redis when the worker's
  // reconnect sweep ran still gets its email within about 40 s. The claim makes a race with a
  // late job harmless.
  { name: "email.sweep", every: 20_000, data: { olderThanMs: 20_000 } },
  // Receipts of payments and refunds that have none yet (normally sent at once by the payment
  // engine's notice), and the balance email of events `balanceLinkDaysBefore` days away.
  { name: "payments.receipts", every: 60_000, data: {} },
  { name: "payments.balance-emails", every: 600_000, data: {} },
  // Reminders a week and a day before each party (and none for a booking made too late for
  // one): every 5 minutes, so each goes out within minutes of its time.
  { name: "bookings.reminders", every: 300_000, data: {} },
  // Loyalty: every customer's tier recomputed from their bookings and ledger once a day (each
  // completion, cancellation and refund already recomputes its customer at once; this repairs
  // anything missed and applies tier thresholds the owner changed).
  // At night in the business's zone (not every 24 h from the worker's first start).
  { name: "loyalty.recompute", pattern: NIGHTLY_LOYALTY, data: {} },
  // Follow-up campaigns: enrol from the triggers and send the steps that are due (quiet hours,
  // frequency cap and exit rules are the engine's; core/campaigns).
  { name: "campaigns.run", every: 60_000, data: {} },
  // Customer intelligence: lifetime value, churn risk and the demand forecast refitted once a day
  // (pages read the stored scores); churn-risk interventions are enrolled by it. At night in the
  // business's zone, so the refit and the churn emails after it don't land in business hours.
  { name: "analytics.refit", pattern: NIGHTLY_ANALYTICS, data: {} },
  {
    name: "alerts.evaluate",
    every: env.ALERTS_EVALUATE_EVERY_MS,
    data: { webhookUrl: env.SLACK_WEBHOOK_URL, emailTo: env.ALERT_EMAIL_TO },
  },
];

/** The repeat options of a schedule: a cron pattern runs in `timeZone` (an IANA zone). */
export function repeatFor(
  s: Schedule,
  timeZone: string,
): { every: number } | { pattern: string; tz: string } {
  return s.pattern !== undefined ? { pattern: s.pattern, tz: timeZone } : { every: s.every };
}

/**
 * (Re)registers every schedule. `timeZone` is the business's zone, read at each (re)connect, so a
 * changed zone is followed at the next worker start (or Redis reconnect); upserting the same key
 * replaces the earlier pattern, zone or interval.
 */
export async function registerSchedulers(queues: Queues, timeZone: string): Promise<void> {
  for (const s of schedules) {
    const queue = jobs[s.name].queue;
    // A nightly job whose zone (or time) changed is removed first: upserting over it can keep
    // the next run computed in the old zone (seen in CI: 06:45 in New York, 03:45 in the old
    // Los Angeles zone).
    if (s.pattern !== undefined) {
      const existing = await queues[queue].getJobScheduler(s.name);
      if (existing && (existing.tz !== timeZone || existing.pattern !== s.pattern))
        await queues[queue].removeJobScheduler(s.name);
    }
    await queues[queue].upsertJobScheduler(s.name, repeatFor(s, timeZone), {
      name: s.name,
      data: parsePayload(s.name, s.data),
      opts: jobOptionsFor(queueConfigs[queue]),
    });
  }
}
