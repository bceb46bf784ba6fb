// GraphQL errors a person can act on, like the tRPC error formatter (../trpc.ts): a domain error
// (AppError) keeps its message and becomes `extensions.code` (BAD_REQUEST, NOT_FOUND, ...); the
// library's own request errors (parse, validation, variables, limits) pass as they are; anything
// else is an unexpected error, logged with a reference and shown only as that reference.
//
// Errors are made with Yoga's `createGraphQLError` and recognised by their tag, not `instanceof`:
// `graphql` 16 ships both CJS and ESM builds, and a bundler or test runner may load both.
import { createGraphQLError } from "graphql-yoga";
import type { GraphQLError } from "graphql";
import { isAppError } from "@myhibachi/core";

export const isGraphQLError = (e: unknown): e is GraphQLError =>
  Object.prototype.toString.call(e) === "[object GraphQLError]";

/** Where an error arose in the document (kept on the error the client sees). */
const placeOf = (gql: GraphQLError | null) =>
  gql
    ? {
        nodes: gql.nodes ?? null,
        source: gql.source ?? null,
        positions: gql.positions ?? null,
        path: gql.path ?? null,
      }
    : {};

/** The error as the client sees it (Yoga's `maskedErrors.maskError`). */
export function clientError(error: unknown): GraphQLError {
  const gql = isGraphQLError(error) ? error : null;
  const cause = gql ? gql.originalError : error;
  if (isAppError(cause))
    return createGraphQLError(cause.message, {
      ...placeOf(gql),
      extensions: { code: cause.code, ...(cause.details ? { details: cause.details } : {}) },
    });
  // A GraphQLError of its own, or wrapping one (a variable a scalar refused): the library's
  // request errors (parse, validation, variables, limits), already worded for the client.
  // Yoga's own may carry the parser's text (`extensions.originalError`): not for the client.
  if (gql && (!cause || isGraphQLError(cause))) {
    const { originalError: _internal, ...extensions } = gql.extensions;
    return extensions.code && !_internal
      ? gql
      : createGraphQLError(gql.message, {
          ...placeOf(gql),
          extensions: { ...extensions, code: extensions.code ?? "BAD_REQUEST" },
        });
  }
  const ref = crypto.randomUUID().slice(0, 8);
  console.error(`[graphql] unexpected error ref=${ref} path=${gql?.path?.join(".") ?? "?"}`, cause);
  return createGraphQLError(`Something went wrong on our side (ref ${ref}). Please try again.`, {
    ...placeOf(gql),
    extensions: { code: "INTERNAL_SERVER_ERROR", ref },
  });
}
