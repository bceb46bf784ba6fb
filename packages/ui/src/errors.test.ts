// The browser's failed calls, made for real with the tRPC client: a request that gets no answer
// (the browser's fetch throws "Failed to fetch"), a proxy's HTML error page, and our own API
// (tRPC's fetch adapter, in-process) refusing the input in words or failing inside. What the
// person reads is the server's sentence, or one plain sentence of ours.
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { initTRPC, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import {
  canRetry,
  errorMessage,
  failureKind,
  NETWORK_ERROR_MESSAGE,
  SERVER_ERROR_MESSAGE,
} from "./errors";
import { BAD_LINK_MESSAGE, linkErrorMessage } from "./link-error";

const t = initTRPC.create({ transformer: superjson });
const router = t.router({
  refuse: t.procedure
    .input((v) => v as { n: number })
    .query(() => {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: "This booking was cancelled." });
    }),
  crash: t.procedure.query(() => {
    throw new Error("connect ECONNREFUSED 10.0.0.5:5432 (prisma)");
  }),
  busy: t.procedure.query(() => {
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: "Wait a minute and try again." });
  }),
});

type Fetch = (url: string | URL | Request, init?: RequestInit) => Promise<Response>;
const client = (fetch: Fetch) =>
  createTRPCClient<typeof router>({
    links: [httpBatchLink({ url: "http://site.test/api/trpc", transformer: superjson, fetch })],
  });
/** Our API itself, answering in-process (tRPC's fetch adapter). */
const api: Fetch = (url, init) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(url as string, init),
    router,
    createContext: () => ({}),
  });
/** A proxy in front of the site with the app down: its own HTML page. */
const html502: Fetch = async () =>
  new Response("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>", {
    status: 502,
    headers: { "content-type": "text/html" },
  });
/** No answer at all: what the browser's fetch throws when offline. */
const down: Fetch = () => Promise.reject(new TypeError("Failed to fetch"));
async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("the call did not fail");
}

describe("errorMessage", () => {
  it("no answer at all (the browser's 'Failed to fetch'): a sentence about the connection, retryable", async () => {
    const err = await failure(client(down).refuse.query({ n: 1 }));
    expect(err).toBeInstanceOf(TRPCClientError);
    expect(failureKind(err)).toBe("network");
    expect(errorMessage(err)).toBe(NETWORK_ERROR_MESSAGE);
    expect(canRetry(err)).toBe(true);
    // The other browsers' words for the same thing.
    for (const words of [
      "Failed to fetch",
      "NetworkError when attempting to fetch resource.",
      "Load failed",
    ])
      expect(errorMessage(new TypeError(words))).toBe(NETWORK_ERROR_MESSAGE);
  });

  it("a proxy's HTML error page or a bare 'Internal server error': our sentence, retryable", async () => {
    const err = await failure(client(html502).refuse.query({ n: 1 }));
    expect(failureKind(err)).toBe("server");
    expect(errorMessage(err)).toBe(SERVER_ERROR_MESSAGE);
    expect(canRetry(err)).toBe(true);
    expect(errorMessage(new Error("Internal server error"))).toBe(SERVER_ERROR_MESSAGE);
  });

  it("a 500 from the API: the internal text never shows", async () => {
    const err = await failure(client(api).crash.query());
    expect(errorMessage(err)).toBe(SERVER_ERROR_MESSAGE);
    expect(errorMessage(err)).not.toMatch(/ECONNREFUSED|prisma/);
    expect(canRetry(err)).toBe(true);
    // Our own formatter's 500 sentence carries a log reference: kept as it is.
    const ours = Object.assign(
      new Error("Something went wrong on our side (ref 1a2b3c4d). Please try again."),
      {
        data: { httpStatus: 500 },
      },
    );
    expect(errorMessage(ours)).toBe(ours.message);
  });

  it("a refusal in words is shown as the server wrote it, with no 'Try again'", async () => {
    const err = await failure(client(api).refuse.query({ n: 1 }));
    expect(errorMessage(err)).toBe("This booking was cancelled.");
    expect(canRetry(err)).toBe(false);
    const busy = await failure(client(api).busy.query());
    expect(errorMessage(busy)).toBe("Wait a minute and try again.");
    expect(canRetry(busy)).toBe(true);
  });

  it("a link's bad part says the link is bad; a dropped connection still says so", async () => {
    const refused = Object.assign(new Error("Enter a valid link."), {
      data: { httpStatus: 400, fields: { token: "Too short" } },
    });
    expect(linkErrorMessage(refused, ["id", "token"])).toBe(BAD_LINK_MESSAGE);
    const err = await failure(client(down).refuse.query({ n: 1 }));
    expect(linkErrorMessage(err, ["id", "token"])).toBe(NETWORK_ERROR_MESSAGE);
  });

  it("nothing to say without an error", () => {
    expect(errorMessage(null)).toBeNull();
    expect(canRetry(undefined)).toBe(false);
  });
});
