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
}

export interface ProcessorContext extends BaseProcessorContext {
  deps: WorkerDeps;
}

export type Processors = ProcessorRegistry<ProcessorContext>;
