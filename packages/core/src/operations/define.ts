// Operations: each use case defined once (input schema, who may call it, the function). The
// surfaces (tRPC, REST, GraphQL, the assistant's tools) are thin adapters that call
// `runOperation`, so every surface validates and authorizes the same way, in this one place.
import { z } from "zod";
import type { Db } from "@myhibachi/db";
import { describeUnsafeText, findUnsafeText } from "@myhibachi/shared";
import { AppError } from "../errors";
import type { QueryCache } from "../cache";
import type { BookingNotification } from "../booking/shared";
import { admitAudience } from "./access";
import type { PaymentsGateway } from "../payments/config";
import type { PaymentNotifier } from "../payments/events";
import type { EmailAttachment } from "../messages/attachments";

export type Role = "CUSTOMER" | "STAFF" | "OWNER";

/** The signed-in account behind a call (structurally the session user of packages/auth). */
export interface CallerUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** True once the account proved it owns its email. */
  emailVerified: boolean;
}

/** Who is calling, as the surface established it (never from the input). */
export interface Caller {
  user: CallerUser | null;
  /** The client's network address for rate limits (trusted hops only), or null when unknown. */
  address: string | null;
  /** The anonymous chat visitor (a signed cookie), when the surface has one. */
  visitorId?: string | null;
  /** Which surface the call came through: for logs and for rules that differ by surface. */
  surface: Surface;
  /**
   * The call is authenticated by an API key (REST), not a session. API keys are read-only:
   * `runParsed` refuses every mutation for such a caller, whatever the operation's access rule.
   */
  viaApiKey?: boolean;
}

export type Surface = "trpc" | "rest" | "graphql" | "assistant" | "internal";

/** What the assistant's reply pipeline offers a chat operation (implemented in packages/ai). */
export interface ChatReplies {
  /** A stored reply from the response cache, or null (then `answerLater`). */
  fromCache(messageId: string, seed?: unknown): Promise<{ id: string } | null>;
  /** Hands the message to the worker; throws when the queue is unreachable. */
  answerLater(conversationId: string, messageId: string): Promise<void>;
  /** Answers in this process (the queue is down). */
  answerNow(messageId: string): Promise<{ id: string } | null>;
}

/** An email stored in Postgres (the Outbox) as the sender job takes it. */
export interface StoredEmail {
  to: string;
  subject: string;
  text: string;
  idempotencyKey: string;
  /** Files sent with it (a booking's calendar event). */
  attachments?: EmailAttachment[];
}

/** Everything an operation may use; the surface builds it per call. */
export interface OperationContext {
  /** The primary database. */
  db: Db;
  /**
   * A streaming replica for one call (or the primary when none is configured): operations that
   * declare `reads: "replica"` run with it as their `db`, and only they (see `contextFor`).
   */
  readDb?: () => Db;
  cache: QueryCache;
  now: () => Date;
  caller: Caller;
  /** Emails the customer about a booking change (after the change commits). */
  notify?: (event: BookingNotification) => Promise<void> | void;
  /** The assistant's reply pipeline, for the chat operations. */
  chat?: ChatReplies;
  /**
   * Tells the customer's open chat that a message was stored in its conversation (Redis pub/sub).
   * Best effort, never throws: the chat also polls the database.
   */
  announceChat?: (conversationId: string, messageId: string) => Promise<void>;
  /** Public URL of the customer site, for links. */
  customerUrl?: string;
  /**
   * The server's secret a recommendation session's arm is keyed with (the app's AUTH_SECRET), so
   * a client can't compute its arm from the key it sends. Absent: a deterministic rule (tests).
   */
  armSecret?: string;
  /**
   * Hands an email that is QUEUED in Postgres to the sender queue again, as a job of its own
   * named by `retryKey` (the failed job may still be in the queue's history). Never throws: a
   * queue that can't be reached is logged, and the worker's sweep sends the row anyway (as it
   * does when this is absent).
   */
  requeueEmail?: (email: StoredEmail, retryKey: string) => Promise<void>;
  /**
   * Hands a stored text (SmsMessage, by its idempotency key) to the worker now; without it (or
   * when enqueueing fails) the worker's SMS sweep sends it.
   */
  sendSms?: (idempotencyKey: string) => Promise<void>;
  /** Stripe (deposits online); null/absent = "pay at the event" mode. */
  payments?: PaymentsGateway | null;
  /** Hands a decided refund to the worker; never throws (the payments sweep sends it anyway). */
  queueRefund?: (refundId: string) => Promise<void>;
  /** Payment and refund events (receipts); never throws. */
  notifyPayment?: PaymentNotifier;
}

