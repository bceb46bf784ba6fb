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
import { customerRoutes, handleRest, openApiDocument, type RestApp } from "@myhibachi/api";
import { operations } from "@myhibachi/core";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { customerServerDeps, emailedLinkToken, setupEnv, type Env } from "./helpers";

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

  it("errors: the tRPC messages and statuses, in one JSON shape, never a 500", async () => {
    const client = clientFor("customer", deps);
    const bad = await quoteEvent({
      client,
      body: { selection: { ...classicSelection(10), adults: 2.5 }, postalCode: "95125" },
    });
    expect(bad.response.status).toBe(400);
    expect(bad.error).toMatchObject({ code: "BAD_REQUEST" });
    expect(bad.error?.message).toMatch(/adults: .*whole number/);
    expect(bad.error?.fields?.["selection.adults"]).toMatch(/whole number/);

    const guests = await rest(
      "customer",
      deps,
      "GET",
      `/availability?from=${day(20)}&to=${day(21)}&guests=ten&postalCode=95125`,
    );
    expect(guests.status).toBe(400);
    expect(guests.json.message).toMatch(/^guests: /);

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
