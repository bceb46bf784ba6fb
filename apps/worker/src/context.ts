import type { PaymentsGateway } from "@myhibachi/core";
import type { Db } from "@myhibachi/db";
import type { BaseProcessorContext, ProcessorRegistry } from "@myhibachi/jobs";
import type { Logger } from "./log";
import type { Mailer } from "./mailer";

/** What processors may use. Built once in main.ts; tests build their own. */
export interface WorkerDeps {
  db: Db;
  mailer: Mailer;
  log: Logger;
  now: () => Date;
  /** Public URL of the customer site, for links in emails (receipts, the balance link). */
  customerUrl?: string;
  /** The Stripe client; null = "pay at the event" mode (no payment is taken online). */
  payments?: PaymentsGateway | null;
}

export interface ProcessorContext extends BaseProcessorContext {
  deps: WorkerDeps;
}

export type Processors = ProcessorRegistry<ProcessorContext>;
