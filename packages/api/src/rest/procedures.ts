// A REST route as a tRPC procedure with trpc-to-openapi meta: the operation's input and output
// schemas and a call to it, the same adapter as ../procedure.ts. Access stays in the operation.
import { z } from "zod";
import { runAuthorized, type AnyOperation } from "@myhibachi/core";
import { withOperation } from "../procedure";
import { router } from "../trpc";
import type { RestRoute } from "./routes";

type ZodDef = {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  coerce?: boolean;
};
const defOf = (s: z.ZodType) => s._zod.def as unknown as ZodDef;

/** `schema` built again from `def`, with its metadata (descriptions, examples). */
function cloneWith(schema: z.ZodType, def: object): z.ZodType {
  const out = schema.clone(def as never);
  const meta = z.globalRegistry.get(schema);
  if (meta) z.globalRegistry.add(out, meta);
  return out;
}

/** Where a route's input comes from: the query string (GET) or a JSON body. */
export type RestInputFrom = "query" | "body";

/**
 * The input schema trpc-to-openapi is given for a route: always a copy. The library marks every
 * number, boolean and date field it can reach (through objects, arrays, optional, nullable and
 * default) as `coerce`, in place, on the schema it serves; the operation's own schema is shared
 * with tRPC, GraphQL and the assistant, so after one REST call every surface read "12" as 12.
 * - query: query strings are text, so number fields read "12" as 12 (and booleans
 *   "true"/"false").
 * - body: the body is JSON, whose numbers are numbers (the OpenAPI document says so): the copy's
 *   fields keep their own `coerce` (none but a deliberate z.coerce), so "12" for a number is
 *   refused with the schema's message, as on every other surface.
 * A copy keeps the original's metadata (descriptions, examples) for the OpenAPI document.
 */
export function restInputOf(schema: z.ZodType, from: RestInputFrom): z.ZodType {
  const def = defOf(schema);
  const copy = (changes: object) => cloneWith(schema, { ...schema._zod.def, ...changes });
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
      return copy({ innerType: restInputOf(def.innerType!, from) });
    case "array":
      return copy({ element: restInputOf(def.element!, from) });
    case "object": {
      const object = copy({
        shape: Object.fromEntries(
          Object.entries(def.shape!).map(([k, v]) => [k, restInputOf(v, from)] as const),
        ),
      });
      if (from === "body") return object;
      // "?first=&status=": a parameter sent empty is a parameter left out (its default applies).
      return z.preprocess(
        (v) =>
          v && typeof v === "object" && !Array.isArray(v)
            ? Object.fromEntries(
                Object.entries(v).filter(([, x]) => !(typeof x === "string" && x.trim() === "")),
              )
            : v,
        object,
      );
    }
    case "number":
    case "bigint":
    case "date":
    case "boolean": {
      if (from === "query") {
        // z.coerce.boolean() would read "false" as true.
        if (def.type === "boolean")
          return z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), schema);
        return copy({ coerce: true });
      }
      // The library sets `coerce` on the copy it is given: this one keeps its own.
      const own = def.coerce === true;
      const locked = { ...schema._zod.def };
      Object.defineProperty(locked, "coerce", { get: () => own, set: () => {}, enumerable: true });
      return cloneWith(schema, locked);
    }
    default:
      return schema;
  }
}

/** The security schemes a route lists: none for operations anyone may call. */
export const isProtected = (op: AnyOperation) => op.access.audience !== "anyone";

/** A tRPC procedure serving `route` over REST (trpc-to-openapi reads its meta). */
export function restProcedure(route: RestRoute) {
  const { op } = route;
  if (!op.output) throw new Error(`REST ${route.path}: operation ${op.name} has no output schema`);
  // A query may be a POST (a nested input reads badly as a query string); a GET never changes data.
  if (route.method === "GET" && op.kind !== "query")
    throw new Error(`REST GET ${route.path}: ${op.name} is a ${op.kind}`);
  const headers = Object.keys(route.headerFields ?? {});
  const base = withOperation(op, "rest").meta({
    openapi: {
      method: route.method,
      path: route.path,
      operationId: op.name,
      summary: op.summary,
      description: [route.description, `Who may call: ${op.access.describe}`]
        .filter(Boolean)
        .join("\n\n"),
      tags: route.tags,
      protect: isProtected(op),
      // The document lists our own error responses (document.ts), not the library's defaults.
      errorResponses: [],
      ...(headers.length
        ? {
            requestHeaders: z.object(
              Object.fromEntries(
                headers.map((h) => [
                  h,
                  z
                    .string()
                    .optional()
                    .meta({
                      description: `Stands for the body's \`${route.headerFields![h]}\` when the body has none.`,
                    }),
                ]),
              ),
            ),
          }
        : {}),
    },
  });
  const input = op.input
    ? restInputOf(op.input as z.ZodType, route.method === "GET" ? "query" : "body")
    : undefined;
  const run = ({
    ctx: { operation: o },
    input,
  }: {
    ctx: {
      operation: { ctx: Parameters<typeof runAuthorized>[1]; early: { grant: unknown } | null };
    };
    input: unknown;
  }) => runAuthorized(op, o.ctx, input, o.early);
  const withIo = (input ? base.input(input) : base).output(op.output);
  return op.kind === "query" ? withIo.query(run) : withIo.mutation(run);
}

/** The routes as a router (keyed by operation name) that trpc-to-openapi serves and documents. */
export function restRouter(routes: RestRoute[]) {
  return router(Object.fromEntries(routes.map((r) => [r.op.name, restProcedure(r)])));
}
