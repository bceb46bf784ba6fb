// GraphQL errors a person can act on, like the tRPC error formatter (../trpc.ts): a domain error
// (AppError) keeps its message and becomes `extensions.code` (BAD_REQUEST, NOT_FOUND, ...); the
// library's own request errors (parse, validation, variables, limits) pass as they are; anything
// else is an unexpected error, logged with a reference and shown only as that reference.
//
// Errors are made with Yoga's `createGraphQLError` and recognised by their tag, not `instanceof`:
// `graphql` 16 ships both CJS and ESM builds, and a bundler or test runner may load both.
import { createGraphQLError } from "graphql-yoga";
import type { GraphQLError } from "graphql";
import { fieldWords, isAppError } from "@myhibachi/core";

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
    const refused = variableWords(gql.message);
    if (refused)
      return createGraphQLError(refused.words, {
        ...placeOf(gql),
        extensions: {
          ...extensions,
          code: "BAD_REQUEST",
          fields: { [refused.field]: refused.words },
        },
      });
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

/** What a refused variable's field is called in a sentence: "startMinute" -> "the start minute". */
const NAMES: Record<string, string> = {
  // A connection's page size and cursor (My bookings, the admin lists).
  first: "the number of items to show",
  after: "the page cursor",
};
function theField(name: string): string {
  return NAMES[name] ?? `the ${fieldWords([name]) ?? "value"}`;
}
const capital = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

/**
 * graphql-js's refusal of a variable's value ('Variable "$first" got invalid value 1.5; Int cannot
 * represent non-integer value: 1.5') in words a person can act on ('Send the number of items to
 * show as a whole number, like 20, not 1.5.'), and which field it is about ("first",
 * "input.startMinute"): the sentence names no field, the error's `extensions.fields` does (as the
 * REST and tRPC errors' `fields`). Null when the message is another kind.
 */
export function variableWords(message: string): { words: string; field: string } | null {
  const required = /^Variable "\$(\w+)" of required type .* was not provided\.?$/s.exec(message);
  if (required)
    return { words: `${capital(theField(required[1]!))} is required.`, field: required[1]! };
  const m = /^Variable "\$(\w+)" got invalid value (.*?)(?: at "([\w.[\]]+)")?; (.*)$/s.exec(
    message,
  );
  if (!m) return null;
  // A field inside an input object ('at "input.startMinute"'): that field.
  const at = (m[3] ?? m[1]!).replace(/\[(\d+)\]/g, ".$1");
  const name = at
    .split(".")
    .filter((p) => !/^\d+$/.test(p))
    .pop()!;
  const the = theField(name);
  const why = m[4]!;
  const said = (words: string, field = at) => ({ words, field });
  const missing = /^Field "(\w+)" of required type .* was not provided/.exec(why);
  if (missing) return said(`${capital(theField(missing[1]!))} is required.`, `${at}.${missing[1]}`);
  const unknown = /^Field "(\w+)" is not defined by type/.exec(why);
  if (unknown) return said("Leave out what this form doesn't ask for.", `${at}.${unknown[1]}`);
  if (/^Expected type ".*" to be an object/.test(why))
    return said(`Send ${the} as an object of fields.`);
  if (/^Int cannot represent/.test(why))
    return /32-bit/.test(why)
      ? said(`${capital(the)} is far too large: send a whole number, like 20.`)
      : said(`Send ${the} as a whole number, like 20, not ${m[2]}.`);
  if (/^Float cannot represent/.test(why)) return said(`Send ${the} as a number, like 12.5.`);
  if (/^String cannot represent/.test(why)) return said(`Send ${the} as text, in quotes.`);
  if (/^Boolean cannot represent/.test(why)) return said(`Send ${the} as true or false.`);
  if (/Value ".*" does not exist in "(\w+)" enum/.test(why) || /^Enum/.test(why))
    return said(`${capital(the)} isn't one of the values we take: see the schema for the list.`);
  if (/of required type .* was not provided|must not be null/.test(why))
    return said(`${capital(the)} is required.`);
  return said(`${capital(the)} isn't valid.`);
}
