import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError } from "zod";
import { describeZodError, isAppError, zodErrorFields, type AppErrorCode } from "@myhibachi/core";
import type { Context } from "./context";
import { describeUnsafeText, findUnsafeText } from "@myhibachi/shared";

const CODES: Record<AppErrorCode, TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  UNPROCESSABLE_CONTENT: "UNPROCESSABLE_CONTENT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
};

export { describeZodError };

/**
 * Procedure metadata: the operation a procedure serves (walkers map procedures to operations) and,
 * on REST procedures (src/rest), the route that serves it (trpc-to-openapi's `openapi` meta).
 */
export type ProcedureMeta = OpenApiMeta<{ operation?: string }>;

/** What an address under /api/trpc that is none of our procedures answers (a 404). */
export const NOT_AN_ADDRESS = "This address isn't part of our API.";

/** An error's data without the stack trace tRPC adds in development. */
function withoutStack<T extends object>(data: T): Omit<T, "stack"> {
  const { stack: _stack, ...rest } = data as T & { stack?: string };
  return rest;
}

type Path = (string | number)[];
const PROTO = "__proto__";

/** Where `value` (a parsed JSON input) has an own key "__proto__", and what it holds. */
function protoKeys(value: unknown, path: Path = [], out: { path: Path; value: unknown }[] = []) {
  if (!value || typeof value !== "object" || path.length > 40) return out;
  if (Object.hasOwn(value, PROTO))
    out.push({ path, value: (value as Record<string, unknown>)[PROTO] });
  for (const [k, v] of Object.entries(value)) protoKeys(v, [...path, k], out);
  return out;
}

/**
 * superjson reading an input as JSON.parse does. Its copy assigns each key, so a "__proto__" key
 * vanished (or, holding an object, became the copy's prototype) before any schema saw it: a
 * protein keyed "__proto__" was dropped from the order without a word. It is put back as the own
 * key it was, so the input's schema refuses it in words, as on every other surface.
 */
function deserializeInput(payload: unknown): unknown {
  const found = protoKeys((payload as { json?: unknown } | null)?.json);
  const out = superjson.deserialize(payload as never);
  for (const { path, value } of found) {
    let at: unknown = out;
    for (const k of path)
      at = at && typeof at === "object" ? (at as Record<string, unknown>)[k] : undefined;
    if (!at || typeof at !== "object" || Array.isArray(at)) continue;
    Object.setPrototypeOf(at, Object.prototype);
    Object.defineProperty(at, PROTO, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: {
      input: { serialize: superjson.serialize, deserialize: deserializeInput },
      output: superjson,
    },
    errorFormatter({ shape, error, path, type }) {
      const cause = error.cause;
      // tRPC's router found no procedure at the address, or one asked with the other method:
      // its own text names procedures and paths ('No procedure found on path "foo"'). Our
      // procedures' refusals always carry their cause (an AppError or ZodError, mapErrors).
      if (!cause && error.code === "NOT_FOUND")
        return { ...shape, message: NOT_AN_ADDRESS, data: withoutStack(shape.data) };
      if (!cause && error.code === "METHOD_NOT_SUPPORTED")
        return {
          ...shape,
          message: `This address takes ${type === "query" ? "GET" : "POST"} requests only.`,
          data: withoutStack(shape.data),
        };
      if (cause instanceof ZodError) {
        // The sentence for people; which field each is about stays in `data.fields` for forms.
        const fields = zodErrorFields(cause);
        return { ...shape, message: describeZodError(cause), data: { ...shape.data, fields } };
      }
      if (isAppError(cause))
        return { ...shape, data: { ...shape.data, details: cause.details ?? null } };
      // Past this point the message may be internal text; the client never sees it or the stack.
      const data = withoutStack(shape.data);
      if (error.code === "INTERNAL_SERVER_ERROR") {
        const ref = crypto.randomUUID().slice(0, 8);
        console.error(`[api] unexpected error ref=${ref} path=${path ?? "?"}`, cause ?? error);
        return {
          ...shape,
          message: `Something went wrong on our side (ref ${ref}). Please try again.`,
          data,
        };
      }
      // tRPC turns a failure to read the input (malformed JSON, a superjson payload that isn't one)
      // into a 4xx carrying the library's own text ("Cannot destructure property 'json' of
      // 'payload'..."): keep the status, say it in words.
      if (
        cause instanceof Error &&
        !(cause instanceof TRPCError) &&
        error.message === cause.message
      )
        return {
          ...shape,
          message:
            cause instanceof SyntaxError
              ? "The request is not valid JSON."
              : "We couldn't read this request's input. Reload the page and try again.",
          data,
        };
      return shape;
    },
  });

/**
 * Turns domain errors thrown by core into the matching tRPC error, and input the schema refused
 * into our sentence (tRPC's own message is the issues as JSON; the HTTP formatter rewrites it,
 * but a server-side caller, as in a server component, gets the error as thrown).
 */
const mapErrors = t.middleware(async ({ next }) => {
  const res = await next();
  if (!res.ok && isAppError(res.error.cause)) {
    const cause = res.error.cause;
    throw new TRPCError({ code: CODES[cause.code], message: cause.message, cause });
  }
  if (!res.ok && res.error.cause instanceof ZodError) {
    const cause = res.error.cause;
    throw new TRPCError({ code: "BAD_REQUEST", message: describeZodError(cause), cause });
  }
  return res;
});

/**
 * Every string anywhere in every input, before any schema or procedure sees it: no NUL (Postgres
 * rejects it) and no half surrogate pairs. One check for the whole API instead of one per field.
 */
const rejectUnsafeText = t.middleware(async ({ getRawInput, next }) => {
  const bad = findUnsafeText(await getRawInput());
  if (bad) throw new TRPCError({ code: "BAD_REQUEST", message: describeUnsafeText(bad) });
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/**
 * Every procedure's base. Who may call it is the access rule of the operation it serves
 * (procedure.ts), never a check here.
 */
export const publicProcedure = t.procedure.use(mapErrors).use(rejectUnsafeText);
