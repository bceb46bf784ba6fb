import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerRouter, handleTrpc } from "@myhibachi/api";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { BAD_LINK_MESSAGE, linkErrorMessage } from "@myhibachi/ui/link-error";
import { customerServerDeps, setupEnv, type Env } from "./helpers";

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

function future(days: number): string {
  return new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
}

async function call(path: string, body: unknown, raw?: string) {
  const res = await handleTrpc(
    new Request(`http://127.0.0.1:3999/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: raw ?? JSON.stringify({ json: body }),
    }),
    customerRouter,
    deps,
  );
  const json = (await res.json()) as {
    error?: { json: { message: string; data: { code: string; httpStatus: number } } };
    result?: { data: { json: unknown } };
  };
  return {
    status: res.status,
    message: json.error?.json.message ?? "",
    data: json.result?.data.json,
  };
}

const good = () => ({
  idempotencyKey: `http-${Math.random().toString(36).slice(2)}`,
  date: future(20),
  startMinute: 17 * 60,
  selection: classicSelection(10),
  address: FIXTURE_ADDRESS,
  contact: { name: "Dana Lee", email: "dana@example.com", phone: "(408) 555-0199" },
});

describe("HTTP API with bad input", () => {
  const cases: [string, () => unknown, RegExp, string?][] = [
    [
      "negative guests",
      () => ({ ...good(), selection: { ...classicSelection(10), adults: -3 } }),
      /adults: .*negative|adults can't be negative|At least one adult/,
    ],
    [
      "huge guest count",
      () => ({ ...good(), selection: { ...classicSelection(10), adults: 10_000_000 } }),
      /too many adults/,
    ],
    [
      "fractional guests",
      () => ({ ...good(), selection: { ...classicSelection(10), adults: 2.5 } }),
      /whole number/,
    ],
    [
      "wrong type",
      () => ({ ...good(), selection: { ...classicSelection(10), adults: "ten" } }),
      /number of adults/,
    ],
    [
      "10,000-character name",
      () => ({ ...good(), contact: { ...good().contact, name: "A".repeat(10_000) } }),
      /name is too long/,
    ],
    [
      "bad email",
      () => ({ ...good(), contact: { ...good().contact, email: "not-an-email" } }),
      /valid email/,
    ],
    ["past date", () => ({ ...good(), date: "2020-01-01" }), /past/],
    ["impossible date", () => ({ ...good(), date: "2026-02-30" }), /doesn't exist/],
    [
      "outside service area",
      () => ({ ...good(), address: { ...FIXTURE_ADDRESS, postalCode: "95814" } }),
      /outside our service area/,
    ],
    [
      "unknown ZIP",
      () => ({ ...good(), address: { ...FIXTURE_ADDRESS, postalCode: "99999" } }),
      /outside our service area/,
    ],
    [
      "too few proteins",
      () => ({ ...good(), selection: { ...classicSelection(10), proteins: { chicken: 3 } } }),
      /protein portions/,
    ],
    [
      "unknown package",
      () => ({ ...good(), selection: { ...classicSelection(10), packageSlug: "deluxe" } }),
      /package/,
    ],
    ["missing fields", () => ({ date: future(20) }), /idempotencyKey|selection|address/],
    ["null body", () => null, /input is missing or isn't a JSON object/i],
  ];
  for (const [name, body, message] of cases) {
    it(`${name} -> 400 with a readable message, nothing saved`, async () => {
      const before = await env.t.db.booking.count();
      const r = await call("booking.create", body());
      expect(r.status).toBe(400);
      expect(r.message).toMatch(message);
      expect(r.message).not.toMatch(/Something went wrong|\{"|ZodError|prisma/i);
      expect(await env.t.db.booking.count()).toBe(before);
      expect(await env.t.db.customer.count()).toBe(0);
    });
  }

  it("malformed JSON -> 400", async () => {
    const r = await call("booking.create", null, "{not json");
    expect(r.status).toBe(400);
  });

  it("unknown procedure -> 404", async () => {
    const r = await call("booking.nope", {});
    expect(r.status).toBe(404);
  });

  it("availability with a reversed range or too many days -> 400", async () => {
    const get = async (input: unknown) => {
      const res = await handleTrpc(
        new Request(
          `http://127.0.0.1:3999/api/trpc/booking.availability?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
        ),
        customerRouter,
        deps,
      );
      return {
        status: res.status,
        body: (await res.json()) as { error?: { json: { message: string } } },
      };
    };
    expect(
      (await get({ from: future(10), to: future(5), guests: 10, postalCode: "95125" })).body.error
        ?.json.message,
    ).toMatch(/end date is before/);
    expect(
      (await get({ from: future(10), to: future(200), guests: 10, postalCode: "95125" })).status,
    ).toBe(400);
    expect(
      (await get({ from: future(10), to: future(12), guests: 0, postalCode: "95125" })).status,
    ).toBe(400);
  });

  it("a good request books, and the same request again returns the same booking", async () => {
    const body = good();
    const a = await call("booking.create", body);
    const b = await call("booking.create", body);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect((a.data as { id: string }).id).toBe((b.data as { id: string }).id);
    expect((b.data as { replayed: boolean }).replayed).toBe(true);
    // The email asking the customer to confirm is recorded once, in Postgres, whatever happens
    // to the queue.
    const mails = await env.t.db.emailMessage.findMany({ where: { to: "dana@example.com" } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/Please confirm your booking HB-/);
  });

  it("a booking is private: its id alone reveals nothing", async () => {
    const body = good();
    const created = (await call("booking.create", { ...body, date: future(21) })).data as {
      id: string;
      token: string;
    };
    const res = await handleTrpc(
      new Request(
        `http://127.0.0.1:3999/api/trpc/booking.get?input=${encodeURIComponent(JSON.stringify({ json: { id: created.id } }))}`,
      ),
      customerRouter,
      deps,
    );
    expect(res.status).toBe(404);
    const withToken = await handleTrpc(
      new Request(
        `http://127.0.0.1:3999/api/trpc/booking.get?input=${encodeURIComponent(JSON.stringify({ json: { id: created.id, token: created.token } }))}`,
      ),
      customerRouter,
      deps,
    );
    expect(withToken.status).toBe(200);
  });
});

