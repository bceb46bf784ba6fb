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
  shape?: Record<string, z.ZodType>;
};
const defOf = (s: z.ZodType) => s._zod.def as unknown as ZodDef;

/**
 * The input schema for a GET route: query strings are text, so number fields read "12" as 12
 * (and booleans "true"/"false"). A copy: trpc-to-openapi sets `coerce` on the schema it is given,
 * which must not change the operation's own schema (tRPC and the other surfaces share it).
 */
export function queryInputOf(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  const copy = (changes: object) => schema.clone({ ...schema._zod.def, ...changes } as never);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
      return copy({ innerType: queryInputOf(def.innerType!) });
    case "object":
      return copy({
        shape: Object.fromEntries(
          Object.entries(def.shape!).map(([k, v]) => [k, queryInputOf(v)] as const),
        ),
      });
    case "number":
      return copy({ coerce: true });
    case "boolean":
      // z.coerce.boolean() would read "false" as true.
      return z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), schema);
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
    ? route.method === "GET"
      ? queryInputOf(op.input as z.ZodType)
      : (op.input as z.ZodType)
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