/** The least privileged caller an access rule lets through; the authorization walker starts here. */
export type Audience = "anyone" | "customer" | "staff" | "owner";

/**
 * Who may call an operation. `check` throws an AppError (UNAUTHORIZED / FORBIDDEN / NOT_FOUND)
 * or returns the grant the operation acts under (e.g. which bookings the caller may touch).
 * `record` names the kind of record whose ownership the rule checks, when it checks one.
 */
export interface AccessRule<Grant = void, In = unknown> {
  name: string;
  audience: Audience;
  record?: "booking" | "hold" | "conversation" | "message";
  describe: string;
  /**
   * The rule decides from the caller alone and never reads the input (role rules). Surfaces then
   * check it before the input is parsed: a caller who may not call the operation hears 401/403,
   * not how its input should look. Rules that read the input (a booking's token) leave it unset.
   */
  callerOnly?: boolean;
  /**
   * A receipt email's link (a read-only, RECEIPTS-scope token) passes this rule. Only rules of
   * operations that show receipts and change nothing set it; every other rule refuses such a
   * link as if the booking didn't exist (the walker proves it for every operation).
   */
  receiptLinks?: boolean;
  check(ctx: OperationContext, input: In): Grant | Promise<Grant>;
}

export type OperationKind = "query" | "mutation";

/**
 * Where an operation reads. "replica": an owner's dashboard or report whose figures may lag the
 * primary by the replication delay (well under a second). Only queries may say so, and only
 * those that show nothing the caller just wrote and fill no shared cache: everything a person
 * must see right after writing it (bookings, holds, payments, sign-in, the chat, settings being
 * edited) reads the primary, the default.
 */
export type ReadsFrom = "primary" | "replica";

/** The value `run` receives: the schema's output, or nothing when the operation takes no input. */
export type InputOf<S> = S extends z.ZodType ? z.output<S> : void;

export interface Operation<
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  S extends z.ZodType | undefined = any,
  Out = unknown,
  Grant = unknown,
> {
  /** Verb-named, unique: "cancelBooking". */
  name: string;
  kind: OperationKind;
  summary: string;
  /** The one input schema; surfaces derive theirs from it. Absent: the operation takes no input. */
  input: S;
  /** The output's schema where a surface needs one (REST/OpenAPI); else the type of `run`. */
  output: z.ZodType | undefined;
  access: AccessRule<Grant, InputOf<S>>;
  /** "replica" runs `run` on the context's `readDb` (its access check stays on the primary). */
  reads: ReadsFrom;
  run(ctx: OperationContext, input: InputOf<S>, grant: Grant): Promise<Out>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any, any, any>;
export type OperationOutput<Op> = Op extends Operation<infer _S, infer O, infer _G> ? O : never;

/** What `run` may return when the operation declares an output schema: what the schema accepts. */
type OutputOf<O> = O extends z.ZodType ? z.input<O> : unknown;

export function defineOperation<
  S extends z.ZodType | undefined = undefined,
  O extends z.ZodType | undefined = undefined,
  Out extends OutputOf<O> = OutputOf<O>,
  Grant = void,
>(def: {
  name: string;
  kind: OperationKind;
  summary: string;
  input?: S;
  /** The schema of what `run` returns (REST validates answers with it and documents it). */
  output?: O;
  access: AccessRule<Grant, InputOf<S>>;
  /** Default "primary"; "replica" only for a read-only dashboard query (see ReadsFrom). */
  reads?: ReadsFrom;
  run(ctx: OperationContext, input: InputOf<S>, grant: Grant): Promise<Out> | Out;
}): Operation<S, Awaited<Out>, Grant> {
  if (def.reads === "replica" && def.kind !== "query")
    throw new Error(`${def.name}: only a query can read from a replica (a replica refuses writes)`);
  return {
    name: def.name,
    kind: def.kind,
    summary: def.summary,
    input: def.input as S,
    output: def.output,
    access: def.access,
    reads: def.reads ?? "primary",
    run: (ctx, input, grant) =>
      Promise.resolve(def.run(ctx, input, grant)) as Promise<Awaited<Out>>,
  };
}

/**
 * What a person reads when input is refused: the schemas' own sentences ("Enter the street
 * address."), never a field path. Where a schema has no sentence of its own (zod's defaults:
 * "Too small: expected number to be >=1"), one is written that names the field in words ("The
 * start minute must be at least 1."). Which field each message is about stays machine-readable
 * in `zodErrorFields` (the error's `fields`), for forms that show it next to the input.
 */
export function describeZodError(e: Pick<z.ZodError, "issues">): string {
  // One sentence per field (its first problem): "99999999999999999999" is too big AND not a whole
  // number, but saying both reads as a contradiction; fixing the first fixes the rest.
  const seen = new Set<string>();
  const fields = new Set<string>();
  for (const i of e.issues) {
    const at = i.path.map(String).join(".");
    if (fields.has(at)) continue;
    fields.add(at);
    seen.add(issueSentence(i));
    if (seen.size === 5) break;
  }
  return [...seen].join(" ");
}

/** Each refused field ("address.line1") and its sentence: the structured side of the message. */
export function zodErrorFields(e: Pick<z.ZodError, "issues">): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of e.issues) {
    const at = i.path.map(String);
    // Keys a form doesn't take: each one is a field of its own (the sentence names none).
    const keys = i.code === "unrecognized_keys" ? i.keys : [];
    if (keys.length) for (const k of keys) fields[[...at, k].join(".")] ??= issueSentence(i);
    else fields[at.join(".")] ??= issueSentence(i);
  }
  return fields;
}

