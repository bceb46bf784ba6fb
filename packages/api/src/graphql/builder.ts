// What both GraphQL schemas share: the request context, the builder's settings and the one way a
// field reaches the domain (`run`: the operation parses, authorizes and runs; GraphQL only carries
// the call, like the tRPC adapter in ../procedure.ts).
import SchemaBuilder from "@pothos/core";
import { Kind } from "graphql";
import { createGraphQLError } from "graphql-yoga";
import {
  AppError,
  runOperation,
  type AnyOperation,
  type OperationContext,
  type OperationOutput,
} from "@myhibachi/core";

/** Per request: the operation context (who is calling, db, cache) and request-scoped loaders. */
export interface GraphQLContext {
  op: OperationContext;
  /** Memoised calls made by several fields of one request (e.g. the bookings list once). */
  memo: Map<string, Promise<unknown>>;
}

export type BuilderTypes = {
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    ID: { Input: string; Output: string };
  };
};

/** A schema builder with the shared scalar; outputs are non-null unless a field says otherwise. */
export function createBuilder() {
  const builder = new SchemaBuilder<BuilderTypes>({ defaultFieldNullability: false });
  builder.scalarType("DateTime", {
    description: "An instant, as an ISO 8601 string in UTC (2026-05-01T17:00:00.000Z).",
    serialize: (v) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString()),
    parseValue: (v) => parseInstant(v),
    parseLiteral: (node) => parseInstant(node.kind === Kind.STRING ? node.value : null),
  });
  return builder;
}

function parseInstant(v: unknown): Date {
  const d = typeof v === "string" ? new Date(v) : null;
  if (!d || Number.isNaN(d.getTime()))
    throw createGraphQLError("Use an ISO 8601 date and time, like 2026-05-01T17:00:00Z.", {
      extensions: { code: "BAD_REQUEST" },
    });
  return d;
}

/** Calls an operation for a field: the operation validates and authorizes the input. */
export function run<Op extends AnyOperation>(
  op: Op,
  ctx: GraphQLContext,
  input?: unknown,
): Promise<OperationOutput<Op>> {
  return runOperation(op, ctx.op, input) as Promise<OperationOutput<Op>>;
}

/** Like `run`, but one call per request for the same operation and input (fields sharing it). */
export function runOnce<Op extends AnyOperation>(
  op: Op,
  ctx: GraphQLContext,
  input?: unknown,
): Promise<OperationOutput<Op>> {
  const key = `${op.name}:${JSON.stringify(input ?? null)}`;
  let p = ctx.memo.get(key);
  if (!p) {
    p = run(op, ctx, input);
    ctx.memo.set(key, p);
  }
  return p as Promise<OperationOutput<Op>>;
}

/** `{ slug, count }` pairs as the `{ slug: count }` record the operations take. */
export function countsBySlug(
  field: string,
  list: readonly { slug: string; count: number }[] | null | undefined,
): Record<string, number> | undefined {
  if (!list) return undefined;
  const seen = new Set<string>();
  for (const { slug } of list) {
    if (seen.has(slug))
      throw new AppError("BAD_REQUEST", `${field}: list ${slug} once, with its total count.`);
    seen.add(slug);
  }
  // Own properties whatever the slug ("__proto__" assigned would vanish): the schema decides.
  return Object.fromEntries(list.map(({ slug, count }) => [slug, count]));
}
