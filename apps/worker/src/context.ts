import type { PaymentsGateway, QueryCache } from "@myhibachi/core";
import type { Db } from "@myhibachi/db";
import type { BaseProcessorContext, ProcessorRegistry, Queues } from "@myhibachi/jobs";
import type { Logger } from "./log";
import type { Mailer } from "./mailer";
import type { SmsSender } from "./sms";

/** What processors may use. Built once in main.ts; tests build their own. */
export interface WorkerDeps {
  db: Db;
  mailer: Mailer;
  /** Text messages: Twilio, or the local outbox only (no keys). Absent: the local outbox. */
  sms?: SmsSender;
  log: Logger;
  now: () => Date;
  /** Stripe; null = "pay at the event" mode (the payment jobs then have nothing to do). */
  payments?: PaymentsGateway | null;
  /** The queues, for the jobs a processor hands on (emails, refunds). */
  queues?: Queues;
  /** The booking calendar cache (a late payment that re-holds a time invalidates it). */
  cache?: Pick<QueryCache, "invalidate">;
  /** Public URL of the customer site, for links in emails. */
  customerUrl?: string;
  /** Follow-up campaigns: the link-signing secret (AUTH_SECRET) and limits; absent = not run. */
  campaigns?: { secret: string; frequencyCapMs: number; reviewUrl?: string | undefined } | null;
  /** TEST-ONLY (WORKER_TEST_PAUSE_AFTER_CLAIM_MS): pause after claiming a campaign email or text. */
  pauseAfterClaimMs?: number;
}

export interface ProcessorContext extends BaseProcessorContext {
  deps: WorkerDeps;
}

export type Processors = ProcessorRegistry<ProcessorContext>;
