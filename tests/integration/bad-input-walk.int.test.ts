// Bad input on EVERY procedure of both routers (enumerated from the routers, so new procedures
// are covered automatically): whatever a client sends, the answer is a 4xx-class error with a
// message a person can read, or success, never INTERNAL_SERVER_ERROR (HTTP 500).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminRouter, createCallerFactory, customerRouter } from "@myhibachi/api";
import { adminCallers, procedureAt, type AdminCallers } from "./admin-helpers";
import { setupEnv, type Env } from "./helpers";

const long = "x".repeat(20_000);
const JUNK: unknown[] = [
  undefined,
  null,
  {},
  [],
  "x",
  -1,
  1e308,
  { id: -1, token: null, code: 5 },
  { id: long, token: long, name: long, email: long, message: long, content: long, reason: long },
  {
    id: "does-not-exist",
    token: "t".repeat(40),
    date: "2026-02-30",
    from: "tomorrow",
    to: "2020-01-01",
  },
  {
    from: "2026-12-01",
    to: "2026-01-01",
    guests: -5,
    postalCode: "abcde",
    adults: 1e12,
    children: -1,
  },
  { selection: "x", address: [], contact: 7, startMinute: 99999, idempotencyKey: "" },
  {
    priceCents: -100,
    adultPriceCents: "free",
    weekday: 9,
    startMinute: 2000,
    endMinute: -1,
    timeZone: "Mars/Base",
  },
  {
    chefId: "nope",
    bookingId: "nope",
    conversationId: "nope",
    visitorId: long,
    clientMessageId: long,
  },
];

function paths(router: { _def: { procedures: Record<string, unknown> } }): string[] {
  return Object.keys(router._def.procedures).sort();
}

let env: Env;
let admin: AdminCallers;
beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  admin = await adminCallers(env);
});
afterAll(async () => env?.close());

async function expectNo500(call: (input: unknown) => Promise<unknown>, label: string) {
  for (const input of JUNK) {
    try {
      await call(input);
    } catch (err) {
      const e = err as { name: string; code: string; message: string; cause?: unknown };
      const where = `${label} with ${JSON.stringify(input)?.slice(0, 120)}`;
      expect(e.name, where).toBe("TRPCError");
      expect(
        e.code,
        `${where}: ${e.message}\n${(e.cause as Error | undefined)?.stack ?? ""}`,
      ).not.toBe("INTERNAL_SERVER_ERROR");
      expect(e.message.length, where).toBeGreaterThan(5);
    }
  }
}

describe("no input makes the API answer 500", () => {
  it("customer router, anonymous and signed in", async () => {
    const factory = createCallerFactory(customerRouter);
    const base = {
      db: env.t.db,
      redis: env.redis,
      cache: env.cache,
      auth: null as never,
      sendEmail: async () => {},
      customerUrl: "http://127.0.0.1:3999",
      cookieSecret: "x".repeat(40),
      headers: new Headers(),
    };
    const anonymous = factory({ ...base, user: null });
    const customer = factory({ ...base, user: admin.users.CUSTOMER });
    const list = paths(customerRouter as never);
    expect(list.length).toBeGreaterThan(10);
    for (const p of list) {
      await expectNo500(procedureAt(anonymous, p), `anonymous ${p}`);
      await expectNo500(procedureAt(customer, p), `customer ${p}`);
    }
  });

  it("admin router, as the owner (every check passed, only the input is wrong)", async () => {
    const owner = admin.caller("OWNER");
    const list = paths(adminRouter as never);
    expect(list.length).toBeGreaterThan(20);
    for (const p of list) await expectNo500(procedureAt(owner, p), `owner ${p}`);
  });
});
