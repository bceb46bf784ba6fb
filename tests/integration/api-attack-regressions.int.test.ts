// What an outside attack on the four surfaces found (issue 10's black-box session), kept as
// tests: each was a 500 or an unreadable message. The attacks that held are kept out of the tests
// on purpose (a held-out check for the next session).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerRouter, handleRest, handleTrpc, MY_BOOKINGS_QUERY } from "@myhibachi/api";
import { createBooking, createHold } from "@myhibachi/core";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { CUSTOMER_URL, gql, graphqlEnv, signedIn, type GraphQLEnv } from "./graphql-support";
import { rowCounts } from "./walk-support";

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
    expect(json.message).toMatch(/^The request id needs at least 8 characters/);
    expect(json.message).not.toMatch(/idempotencyKey/);
    expect(json.fields?.idempotencyKey).toMatch(/needs at least 8 characters/);
  });
});

describe("hostile numbers and menu names in a selection, on every surface that takes one (G8)", () => {
  // Raw JSON as a hostile client writes it: 1e400 (JSON.parse reads Infinity), -0, numbers as
  // text, and proteins or extras named "__proto__" (JSON.parse keeps it as a key; zod and
  // superjson used to drop it without a word), "constructor", "toString" or "".
  const ADULTS = '"@ADULTS@"';
  const base = (extra: object = {}) => ({
    packageSlug: "classic",
    adults: "@ADULTS@",
    children: 0,
    proteins: { chicken: 10, steak: 10 },
    extras: {},
    ...extra,
  });
  /** The selection's JSON with `adults` written as `raw` (10 unless said). */
  const selectionJson = (raw = "10", extra: object = {}) =>
    JSON.stringify(base(extra)).replace(ADULTS, raw);
  const menuName = (where: "proteins" | "extras", name: string) =>
    selectionJson(
      "10",
      where === "proteins"
        ? { proteins: { chicken: 10, steak: 10, [name]: 1 } }
        : { extras: { [name]: 1 } },
    );
  const CASES: [label: string, selection: string, message: string][] = [
    [
      "adults 1e400",
      selectionJson("1e400"),
      "That's too many adults for one booking. For a bigger party, please contact us.",
    ],
    [
      "adults 1e20",
      selectionJson("1e20"),
      "That's too many adults for one booking. For a bigger party, please contact us.",
    ],
    ["adults -0", selectionJson("-0"), "At least one adult must be at the party."],
    ["adults 1.5", selectionJson("1.5"), "The number of adults must be a whole number."],
    [
      'adults "10"',
      selectionJson('"10"'),
      "Enter the number of adults as a number, like 12, not as text.",
    ],
    ["adults null", selectionJson("null"), "Enter the number of adults."],
    ["adults true", selectionJson("true"), "Enter the number of adults."],
    [
      "a protein named __proto__",
      menuName("proteins", "__proto__"),
      '"__proto__" is not a protein on our current menu.',
    ],
    [
      "a protein named constructor",
      menuName("proteins", "constructor"),
      '"constructor" is not a protein on our current menu.',
    ],
    [
      "a protein named toString",
      menuName("proteins", "toString"),
      '"toString" is not a protein on our current menu.',
    ],
    [
      "a protein with no name",
      menuName("proteins", ""),
      "A protein was sent without a name: name each one as the menu does.",
    ],
    [
      "an extra named __proto__",
      menuName("extras", "__proto__"),
      '"__proto__" is not an appetizer, side or add-on on our current menu.',
    ],
    [
      "an extra named constructor",
      menuName("extras", "constructor"),
      '"constructor" is not an appetizer, side or add-on on our current menu.',
    ],
    [
      "an extra with no name",
      menuName("extras", ""),
      "An appetizer, side or add-on was sent without a name: name each one as the menu does.",
    ],
  ];

  const day = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
  let booking: { id: string; token: string };
  let hold: { id: string; token: string };
  beforeAll(async () => {
    const db = g.env.t.db;
    await db.businessSettings.update({ where: { id: 1 }, data: { bookingRateLimit: 1000 } });
    const b = await createBooking(
      db,
      {
        idempotencyKey: `g8-${Math.random().toString(36).slice(2)}`,
        date: day(30),
        startMinute: 17 * 60,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact: { name: "Dana Lee", email: "dana-g8@example.com", phone: "(408) 555-0199" },
      },
      { cache: g.env.cache },
    );
    booking = { id: b.id, token: b.accessToken };
    const h = await createHold(
      db,
      {
        idempotencyKey: `g8-hold-${Math.random().toString(36).slice(2)}`,
        date: day(32),
        startMinute: 17 * 60,
        guests: 10,
        postalCode: FIXTURE_ADDRESS.postalCode,
      },
      { cache: g.env.cache },
    );
    hold = { id: h.id, token: h.accessToken };
  });

  /** Every surface and operation that takes a selection, with `selection` (raw JSON) in it. */
  const calls = (selection: string, key: string) => {
    const create = `{"idempotencyKey":"${key}","date":"${day(31)}","startMinute":1020,"selection":${selection},"address":${JSON.stringify(FIXTURE_ADDRESS)},"contact":{"name":"Dana Lee","email":"dana-g8@example.com","phone":"(408) 555-0199"}}`;
    const { id, token } = booking;
    const finish = `{"id":"${hold.id}","token":"${hold.token}","selection":${selection},"address":${JSON.stringify(FIXTURE_ADDRESS)},"contact":{"name":"Dana Lee","email":"dana-g8@example.com","phone":"(408) 555-0199"}}`;
    const change = `{"id":"${id}","token":"${token}","selection":${selection}`;
    return [
      ["REST POST /quote", rest("/quote", `{"postalCode":"95125","selection":${selection}}`)],
      ["REST POST /bookings", rest("/bookings", create)],
      [
        "REST POST /bookings/{id}/change-preview",
        rest(`/bookings/${id}/change-preview`, `{"token":"${token}","selection":${selection}}`),
      ],
      [
        "REST POST /bookings/{id}/change",
        rest(
          `/bookings/${id}/change`,
          `{"token":"${token}","expectedTotalCents":65628,"selection":${selection}}`,
        ),
      ],
      [
        "tRPC booking.quote",
        trpc("booking.quote", `{"postalCode":"95125","selection":${selection}}`, true),
      ],
      ["tRPC booking.create", trpc("booking.create", create)],
      ["tRPC booking.previewChange", trpc("booking.previewChange", `${change}}`, true)],
      ["tRPC booking.change", trpc("booking.change", `${change},"expectedTotalCents":65628}`)],
      ["tRPC hold.finish", trpc("hold.finish", finish)],
    ] as const;
  };

  async function rest(path: string, body: string) {
    const res = await handleRest(
      new Request(`${CUSTOMER_URL}/api/v1${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: CUSTOMER_URL },
        body,
      }),
      "customer",
      g.customer,
    );
    const json = (await res.json()) as { message?: string };
    return { status: res.status, message: json.message };
  }
  async function trpc(path: string, input: string, query = false) {
    const url = `${CUSTOMER_URL}/api/trpc/${path}`;
    const res = await handleTrpc(
      query
        ? new Request(`${url}?input=${encodeURIComponent(`{"json":${input}}`)}`)
        : new Request(url, {
            method: "POST",
            headers: { "content-type": "application/json", origin: CUSTOMER_URL },
            body: `{"json":${input}}`,
          }),
      customerRouter,
      g.customer,
    );
    const json = (await res.json()) as { error?: { json: { message: string } } };
    return { status: res.status, message: json.error?.json.message };
  }

  it.each(CASES)(
    "%s: a 400 saying so in words on REST and tRPC, nothing written",
    async (label, selection, message) => {
      const before = await rowCounts(g.env.t.db);
      for (const [surface, call] of calls(selection, `g8-${label.replace(/\W+/g, "-")}`)) {
        const answer = await call;
        expect(answer, `${surface}: ${answer.message}`).toEqual({ status: 400, message });
      }
      expect(await rowCounts(g.env.t.db)).toEqual(before);
    },
  );
});

describe("odd page sizes for My bookings (REST query string)", () => {
  it.each([
    ["0", /at least 1 booking/],
    ["-5", /at least 1 booking/],
    ["1e309", /from 1 to 100, once/],
    ["NaN", /from 1 to 100, once/],
    ["3&first=4", /from 1 to 100, once/],
    [
      "99999999999999999999",
      /^Ask for a whole number of bookings\.$|^Ask for at most 100 bookings at a time\.$/,
    ],
  ])("first=%s is a 400 with one sentence a person can act on", async (first, words) => {
    const url = `${CUSTOMER_URL}/api/v1/me/bookings?first=${first}`;
    const res = await handleRest(new Request(url, { headers: { cookie } }), "customer", g.customer);
    const body = (await res.json()) as { code: string; message: string };
    expect(res.status).toBe(400);
    expect(body.message).toMatch(words);
    expect(body.message).not.toMatch(/The first|out of range|9007199254740991/);
  });
});

describe("odd page sizes for My bookings (GraphQL variables)", () => {
  it.each([
    [1.5, /^Send the number of items to show as a whole number, like 20, not 1\.5\.$/],
    ["5", /^Send the number of items to show as a whole number, like 20, not "5"\.$/],
    [99999999999, /^The number of items to show is far too large: send a whole number, like 20\.$/],
    [true, /^Send the number of items to show as a whole number, like 20, not true\.$/],
  ])("first=%s: words, not graphql-js's own", async (first, words) => {
    const r = await gql("customer", g.customer, {
      persisted: MY_BOOKINGS_QUERY,
      variables: { first },
      cookie,
    });
    const e = r.body.errors?.[0];
    expect(e?.extensions?.code).toBe("BAD_REQUEST");
    expect(e?.message).toMatch(words);
    expect(e?.message).not.toMatch(/Int cannot represent|Variable "\$/);
    expect(Object.keys(e?.extensions?.fields ?? {})).toEqual(["first"]);
  });
});

describe("numbers in REST query strings", () => {
  it("an empty first is left out (the default page), '12abc' is refused in words", async () => {
    const get = async (q: string) => {
      const url = `${CUSTOMER_URL}/api/v1/me/bookings?${q}`;
      const res = await handleRest(
        new Request(url, { headers: { cookie } }),
        "customer",
        g.customer,
      );
      return { status: res.status, body: (await res.json()) as { message?: string } };
    };
    expect((await get("first=")).status).toBe(200);
    expect((await get("first=%20")).status).toBe(200);
    expect((await get("first=5")).status).toBe(200);
    for (const q of ["first=12abc", "first=1%2C000"]) {
      const r = await get(q);
      expect(r.status, q).toBe(400);
      expect(r.body.message, q).toMatch(/from 1 to 100, once/);
    }
  });
});
