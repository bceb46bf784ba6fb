// For the customer site's browser code: its persisted documents' hashes by operation name, and
// one call that sends only the hash (no query text). Pure: no server code, so client components
// may import it ("@myhibachi/api/graphql-documents"). Only the customer site's map is imported:
// the admin documents never reach a public bundle.
import customer from "./persisted-customer.json";

const persisted = { customer };
type App = keyof typeof persisted;

/** The sha256 the server knows a persisted document by, from its operation name. */
export function persistedHash(app: App, operationName: string): string {
  const map: Record<string, string> = persisted[app];
  const hit = Object.entries(map).find(([, text]) =>
    new RegExp(`\\b(query|mutation)\\s+${operationName}\\b`).test(text),
  );
  if (!hit) throw new Error(`no persisted GraphQL document named ${operationName} for ${app}`);
  return hit[0];
}

/** Runs a persisted document on this site's /api/graphql; a GraphQL error becomes an Error. */
export async function persistedQuery<T>(
  app: App,
  operationName: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await fetch("/api/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    credentials: "same-origin",
    body: JSON.stringify({
      operationName,
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: persistedHash(app, operationName) } },
    }),
  });
  let body: { data?: T | null; errors?: { message: string }[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new Error(`We couldn't load this (HTTP ${res.status}). Please reload the page.`);
  }
  if (body.errors?.length) throw new Error(body.errors[0]!.message);
  if (!body.data)
    throw new Error(`We couldn't load this (HTTP ${res.status}). Please reload the page.`);
  return body.data;
}
