// What an outside attack on the four surfaces found (issue 10's black-box session), kept as
// tests: each was a 500 or an unreadable message. The attacks that held are kept out of the tests
// on purpose (a held-out check for the next session).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerRouter, handleRest, handleTrpc, MY_BOOKINGS_QUERY } from "@myhibachi/api";
import { CUSTOMER_URL, gql, graphqlEnv, signedIn, type GraphQLEnv } from "./graphql-support";

let g: GraphQLEnv;
let cookie: string;
beforeAll(async () => {
  g = await graphqlEnv({ chefs: 1 });
  cookie = (await signedIn(g, "customer", "CUSTOMER")).cookie;
});
afterAll(async () => g?.close());

const b64 = (s: string) => Buffer.from(s).toString("base64url");

/** The My bookings list with `cursor`, through tRPC, REST and GraphQL: [status, code, message]. */
async function throughEverySurface(cursor: string) {
  const trpcUrl = new URL(`${CUSTOMER_URL}/api/trpc/booking.mine`);
  trpcUrl.searchParams.set("input", JSON.stringify({ json: { cursor, first: 1 } }));
  const trpc = await handleTrpc(
    new Request(trpcUrl, { headers: { cookie } }),
    customerRouter,
    g.customer,
  );
  const trpcBody = (await trpc.json()) as {
    error?: { json: { message: string; data: { code: string } } };
  };
  const restUrl = new URL(`${CUSTOMER_URL}/api/v1/me/bookings`);
  restUrl.searchParams.set("cursor", cursor);
  const rest = await handleRest(
    new Request(restUrl, { headers: { cookie } }),
    "customer",
    g.customer,
  );
  const restBody = (await rest.json()) as { code: string; message: string };
  const graphql = await gql("customer", g.customer, {
    persisted: MY_BOOKINGS_QUERY,
    variables: { first: 1, after: cursor },
    cookie,
  });
  const gErr = graphql.body.errors?.[0];
  return [
    ["tRPC", trpc.status, trpcBody.error?.json.data.code, trpcBody.error?.json.message],
    ["REST", rest.status, restBody.code, restBody.message],
    ["GraphQL", graphql.status, gErr?.extensions?.code, gErr?.message],
  ] as const;
}

describe("a tampered My bookings cursor", () => {
  it.each([
    ["a year before the calendar", b64("-271821-04-20T00:00:00.000Z|bk_x")],
    ["year -4713", b64("-004713-01-01T00:00:00.000Z|bk_x")],
    ["year 2999", b64("2999-01-01T00:00:00.000Z|bk_x")],
    ["a NUL in the id", b64("2026-01-01T00:00:00.000Z|bk\u0000x")],
    ["an extra part", b64("2026-01-01T00:00:00.000Z|bk_x|more")],
    ["not base64 at all", "%%%"],
  ])("%s is a 400 saying the page is out of date, on every surface", async (_label, cursor) => {
    for (const [surface, status, code, message] of await throughEverySurface(cursor)) {
      expect(code, `${surface}: ${message}`).toBe("BAD_REQUEST");
      expect(status, surface).toBe(surface === "GraphQL" ? 200 : 400);
      expect(message, surface).toMatch(/out of date/);
    }
  });
});

describe("REST bodies", () => {
  it.each([
    ["5,000 nested arrays", "[".repeat(5000) + "]".repeat(5000)],
    ["10,000 nested objects", '{"a":'.repeat(10000) + "1" + "}".repeat(10000)],
  ])("%s: a 400 in words, not a stack overflow", async (_label, body) => {
    for (const path of ["/quote", "/bookings", "/bookings/x/cancel"]) {
      const res = await handleRest(
        new Request(`${CUSTOMER_URL}/api/v1${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: CUSTOMER_URL },
          body,
        }),
        "customer",
        g.customer,
      );
      const json = (await res.json()) as { code: string; message: string };
      expect(res.status, path).toBe(400);
      expect(json.message, path).toMatch(/nested too deeply/);
    }
  });
});

describe("messages a person can act on", () => {
  it("a page size out of range names the limit once", async () => {
    const res = await handleRest(
      new Request(`${CUSTOMER_URL}/api/v1/me/bookings?first=0`, { headers: { cookie } }),
      "customer",
      g.customer,
    );
    const json = (await res.json()) as { message: string; fields?: Record<string, string> };
    expect(res.status).toBe(400);
    // Words for a person; which field it is about is in `fields`, never a path in the message.
    expect(json.message).toBe("Ask for at least 1 booking.");
    expect(json.fields).toEqual({ first: "Ask for at least 1 booking." });
  });

  it("a short request id says how long it must be", async () => {
    const res = await handleRest(
      new Request(`${CUSTOMER_URL}/api/v1/bookings`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: CUSTOMER_URL },
        body: JSON.stringify({ idempotencyKey: "abc" }),
      }),
      "customer",
      g.customer,
    );
    const json = (await res.json()) as { message: string; fields?: Record<string, string> };
    expect(res.status).toBe(400);
    expect(json.message).toMatch(/^The request id \(idempotencyKey\) needs at least 8 characters/);
    expect(json.fields?.idempotencyKey).toMatch(/needs at least 8 characters/);
  });
});
