// The REST API (/api/v1) through the generated client (@myhibachi/client), in-process: the
// client's fetch is the apps' route handler (handleRest), so the request goes through the same
// body limits, authentication, routing, validation and error shaping as over the network.
// Each step is checked against the database, not against the API's own answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cancelBooking,
  confirmBooking,
  createBooking,
  createClient,
  findAvailability,
  getBooking,
  getMenu,
  listMyBookings,
  quoteEvent,
  rescheduleBooking,
} from "@myhibachi/client";
import {
  adminRouter,
  adminRoutes,
  createCallerFactory,
  createContext,
  createServerDeps,
  customerRouter,
  customerRoutes,
  handleRest,
  openApiDocument,
  type RestApp,
} from "@myhibachi/api";
import { createEdge } from "@myhibachi/api/http";
import { admin } from "@myhibachi/client";
import { operations, runOperation, type OperationContext } from "@myhibachi/core";
import { closeQueues } from "@myhibachi/jobs";
import { createUser } from "./admin-helpers";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { customerServerDeps, emailedLinkToken, REDIS_URL, setupEnv, type Env } from "./helpers";

const BASE = "http://127.0.0.1:3999";
let env: Env;
let deps: ReturnType<typeof customerServerDeps>;
beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  deps = customerServerDeps(env);
});
afterAll(async () => {
  await deps?.close();
  await env?.close();
});

/** A client whose requests are served in-process by the app's REST handler. */
function clientFor(app: RestApp, d: Parameters<typeof handleRest>[2], headers?: HeadersInit) {
  return createClient({
    baseUrl: `${BASE}/api/v1`,
    fetch: ((req: Request) => handleRest(req, app, d)) as typeof fetch,
    ...(headers ? { headers } : {}),
  });
}

/** A raw request to the REST handler. */
async function rest(
  app: RestApp,
  d: Parameters<typeof handleRest>[2],
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string> } = {},
) {
  const res = await handleRest(
    new Request(`${BASE}/api/v1${path}`, {
      method,
      headers:
        init.body !== undefined
          ? { "content-type": "application/json", ...init.headers }
          : init.headers,
      body: init.body ?? null,
    }),
    app,
    d,
  );
  const text = await res.text();
  let json: { code?: string; message?: string; fields?: Record<string, string> } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    // not JSON: the assertion below says so
  }
  return { status: res.status, headers: res.headers, json, text };
}

const day = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