/** zod's built-in English messages (a schema's own message never starts like these). */
const ZOD_DEFAULT =
  /^(Invalid input|Invalid (option|string|number|key|element|value|email|url|uuid|date|type|format|length)\b|Too (small|big)|Unrecognized keys?|Expected |Required$|Invalid$)/;

/** "postalCode" -> "postal code", "line1" -> "line 1", the last named part of a path. */
export function fieldWords(path: readonly PropertyKey[]): string | null {
  const name = [...path].reverse().find((p) => typeof p === "string") as string | undefined;
  if (!name) return null;
  return name
    .replace(/([a-z])([A-Z0-9])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
}

function ensureStop(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

type Issue = z.ZodError["issues"][number];

function issueSentence(i: Issue): string {
  const message = (i.message ?? "").trim();
  if (message && !ZOD_DEFAULT.test(message)) return ensureStop(message);
  const field = fieldWords(i.path);
  const the = field ? `The ${field}` : "The request";
  const raw = i as unknown as {
    code: string;
    origin?: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    inclusive?: boolean;
    keys?: string[];
    format?: string;
  };
  const limit = Number(raw.code === "too_small" ? raw.minimum : raw.maximum);
  const unit =
    raw.origin === "string"
      ? limit === 1
        ? " character"
        : " characters"
      : raw.origin === "array" || raw.origin === "set"
        ? limit === 1
          ? " item"
          : " items"
        : "";
  switch (raw.code) {
    case "invalid_type": {
      if (!field) return "The request's input is missing or isn't a JSON object.";
      // zod keeps what arrived only in its own sentence ("expected number, received string").
      const expected = /expected (\w+)/.exec(message)?.[1];
      const received = /received (\S+)$/.exec(message)?.[1];
      if (received === undefined || received === "undefined" || received === "null")
        return `Fill in the ${field}.`;
      if (expected === "number" && received === "string")
        return `${the} must be a number, not text.`;
      if (expected === "number" && /^(-?Infinity|NaN)$/.test(received))
        return `${the} is out of range.`;
      // z.number().int() given 1.5.
      if (expected === "int" && received === "number") return `${the} must be a whole number.`;
      return `${the} isn't in the right form.`;
    }
    case "invalid_key": {
      // A record's key refused by its own schema: that schema's sentence, if it has one.
      const inner = (i as unknown as { issues?: { message?: string }[] }).issues?.[0]?.message;
      if (inner && !ZOD_DEFAULT.test(inner)) return ensureStop(inner);
      const record = fieldWords(i.path.slice(0, -1));
      return record ? `A name in the ${record} isn't valid.` : `${the} isn't valid.`;
    }
    case "too_small":
      // A required text sent empty: nothing was entered.
      if (raw.origin === "string" && Number(raw.minimum) === 1 && raw.inclusive !== false)
        return field ? `Fill in the ${field}.` : `${the} is empty.`;
      return `${the} must be ${raw.inclusive === false ? "more than" : "at least"} ${String(raw.minimum)}${unit}.`;
    case "too_big":
      return `${the} must be ${raw.inclusive === false ? "less than" : "at most"} ${String(raw.maximum)}${unit}.`;
    case "invalid_format":
      return raw.format === "email" ? "Enter a valid email address." : `${the} isn't valid.`;
    case "unrecognized_keys":
      // Which keys: the error's fields (zodErrorFields), not the sentence.
      return "Leave out what this form doesn't ask for.";
    default:
      return `${the} isn't valid.`;
  }
}

/** The input as the operation sees it: unsafe text and schema violations are a 400 in words. */
export function parseOperationInput<S extends z.ZodType | undefined>(
  op: Operation<S, unknown, unknown>,
  raw: unknown,
): InputOf<S> {
  const bad = findUnsafeText(raw);
  if (bad)
    throw new AppError("BAD_REQUEST", describeUnsafeText(bad), {
      ...(bad.path ? { fields: { [bad.path]: describeUnsafeText(bad) } } : {}),
    });
  if (!op.input) return undefined as InputOf<S>;
  const parsed = op.input.safeParse(raw);
  if (!parsed.success)
    throw new AppError("BAD_REQUEST", describeZodError(parsed.error), {
      fields: zodErrorFields(parsed.error),
    });
  return parsed.data as InputOf<S>;
}

/** API keys only read: a caller authenticated by one never runs a mutation, whatever its rule. */
export function refuseApiKeyWrites(
  op: { name: string; kind: OperationKind },
  ctx: OperationContext,
) {
  if (op.kind === "mutation" && ctx.caller.viaApiKey)
    throw new AppError(
      "FORBIDDEN",
      "API keys can only read, and this changes data. Sign in to the admin app to do this.",
    );
}

/** The context an operation's `run` gets: its `db` is a replica when it reads from one. */
export function contextFor(op: { reads: ReadsFrom }, ctx: OperationContext): OperationContext {
  return op.reads === "replica" && ctx.readDb ? { ...ctx, db: ctx.readDb() } : ctx;
}

/** Authorizes and runs an operation on input that a surface has already parsed with its schema. */
export async function runParsed<S extends z.ZodType | undefined, Out, Grant>(
  op: Operation<S, Out, Grant>,
  ctx: OperationContext,
  input: InputOf<S>,
): Promise<Out> {
  refuseApiKeyWrites(op, ctx);
  const grant = await op.access.check(ctx, input);
  return op.run(contextFor(op, ctx), input, grant);
}

/** The grant of a `callerOnly` rule, checked before any input is read; null for other rules. */
export async function authorizeCaller<S extends z.ZodType | undefined, Out, Grant>(
  op: Operation<S, Out, Grant>,
  ctx: OperationContext,
): Promise<{ grant: Grant } | null> {
  refuseApiKeyWrites(op, ctx);
  if (!op.access.callerOnly) return null;
  return { grant: await op.access.check(ctx, undefined as InputOf<S>) };
}

/**
 * Runs an operation on parsed input: with the grant `authorizeCaller` returned, or, when it
 * returned null (the rule reads the input), authorizing now.
 */
export function runAuthorized<S extends z.ZodType | undefined, Out, Grant>(
  op: Operation<S, Out, Grant>,
  ctx: OperationContext,
  input: InputOf<S>,
  early: { grant: Grant } | null,
): Promise<Out> {
  return early ? op.run(contextFor(op, ctx), input, early.grant) : runParsed(op, ctx, input);
}

/**
 * Validates, authorizes and runs an operation: the one entry every surface goes through. A
 * caller-only rule is checked before the input is parsed, any other after.
 */
export async function runOperation<S extends z.ZodType | undefined, Out, Grant>(
  op: Operation<S, Out, Grant>,
  ctx: OperationContext,
  raw: unknown,
): Promise<Out> {
  admitAudience(op.access.audience, ctx);
  const early = await authorizeCaller(op, ctx);
  return runAuthorized(op, ctx, parseOperationInput(op, raw), early);
}
