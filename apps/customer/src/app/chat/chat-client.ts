// The chat's five calls to the site's tRPC API (/api/trpc/chat.*), made with fetch in tRPC's
// wire format (superjson-encoded: these inputs are plain JSON, so `{ json: input }`). The chat
// keeps its own state and needs no query cache, so it ships neither React Query nor the tRPC
// client (about 19 KB gzipped): the widget opens faster and /chat stays a light page.
import type { CustomerRouter } from "@myhibachi/api";
import type { inferRouterInputs } from "@trpc/server";

type Inputs = inferRouterInputs<CustomerRouter>["chat"];

/** A refusal or failure answered by the server: its message, and the HTTP status for `errorMessage`. */
class ChatCallError extends Error {
  readonly data: { httpStatus: number };
  constructor(message: string, httpStatus: number) {
    super(message);
    this.data = { httpStatus };
  }
}

/** The message of a tRPC error body (our edge's refusals have the same shape). */
function messageOf(body: unknown): string {
  const e = (body as { error?: { json?: { message?: unknown } } } | null)?.error?.json;
  return typeof e?.message === "string" ? e.message : "";
}

/** One call; a request that gets no answer at all throws fetch's own error (a TypeError). */
async function call(procedure: string, init: RequestInit, input?: unknown): Promise<unknown> {
  const query =
    init.method === "GET" && input !== undefined
      ? `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`
      : "";
  const res = await fetch(`/api/trpc/chat.${procedure}${query}`, {
    ...init,
    credentials: "same-origin",
    ...(init.method === "POST"
      ? {
          headers: { "content-type": "application/json" },
          body: JSON.stringify(input === undefined ? {} : { json: input }),
        }
      : {}),
  });
  const body = (await res.json().catch(() => null)) as {
    result?: { data?: { json?: unknown } };
  } | null;
  if (!res.ok || !body?.result) throw new ChatCallError(messageOf(body), res.ok ? 500 : res.status);
  return body.result.data?.json ?? null;
}

export const chatApi = {
  history: () => call("history", { method: "GET" }),
  reply: (input: Inputs["reply"]) => call("reply", { method: "GET" }, input),
  updates: (input: Inputs["updates"]) => call("updates", { method: "GET" }, input),
  send: (input: Inputs["send"]) => call("send", { method: "POST" }, input),
  reset: () => call("reset", { method: "POST" }),
};