describe("customer REST API through the generated client", () => {
  it("menu -> availability -> quote -> book (idempotent) -> get -> confirm -> reschedule -> cancel", async () => {
    const db = env.t.db;
    const client = clientFor("customer", deps);

    // Menu: the active packages and items in the database.
    const menu = await getMenu({ client, throwOnError: true });
    const packages = await db.package.findMany({ where: { active: true } });
    expect(menu.data.packages.map((p) => p.slug).sort()).toEqual(
      packages.map((p) => p.slug).sort(),
    );
    const classic = packages.find((p) => p.slug === "classic")!;
    expect(menu.data.packages.find((p) => p.slug === "classic")?.adultPriceCents).toBe(
      classic.adultPriceCents,
    );

    // Availability: numbers arrive as query strings; the answer is JSON (ISO instants).
    const avail = await findAvailability({
      client,
      throwOnError: true,
      query: { from: day(20), to: day(27), guests: 10, postalCode: FIXTURE_ADDRESS.postalCode },
    });
    expect(avail.data.slots.length).toBeGreaterThan(1);
    const [slot, later] = [avail.data.slots[0]!, avail.data.slots.at(-1)!];
    expect(typeof slot.startsAt).toBe("string");
    expect(slot.startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    // Quote: the adults line is the package's price in the database.
    const selection = classicSelection(10);
    const quote = await quoteEvent({
      client,
      throwOnError: true,
      body: { selection, postalCode: FIXTURE_ADDRESS.postalCode },
    });
    expect(quote.data.lines.find((l) => l.code === "ADULTS")?.totalCents).toBe(
      10 * classic.adultPriceCents,
    );

    // Book; a retry with the same key (here as the Idempotency-Key header) is the same booking.
    const key = `rest-${Math.random().toString(36).slice(2)}`;
    const body = {
      idempotencyKey: key,
      date: slot.date,
      startMinute: slot.startMinute,
      selection,
      address: FIXTURE_ADDRESS,
      contact: { name: "Rest Client", email: "rest-client@example.com", phone: "(408) 555-0123" },
    };
    const created = await createBooking({ client, throwOnError: true, body });
    expect(created.data.replayed).toBe(false);
    const row = await db.booking.findUniqueOrThrow({ where: { id: created.data.id } });
    expect(row.status).toBe("HELD");
    expect(row.startsAt.toISOString()).toBe(slot.startsAt);
    expect(row.totalCents).toBe(quote.data.totalCents);
    expect(row.contactEmail).toBe("rest-client@example.com");

    const again = await createBooking({ client, throwOnError: true, body });
    expect(again.data).toMatchObject({ id: created.data.id, replayed: true });
    const viaHeader = await rest("customer", deps, "POST", "/bookings", {
      body: JSON.stringify({ ...body, idempotencyKey: undefined }),
      headers: { "idempotency-key": key },
    });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.json).toMatchObject({ id: created.data.id, replayed: true });
    expect(await db.booking.count({ where: { contactEmail: "rest-client@example.com" } })).toBe(1);

    // Get by the manage token.
    const token = created.data.token;
    const got = await getBooking({
      client,
      throwOnError: true,
      path: { id: created.data.id },
      query: { token },
    });
    expect(got.data.booking.code).toBe(row.code);
    expect(got.data.booking.status).toBe(row.status);

    // Confirm with the emailed link (the booking's own answer token can't confirm it).
    const emailed = await emailedLinkToken(db, created.data.id);
    await confirmBooking({
      client,
      throwOnError: true,
      path: { id: created.data.id },
      body: { token: emailed },
    });
    expect((await db.booking.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("PENDING");

    // Reschedule to the last offered time.
    await rescheduleBooking({
      client,
      throwOnError: true,
      path: { id: created.data.id },
      body: { token, date: later.date, startMinute: later.startMinute },
    });
    expect(
      (await db.booking.findUniqueOrThrow({ where: { id: row.id } })).startsAt.toISOString(),
    ).toBe(later.startsAt);

    // Cancel.
    await cancelBooking({
      client,
      throwOnError: true,
      path: { id: created.data.id },
      body: { token, reason: "Plans changed" },
    });
    const cancelled = await db.booking.findUniqueOrThrow({ where: { id: row.id } });
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.cancelReason).toBe("Plans changed");
  });

  it("signed in (session cookie): a verified customer's booking needs no confirming and is in /me/bookings", async () => {
    const user = await createUser(env.t.db, "CUSTOMER");
    const signIn = await deps.auth.handler(
      new Request(`${BASE}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE },
        body: JSON.stringify({ email: user.email, password: user.password }),
      }),
    );
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const client = clientFor("customer", deps, { cookie });
    const slot = (
      await findAvailability({
        client,
        throwOnError: true,
        query: { from: day(40), to: day(41), guests: 10, postalCode: "95125" },
      })
    ).data.slots[0]!;
    const made = await createBooking({
      client,
      throwOnError: true,
      body: {
        idempotencyKey: `rest-me-${Math.random().toString(36).slice(2)}`,
        date: slot.date,
        startMinute: slot.startMinute,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact: { name: user.name, email: user.email, phone: "(408) 555-0177" },
      },
    });
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: made.data.id } });
    expect(row.status).toBe("PENDING");
    const mine = await listMyBookings({ client, throwOnError: true, query: { first: 5 } });
    expect(mine.data.bookings.map((b) => b.id)).toEqual([row.id]);
    expect(mine.data.bookings[0]!.startsAt).toBe(row.startsAt.toISOString());
  });

  it("errors: the tRPC messages and statuses, in one JSON shape, never a 500", async () => {
    const client = clientFor("customer", deps);
    const bad = await quoteEvent({
      client,
      body: { selection: { ...classicSelection(10), adults: 2.5 }, postalCode: "95125" },
    });
    expect(bad.response.status).toBe(400);
    expect(bad.error).toMatchObject({ code: "BAD_REQUEST" });
    expect(bad.error?.message).toMatch(/whole number/);
    expect(bad.error?.message).not.toMatch(/adults:|selection\./);
    expect(bad.error?.fields?.["selection.adults"]).toMatch(/whole number/);

    const guests = await rest(
      "customer",
      deps,
      "GET",
      `/availability?from=${day(20)}&to=${day(21)}&guests=ten&postalCode=95125`,
    );
    expect(guests.status).toBe(400);
    expect(guests.json.message).toMatch(/guest/i);
    expect(guests.json.message).not.toMatch(/^guests: /);
    expect(guests.json.fields).toHaveProperty("guests");

    const wrongToken = await getBooking({
      client,
      path: { id: "nope" },
      query: { token: "t".repeat(40) },
    });
    expect(wrongToken.response.status).toBe(404);
    expect(wrongToken.error?.message).toMatch(/couldn't find that booking/);

    const mine = await listMyBookings({ client });
    expect(mine.response.status).toBe(401);
    expect(mine.error?.message).toBe("Please sign in first.");

    const notJson = await rest("customer", deps, "POST", "/quote", { body: "{not json" });
    expect(notJson).toMatchObject({
      status: 400,
      json: { message: "The request body is not valid JSON." },
    });

    const form = await handleRest(
      new Request(`${BASE}/api/v1/bookings`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "a=1",
      }),
      "customer",
      deps,
    );
    expect(form.status).toBe(415);

    const huge = await rest("customer", deps, "POST", "/quote", {
      body: JSON.stringify({ pad: "x".repeat(70_000) }),
    });
    expect(huge.status).toBe(413);

    expect((await rest("customer", deps, "GET", "/nope")).status).toBe(404);
    const method = await rest("customer", deps, "GET", "/quote");
    expect(method.status).toBe(405);
    expect(method.headers.get("allow")).toBe("POST");
    const keyed = await rest("customer", deps, "GET", "/menu", {
      headers: { authorization: "Bearer mhk_whatever" },
    });
    expect(keyed.status).toBe(401);
  });

  it("junk on every customer route: a readable 4xx (or an answer), never a 500, nothing written", async () => {
    const before = await env.t.db.booking.count();
    const junk = [
      "",
      "null",
      "[]",
      '"x"',
      "{}",
      JSON.stringify({
        id: "\u0000",
        token: "\ud83d".repeat(20),
        date: "9999-12-31",
        adults: 1e308,
      }),
      JSON.stringify({
        selection: "x",
        address: [],
        contact: 7,
        startMinute: -1,
        idempotencyKey: "",
      }),
    ];
    const queries = [
      "",
      "?from=0001-01-01&to=9999-12-31&guests=1e308&postalCode=%00",
      "?first=-1&cursor=%00&status=NOPE",
      "?token=x&guests=&first=abc",
    ];
    for (const r of customerRoutes) {
      const path = r.path.replace("{id}", "does-not-exist");
      const tries =
        r.method === "GET"
          ? queries.map((q) => rest("customer", deps, "GET", path + q))
          : junk.map((b) => rest("customer", deps, r.method, path, { body: b }));
      for (const res of await Promise.all(tries)) {
        expect(res.status, `${r.method} ${path}: ${res.text}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.json.message, `${r.method} ${path}`).toBeTruthy();
          expect(res.json.message).not.toMatch(
            /Something went wrong|ZodError|prisma|Input validation failed/i,
          );
        }
      }
    }
    expect(await env.t.db.booking.count()).toBe(before);
  });
});

