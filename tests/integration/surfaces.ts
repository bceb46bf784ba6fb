// The surfaces the operations are served through, as the walkers see them: which operations each
// serves (read from the surface itself, not from a list kept here) and how to call one as a given
// caller. An outcome is "OK" or the error code the surface answered with, in one vocabulary.
import { adminRouter, createCallerFactory, customerRouter } from "@myhibachi/api";
import type { SessionUser } from "@myhibachi/auth";
import type { Queues } from "@myhibachi/jobs";
import { chatTools, runTool } from "@myhibachi/ai";
import { loadCatalogFromDb } from "@myhibachi/core";
import type { Env } from "./helpers";

export interface Outcome {
  code: string; // "OK" or an AppError/tRPC code ("UNAUTHORIZED", "NOT_FOUND", ...)
  message: string;
  /** What a successful call returned. */
  data?: unknown;
  /** The thrown value or response, for failure messages. */
  detail?: unknown;
}

export interface Caller {
  user: SessionUser | null;
  /** The chat visitor cookie value (signed), when the caller is an anonymous chat visitor. */
  cookie?: string;
}

export interface Endpoint {
  /** "trpc customer booking.cancel", "rest POST /api/v1/bookings/{id}/cancel"... */
  label: string;
  operation: string;
  call(caller: Caller, input: unknown): Promise<Outcome>;
}

export interface Surface {
  name: "trpc" | "rest" | "graphql" | "assistant";
  endpoints: Endpoint[];
}

export interface SurfaceDeps {
  env: Env;
  queues: Queues;
}

/** The secret the walkers sign chat visitor cookies with. */
export const COOKIE_SECRET = "x".repeat(40);

type Procedures = Record<string, { _def: { meta?: { operation?: string }; type: string } }>;

/** tRPC: every procedure of both routers, mapped to its operation by the procedure's meta. */
export function trpcSurface(deps: () => SurfaceDeps): Surface {
  const base = () => ({
    db: deps().env.t.db,
    redis: deps().env.redis,
    cache: deps().env.cache,
    queues: deps().queues,
    auth: null as never,
    sendEmail: async () => {},
    customerUrl: "http://127.0.0.1:3999",
    cookieSecret: COOKIE_SECRET,
  });
  const endpoints: Endpoint[] = [];
  for (const [app, router] of [
    ["customer", customerRouter],
    ["admin", adminRouter],
  ] as const) {
    const procedures = (router as unknown as { _def: { procedures: Procedures } })._def.procedures;
    const factory = createCallerFactory(router as never) as (ctx: unknown) => unknown;
    for (const [path, proc] of Object.entries(procedures)) {
      endpoints.push({
        label: `trpc ${app} ${path}`,
        operation: proc._def.meta?.operation ?? `(none: ${app} ${path})`,
        async call(caller, input) {
          const headers = new Headers(caller.cookie ? { cookie: caller.cookie } : {});
          let node = factory({ ...base(), headers, user: caller.user }) as Record<string, unknown>;
          for (const part of path.split(".")) node = node[part] as Record<string, unknown>;
          try {
            const data = await (node as unknown as (i: unknown) => Promise<unknown>)(input);
            return { code: "OK", message: "", data };
          } catch (err) {
            const e = err as { name?: string; code?: string; message?: string };
            if (e.name !== "TRPCError") throw err;
            return { code: e.code ?? "?", message: e.message ?? "", detail: err };
          }
        },
      });
    }
  }
  return { name: "trpc", endpoints };
}

/** The assistant's tools: each names the operation it runs; the chat identity is the caller. */
export function assistantSurface(deps: () => SurfaceDeps): Surface {
  return {
    name: "assistant",
    endpoints: chatTools.map((tool) => ({
      label: `assistant ${tool.name}`,
      operation: tool.operation as string,
      async call(caller, input) {
        const { env } = deps();
        const ctx = {
          db: env.t.db,
          cache: env.cache,
          catalog: await loadCatalogFromDb(env.t.db),
          now: new Date(),
          identity: {
            userId: caller.user?.id ?? null,
            visitorId: caller.user ? null : `walker-${Math.random().toString(36).slice(2)}`,
            address: "203.0.113.9",
          },
          turnKey: `walk-${Math.random().toString(36).slice(2)}`,
          siteUrl: "http://127.0.0.1:3999",
        };
        const r = await runTool(ctx, tool.name, input);
        const data = r.data as { error?: string; code?: string } | null;
        if (r.refusedWith) return { code: r.refusedWith, message: JSON.stringify(r.data), data: r };
        if (r.ok) return { code: "OK", message: "", data: r };
        return { code: data?.code ?? "TOOL_ERROR", message: data?.error ?? "", detail: r };
      },
    })),
  };
}
