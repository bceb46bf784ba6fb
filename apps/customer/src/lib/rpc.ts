// The customer site's calls to its own tRPC API (/api/trpc), made with fetch in tRPC's wire format:
// a query is a GET with `?input=`, a mutation a POST, both superjson envelopes. Typed from the
// server's router, so a call's input and answer are checked at compile time exactly as with tRPC's
// own client. Why not tRPC's client and React Query: together with superjson they are ~19 KB
// gzipped, more than the whole budget a booking page has left over Next.js and React (the site's
// first-load JavaScript goal is 150 KB); this file and `query.ts` are ~2 KB. The admin app, with no
// such budget, keeps tRPC's React Query client (@myhibachi/ui/trpc).
import type { CustomerRouter } from "@myhibachi/api";
import type {
  AnyMutationProcedure,
  AnyProcedure,
  AnyQueryProcedure,
  inferProcedureInput,
  inferTransformedProcedureOutput,
} from "@trpc/server";
import type { UseMutationOptions, MutationCallbacks } from "./query";

/** A call the server answered with a refusal or a failure: tRPC's error message and data. */
export class RpcError extends Error {
  readonly data: { httpStatus: number; code?: string; fields?: Record<string, string> };
  constructor(message: string, data: RpcError["data"]) {
    super(message);
    this.name = "RpcError";
    this.data = data;
  }
}

interface ErrorBody {
  error?: { json?: { message?: unknown; data?: Record<string, unknown> } };
}

/**
 * One call to `/api/trpc/<path>`. A request that gets no answer at all throws fetch's own error
 * (a TypeError); an answer that is not ours (a proxy's HTML page) throws with its status.
 */
/**
 * The reader of superjson answers (superjson-lite.ts, ~1 KB gzipped): fetched with the first
 * call, alongside its request, not with the page (a booking page's first load has a 150 KB
 * budget). A failed download is tried again on the next call.
 */
let reader: Promise<typeof import("./superjson-lite")> | null = null;
function loadReader() {
  reader ??= import("./superjson-lite").catch((err: unknown) => {
    reader = null;
    throw err;
  });
  return reader;
}

export async function rpcCall(
  kind: "query" | "mutation",
  path: string,
  input: unknown,
  init?: { signal?: AbortSignal },
): Promise<unknown> {
  const decoding = loadReader();
  decoding.catch(() => {}); // awaited below, after the answer; a failure is reported there
  const envelope = input === undefined ? undefined : JSON.stringify({ json: input });
  const res = await fetch(
    kind === "query"
      ? `/api/trpc/${path}${envelope ? `?input=${encodeURIComponent(envelope)}` : ""}`
      : `/api/trpc/${path}`,
    {
      method: kind === "query" ? "GET" : "POST",
      credentials: "same-origin",
      signal: init?.signal,
      ...(kind === "mutation"
        ? { headers: { "content-type": "application/json" }, body: envelope ?? "{}" }
        : {}),
    },
  );
  const body = (await res.json().catch(() => null)) as
    ({ result?: { data?: { json?: unknown; meta?: unknown } } } & ErrorBody) | null;
  if (res.ok && body?.result)
    return (await decoding).decodeSuperjson(body.result.data ?? { json: undefined });
  const e = body?.error?.json;
  const data = (e?.data ?? {}) as { code?: string; fields?: Record<string, string> };
  throw new RpcError(typeof e?.message === "string" ? e.message : "", {
    ...data,
    httpStatus: res.ok ? 500 : res.status,
  });
}

type Input<P> = P extends AnyProcedure ? inferProcedureInput<P> : never;
type Output<P> = P extends AnyProcedure
  ? inferTransformedProcedureOutput<CustomerRouter, P>
  : never;
/** The input argument: optional for a procedure that takes none. */
type Args<P> = undefined extends Input<P> ? [input?: Input<P>] : [input: Input<P>];

/** What the query hooks need from a query: a key (path and input) and how to fetch it. */
export interface QueryOptions<T> {
  queryKey: readonly unknown[];
  queryFn: (ctx: { signal: AbortSignal }) => Promise<T>;
}

interface QueryLeaf<P> {
  query(...input: Args<P>): Promise<Output<P>>;
  queryOptions(...input: Args<P>): QueryOptions<Output<P>>;
  queryKey(...input: Args<P>): readonly unknown[];
  pathKey(): readonly unknown[];
}
interface MutationLeaf<P> {
  mutate(...input: Args<P>): Promise<Output<P>>;
  mutationOptions(
    opts?: MutationCallbacks<Output<P>, Input<P>>,
  ): UseMutationOptions<Output<P>, Input<P>>;
  pathKey(): readonly unknown[];
}
type Client<R> = {
  [K in keyof R]: R[K] extends AnyMutationProcedure
    ? MutationLeaf<R[K]>
    : R[K] extends AnyQueryProcedure
      ? QueryLeaf<R[K]>
      : R[K] extends { _def: unknown }
        ? never
        : Client<R[K]>;
};

/** `rpc.booking.get.queryOptions({ id })`: the shape the hooks in `query.ts` take. */
function node(path: string[]): unknown {
  const p = path.join(".");
  const leaf: Record<string, unknown> = {
    query: (input: unknown) => rpcCall("query", p, input),
    mutate: (input: unknown) => rpcCall("mutation", p, input),
    queryKey: (input: unknown) => [p, input ?? null],
    pathKey: () => [p],
    queryOptions: (input: unknown) => ({
      queryKey: [p, input ?? null],
      queryFn: ({ signal }: { signal: AbortSignal }) => rpcCall("query", p, input, { signal }),
    }),
    mutationOptions: (opts?: object) => ({
      ...opts,
      mutationFn: (input: unknown) => rpcCall("mutation", p, input),
    }),
  };
  return new Proxy(leaf, {
    get: (target, key) =>
      typeof key === "string" && key in target ? target[key] : node([...path, String(key)]),
  });
}

export const rpc = node([]) as Client<CustomerRouter["_def"]["record"]>;