describe("a party's limits, as a person hears them (G7)", () => {
  const site = () =>
    createCallerFactory(customerRouter)({ ...deps, user: null, headers: new Headers() });
  const contact = { name: "Big Party", email: "big-party@example.com", phone: "(408) 555-0111" };
  const bookingBody = (selection: object) => ({
    idempotencyKey: `g7-${Math.random().toString(36).slice(2)}`,
    date: day(45),
    startMinute: 17 * 60,
    selection,
    address: FIXTURE_ADDRESS,
    contact,
  });
  /** The REST and tRPC answers to quoting and booking `selection`: [status or code, message]. */
  async function everywhere(selection: object) {
    const quote = await rest("customer", deps, "POST", "/quote", {
      body: JSON.stringify({ selection, postalCode: "95125" }),
    });
    const book = await rest("customer", deps, "POST", "/bookings", {
      body: JSON.stringify(bookingBody(selection)),
    });
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => ["OK", ""],
        (e: { code: string; message: string }) => [e.code, e.message],
      );
    return [
      [quote.status, quote.json.message],
      [book.status, book.json.message],
      await refusal(site().booking.quote({ selection, postalCode: "95125" } as never)),
      await refusal(site().booking.create(bookingBody(selection) as never)),
    ];
  }

  it("500 guests: the business's maximum and what to do (contact us), a 400, never a schema's number; nothing written", async () => {
    const before = await env.t.db.booking.count();
    const settings = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(settings.maxGuests).toBeLessThan(500);
    const business = `We can cook for up to ${settings.maxGuests} guests in one booking. For a bigger party, please contact us.`;
    for (const selection of [classicSelection(500), classicSelection(400, 100)])
      expect(await everywhere(selection)).toEqual([
        [400, business],
        [400, business],
        ["BAD_REQUEST", business],
        ["BAD_REQUEST", business],
      ]);
    expect(await env.t.db.booking.count()).toBe(before);
  });

  it("extras: at most one serving a guest, only the orders of a flat item the party needs, said with the item and the limit; nothing written", async () => {
    const before = await env.t.db.booking.count();
    const cases: [Record<string, number>, string][] = [
      [{ gyoza: 500 }, "Pork gyoza: at most 12 servings for a party of 12."],
      [{ gyoza: 13 }, "Pork gyoza: at most 12 servings for a party of 12."],
      [
        { "tables-chairs": 500 },
        "Tables and chairs: at most 1 order for a party of 12 (one order is for up to 20 guests).",
      ],
      [{ "sake-service": 2 }, "Sake bar service: one order is for the whole party."],
    ];
    for (const [extras, message] of cases)
      expect(await everywhere({ ...classicSelection(10, 2), extras })).toEqual([
        [400, message],
        [400, message],
        ["BAD_REQUEST", message],
        ["BAD_REQUEST", message],
      ]);
    expect(await env.t.db.booking.count()).toBe(before);
    // Up to the limit: quoted, one serving per guest (children too), one set of tables for 12.
    const ok = await rest("customer", deps, "POST", "/quote", {
      body: JSON.stringify({
        selection: { ...classicSelection(10, 2), extras: { gyoza: 12, "tables-chairs": 1 } },
        postalCode: "95125",
      }),
    });
    expect(ok.status).toBe(200);
  });
});

