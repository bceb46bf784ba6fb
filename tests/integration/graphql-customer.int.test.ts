// GraphQL on the customer site (/api/graphql) through its real endpoint, on a real Postgres and
// Redis: who may read what, persisted documents, keyset pages while bookings are added, junk input,
// and the HTTP edge in front of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEdge, LIMITS } from "@myhibachi/api/http";
import { handleGraphQL, MY_BOOKINGS_QUERY } from "@myhibachi/api";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import {
  CUSTOMER_URL,
  gql,
  graphqlEnv,
  insertBooking,
  signedIn,
  type GraphQLEnv,
  type SignedIn,
} from "./graphql-support";

let g: GraphQLEnv;
let alice: SignedIn;
let bob: SignedIn;
let aliceCustomerId: string;
let bobBookingId: string;

beforeAll(async () => {
  g = await graphqlEnv();
  alice = await signedIn(g, "customer", "CUSTOMER");
  bob = await signedIn(g, "customer", "CUSTOMER");
  const db = g.env.t.db;
  aliceCustomerId = (
    await db.customer.create({ data: { name: "Alice", email: alice.email, phone: "4085550101" } })
  ).id;
  const bobCustomer = await db.customer.create({
    data: { name: "Bob", email: bob.email, phone: "4085550102" },
  });
  bobBookingId = (
    await insertBooking(db, {
      customerId: bobCustomer.id,
      startsAt: new Date("2025-03-01T02:00:00Z"),
    })
  ).id;
});
afterAll(async () => {
  await g?.close();
});

const future = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateBookingInput!) {
    createBooking(input: $input) {
      id
      code
      status
      totalCents
      replayed
      token
    }
  }
