// The chat's five calls to the site's tRPC API (/api/trpc/chat.*), made with fetch in tRPC's
// wire format (superjson-encoded: these inputs are plain JSON, so `{ json: input }`). The chat
// keeps its own state and needs no query cache, so it ships neither React Query nor the tRPC
// client (about 19 KB gzipped): the widget opens faster and /chat stays a light page.
import type { CustomerRouter } from "@myhibachi/api";
import type { inferRouterInputs } from "@trpc/server";

type Inputs = inferRouterInputs<CustomerRouter>["chat"];

const OFFLINE = "We couldn't reach MyHibachi. Check your connection and try again.";
const FAILED = "Something went wrong on our side. Please try again.";

/** The message of a tRPC error body (or of our edge's refusals, which have the same shape). */
function messageOf(body: unknown): string | null {
  const e = (body as { error?: { json?: { message?: unknown } } } | null)?.error?.json;
  return typeof e?.message === "string" && e.message ? e.message : null;
}

async function call(procedure: string, init: RequestInit, input?: unknown): Promise<unknown> {
  const query =
    init.method === "GET" && input !== undefined
      ? `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`
      : "";
  let res: Response;
  try {
    res = await fetch(`/api/trpc/chat.${procedure}${query}`, {
      ...init,
      credentials: "same-origin",
      ...(init.method === "POST"
        ? {
            headers: { "content-type": "application/json" },
            body: JSON.stringify(input === undefined ? {} : { json: input }),
          }
        : {}),
    });
  } catch {
    throw new Error(OFFLINE);
  }
  const body = (await res.json().catch(() => null)) as {
    result?: { data?: { json?: unknown } };
  } | null;
  if (!res.ok || !body?.result) throw new Error(messageOf(body) ?? FAILED);
  return body.result.data?.json ?? null;
}

export const chatApi = {
  history: () => call("history", { method: "GET" }),
  reply: (input: Inputs["reply"]) => call("reply", { method: "GET" }, input),
  updates: (input: Inputs["updates"]) => call("updates", { method: "GET" }, input),
  send: (input: Inputs["send"]) => call("send", { method: "POST" }, input),
  reset: () => call("reset", { method: "POST" }),
};
