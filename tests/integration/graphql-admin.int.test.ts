// GraphQL on the admin app (/api/graphql) through its real endpoint, on a real Postgres and
// Redis: role rules per field (signed out, customer, staff, owner), the query limits with their
// messages, nested fields in a bounded number of SQL statements whatever the number of rows, and
// response sizes against tRPC.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_BOOKINGS_QUERY,
  GRAPHQL_LIMITS,
  MY_BOOKINGS_QUERY,
  adminRouter,
  customerRouter,
  handleTrpc,
  type ApiDeps,
} from "@myhibachi/api";
import { createBooking } from "@myhibachi/core";
import { createDb } from "@myhibachi/db";
import { addDays, zonedParts } from "@myhibachi/shared";
import { classicSelection, createFixtureChef, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import {
  ADMIN_URL,
  CUSTOMER_URL,
  gql,
  graphqlEnv,
  insertBooking,
  signedIn,
  type GraphQLEnv,
  type SignedIn,
} from "./graphql-support";

const TODAY = zonedParts(new Date(), "America/Los_Angeles").date;
const DATE = addDays(TODAY, 14);

let g: GraphQLEnv;
let staff: SignedIn;
let owner: SignedIn;
let customer: SignedIn;
let bookingCount = 0;

/** One more chef like the fixture's, with a day off in the window. */
async function addChef(i: number) {
  const zones = await g.env.t.db.travelZone.findMany({ select: { id: true } });
  const chef = await createFixtureChef(g.env.t.db, {
    name: `Extra Chef ${i}`,
    email: `extra${i}@fixture.test`,
    zoneIds: zones.map((z) => z.id),
  });
  await g.env.t.db.chefTimeOff.create({
    data: {
      chefId: chef.id,
      startsAt: new Date(`${addDays(DATE, 1)}T17:00:00Z`),
      endsAt: new Date(`${addDays(DATE, 2)}T17:00:00Z`),
      reason: "Family",
    },
  });
}

/** A real booking (it holds a free chef) on DATE at 17:00. */
async function book() {
  bookingCount++;
  return createBooking(
    g.env.t.db,
    {
      idempotencyKey: `gql-admin-${bookingCount}-${Math.random()}`,
      date: DATE,
      startMinute: 17 * 60,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: {
        name: `Guest ${bookingCount}`,
        email: `guest${bookingCount}@example.com`,
        phone: "408-555-0100",
      },
    },
    { cache: g.env.cache },
  );
}

beforeAll(async () => {
  g = await graphqlEnv({ chefs: 2 });
  staff = await signedIn(g, "admin", "STAFF");
  owner = await signedIn(g, "admin", "OWNER");
  customer = await signedIn(g, "admin", "CUSTOMER");
  await book();
  await book();
  await g.env.t.db.customer.create({
    data: { name: "Noted Person", email: "noted@example.com", phone: "4085550199", notes: "VIP" },
  });
});
afterAll(async () => {
  await g?.close();
});

const EVERYTHING = /* GraphQL */ `
  query Everything($from: String!, $to: String!) {
    bookings {
      id
      contactName
      totalCents
    }
    customers {
      total
      customers {
        email
        phone
        notes
        spentCents
      }
    }
    chefs {
      name
      email
      schedule(from: $from, to: $to) {
        blocks {
          code
        }
      }
    }
    costs {
      periods {
        costMicros
      }
      ceiling {
        spentMicros
      }
    }
  }
`;
const window = { from: DATE, to: addDays(DATE, 7) };

describe("role rules per field", () => {
  it("owner: every field", async () => {
    const r = await gql("admin", g.admin, {
      query: EVERYTHING,
      variables: window,
      cookie: owner.cookie,
    });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.bookings.length).toBe(2);
    expect(
      r.body.data.customers.customers.find((c: any) => c.email === "noted@example.com").notes,
    ).toBe("VIP");
    expect(r.body.data.costs.periods.length).toBe(3);
    expect(r.body.data.costs.ceiling.spentMicros).toBe(0);
  });

  it("staff: bookings, customers (contact, notes, totals) and chefs, and the owner's cost dashboard refused with the rest of the data", async () => {
    const r = await gql("admin", g.admin, {
      query: EVERYTHING,
      variables: window,
      cookie: staff.cookie,
    });
    expect(r.status).toBe(200);
    expect(r.body.data.bookings.map((b: any) => b.totalCents).every(Number.isInteger)).toBe(true);
    expect(
      r.body.data.customers.customers.find((c: any) => c.email === "noted@example.com"),
    ).toMatchObject({
      phone: "4085550199",
      notes: "VIP",
    });
    expect(r.body.data.chefs.flatMap((c: any) => c.schedule.blocks).length).toBe(2);
    expect(r.body.data.costs).toBeNull();
    expect(r.body.errors).toEqual([
      expect.objectContaining({
        message: "Only the owner can do this.",
        path: ["costs"],
        extensions: { code: "FORBIDDEN" },
      }),
    ]);
  });

  it("a customer signed in to the admin app: every field refused, no data; no documents of their own", async () => {
    const own = await gql("admin", g.admin, {
      query: EVERYTHING,
      variables: window,
      cookie: customer.cookie,
    });
    expect(own.status).toBe(403);
    expect(own.body.errors?.[0]?.extensions.code).toBe("PERSISTED_QUERY_ONLY");
    const page = await gql("admin", g.admin, {
      persisted: ADMIN_BOOKINGS_QUERY,
      cookie: customer.cookie,
    });
    expect(page.body.data.bookings).toBeNull();
    expect(page.body.errors?.[0]).toMatchObject({
      message: "This page is for MyHibachi staff.",
      extensions: { code: "FORBIDDEN" },
    });
    // Even where any document may be sent (development), each field is refused on its own.
    const dev = await gql("admin", g.admin, {
      query: EVERYTHING,
      variables: window,
      cookie: customer.cookie,
      dev: true,
    });
    expect(dev.body.data).toEqual({ bookings: null, customers: null, chefs: null, costs: null });
    expect(dev.body.errors?.map((e) => [e.path?.[0], e.extensions.code]).sort()).toEqual([
      ["bookings", "FORBIDDEN"],
      ["chefs", "FORBIDDEN"],
      ["costs", "FORBIDDEN"],
      ["customers", "FORBIDDEN"],
    ]);
    expect(dev.text).not.toContain("noted@example.com");
  });

  it("signed out: asked to sign in, field by field", async () => {
    const page = await gql("admin", g.admin, { persisted: ADMIN_BOOKINGS_QUERY });
    expect(page.body.data.bookings).toBeNull();
    expect(page.body.errors?.[0]).toMatchObject({
      message: "Please sign in first.",
      extensions: { code: "UNAUTHORIZED" },
    });
    const dev = await gql("admin", g.admin, { query: EVERYTHING, variables: window, dev: true });
    expect(Object.values(dev.body.data)).toEqual([null, null, null, null]);
    expect(new Set(dev.body.errors?.map((e) => e.extensions.code))).toEqual(
      new Set(["UNAUTHORIZED"]),
    );
  });

  it("bad arguments are the operation's readable BAD_REQUEST", async () => {
    const r = await gql("admin", g.admin, {
      query: `{ chefSchedules(from: "${DATE}", to: "${addDays(DATE, 60)}") { timeZone } bookings(from: "2026-02-30") { id } }`,
      cookie: staff.cookie,
    });
    expect(r.body.data).toEqual({ chefSchedules: null, bookings: null });
    expect(r.body.errors?.map((e) => e.extensions.code)).toEqual(["BAD_REQUEST", "BAD_REQUEST"]);
    expect(r.body.errors?.map((e) => e.message).join(" ")).toMatch(/six weeks/);
    expect(r.body.errors?.map((e) => e.message).join(" ")).toMatch(/doesn't exist/);
  });
});

describe("query limits", () => {
  it(`a query nested deeper than ${GRAPHQL_LIMITS.maxDepth} levels is refused in words, before it runs`, async () => {
    const deep = `{ chefs { schedule(from: "${DATE}", to: "${DATE}") { blocks { chef { schedule(from: "${DATE}", to: "${DATE}") { blocks { chef { schedule(from: "${DATE}", to: "${DATE}") { blocks { code } } } } } } } } } }`;
    const r = await gql("admin", g.admin, {
      query: deep,
      cookie: owner.cookie,
      headers: { accept: "application/graphql-response+json" },
    });
    expect(r.status).toBe(400);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors?.[0]).toMatchObject({
      message: `This query nests fields 10 levels deep; at most ${GRAPHQL_LIMITS.maxDepth} are allowed. Ask for fewer nested fields.`,
      extensions: { code: "QUERY_TOO_COMPLEX" },
    });
  });

  it("a query that asks for too much is refused by its cost, in words", async () => {
    const page = `myBookings(first: 100) { edges { cursor node { id code status startsAt timeZone guests adults children packageName city totalCents } } pageInfo { hasNextPage endCursor } }`;
    const staffOnSite = await signedIn(g, "customer", "STAFF");
    const one = await gql("customer", g.customer, {
      query: `{ ${page} }`,
      cookie: staffOnSite.cookie,
    });
    expect(one.body.errors).toBeUndefined();
    const r = await gql("customer", g.customer, {
      query: `{ a: ${page} b: ${page} }`,
      cookie: staffOnSite.cookie,
    });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(r.body.errors?.[0]?.message).toMatch(
      new RegExp(
        `^This query asks for too much at once \\(cost \\d+; at most ${GRAPHQL_LIMITS.maxCost}\\)\\. Ask for fewer fields or smaller pages`,
      ),
    );
  });

  it("too many aliases, and an overlong document, are refused in words", async () => {
    const aliases = Array.from({ length: 11 }, (_, i) => `a${i}: today { date }`).join(" ");
    const r = await gql("admin", g.admin, { query: `{ ${aliases} }`, cookie: staff.cookie });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.message).toBe(
      `This query uses 11 aliases; at most ${GRAPHQL_LIMITS.maxAliases} are allowed. Split it into several requests.`,
    );
    const long = `{ today { ${"date ".repeat(GRAPHQL_LIMITS.maxTokens)} } }`;
    const t = await gql("admin", g.admin, { query: long, cookie: staff.cookie });
    expect(t.status).toBe(400);
    expect(t.body.errors?.[0]?.message).toBe(
      `This query is too long (more than ${GRAPHQL_LIMITS.maxTokens} tokens). Split it into several requests.`,
    );
    expect(t.body.errors?.[0]?.extensions.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("our pages' persisted queries are well inside the limits", async () => {
    const r = await gql("admin", g.admin, {
      persisted: ADMIN_BOOKINGS_QUERY,
      cookie: staff.cookie,
    });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.bookings.length).toBe(2);
  });
});

describe("nested fields in a bounded number of SQL statements", () => {
  const NESTED = /* GraphQL */ `
    query Nested($from: String!, $to: String!) {
      bookings {
        code
        chefs {
          name
          email
          active
          weeklyHours {
            weekday
            startMinute
          }
          zones {
            name
          }
          schedule(from: $from, to: $to) {
            weeklyHours {
              weekday
            }
            timeOff {
              reason
            }
            blocks {
              code
              chef {
                name
                email
              }
            }
          }
        }
      }
      chefs {
        name
        schedule(from: $from, to: $to) {
          blocks {
            code
          }
        }
      }
    }
  `;

  /** The SQL statements one request sends through the operations' database client. */
  async function statementsFor(): Promise<{ statements: number; rows: number; chefs: number }> {
    let statements = 0;
    const db = createDb({ url: g.env.t.url, max: 2, onQuery: () => statements++ });
    try {
      const deps: ApiDeps = { ...g.admin, db };
      const call = () =>
        gql("admin", deps, { query: NESTED, variables: window, cookie: owner.cookie });
      await call(); // warm the catalog cache, as any running app has
      statements = 0;
      const r = await call();
      expect(r.body.errors).toBeUndefined();
      const bookings = r.body.data.bookings as { chefs: { schedule: { blocks: unknown[] } }[] }[];
      return {
        statements,
        rows: bookings.length,
        chefs: bookings.flatMap((b) => b.chefs).length,
      };
    } finally {
      await db.$disconnect();
    }
  }

  it("bookings → chefs → profile and schedule: the same statements for 2 rows as for 12", async () => {
    const small = await statementsFor();
    expect(small.rows).toBe(2);
    for (let i = 0; i < 10; i++) await addChef(i);
    for (let i = 0; i < 10; i++) await book();
    const large = await statementsFor();
    expect(large.rows).toBe(12);
    expect(large.chefs).toBe(12);
    console.log(
      `[graphql N+1] ${small.rows} bookings: ${small.statements} SQL statements; ${large.rows} bookings: ${large.statements}`,
    );
    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
  });
});

describe("response sizes against tRPC", () => {
  it("My bookings and the admin bookings list, same rows", async () => {
    const me = await signedIn(g, "customer", "CUSTOMER");
    const c = await g.env.t.db.customer.create({
      data: { name: "Sizer", email: me.email, phone: "4085550123" },
    });
    for (let i = 0; i < 20; i++)
      await insertBooking(g.env.t.db, {
        customerId: c.id,
        startsAt: new Date(Date.parse("2025-01-01T02:00:00Z") + i * 86400_000),
      });
    const trpc = async (
      router: typeof customerRouter | typeof adminRouter,
      base: string,
      path: string,
      input: unknown,
      cookie: string,
      deps: ApiDeps,
    ) => {
      const url = new URL(`${base}/api/trpc/${path}`);
      url.searchParams.set("input", JSON.stringify({ json: input }));
      const res = await handleTrpc(
        new Request(url, { headers: { cookie } }),
        router,
        deps as Parameters<typeof handleTrpc>[2],
      );
      expect(res.status).toBe(200);
      return Buffer.byteLength(await res.text());
    };
    const mineGql = await gql("customer", g.customer, {
      persisted: MY_BOOKINGS_QUERY,
      variables: { first: 50 },
      cookie: me.cookie,
    });
    expect(mineGql.body.data.myBookings.edges).toHaveLength(20);
    const mineTrpc = await trpc(
      customerRouter,
      CUSTOMER_URL,
      "booking.mine",
      { first: 50 },
      me.cookie,
      g.customer,
    );
    const listGql = await gql("admin", g.admin, {
      persisted: ADMIN_BOOKINGS_QUERY,
      cookie: staff.cookie,
    });
    const listTrpc = await trpc(adminRouter, ADMIN_URL, "bookings.list", {}, staff.cookie, g.admin);
    console.log(
      `[graphql sizes] My bookings (20 rows): GraphQL ${mineGql.bytes} B, tRPC ${mineTrpc} B; admin bookings list (${listGql.body.data.bookings.length} rows): GraphQL ${listGql.bytes} B, tRPC ${listTrpc} B`,
    );
    expect(listGql.body.data.bookings.length).toBeGreaterThan(0);
  });
});
