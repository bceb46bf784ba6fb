// Attack R5-7: any two-letter "state" was taken for a California ZIP ("12 Oak St, San Jose, ZZ
// 95112" went on the booking, the map link and the chef's run sheet). The service area knows each
// ZIP's state: a booking, or a chat hold being finished, whose state is another one is refused
// with a 400 naming the right state, beside the State field (`details.field`), and nothing is
// written. Through the real tRPC HTTP handler (real Postgres and Redis).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerRouter, handleTrpc } from "@myhibachi/api";
import { createHold } from "@myhibachi/core";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
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

const future = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
let n = 0;
const uniq = () => `${Date.now().toString(36)}${(++n).toString(36)}`;

async function call(path: string, input: unknown, ip: string) {
  const req = new Request(`http://127.0.0.1:3999/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ json: input }),
  });
  const res = await handleTrpc(req, customerRouter, deps);
  const json = (await res.json()) as {
    error?: { json: { message: string; data?: { details?: { field?: string } | null } } };
  };
  return {
    status: res.status,
    message: json.error?.json.message ?? "",
    field: json.error?.json.data?.details?.field ?? null,
  };
}

const counts = async () => ({
  bookings: await env.t.db.booking.count(),
  customers: await env.t.db.customer.count(),
  emails: await env.t.db.emailMessage.count(),
});

const contact = () => ({
  name: "Pat Doe",
  email: `pat-${uniq()}@example.com`,
  phone: "(408) 555-0100",
});

describe("the party's state must be its ZIP's state", () => {
  it("a booking with another state for the ZIP is refused beside the State field, nothing written", async () => {
    const before = await counts();
    const r = await call(
      "booking.create",
      {
        idempotencyKey: `k-${uniq()}`,
        date: future(30),
        startMinute: 17 * 60,
        selection: classicSelection(10),
        address: { ...FIXTURE_ADDRESS, state: "ZZ" },
        contact: contact(),
      },
      "198.51.100.61",
    );
    expect(r.status).toBe(400);
    expect(r.message).toBe(
      `ZIP ${FIXTURE_ADDRESS.postalCode} is in CA, not ZZ. Enter CA as the state, or check the party's ZIP code.`,
    );
    expect(r.field).toBe("address.state");
    expect(await counts()).toEqual(before);

    // The right state, however it is cased, books.
    const ok = await call(
      "booking.create",
      {
        idempotencyKey: `k-${uniq()}`,
        date: future(30),
        startMinute: 17 * 60,
        selection: classicSelection(10),
        address: { ...FIXTURE_ADDRESS, state: "ca" },
        contact: contact(),
      },
      "198.51.100.62",
    );
    expect(ok.status, ok.message).toBe(200);
  });

  it("finishing a chat hold with another state is refused the same way, the hold untouched", async () => {
    const hold = await createHold(
      env.t.db,
      {
        idempotencyKey: `hold-${uniq()}`,
        date: future(33),
        startMinute: 12 * 60,
        guests: 10,
        postalCode: FIXTURE_ADDRESS.postalCode,
      },
      { cache: env.cache },
    );
    const before = await counts();
    const r = await call(
      "hold.finish",
      {
        id: hold.id,
        token: hold.accessToken,
        selection: classicSelection(10),
        address: { ...FIXTURE_ADDRESS, state: "NV" },
        contact: contact(),
      },
      "198.51.100.63",
    );
    expect(r.status).toBe(400);
    expect(r.message).toMatch(/^ZIP \d{5} is in CA, not NV\. Enter CA as the state/);
    expect(r.field).toBe("address.state");
    expect(await counts()).toEqual(before);
    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id: hold.id } });
    expect(b.status).toBe("HELD");
    expect(b.contactEmail).toBeNull();
  });
});
