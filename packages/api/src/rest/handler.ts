// The REST endpoint of both apps (/api/v1/...): the route table served by trpc-to-openapi, with
// the same edge rules as tRPC (JSON-only writes, 64 KB bodies) and one error shape,
// { code, message, fields?, details? }, whose messages are the ones tRPC gives.
// Who is calling: the session cookie, or (admin app) `Authorization: Bearer <API key>`, which
// reads as the key's owner and can never change anything (Caller.viaApiKey).
import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { TRPCError } from "@trpc/server";
import { describeZodError, userForApiKey, zodErrorFields, type CallerUser } from "@myhibachi/core";
import { describeUnsafeText, findUnsafeText } from "@myhibachi/shared";
import { createContext, sessionUser, type ApiDeps } from "../context";
import { LIMITS, mediaType, readBodyLimited, tooLargeMessage } from "../http";
import { REST_BASE_PATH, restRouterFor, restRoutes, type RestApp } from "./document";
import type { RestRoute } from "./routes";

interface RestError {
  code: string;
  message: string;
  fields?: Record<string, string>;
  details?: Record<string, unknown>;
}

function errorJson(status: number, error: RestError, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("content-type", "application/json");
  h.set("cache-control", "no-store");
  return new Response(JSON.stringify(error), { status, headers: h });
}

const pathPattern = (path: string) =>
  new RegExp(`^${path.replace(/\{(.+?)\}/g, "(?<$1>[^/]+)").replace(/\/$/, "")}/?$`, "i");

/** The route a request is for, or the methods the path does take (for a 405). */
function findRoute(
  routes: RestRoute[],
  method: string,
  path: string,
): { route: RestRoute } | { route?: undefined; allowed: string[] } {
  const matching = routes.filter((r) => pathPattern(r.path).test(path));
  const route = matching.find((r) => r.method === method);
  return route ? { route } : { allowed: [...new Set(matching.map((r) => r.method))] };
}

type Who = { user: CallerUser | null; viaApiKey: boolean } | { refuse: Response };

/** The caller: an API key (admin app), else the session cookie. */
async function authenticate(req: Request, app: RestApp, deps: ApiDeps): Promise<Who> {
  const authorization = req.headers.get("authorization");
  try {
    if (authorization !== null) {
      if (app !== "admin")
        return {
          refuse: errorJson(401, {
            code: "UNAUTHORIZED",
            message:
              "This API takes no Authorization header: sign in on the site (session cookie), or use the booking's manage token.",
          }),
        };
      const key = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      const user = key
        ? await userForApiKey(deps.db, key, (deps.now ?? (() => new Date()))())
        : null;
      if (!user)
        return {
          refuse: errorJson(
            401,
            {
              code: "UNAUTHORIZED",
              message: key
                ? "This API key is unknown or has been revoked. Create a new one under Settings → API keys."
                : "Send the API key as `Authorization: Bearer <key>`.",
            },
            { "www-authenticate": 'Bearer realm="MyHibachi admin API"' },
          ),
        };
      return { user, viaApiKey: true };
    }
    return { user: await sessionUser(deps, req.headers), viaApiKey: false };
  } catch (err) {
    if (!(err instanceof TRPCError && err.code === "SERVICE_UNAVAILABLE")) {
      console.error("[rest] could not check the caller's credentials:", err);
    }
    return {
      refuse: errorJson(503, {
        code: "SERVICE_UNAVAILABLE",
        message:
          authorization !== null
            ? "We couldn't check your API key just now. Please try again in a moment."
            : "We couldn't check your sign-in just now. Please try again in a moment.",
      }),
    };
  }
}

/**
 * The JSON body of a write, with header fields (`Idempotency-Key`) filled in, or a refusal:
 * 415 unless JSON, 413 past LIMITS.apiBodyBytes, 400 when it doesn't parse or a header field
 * disagrees with the body.
 */
