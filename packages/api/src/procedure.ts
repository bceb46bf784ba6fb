// tRPC over the operation registry: a procedure is the operation's schema and a call to it. The
// operation checks access and does the work; tRPC only carries it (superjson, batching).
import type { z } from "zod";
import {
  admitAudience,
  authorizeCaller,
  runAuthorized,
  type InputOf,
  type Operation,
  type OperationContext,
  type Surface,
} from "@myhibachi/core";
import { operationContext } from "./operation-context";
import { publicProcedure } from "./trpc";

type WithInput<S extends z.ZodType, Out> = Operation<S, Out, unknown>;
type WithoutInput<Out> = Operation<undefined, Out, unknown>;

/**
 * The operation's context, and the grant of a caller-only access rule checked here, before tRPC
 * parses the input (a caller who may not call it hears 401/403, not what the input should be).
 * The REST adapter (rest/procedures.ts) starts from the same procedure.
 */
export const withOperation = (op: Operation, surface: Surface = "trpc") =>
  publicProcedure.meta({ operation: op.name }).use(async ({ ctx, next }) => {
    const octx: OperationContext = operationContext(ctx, surface);
    admitAudience(op.access.audience, octx);
    const early = await authorizeCaller(op, octx);
    return next({ ctx: { operation: { ctx: octx, early } } });
  });

function mismatch(op: { name: string; kind: string }, want: string): never {
  throw new Error(`operation ${op.name} is a ${op.kind}, served as a ${want}`);
}

/** A tRPC query serving a query operation. */
export function queryOf<S extends z.ZodType, Out>(
  op: WithInput<S, Out>,
): ReturnType<typeof inputQuery<S, Out>>;
export function queryOf<Out>(op: WithoutInput<Out>): ReturnType<typeof plainQuery<Out>>;
export function queryOf(op: Operation) {
  if (op.kind !== "query") mismatch(op, "query");
  return op.input ? inputQuery(op) : plainQuery(op);
}

/** A tRPC mutation serving a mutation operation. */
export function mutationOf<S extends z.ZodType, Out>(
  op: WithInput<S, Out>,
): ReturnType<typeof inputMutation<S, Out>>;
export function mutationOf<Out>(op: WithoutInput<Out>): ReturnType<typeof plainMutation<Out>>;
export function mutationOf(op: Operation) {
  if (op.kind !== "mutation") mismatch(op, "mutation");
  return op.input ? inputMutation(op) : plainMutation(op);
}

function inputQuery<S extends z.ZodType, Out>(op: WithInput<S, Out>) {
  return withOperation(op)
    .input(op.input)
    .query(({ ctx: { operation: o }, input }) =>
      runAuthorized(op, o.ctx, input as InputOf<S>, o.early),
    );
}
function plainQuery<Out>(op: WithoutInput<Out>) {
  return withOperation(op).query(({ ctx: { operation: o } }) =>
    runAuthorized(op, o.ctx, undefined, o.early),
  );
}
function inputMutation<S extends z.ZodType, Out>(op: WithInput<S, Out>) {
  return withOperation(op)
    .input(op.input)
    .mutation(({ ctx: { operation: o }, input }) =>
      runAuthorized(op, o.ctx, input as InputOf<S>, o.early),
    );
}
function plainMutation<Out>(op: WithoutInput<Out>) {
  return withOperation(op).mutation(({ ctx: { operation: o } }) =>
    runAuthorized(op, o.ctx, undefined, o.early),
  );
}
