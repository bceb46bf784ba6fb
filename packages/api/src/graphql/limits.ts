// How big a GraphQL request may be (graphql-armor), with refusals a person can read. Our own
// pages' queries stay well inside these (tests/integration/graphql-limits checks both sides).
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import type { GraphQLError, ValidationContext } from "graphql";
import { createGraphQLError } from "graphql-yoga";

type Reject = (ctx: ValidationContext | null, err: GraphQLError) => void;

export const GRAPHQL_LIMITS = {
  /** Nesting: admin chefs → schedule → blocks → booking is 5 levels. */
  maxDepth: 8,
  /** graphql-armor's cost: objects 2, scalars 1, ×1.5 per level, × a literal `first`. */
  maxCost: 10_000,
  maxAliases: 10,
  maxDirectives: 10,
  /** Lexical tokens in the document (our largest page query has about 150). */
  maxTokens: 2_000,
} as const;

const found = (message: string) => /found (\d+)/.exec(message)?.[1];

/** Armor's texts ("Syntax Error: Query depth limit of 8 exceeded, found 12.") in words. */
export function readableLimitMessage(message: string): string {
  const n = found(message);
  const L = GRAPHQL_LIMITS;
  if (/depth limit/i.test(message))
    return `This query nests fields ${n ?? "too many"} levels deep; at most ${L.maxDepth} are allowed. Ask for fewer nested fields.`;
  if (/cost limit/i.test(message))
    return `This query asks for too much at once (cost ${n ?? "?"}; at most ${L.maxCost}). Ask for fewer fields or smaller pages (a smaller "first").`;
  if (/aliases limit/i.test(message))
    return `This query uses ${n ?? "too many"} aliases; at most ${L.maxAliases} are allowed. Split it into several requests.`;
  if (/directives limit/i.test(message))
    return `This query uses ${n ?? "too many"} directives; at most ${L.maxDirectives} are allowed.`;
  if (/token limit/i.test(message))
    return `This query is too long (more than ${L.maxTokens} tokens). Split it into several requests.`;
  return message.replace(/^Syntax Error: /, "");
}

const limitError = (err: GraphQLError) =>
  createGraphQLError(readableLimitMessage(err.message), {
    extensions: { code: "QUERY_TOO_COMPLEX", http: { status: 400 } },
  });

/** Validation rules report the refusal as a validation error (a 400 with the message). */
const report: Reject = (ctx, err) => {
  if (ctx) ctx.reportError(limitError(err));
};
/** The token limit runs in the parser, which has no validation context: throw the readable one. */
const raise: Reject = (_ctx, err) => {
  throw limitError(err);
};

export function armorPlugin(opts: { dev: boolean }) {
  const reject = { onReject: [report], propagateOnRejection: false };
  return EnvelopArmorPlugin({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, ...reject },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, ...reject },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases, ...reject },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives, ...reject },
    maxTokens: { n: GRAPHQL_LIMITS.maxTokens, onReject: [raise], propagateOnRejection: true },
    // "Did you mean ...?" names fields a caller didn't know; useful while developing only.
    blockFieldSuggestion: { enabled: !opts.dev },
  });
}
