// The GraphQL endpoint (/api/graphql) of both apps: GraphQL Yoga over a Pothos schema whose fields
// call operations. Before Yoga sees a request: POST bodies only as JSON (415) and at most
// LIMITS.apiBodyBytes (413), like tRPC; the session is read once (a 503 when it can't be).
// Yoga itself: no CORS headers (same-origin only), no GraphiQL (it loads from a CDN the CSP
// forbids), no batching; graphql-armor limits; persisted documents for everyone, arbitrary ones
// only for signed-in staff and the owner, or in development (see README "GraphQL").
import { createYoga, type Plugin, type YogaServerInstance } from "graphql-yoga";
import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import type { GraphQLSchema } from "graphql";
import { createContext, sessionUser, type ApiDeps, type Context } from "../context";
import { errorResponse, readJsonRequest } from "../http";
import { operationContext } from "../operation-context";
import type { GraphQLContext } from "./builder";
import { clientError } from "./errors";
import { armorPlugin } from "./limits";
import admin from "./persisted-admin.json";
import customer from "./persisted-customer.json";

const persisted = { customer, admin };

export type GraphQLApp = keyof typeof persisted;

interface ServerContext {
  api: Context;
}

export interface GraphQLEndpointOptions {
  app: GraphQLApp;
  schema: GraphQLSchema;
  /** `next dev` (or tests): any document may be sent, and "did you mean" suggestions are shown. */
  dev?: boolean;
}

const persistedError = (code: string, status: number, message: string) => ({
  message,
  extensions: { code, http: { status } },
});

/**
 * A request GraphQL refuses before running it (a parse or validation error: an unknown field, a
 * variable of the wrong type, a limit) is a 400 whatever the client accepts. Yoga marks these
 * (`http.spec`) for the GraphQL-over-HTTP rule that `application/json` clients get a 200; ours
 * should see a 4xx, like every other surface.
 */
const requestErrorsAre400: Plugin = {
  onResultProcess({ result }) {
    for (const r of Array.isArray(result) ? result : [result])
      for (const e of ("errors" in r && r.errors) || []) {
        const http = (e.extensions as { http?: { spec?: boolean } } | undefined)?.http;
        if (http?.spec) http.spec = false;
      }
  },
};

/** Who may send documents that are not one of our persisted queries. */
function mayWriteQueries(api: Context): boolean {
  return api.user?.role === "STAFF" || api.user?.role === "OWNER";
}

export function createGraphQLEndpoint(opts: GraphQLEndpointOptions) {
  const documents: Record<string, string> = persisted[opts.app];
  const dev = !!opts.dev;
  /** Requests whose caller may send any document (set per request, before Yoga runs). */
  const openRequests = new WeakSet<Request>();
  const yoga: YogaServerInstance<ServerContext, GraphQLContext> = createYoga<
    ServerContext,
    GraphQLContext
  >({
    schema: opts.schema,
    graphqlEndpoint: "/api/graphql",
    graphiql: false,
    landingPage: false,
    cors: false,
    batching: false,
    maskedErrors: { maskError: (error) => clientError(error) },
    // Unexpected errors are logged once, with their reference, by clientError.
    logging: { debug() {}, info() {}, warn: console.warn, error() {} },
    context: ({ api }) => ({ op: operationContext(api, "graphql"), memo: new Map() }),
    plugins: [
      usePersistedOperations({
        getPersistedOperation: (hash) => documents[hash] ?? null,
        allowArbitraryOperations: (request) => dev || openRequests.has(request),
        customErrors: {
          persistedQueryOnly: persistedError(
            "PERSISTED_QUERY_ONLY",
            403,
            "This endpoint runs the queries of our own pages only (send a persisted query's sha256Hash in extensions.persistedQuery). Staff signed in to the app may send other queries.",
          ),
          notFound: persistedError(
            "PERSISTED_QUERY_NOT_FOUND",
            400,
            "That persisted query is not one of ours (the site may have been updated): reload the page and try again.",
          ),
          keyNotFound: persistedError(
            "BAD_REQUEST",
            400,
            "Send a GraphQL query, or the sha256Hash of one of our persisted queries in extensions.persistedQuery.",
          ),
        },
      }),
      armorPlugin({ dev }),
      requestErrorsAre400,
    ],
  });

  return async function handle(req: Request, deps: ApiDeps): Promise<Response> {
    if (req.method === "POST") {
      const read = await readJsonRequest(req);
      if (read.refuse) return read.refuse;
      req = read.req;
    }
    let api: Context;
    try {
      api = await createContext(deps, req.headers, await sessionUser(deps, req.headers));
    } catch (err) {
      const unavailable =
        err instanceof Error && "code" in err && err.code === "SERVICE_UNAVAILABLE";
      if (!unavailable) throw err;
      return errorResponse(req, 503, "SERVICE_UNAVAILABLE", err.message);
    }
    if (mayWriteQueries(api)) openRequests.add(req);
    return yoga.handleRequest(req, { api });
  };
}