`;
const bookingInput = (over: Record<string, unknown> = {}) => {
  const s = classicSelection(10);
  return {
    idempotencyKey: `gql-${Math.random().toString(36).slice(2)}`,
    date: future(20),
    startMinute: 17 * 60,
    selection: {
      packageSlug: s.packageSlug,
      adults: s.adults,
      children: 0,
      proteins: Object.entries(s.proteins).map(([slug, count]) => ({ slug, count })),
      extras: [],
    },
    address: FIXTURE_ADDRESS,
    contact: { name: "Dana Lee", email: "dana@example.com", phone: "(408) 555-0199" },
    ...over,
  };
};

describe("persisted documents", () => {
  it("anyone may run our pages' persisted queries; other documents only staff, the owner or dev", async () => {
    const anon = await gql("customer", g.customer, { query: "{ menu { packages { name } } }" });
    expect(anon.status).toBe(403);
    expect(anon.body.errors?.[0]?.extensions.code).toBe("PERSISTED_QUERY_ONLY");
    expect(anon.body.errors?.[0]?.message).toMatch(/queries of our own pages only/);
    const customer = await gql("customer", g.customer, {
      query: "{ __schema { types { name } } }",
      cookie: alice.cookie,
    });
    expect(customer.status).toBe(403);
    expect(customer.body.data).toBeUndefined();

    const staff = await signedIn(g, "customer", "STAFF");
    const asStaff = await gql("customer", g.customer, {
      query: "{ menu { packages { name } } }",
      cookie: staff.cookie,
    });
    expect(asStaff.status).toBe(200);
    expect(asStaff.body.data.menu.packages.length).toBeGreaterThan(0);
    const dev = await gql("customer", g.customer, {
      query: "{ menu { packages { name } } }",
      dev: true,
    });
    expect(dev.body.data.menu.packages.length).toBeGreaterThan(0);

    const persisted = await gql("customer", g.customer, {
      persisted: MY_BOOKINGS_QUERY,
      variables: { first: 5 },
      cookie: alice.cookie,
    });
    expect(persisted.status).toBe(200);
    expect(persisted.body.data.myBookings.edges).toEqual([]);

    const unknown = await gql("customer", g.customer, {
      persisted: "query Nope { menu { packages { name } } }",
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });
});

describe("who may read and change what", () => {
  it("signed out: myBookings asks to sign in, and no one else's booking is readable", async () => {
    const r = await gql("customer", g.customer, { persisted: MY_BOOKINGS_QUERY });
    expect(r.body.data.myBookings).toBeNull();
    expect(r.body.errors?.[0]).toMatchObject({
      message: "Please sign in first.",
      path: ["myBookings"],
      extensions: { code: "UNAUTHORIZED" },
    });
  });

  it("another customer's booking is never readable nor cancellable (NOT_FOUND, nothing written)", async () => {
    const read = await gql("customer", g.customer, {
      query: `query B($id: ID!) { booking(id: $id) { booking { code contact { email } address { line1 } } } }`,
      variables: { id: bobBookingId },
      cookie: alice.cookie,
      dev: true,
    });
    expect(read.body.data.booking).toBeNull();
    expect(read.body.errors?.[0]?.extensions.code).toBe("NOT_FOUND");
    expect(read.text).not.toContain("1 Test St");

    const withJunkToken = await gql("customer", g.customer, {
      query: `query B($id: ID!, $t: String) { booking(id: $id, token: $t) { booking { code } } }`,
      variables: { id: bobBookingId, t: "x".repeat(40) },
      dev: true,
    });
    expect(withJunkToken.body.data.booking).toBeNull();
    expect(withJunkToken.body.errors?.[0]?.extensions.code).toBe("NOT_FOUND");

    const cancel = await gql("customer", g.customer, {
      query: `mutation C($id: ID!) { cancelBooking(id: $id, reason: "mine now") { id status } }`,
      variables: { id: bobBookingId },
      cookie: alice.cookie,
      dev: true,
    });
    expect(cancel.body.data.cancelBooking).toBeNull();
    expect(cancel.body.errors?.[0]?.extensions.code).toBe("NOT_FOUND");
    const row = await g.env.t.db.booking.findUniqueOrThrow({ where: { id: bobBookingId } });
    expect(row.status).toBe("COMPLETED");

    // Bob sees his own.
    const mine = await gql("customer", g.customer, {
      persisted: MY_BOOKINGS_QUERY,
      cookie: bob.cookie,
    });
    expect(mine.body.data.myBookings.edges.map((e: any) => e.node.id)).toEqual([bobBookingId]);
  });

  it("an account that hasn't confirmed its email sees no bookings, even with a matching customer", async () => {
    const eve = await signedIn(g, "customer", "CUSTOMER", { verified: false });
    const c = await g.env.t.db.customer.create({
      data: { name: "Eve", email: eve.email, phone: "4085550103" },
    });
    await insertBooking(g.env.t.db, {
      customerId: c.id,
      startsAt: new Date("2025-04-01T02:00:00Z"),
    });
    const r = await gql("customer", g.customer, {
      persisted: MY_BOOKINGS_QUERY,
      cookie: eve.cookie,
    });
    expect(r.body.data.myBookings.edges).toEqual([]);
  });

  it("a booking made through GraphQL is readable with its token, and only with it", async () => {
    const made = await gql("customer", g.customer, {
      query: CREATE,
      variables: { input: bookingInput() },
      dev: true,
    });
    expect(made.body.errors).toBeUndefined();
    const { id, token } = made.body.data.createBooking;
    const q = `query B($id: ID!, $t: String) { booking(id: $id, token: $t) { booking { id status contact { name } } awaitingConfirmation } }`;
    const withToken = await gql("customer", g.customer, {
      query: q,
      variables: { id, t: token },
      dev: true,
    });
    expect(withToken.body.errors).toBeUndefined();
    expect(withToken.body.data.booking.booking).toMatchObject({
      id,
      contact: { name: "Dana Lee" },
    });
    const signedInOther = await gql("customer", g.customer, {
      query: q,
      variables: { id },
      cookie: alice.cookie,
      dev: true,
    });
    expect(signedInOther.body.errors?.[0]?.extensions.code).toBe("NOT_FOUND");
  });
});

describe("myBookings: Relay pages over the keyset cursor", () => {
  it("pages without gaps or repeats while bookings are added between page fetches", async () => {
    const db = g.env.t.db;
    const day = 86400_000;
    const base = Date.parse("2024-06-01T02:00:00Z");
    // 23 bookings, two of them at the same instant (the id breaks the tie).
    const original = new Set<string>();
    for (let i = 0; i < 22; i++)
      original.add(
        (
          await insertBooking(db, {
            customerId: aliceCustomerId,
            startsAt: new Date(base + i * 3 * day),
          })
        ).id,
      );
    original.add(
      (await insertBooking(db, { customerId: aliceCustomerId, startsAt: new Date(base + 9 * day) }))
        .id,
    );
    const seen: { id: string; startsAt: string }[] = [];
    const insertedBehindCursor = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const r: Awaited<ReturnType<typeof gql>> = await gql("customer", g.customer, {
        persisted: MY_BOOKINGS_QUERY,
        variables: { first: 5, after },
        cookie: alice.cookie,
      });
      expect(r.body.errors).toBeUndefined();
      const conn = r.body.data.myBookings;
      for (const e of conn.edges) seen.push({ id: e.node.id, startsAt: e.node.startsAt });
      pages++;
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
      expect(after).toBe(conn.edges.at(-1).cursor);
      // Between pages: one booking newer than everything (already passed: not on later pages),
      // one older than the cursor (still ahead: it must appear), one at the cursor's instant.
      const last = Date.parse(conn.edges.at(-1).node.startsAt);
      await insertBooking(db, {
        customerId: aliceCustomerId,
        startsAt: new Date(base + 400 * day + pages),
      });
      const ahead = await insertBooking(db, {
        customerId: aliceCustomerId,
        startsAt: new Date(last - day / 2),
      });
      insertedBehindCursor.add(ahead.id);
      const tie = await insertBooking(db, {
        customerId: aliceCustomerId,
        startsAt: new Date(last),
      });
      if (tie.id < conn.edges.at(-1).node.id) insertedBehindCursor.add(tie.id);
    }
    const ids = seen.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length); // no repeats
    for (const id of original) expect(ids).toContain(id); // no gaps
    // Exactly the database's list in its order, less what was added behind the reader.
    const dbList = await db.booking.findMany({
      where: { customerId: aliceCustomerId },
      orderBy: [{ startsAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(ids).toEqual(
      dbList.map((b) => b.id).filter((id) => original.has(id) || insertedBehindCursor.has(id)),
    );
    expect(pages).toBeGreaterThan(4);
  });

  it("a cursor that isn't one of ours is a readable BAD_REQUEST", async () => {
    const r = await gql("customer", g.customer, {
      persisted: MY_BOOKINGS_QUERY,
      variables: { after: "not-a-cursor" },
      cookie: alice.cookie,
    });
    expect(r.body.data.myBookings).toBeNull();
    expect(r.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/out of date\. Reload the list/),
      extensions: { code: "BAD_REQUEST" },
    });
  });
});

describe("junk input", () => {
  const junk: [string, Record<string, unknown>, RegExp][] = [
    ["negative adults", { selection: { ...bookingInput().selection, adults: -3 } }, /adult/],
    ["past date", { date: "2020-01-01" }, /past/],
    ["impossible date", { date: "2026-02-30" }, /doesn't exist/],
    ["bad email", { contact: { ...bookingInput().contact, email: "nope" } }, /valid email/],
    [
      "NUL in a name",
      { contact: { ...bookingInput().contact, name: "Da\u0000na" } },
      /^The text contains an invisible NUL/,
    ],
    ["10,000-character notes", { notes: "n".repeat(10_000) }, /too long/],
    [
      "the same protein twice",
      {
        selection: {
          ...bookingInput().selection,
          proteins: [
            { slug: "chicken", count: 10 },
            { slug: "chicken", count: 10 },
          ],
        },
      },
      /chicken once/,
    ],
  ];
  for (const [name, over, message] of junk)
    it(`${name}: BAD_REQUEST with a readable message, nothing saved`, async () => {
      const before = await g.env.t.db.booking.count();
      const r = await gql("customer", g.customer, {
        query: CREATE,
        variables: { input: bookingInput(over) },
        dev: true,
      });
      expect(r.status).toBeLessThan(500);
      expect(r.body.data?.createBooking ?? null).toBeNull();
      expect(r.body.errors?.[0]?.extensions.code).toBe("BAD_REQUEST");
      expect(r.body.errors?.[0]?.message).toMatch(message);
      expect(r.body.errors?.[0]?.message).not.toMatch(/Something went wrong|prisma|ZodError/i);
      expect(await g.env.t.db.booking.count()).toBe(before);
    });

  it("variables of the wrong type, missing or unknown fields: 400 in words, the field in extensions.fields", async () => {
    const cases: [Record<string, unknown>, RegExp, string][] = [
      [
        { input: { ...bookingInput(), startMinute: "five" } },
        /^Send the start minute as a whole number, like 20, not "five"\.$/,
        "input.startMinute",
      ],
      [
        { input: { ...bookingInput(), contact: undefined } },
        /^The contact is required\.$/,
        "input.contact",
      ],
      [
        { input: { ...bookingInput(), sneaky: true } },
        /^Leave out what this form doesn't ask for\.$/,
        "input.sneaky",
      ],
      [{ input: "not an object" }, /^Send the input as an object of fields\.$/, "input"],
      [{}, /^The input is required\.$/, "input"],
    ];
    for (const [variables, message, field] of cases) {
      const r = await gql("customer", g.customer, { query: CREATE, variables, dev: true });
      expect(r.status).toBe(400);
      const e = r.body.errors?.[0];
      expect(e?.message).toMatch(message);
      // The words name no field (no "startMinute", no "$input"); the error's fields do.
      expect(e?.message).not.toMatch(/[a-z][A-Z]|\$|sneaky/);
      expect(e?.extensions).toMatchObject({ code: "BAD_REQUEST", fields: { [field]: e?.message } });
    }
  });

  it("a document that doesn't parse, or asks for a field that doesn't exist: 400", async () => {
    const broken = await gql("customer", g.customer, { query: "{ menu { packages ", dev: true });
    expect(broken.status).toBe(400);
    expect(broken.body.errors?.[0]?.message).toMatch(/Syntax Error/);
    const unknown = await gql("customer", g.customer, { query: "{ menu { prices } }", dev: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.message).toMatch(/Cannot query field "prices"/);
  });

  it("malformed JSON, a form body, an oversized body: 400, 415, 413 as GraphQL errors", async () => {
    const bad = await gql("customer", g.customer, { rawBody: "{nope", dev: true });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]).toEqual({
      message: "POST body sent invalid JSON.",
      extensions: { code: "BAD_REQUEST" },
    });
    const form = await gql("customer", g.customer, {
      rawBody: "query=%7Bmenu%7Bitems%7Bname%7D%7D%7D",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      dev: true,
    });
    expect(form.status).toBe(415);
    expect(form.body.errors?.[0]?.message).toMatch(/as JSON/);
    const big = await gql("customer", g.customer, {
      query: "{ menu { packages { name } } }",
      variables: { pad: "x".repeat(LIMITS.apiBodyBytes) },
      dev: true,
    });
    expect(big.status).toBe(413);
    expect(big.body.errors?.[0]?.extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("the app edge covers /api/graphql", () => {
  const edge = createEdge({ appUrl: CUSTOMER_URL });
  it("refuses a cross-site POST with a GraphQL error, and adds the CSP to what it lets through", () => {
    const post = (origin: string) =>
      edge.handle(
        new Request(`${CUSTOMER_URL}/api/graphql`, {
          method: "POST",
          headers: { origin, "content-type": "application/json" },
          body: "{}",
        }),
      );
    const refused = post("https://evil.example");
    expect(refused.refuse?.status).toBe(403);
    const ok = post(CUSTOMER_URL);
    expect(ok.refuse).toBeUndefined();
    expect(ok.responseHeaders?.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
  });

  it("a cross-site refusal reads as a GraphQL error", async () => {
    const d = edge.handle(
      new Request(`${CUSTOMER_URL}/api/graphql`, {
        method: "POST",
        headers: { origin: "https://evil.example", "content-type": "application/json" },
        body: "{}",
      }),
    );
    const body = (await d.refuse!.json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toMatch(/not this site's address/);
  });

  it("no CORS: another site's page gets no Access-Control-Allow-Origin to read answers", async () => {
    const r = await gql("customer", g.customer, {
      persisted: MY_BOOKINGS_QUERY,
      method: "GET",
      cookie: alice.cookie,
      headers: { origin: "https://evil.example" },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await handleGraphQL(
      new Request(`${CUSTOMER_URL}/api/graphql`, {
        method: "OPTIONS",
        headers: {
          origin: "https://evil.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      }),
      "customer",
      g.customer,
    );
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
  });
});