describe("admin REST API: the owner's reads, by session or API key", () => {
  let adminDeps: ReturnType<typeof createServerDeps>;
  let owner: Awaited<ReturnType<typeof createUser>>;
  let staff: Awaited<ReturnType<typeof createUser>>;
  let bookingId: string;
  let customerId: string;
  beforeAll(async () => {
    adminDeps = createServerDeps(
      {
        DATABASE_URL: env.t.url,
        REDIS_URL,
        AUTH_SECRET: "x".repeat(40),
        APP_URL: BASE,
        CUSTOMER_URL: "http://127.0.0.1:3998",
        QUEUE_PREFIX: env.prefix,
        CACHE_PREFIX: env.prefix,
      },
      "admin",
    );
    owner = await createUser(env.t.db, "OWNER");
    staff = await createUser(env.t.db, "STAFF");
    const slot = (
      await findAvailability({
        client: clientFor("customer", deps),
        throwOnError: true,
        query: { from: day(30), to: day(31), guests: 8, postalCode: "95125" },
      })
    ).data.slots[0]!;
    const made = await createBooking({
      client: clientFor("customer", deps),
      throwOnError: true,
      body: {
        idempotencyKey: `rest-admin-${Math.random().toString(36).slice(2)}`,
        date: slot.date,
        startMinute: slot.startMinute,
        selection: classicSelection(8),
        address: FIXTURE_ADDRESS,
        contact: { name: "Api Reader", email: "api-reader@example.com", phone: "(408) 555-0144" },
      },
    });
    bookingId = made.data.id;
    customerId = (await env.t.db.booking.findUniqueOrThrow({ where: { id: bookingId } }))
      .customerId!;
  });
  afterAll(async () => {
    await closeQueues(adminDeps.queues);
    adminDeps.queueRedis.disconnect();
    adminDeps.redis?.disconnect();
    await adminDeps.db.$disconnect();
  });

  /** The admin session cookie of a user, from a real sign-in. */
  async function cookieOf(u: { email: string; password: string }): Promise<string> {
    const res = await adminDeps.auth.handler(
      new Request(`${BASE}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE },
        body: JSON.stringify({ email: u.email, password: u.password }),
      }),
    );
    expect(res.status).toBe(200);
    return res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  }

  const ownerTrpc = async (opts: { viaApiKey?: boolean } = {}) =>
    createCallerFactory(adminRouter)(await createContext(adminDeps, new Headers(), owner, opts));

  const adminClient = (headers: Record<string, string>) =>
    admin.createClient({
      baseUrl: `${BASE}/api/v1`,
      fetch: ((req: Request) => handleRest(req, "admin", adminDeps)) as typeof fetch,
      headers,
    });

  it("an API key reads bookings, customers and costs as the owner; its use is recorded", async () => {
    const made = await (await ownerTrpc()).owner.apiKeys.create({ name: "Bookkeeping export" });
    expect(made.key).toMatch(/^mhk_/);
    const stored = await env.t.db.apiKey.findUniqueOrThrow({ where: { id: made.id } });
    expect(stored.keyHash).not.toContain(made.key); // only a hash is kept
    expect(stored.lastUsedAt).toBeNull();

    const client = adminClient({ authorization: `Bearer ${made.key}` });
    const list = await admin.listBookingsForStaff({ client, throwOnError: true });
    const dbIds = (await env.t.db.booking.findMany({ select: { id: true } })).map((b) => b.id);
    expect(list.data.map((b) => b.id).sort()).toEqual(dbIds.sort());

    const one = await admin.getBookingForStaff({
      client,
      throwOnError: true,
      path: { id: bookingId },
    });
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(one.data).toMatchObject({ code: row.code, contactEmail: "api-reader@example.com" });
    expect(one.data.startsAt).toBe(row.startsAt.toISOString());

    const customers = await admin.listCustomers({
      client,
      throwOnError: true,
      query: { search: "api-reader" },
    });
    expect(customers.data.customers.map((c) => c.id)).toEqual([customerId]);
    expect(customers.data).toMatchObject({ total: 1, page: 1, pageSize: 100 });
    const customer = await admin.getCustomer({
      client,
      throwOnError: true,
      path: { id: customerId },
    });
    expect(customer.data.bookings.map((b) => b.id)).toEqual([bookingId]);

    const costs = await admin.getCostDashboard({ client, throwOnError: true });
    expect(costs.data.periods.map((p) => p.key)).toEqual(["today", "week", "month"]);
    expect(costs.data.settings).not.toHaveProperty("webhookUrl");

    expect(
      (await env.t.db.apiKey.findUniqueOrThrow({ where: { id: made.id } })).lastUsedAt,
    ).not.toBeNull();
  });

  it("a revoked or unknown key is a 401; a key never runs a mutation", async () => {
    const trpc = await ownerTrpc();
    const made = await trpc.owner.apiKeys.create({ name: "Soon revoked" });
    const client = adminClient({ authorization: `Bearer ${made.key}` });
    expect((await admin.getCostDashboard({ client })).response.status).toBe(200);
    await trpc.owner.apiKeys.revoke({ id: made.id });
    expect(
      (await env.t.db.apiKey.findUniqueOrThrow({ where: { id: made.id } })).revokedAt,
    ).not.toBeNull();
    const revoked = await admin.listBookingsForStaff({ client });
    expect(revoked.response.status).toBe(401);
    expect(revoked.error?.message).toMatch(/unknown or has been revoked/);
    const unknown = await admin.listBookingsForStaff({
      client: adminClient({ authorization: "Bearer mhk_not-a-real-key" }),
    });
    expect(unknown.response.status).toBe(401);

    // A caller built from an API key (viaApiKey) is refused every mutation, whatever the rule:
    // the owner's own key operations, and a booking change even with the booking's token.
    const asKey = await ownerTrpc({ viaApiKey: true });
    await expect(asKey.owner.apiKeys.create({ name: "from a key" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/API keys can only read/),
    });
    await expect(asKey.owner.apiKeys.revoke({ id: made.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const keysBefore = await env.t.db.apiKey.count();
    const ctx: OperationContext = {
      db: env.t.db,
      cache: env.cache,
      now: () => new Date(),
      caller: { user: owner, address: null, surface: "rest", viaApiKey: true },
    };
    await expect(
      runOperation(operations.cancelBooking, ctx, { id: bookingId, token: "t".repeat(40) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await env.t.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe(
      "HELD",
    );
    expect(await env.t.db.apiKey.count()).toBe(keysBefore);
  });

  it("sessions: the owner's cookie reads; staff read bookings but not the owner's costs; no cookie is a 401", async () => {
    const ownerClient = adminClient({ cookie: await cookieOf(owner) });
    expect((await admin.getCostDashboard({ client: ownerClient })).response.status).toBe(200);

    const staffClient = adminClient({ cookie: await cookieOf(staff) });
    const costs = await admin.getCostDashboard({ client: staffClient });
    expect(costs.response.status).toBe(403);
    expect(costs.error?.message).toBe("Only the owner can do this.");
    expect((await admin.listBookingsForStaff({ client: staffClient })).response.status).toBe(200);

    const anonymous = await admin.listCustomers({ client: adminClient({}) });
    expect(anonymous.response.status).toBe(401);
    // Refused before the input is read: 401, not what the input should look like.
    const junk = await rest("admin", adminDeps, "GET", "/bookings?status=NOPE&from=x");
    expect(junk.status).toBe(401);
    const missing = await admin.getBookingForStaff({ client: ownerClient, path: { id: "nope" } });
    expect(missing.response.status).toBe(404);
  });

  it("junk on every admin route with the owner's session: a readable 4xx or an answer", async () => {
    const cookie = await cookieOf(owner);
    for (const r of adminRoutes)
      for (const q of [
        "?status=NOPE&from=0001-01-01&to=9999-12-31&search=%00",
        "?search=" + "x".repeat(5000),
      ]) {
        const path = r.path.replace("{id}", "%00");
        const res = await rest("admin", adminDeps, "GET", path + q, { headers: { cookie } });
        expect(res.status, `${r.method} ${path}: ${res.text}`).toBeLessThan(500);
      }
  });

  it("the edge: a cross-site write to /api/v1 is refused; a JSON client without Origin passes", () => {
    const edge = createEdge({ appUrl: BASE });
    const post = (headers: Record<string, string>) =>
      edge.handle(
        new Request(`${BASE}/api/v1/bookings`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: "{}",
        }),
      );
    expect(post({ origin: "https://evil.example" }).refuse?.status).toBe(403);
    expect(post({}).refuse).toBeUndefined();
    expect(post({ authorization: "Bearer mhk_x" }).refuse).toBeUndefined();
  });
});

describe("OpenAPI documents", () => {
  it.each(["customer", "admin"] as const)(
    "%s: OpenAPI 3.1, every path's operationId is its operation's name",
    (app) => {
      const doc = openApiDocument(app, BASE);
      expect(doc.openapi).toBe("3.1.0");
      const ids: string[] = [];
      for (const [path, item] of Object.entries(doc.paths ?? {}))
        for (const [method, op] of Object.entries(
          item as Record<string, { operationId?: string; responses?: object }>,
        )) {
          expect(op.operationId, `${method} ${path}`).toBeTruthy();
          expect(operations).toHaveProperty(op.operationId!);
          expect(op.responses, `${method} ${path}`).toHaveProperty("200");
          ids.push(op.operationId!);
        }
      expect(new Set(ids).size).toBe(ids.length);
      if (app === "customer")
        expect(ids.sort()).toEqual(customerRoutes.map((r) => r.op.name).sort());
    },
  );
});
