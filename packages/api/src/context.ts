import type { AiSettings } from "@myhibachi/ai/env";
import type { Db } from "@myhibachi/db";
import type { EmailAttachment, PaymentsGateway, QueryCache } from "@myhibachi/core";
import { TRPCError } from "@trpc/server";
import {
  getSessionUser,
  SessionUnavailableError,
  type Auth,
  type SessionUser,
} from "@myhibachi/auth";
import type { Redis } from "ioredis";
import type { Queues } from "@myhibachi/jobs";

export interface EmailMessageInput {
  to: string;
  subject: string;
  text: string;
  /** An HTML part with the same content (booking emails). */
  html?: string;
  idempotencyKey: string;
  /** Files sent with it (a booking's calendar event), stored with the row. */
  attachments?: EmailAttachment[] | undefined;
}

/** Process-wide dependencies an app builds once and hands to every request. */
export interface ApiDeps {
  /** The primary database. */
  db: Db;
  /**
   * A streaming replica (one at random per call) for the operations that read from one, or the
   * primary; absent = the primary (see `reads` in core's operations/define.ts).
   */
  readDb?: () => Db;
  redis: Redis | null;
  cache: QueryCache;
  auth: Auth;
  /** Enqueues an email (through packages/jobs); must be idempotent per key. */
  sendEmail: (msg: EmailMessageInput) => Promise<void>;
  /** BullMQ queues, for work the request hands to the worker. */
  queues?: Queues;
  /** Public base URL of the customer site, for links in emails. */
  customerUrl: string;
  /** Signs cookies the API issues itself (the chat visitor id): the app's AUTH_SECRET. */
  cookieSecret: string;
  /**
   * The client's address for rate limits (socket peer and trusted proxy hops only, never a header
   * the client could set), or null when unknown. Without it, limits are per client key only.
   */
  clientAddress?: (headers: Headers) => string | null;
  now?: () => Date;
  /** The assistant's model settings; unset = the local tier answers (see chat-replies.ts). */
  aiSettings?: AiSettings;
  /** Stripe (deposits online); null/absent = "pay at the event" mode. */
  payments?: PaymentsGateway | null;
}

export interface Context extends ApiDeps {
  user: SessionUser | null;
  headers: Headers;
  /** The user is the owner of an API key (REST only), not a session: reads only. */
  viaApiKey?: boolean;
}

/**
 * The signed-in user for a request, or null when signed out. When the session can't be read (the
 * database is down) this is a 503 the person can act on ("try again"), never "signed out": a
 * signed-in owner must not be sent to sign in, nor a customer shown a visitor's page.
 */
export async function sessionUser(
  deps: Pick<ApiDeps, "auth">,
  headers: Headers,
): Promise<SessionUser | null> {
  try {
    return await getSessionUser(deps.auth, headers);
  } catch (err) {
    if (!(err instanceof SessionUnavailableError)) throw err;
    throw new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: "We couldn't check your sign-in just now. Please try again in a moment.",
      cause: err,
    });
  }
}

export async function createContext(
  deps: ApiDeps,
  headers: Headers,
  user: SessionUser | null,
  opts: { viaApiKey?: boolean } = {},
): Promise<Context> {
  return { ...deps, user, headers, viaApiKey: opts.viaApiKey === true };
}
