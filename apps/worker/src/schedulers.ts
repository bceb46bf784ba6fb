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

interface Schedule<N extends JobName = JobName> {
  name: N;
  every: number;
  data: JobInput<N>;
}

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
  { name: "loyalty.recompute", every: 24 * 60 * 60_000, data: {} },
  // Follow-up campaigns: enrol from the triggers and send the steps that are due (quiet hours,
  // frequency cap and exit rules are the engine's; core/campaigns).
  { name: "campaigns.run", every: 60_000, data: {} },
  // Customer intelligence: lifetime value, churn risk and the demand forecast refitted once a day
  // (pages read the stored scores); churn-risk interventions are enrolled by it.
  { name: "analytics.refit", every: 24 * 60 * 60_000, data: {} },
  {
    name: "alerts.evaluate",
    every: env.ALERTS_EVALUATE_EVERY_MS,
    data: { webhookUrl: env.SLACK_WEBHOOK_URL, emailTo: env.ALERT_EMAIL_TO },
  },
];

export async function registerSchedulers(queues: Queues): Promise<void> {
  for (const s of schedules) {
    const queue = jobs[s.name].queue;
    await queues[queue].upsertJobScheduler(
      s.name,
      { every: s.every },
      {
        name: s.name,
        data: parsePayload(s.name, s.data),
        opts: jobOptionsFor(queueConfigs[queue]),
      },
    );
  }
}
