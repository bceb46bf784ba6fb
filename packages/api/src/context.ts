import type { Db } from "@myhibachi/db";
import type { QueryCache } from "@myhibachi/core";
import type { Auth, SessionUser } from "@myhibachi/auth";
import type { Redis } from "ioredis";
import type { Queues } from "@myhibachi/jobs";

export interface EmailMessageInput {
  to: string;
  subject: string;
  text: string;
  idempotencyKey: string;
}

/** Process-wide dependencies an app builds once and hands to every request. */
export interface ApiDeps {
  db: Db;
  redis: Redis | null;
  cache: QueryCache;
  auth: Auth;
  /** Enqueues an email (through packages/jobs); must be idempotent per key. */
  sendEmail: (msg: EmailMessageInput) => Promise<void>;
  /** BullMQ queues, for work the request hands to the worker. */
  queues?: Queues;
  /** Public base URL of the customer site, for links in emails. */
  customerUrl: string;
  /** The client's IP for rate limits (socket + trusted proxy hops); absent: limits skip the IP. */
  clientIp?: (headers: Headers) => string | null;
  now?: () => Date;
}

export interface Context extends ApiDeps {
  user: SessionUser | null;
  headers: Headers;
}

export async function createContext(
  deps: ApiDeps,
  headers: Headers,
  user: SessionUser | null,
): Promise<Context> {
  return { ...deps, user, headers };
}
