// The OpenAPI 3.1 documents of the REST APIs, generated from the route table and the operations'
// schemas (no server needed: packages/client generates the typed client from these).
import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { isProtected, restRouter } from "./procedures";
import { adminRoutes, customerRoutes, type RestRoute } from "./routes";

export type RestApp = "customer" | "admin";

/** Where each app serves its REST API. */
export const REST_BASE_PATH = "/api/v1";

export const restRoutes: Record<RestApp, RestRoute[]> = {
  customer: customerRoutes,
  admin: adminRoutes,
};

const routers = new Map<RestApp, ReturnType<typeof restRouter>>();
/** The tRPC router trpc-to-openapi serves for an app (built once). */
export function restRouterFor(app: RestApp) {
  let r = routers.get(app);
  if (!r) routers.set(app, (r = restRouter(restRoutes[app])));
  return r;
}

const sessionScheme = (app: RestApp) => ({
  type: "apiKey" as const,
  in: "cookie" as const,
  // `__Secure-` is prefixed when the app is served over https.
  name: `mh-${app}.session_token`,
  description: `The ${app} app's sign-in session (a browser signed in to the site sends it).`,
});

const INFO: Record<RestApp, { title: string; description: string }> = {
  customer: {
    title: "MyHibachi customer API",
    description:
      "Menu, availability, quotes and bookings: what the booking site does, over JSON. Money is integer US cents; instants are ISO 8601 strings in UTC, dates `YYYY-MM-DD` in the business's time zone. Errors are `{ code, message, fields?, details? }` with the HTTP status of the code; `message` is written for a person.",
  },
  admin: {
    title: "MyHibachi admin API",
    description:
      "The owner's read access to bookings, customers and costs. Authenticate with the owner's admin session cookie or an API key (`Authorization: Bearer <key>`, created under Settings → API keys). API keys can only read. Money is integer US cents; instants are ISO 8601 strings in UTC. Errors are `{ code, message, fields?, details? }`.",
  },
};

/** The error responses a route can give, with what they mean for it. */
export function errorResponsesFor({ op, path }: RestRoute): Record<number, string> {
  const out: Record<number, string> = {
    400: "Invalid input: `message` says what to change; `fields` names each field's problem.",
  };
  if (isProtected(op)) {
    out[401] = "Not signed in (or the API key is unknown or revoked).";
    out[403] = "Signed in, but not allowed to do this.";
  }
  if (op.access.record) out[404] = `No such ${op.access.record}, or it is not yours.`;
  else if (path.includes("{")) out[404] = "No such record.";
  if (op.kind === "mutation") {
    out[409] = "Conflict: e.g. the time was just taken (`details` may offer other times).";
    out[412] = "Not possible in the record's current state (e.g. already cancelled).";
    out[422] = "Well-formed but can't be applied as sent (e.g. an idempotency key reused).";
    out[429] = "Too many requests: `message` says when to try again.";
  }
  return out;
}

const ERROR_SCHEMA = {
  type: "object",
  required: ["code", "message"],
  properties: {
    code: {
      type: "string",
      description: "BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, ...",
      examples: ["BAD_REQUEST"],
    },
    message: {
      type: "string",
      description: "What went wrong and what to do, for a person.",
      examples: ["adults: At least one adult must be at the party."],
    },
    fields: {
      type: "object",
      additionalProperties: { type: "string" },
      description: "For invalid input: the problem with each field, by its dotted path.",
    },
    details: {
      type: "object",
      additionalProperties: true,
      description: "Machine-readable extras (e.g. other free times after a conflict).",
    },
  },
};

/** The OpenAPI 3.1 document of an app's REST API, served at `baseUrl` + /api/v1. */
export function openApiDocument(app: RestApp, baseUrl: string): OpenAPIObject {
  const routes = restRoutes[app];
  const doc = generateOpenApiDocument(restRouterFor(app), {
    ...INFO[app],
    version: "1.0.0",
    baseUrl: `${baseUrl.replace(/\/$/, "")}${REST_BASE_PATH}`,
    securitySchemes:
      app === "admin"
        ? {
            session: sessionScheme(app),
            apiKey: {
              type: "http",
              scheme: "bearer",
              description: "An API key from Settings → API keys (read-only).",
            },
          }
        : { session: sessionScheme(app) },
    tags: [...new Set(routes.flatMap((r) => r.tags))],
  });
  for (const r of routes) {
    const path = `/${r.path.replace(/^\/|\/$/g, "")}`;
    const operation = doc.paths?.[path]?.[r.method.toLowerCase() as "get"];
    if (!operation) throw new Error(`OpenAPI: ${r.method} ${path} is missing from the document`);
    for (const [status, description] of Object.entries(errorResponsesFor(r)))
      (operation.responses ??= {})[status] = {
        description,
        content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } },
      };
  }
  doc.components = {
    ...doc.components,
    schemas: { ...doc.components?.schemas, ApiError: ERROR_SCHEMA as never },
  };
  return doc;
}