async function readJsonBody(
  req: Request,
  route: RestRoute,
): Promise<{ text: string } | { refuse: Response }> {
  if (mediaType(req) !== "application/json")
    return {
      refuse: errorJson(415, {
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: "Send this request as JSON (Content-Type: application/json).",
      }),
    };
  const read = await readBodyLimited(req, LIMITS.apiBodyBytes);
  if (read.refuse)
    return {
      refuse: errorJson(413, {
        code: "PAYLOAD_TOO_LARGE",
        message: tooLargeMessage(LIMITS.apiBodyBytes),
      }),
    };
  const text = read.body ? new TextDecoder().decode(read.body) : "";
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    return {
      refuse: errorJson(400, {
        code: "BAD_REQUEST",
        message: "The request body is not valid JSON.",
      }),
    };
  }
  // Before anything walks the body (re-serializing 5,000 nested arrays overflowed the stack: a
  // 500 found by an outside attack): too deep, NUL or broken text is a 400 in words.
  const unsafe = findUnsafeText(body);
  if (unsafe)
    return { refuse: errorJson(400, { code: "BAD_REQUEST", message: describeUnsafeText(unsafe) }) };
  for (const [header, field] of Object.entries(route.headerFields ?? {})) {
    const value = req.headers.get(header);
    if (value === null || !body || typeof body !== "object" || Array.isArray(body)) continue;
    const fields = body as Record<string, unknown>;
    if (fields[field] === undefined) fields[field] = value;
    else if (fields[field] !== value)
      return {
        refuse: errorJson(400, {
          code: "BAD_REQUEST",
          message: `The ${header} header and the body say different things: send one of them, or the same value in both.`,
          fields: { [field]: `differs from the ${header} header` },
        }),
      };
  }
  return { text: JSON.stringify(body, keepOutOfRange) };
}

/**
 * A number too large for JSON to carry (1e400 reads as Infinity) would be written back as null
 * and heard as missing ("Enter the number of adults."): it goes on as the largest number JSON
 * can carry, which every field still refuses as too large, as tRPC does with the Infinity itself.
 */
function keepOutOfRange(_key: string, value: unknown): unknown {
  if (typeof value !== "number" || Number.isFinite(value) || Number.isNaN(value)) return value;
  return value > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
}

/** The library's error body ({ message, code, data, issues }) in our shape. */
async function ourError(res: Response): Promise<Response> {
  const raw = (await res.json().catch(() => ({}))) as {
    message?: string;
    code?: string;
    data?: { fields?: Record<string, string>; details?: Record<string, unknown> | null };
    issues?: { path: PropertyKey[]; message: string }[];
  };
  let code = raw.code ?? "INTERNAL_SERVER_ERROR";
  let message = raw.message ?? "Something went wrong on our side. Please try again.";
  let fields = raw.data?.fields;
  if (raw.issues?.length) {
    message = describeZodError({ issues: raw.issues } as never);
    fields ??= zodErrorFields({ issues: raw.issues } as never);
  }
  if (code === "PARSE_ERROR") {
    code = "BAD_REQUEST";
    message = "The request body is not valid JSON.";
  }
  const details = raw.data?.details ?? undefined;
  const headers = new Headers();
  const retry = details?.retryAfterSeconds;
  if (res.status === 429 && typeof retry === "number") headers.set("retry-after", String(retry));
  return errorJson(
    res.status,
    {
      code,
      message,
      ...(fields ? { fields } : {}),
      ...(details ? { details } : {}),
    },
    headers,
  );
}

/** Serves `req` (a path under /api/v1) from the app's REST routes. */
export async function handleRest(req: Request, app: RestApp, deps: ApiDeps): Promise<Response> {
  const url = new URL(req.url);
  const path = url.pathname.slice(REST_BASE_PATH.length) || "/";
  const found = url.pathname.toLowerCase().startsWith(REST_BASE_PATH)
    ? findRoute(restRoutes[app], req.method, path)
    : { allowed: [] };
  if (!found.route) {
    if (found.allowed.length)
      return errorJson(
        405,
        {
          code: "METHOD_NOT_SUPPORTED",
          message: `${url.pathname} takes ${found.allowed.join(" or ")}, not ${req.method}.`,
        },
        { allow: found.allowed.join(", ") },
      );
    return errorJson(404, {
      code: "NOT_FOUND",
      message: `There is no ${req.method} ${url.pathname}. The endpoints are listed at /api/docs.`,
    });
  }

  let body: string | null = null;
  if (found.route.method !== "GET") {
    const read = await readJsonBody(req, found.route);
    if ("refuse" in read) return read.refuse;
    body = read.text;
  }
  const who = await authenticate(req, app, deps);
  if ("refuse" in who) return who.refuse;

  const headers = new Headers(req.headers);
  headers.delete("content-length"); // the body may have been rewritten (header fields)
  const forward = new Request(req.url, {
    method: req.method,
    headers,
    body,
    signal: req.signal,
  });
  const res = await createOpenApiFetchHandler({
    endpoint: REST_BASE_PATH,
    router: restRouterFor(app),
    req: forward,
    createContext: () => createContext(deps, req.headers, who.user, { viaApiKey: who.viaApiKey }),
  });
  if (res.status >= 400) return ourError(res);
  const out = new Headers(res.headers);
  out.set("cache-control", "no-store");
  return new Response(res.body, { status: res.status, headers: out });
}
