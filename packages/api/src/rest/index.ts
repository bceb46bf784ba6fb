// REST + OpenAPI over the operation registry: the route table, the handler apps mount at
// /api/v1/[...path], and the document and docs page they serve at /api/openapi.json, /api/docs.
import { openApiDocument, type RestApp } from "./document";
import { renderApiDocs } from "./docs-page";

export { customerRoutes, adminRoutes, type RestRoute, type RestMethod } from "./routes";
export {
  openApiDocument,
  errorResponsesFor,
  restRouterFor,
  restRoutes,
  REST_BASE_PATH,
  type RestApp,
} from "./document";
export { handleRest } from "./handler";
export { renderApiDocs } from "./docs-page";

export const OPENAPI_PATH = "/api/openapi.json";
export const DOCS_PATH = "/api/docs";

const documents = new Map<string, ReturnType<typeof openApiDocument>>();
const documentFor = (app: RestApp, baseUrl: string) => {
  const key = `${app} ${baseUrl}`;
  let d = documents.get(key);
  if (!d) documents.set(key, (d = openApiDocument(app, baseUrl)));
  return d;
};

/** GET /api/openapi.json: the app's OpenAPI 3.1 document (servers: the app's public URL). */
export function openApiResponse(app: RestApp, baseUrl: string): Response {
  return Response.json(documentFor(app, baseUrl), {
    headers: { "cache-control": "public, max-age=300" },
  });
}

/** GET /api/docs: the human documentation, one self-contained page. */
export function apiDocsResponse(app: RestApp, baseUrl: string): Response {
  return new Response(renderApiDocs(documentFor(app, baseUrl), { documentUrl: OPENAPI_PATH }), {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