describe("a customer page opened with a bad link (its URL's id or token) says so in words", () => {
  // What the page's tRPC client receives (TRPCClientError: the message and the shape's `data`),
  // read from the real handler's answer, is what the pages pass to `linkErrorMessage`.
  async function failure(path: string, input: unknown) {
    const res = await handleTrpc(
      new Request(
        `http://127.0.0.1:3999/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
      ),
      customerRouter,
      deps,
    );
    const json = (await res.json()) as { error?: { json: { message: string; data: unknown } } };
    expect(json.error, path).toBeDefined();
    return { status: res.status, message: json.error!.json.message, data: json.error!.json.data };
  }
  const pages: [string, string, unknown, string[]][] = [
    ["booking page, short token", "booking.get", { id: "b1", token: "xxx" }, ["id", "token"]],
    [
      "booking page, long id",
      "booking.get",
      { id: "x".repeat(65), token: "t".repeat(43) },
      ["id", "token"],
    ],
    ["money panel, short token", "booking.payments", { id: "b1", token: "short" }, ["id", "token"]],
    [
      "balance page, empty id",
      "booking.payments",
      { id: "", token: "t".repeat(43) },
      ["id", "token"],
    ],
    [
      "receipt page, long receipt id",
      "booking.receipt",
      { id: "b1", token: "t".repeat(43), receiptId: "r".repeat(200) },
      ["id", "token", "receiptId"],
    ],
    [
      "receipt page, token too long",
      "booking.receipt",
      { id: "b1", token: "t".repeat(500), receiptId: "r1" },
      ["id", "token", "receiptId"],
    ],
    [
      "finish-a-hold page, long token",
      "hold.get",
      { id: "h1", token: "t".repeat(500) },
      ["id", "token"],
    ],
  ];
  it.each(pages)("%s", async (_name, path, input, urlFields) => {
    const err = await failure(path, input);
    expect(err.status).toBe(400);
    // Which part of the URL was refused is data (`fields`), not words in the message.
    const fields = (err.data as { fields?: Record<string, string> }).fields ?? {};
    expect(Object.keys(fields).join(" ")).toMatch(/id|token/i);
    expect(err.message).not.toMatch(/^(id|token): /);
    expect(linkErrorMessage(err, urlFields)).toBe(BAD_LINK_MESSAGE);
    expect(linkErrorMessage(err, urlFields)).not.toMatch(/Too small|Too big|expected string|>=/);
  });

  it("a well-formed link to a booking that isn't there keeps the API's own words", async () => {
    const err = await failure("booking.get", { id: "nosuchbooking", token: "t".repeat(43) });
    expect(err.status).toBe(404);
    expect(linkErrorMessage(err, ["id", "token"])).toBe(err.message);
    expect(err.message).toMatch(/couldn't find that booking/);
  });
});
