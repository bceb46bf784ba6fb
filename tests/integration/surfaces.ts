// The surfaces the operations are served through, as the walkers see them: which operations each
// serves (read from the surface itself: tRPC procedure meta, GraphQL field extensions, the REST
// route table, the assistant's tool list; never a list kept here) and how to call one as a given
// caller, through the real adapter. An outcome is "OK" or the error code the surface answered
// with, in one vocabulary (UNAUTHORIZED, FORBIDDEN, NOT_FOUND, BAD_REQUEST...).
import {
  adminRouter,
  createCallerFactory,
  customerRouter,
  handleGraphQL,
  handleRest,
  servedEndpoints,
  REST_BASE_PATH,
  type ServerDeps,
} from "@myhibachi/api";
import type { SessionUser } from "@myhibachi/auth";
import { chatTools, runTool } from "@myhibachi/ai";
import { loadCatalogFromDb } from "@myhibachi/core";
import type { GraphQLField, GraphQLInputType, GraphQLOutputType } from "graphql";
import { ADMIN_URL, CUSTOMER_URL, type GraphQLEnv } from "./graphql-support";

export interface Outcome {
  code: string; // "OK" or an AppError/tRPC code ("UNAUTHORIZED", "NOT_FOUND", ...)
  message: string;
  /** What a successful call returned. */
  data?: unknown;
  /** The thrown value or response, for failure messages. */
  detail?: unknown;
}

export type App = "customer" | "admin";

export interface Caller {
  user: SessionUser | null;
  /** Session cookies per app (signed in through the real auth handler), plus the chat cookie. */
  cookies: Record<App, string>;
}

export interface Endpoint {
  /** "trpc customer booking.cancel", "graphql admin Query.bookings"... */
  label: string;
  operation: string;
  call(caller: Caller, input: unknown): Promise<Outcome>;
}

export interface Surface {
  name: "trpc" | "rest" | "graphql" | "assistant";
  endpoints: Endpoint[];
}

const APPS: [App, typeof customerRouter | typeof adminRouter][] = [
  ["customer", customerRouter],
  ["admin", adminRouter],
];

