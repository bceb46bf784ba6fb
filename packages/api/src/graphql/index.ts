// GraphQL at /api/graphql: the customer schema on the customer site, the admin schema on the admin
// app. One endpoint (schema, Yoga, limits) per app and mode, built on first use.
import type { ApiDeps } from "../context";
import { buildAdminSchema } from "./admin";
import { buildCustomerSchema } from "./customer";
import { createGraphQLEndpoint, type GraphQLApp } from "./server";

export { buildAdminSchema } from "./admin";
export { buildCustomerSchema } from "./customer";
export { GRAPHQL_LIMITS } from "./limits";
export * from "./documents";
export { createGraphQLEndpoint, type GraphQLApp } from "./server";

const schemas = { customer: buildCustomerSchema, admin: buildAdminSchema } satisfies Record<
  GraphQLApp,
  unknown
>;
const endpoints = new Map<string, ReturnType<typeof createGraphQLEndpoint>>();

/** Serves one GraphQL request for an app (`dev`: `next dev`, any document may be sent). */
export function handleGraphQL(
  req: Request,
  app: GraphQLApp,
  deps: ApiDeps,
  opts: { dev?: boolean } = {},
): Promise<Response> {
  const key = `${app}:${opts.dev ? "dev" : "prod"}`;
  let endpoint = endpoints.get(key);
  if (!endpoint) {
    endpoint = createGraphQLEndpoint({ app, schema: schemas[app](), dev: opts.dev });
    endpoints.set(key, endpoint);
  }
  return endpoint(req, deps);
}