/** tRPC: every procedure of both routers, mapped to its operation by the procedure's meta. */
export function trpcSurface(g: () => GraphQLEnv): Surface {
  const endpoints: Endpoint[] = [];
  const factories = Object.fromEntries(
    APPS.map(([app, router]) => [
      app,
      createCallerFactory(router as never) as (ctx: unknown) => unknown,
    ]),
  );
  for (const e of servedEndpoints()) {
    if (e.surface !== "trpc") continue;
    const { app, path } = e;
    const factory = factories[app]!;
    {
      endpoints.push({
        label: `trpc ${app} ${path}`,
        operation: e.operation ?? `(none: ${app} ${path})`,
        async call(caller, input) {
          const deps: ServerDeps = g()[app];
          const headers = new Headers({ cookie: caller.cookies[app] });
          let node = factory({ ...deps, headers, user: caller.user }) as Record<string, unknown>;
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
export function assistantSurface(g: () => GraphQLEnv): Surface {
  return {
    name: "assistant",
    endpoints: chatTools.map((tool) => ({
      label: `assistant ${tool.name}`,
      operation: tool.operation as string,
      async call(caller, input) {
        const { env } = g();
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
          siteUrl: CUSTOMER_URL,
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

// The graphql module's own predicates refuse types built by the API's copy of the module ("from
// another realm"), so the walker reads the type objects by their shape instead.
type AnyType = { ofType?: AnyType; toString(): string } & Record<string, unknown>;
const isNonNullType = (t: unknown) => (t as AnyType).constructor.name === "GraphQLNonNull";
const isListType = (t: unknown) => (t as AnyType).constructor.name === "GraphQLList";
const isEnumType = (t: unknown) => (t as AnyType).constructor.name === "GraphQLEnumType";
const isInputObjectType = (t: unknown) =>
  (t as AnyType).constructor.name === "GraphQLInputObjectType";
const isObjectType = (t: unknown) => (t as AnyType).constructor.name === "GraphQLObjectType";
const isScalarType = (t: unknown) => (t as AnyType).constructor.name === "GraphQLScalarType";
function getNamedType(t: unknown): AnyType {
  let x = t as AnyType;
  while (x.ofType) x = x.ofType;
  return x;
}

/** A value GraphQL's own type checks accept, so the call reaches the operation. */
function graphqlSample(type: GraphQLInputType, depth = 0): unknown {
  const t = type as unknown as AnyType & {
    ofType: GraphQLInputType;
    name: string;
    getValues(): { value: unknown }[];
    getFields(): Record<string, { name: string; type: GraphQLInputType }>;
  };
  if (isNonNullType(t)) return graphqlSample(t.ofType, depth);
  if (isListType(t)) return depth > 4 ? [] : [graphqlSample(t.ofType, depth + 1)];
  if (isEnumType(t)) return t.getValues()[0]!.value;
  if (isInputObjectType(t))
    return Object.fromEntries(
      Object.values(t.getFields())
        .filter((f) => isNonNullType(f.type) || depth < 2)
        .map((f) => [f.name, graphqlSample(f.type, depth + 1)]),
    );
  if (isScalarType(t))
    switch (t.name) {
      case "Int":
        return 1;
      case "Float":
        return 1.5;
      case "Boolean":
        return true;
      case "DateTime":
        return new Date().toISOString();
      default:
        return "x";
    }
  return null;
}

/** The field's scalars, and its objects' scalars, two levels down (enough to see whose data). */
function selectionOf(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type) as unknown as {
    getFields(): Record<string, GraphQLField<unknown, unknown>>;
  };
  if (!isObjectType(named)) return "";
  const fields = Object.values(named.getFields()).filter((f) =>
    f.args.every((a) => !isNonNullType(a.type)),
  );
  const parts = fields.flatMap((f) => {
    const inner = getNamedType(f.type);
    if (!isObjectType(inner)) return [f.name];
    return depth < 2 ? [`${f.name}${selectionOf(f.type, depth + 1)}`] : [];
  });
  return ` { __typename ${parts.join(" ")} }`;
}

/**
 * GraphQL: every root field of both schemas that names its operation (field extensions). The
 * walker's input fills the field's arguments by name; arguments it lacks get a value of their
 * GraphQL type (optional ones are left out), so GraphQL's own type checks pass and the operation
 * decides. Sent as `next dev`
 * would (any document): the persisted-documents policy is not the operation's rule and has
 * tests of its own.
 */
export function graphqlSurface(g: () => GraphQLEnv): Surface {
  const endpoints: Endpoint[] = [];
  for (const e of servedEndpoints())
    if (e.surface === "graphql") {
      const { app, kind, field, operation } = e;
      {
        endpoints.push({
          label: `graphql ${app} ${e.type}.${field.name}`,
          operation: operation ?? `(none: ${app} ${e.type}.${field.name})`,
          async call(caller, input) {
            const given =
              input && typeof input === "object" ? (input as Record<string, unknown>) : {};
            const variables: Record<string, unknown> = {};
            const defs: string[] = [];
            const args: string[] = [];
            for (const a of field.args) {
              const value =
                a.name in given
                  ? given[a.name]
                  : isNonNullType(a.type)
                    ? graphqlSample(a.type)
                    : undefined;
              if (value === undefined && !isNonNullType(a.type)) continue;
              variables[a.name] = value;
              defs.push(`$${a.name}: ${a.type.toString()}`);
              args.push(`${a.name}: $${a.name}`);
            }
            const selection = selectionOf(field.type);
            const query = `${kind}${defs.length ? `(${defs.join(", ")})` : ""} { ${field.name}${
              args.length ? `(${args.join(", ")})` : ""
            }${selection} }`;
            const base = app === "customer" ? CUSTOMER_URL : ADMIN_URL;
            const res = await handleGraphQL(
              new Request(`${base}/api/graphql`, {
                method: "POST",
                headers: {
                  "content-type": "application/json",
                  origin: base,
                  cookie: caller.cookies[app],
                },
                body: JSON.stringify({ query, variables }),
              }),
              app,
              g()[app],
              { dev: true },
            );
            const text = await res.text();
            let body: {
              data?: Record<string, unknown> | null;
              errors?: { message: string; extensions?: { code?: string } }[];
            };
            try {
              body = JSON.parse(text) as typeof body;
            } catch {
              return { code: `HTTP_${res.status}`, message: text };
            }
            const err = body.errors?.[0];
            if (res.status >= 500) return { code: `${res.status}`, message: text };
            if (err)
              return {
                code: err.extensions?.code ?? `HTTP_${res.status}`,
                message: err.message,
                detail: body,
              };
            return { code: "OK", message: "", data: body.data };
          },
        });
      }
    }
  return { name: "graphql", endpoints };
}

/** A path segment as a hostile client would send it: half a surrogate pair as its raw bytes. */
function pathSegment(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return v
      .replace(/[\uD800-\uDFFF]/g, "%ED%A0%BD")
      .replace(/[^%\w.-]/g, (c) => encodeURIComponent(c));
  }
}

/**
 * REST: every route of both apps' tables (`restRoutes`), mapped to its operation by the table. The
 * walker's input fills `{name}` path segments (a placeholder when it lacks them), the query string
 * of a GET (scalars; objects as JSON) or the JSON body of any other method.
 */
export function restSurface(g: () => GraphQLEnv): Surface {
  const endpoints: Endpoint[] = [];
  for (const e of servedEndpoints())
    if (e.surface === "rest") {
      const { app, route } = e;
      endpoints.push({
        label: `rest ${app} ${route.method} ${route.path}`,
        operation: route.op.name,
        async call(caller, input) {
          const given =
            input && typeof input === "object" && !Array.isArray(input)
              ? { ...(input as Record<string, unknown>) }
              : null;
          const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
            const v = given?.[name];
            if (given) delete given[name];
            return pathSegment(v === undefined || v === null ? "x" : String(v));
          });
          const base = app === "customer" ? CUSTOMER_URL : ADMIN_URL;
          const url = new URL(`${base}${REST_BASE_PATH}${path}`);
          const headers = new Headers({ origin: base, cookie: caller.cookies[app] });
          let body: string | undefined;
          if (route.method === "GET") {
            for (const [k, v] of Object.entries(given ?? {}))
              if (v !== undefined)
                url.searchParams.set(k, typeof v === "object" ? JSON.stringify(v) : String(v));
          } else {
            headers.set("content-type", "application/json");
            body = JSON.stringify(given ?? input ?? {});
          }
          const res = await handleRest(
            new Request(url, { method: route.method, headers, body }),
            app,
            g()[app],
          );
          const text = await res.text();
          if (res.status >= 500) return { code: `${res.status}`, message: text };
          let json: { code?: string; message?: string } | unknown;
          try {
            json = JSON.parse(text);
          } catch {
            return { code: `HTTP_${res.status}`, message: text };
          }
          if (res.ok) return { code: "OK", message: "", data: json };
          const err = json as { code?: string; message?: string };
          return {
            code: err.code ?? `HTTP_${res.status}`,
            message: err.message ?? "",
            detail: json,
          };
        },
      });
    }
  return { name: "rest", endpoints };
}
