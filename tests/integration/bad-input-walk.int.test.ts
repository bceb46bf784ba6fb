// Bad input on EVERY procedure of both routers (enumerated from the routers, so new procedures
// are covered automatically): whatever a client sends, the answer is a 4xx-class error with a
// message a person can read, or success, never INTERNAL_SERVER_ERROR (HTTP 500).
// Second part: every string field of every procedure's own input schema filled with text
// Postgres cannot store (NUL, half a surrogate pair) or 1 MB of it, and every date with years
// 0001 and 9999: refused with a readable message, and no table gains or loses a row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminRouter, createCallerFactory, customerRouter } from "@myhibachi/api";
import { closeQueues, createQueues, createRedis, type Queues } from "@myhibachi/jobs";
import { adminCallers, procedureAt, type AdminCallers } from "./admin-helpers";
import { REDIS_URL, setupEnv, type Env } from "./helpers";
import { JUNK, rowCounts, sample } from "./walk-support";

type AnyRouter = { _def: { procedures: Record<string, { _def: { inputs: unknown[] } }> } };
function paths(router: AnyRouter): string[] {
  return Object.keys(router._def.procedures).sort();
}

/** The procedure's input with `text` in every string field, or null when it takes no strings. */
function inputWith(router: AnyRouter, path: string, text: string): unknown {
  const marker = "\u0001marker\u0001";
  const merged = router._def.procedures[path]!._def.inputs.reduce<unknown>((acc, schema) => {
    const v = sample(schema, marker);
    return acc && typeof acc === "object" && v && typeof v === "object" ? { ...acc, ...v } : v;
  }, undefined);
  const json = JSON.stringify(merged ?? null);
  if (!json.includes("marker")) return null;
  return JSON.parse(
    json.replaceAll(JSON.stringify(marker).slice(1, -1), JSON.stringify(text).slice(1, -1)),
  );
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

describe("text Postgres cannot store, 1 MB strings and years 0001/9999, in every field", () => {
  const UNSTORABLE: [string, string, RegExp][] = [
    ["NUL", "Dana\u0000Lee", /NUL character/],
    ["half a surrogate pair", "Dana \ud83d", /broken character/],
    [
      "1 MB",
      "x".repeat(1 << 20),
      /too long|at most|at least|characters|Use|Enter|valid|Choose|between/i,
    ],
  ];
  type Call = (path: string) => (input: unknown) => Promise<unknown>;

  /** Every procedure taking strings refuses unstorable text with a readable 4xx. */
  async function refusesUnstorable(router: AnyRouter, call: Call, who: string) {
    let checked = 0;
    for (const p of paths(router))
      for (const [label, text, message] of UNSTORABLE) {
        const input = inputWith(router, p, text);
        if (input === null) continue;
        checked++;
        const where = `${who} ${p} with ${label}`;
        const err = await call(p)(input).then(
          () => null,
          (e: { code: string; message: string }) => e,
        );
        expect(err, `${where} was accepted`).not.toBeNull();
        expect(err!.code, `${where}: ${err!.message}`).not.toBe("INTERNAL_SERVER_ERROR");
        if (label !== "1 MB") expect(err!.code, where).toBe("BAD_REQUEST");
        expect(err!.message, where).toMatch(message);
      }
    return checked;
  }

  /** Text that is fine to store (RTL marks) or dates far out: success or a 4xx, never a 500. */
  async function never500(router: AnyRouter, call: Call, who: string) {
    for (const p of paths(router))
      for (const text of [
        "0001-01-01",
        "9999-12-31",
        "0001-01-01T00:00",
        "9999-12-31T23:59",
        "\u202eDana\u200f שלום \u200e",
      ]) {
        const input = inputWith(router, p, text);
        if (input === null) continue;
        await call(p)(input).catch((e: { code: string; message: string }) => {
          expect(e.code, `${who} ${p} with ${JSON.stringify(text)}: ${e.message}`).not.toBe(
            "INTERNAL_SERVER_ERROR",
          );
        });
      }
  }

  let queueRedis: ReturnType<typeof createRedis>;
  let queues: Queues;
  beforeAll(() => {
    queueRedis = createRedis(REDIS_URL, "queue");
    queues = createQueues(queueRedis, { prefix: env.prefix });
  });
  afterAll(async () => {
    await closeQueues(queues);
    queueRedis.disconnect();
  });
  const customer = () =>
    createCallerFactory(customerRouter)({
      db: env.t.db,
      redis: env.redis,
      cache: env.cache,
      queues,
      auth: null as never,
      sendEmail: async () => {},
      customerUrl: "http://127.0.0.1:3999",
      headers: new Headers(),
      user: admin.users.CUSTOMER,
    });

  it("customer router: refused with a readable 4xx, and no table gains or loses a row", async () => {
    const before = await rowCounts(env.t.db);
    const c = customer();
    expect(
      await refusesUnstorable(customerRouter as never, (p) => procedureAt(c, p), "customer"),
    ).toBeGreaterThan(10);
    expect(await rowCounts(env.t.db)).toEqual(before);
  });

  it("admin router as the owner: refused with a readable 4xx, and no table gains or loses a row", async () => {
    const before = await rowCounts(env.t.db);
    const owner = admin.caller("OWNER");
    expect(
      await refusesUnstorable(adminRouter as never, (p) => procedureAt(owner, p), "owner"),
    ).toBeGreaterThan(20);
    expect(await rowCounts(env.t.db)).toEqual(before);
  });

  it("years 0001 and 9999 and RTL marks in every field: never a 500", async () => {
    const c = customer();
    await never500(customerRouter as never, (p) => procedureAt(c, p), "customer");
    const owner = admin.caller("OWNER");
    await never500(adminRouter as never, (p) => procedureAt(owner, p), "owner");
  });

  it("dates outside 2000-2100 get a message saying so", async () => {
    const owner = admin.caller("OWNER");
    for (const [from, to] of [
      ["0001-01-01", "0001-01-31"],
      ["9999-12-01", "9999-12-31"],
    ]) {
      const err = await owner.bookings.calendar({ from, to }).then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message).toMatch(/between the years 2000 and 2100/);
    }
    // Time off in year 9999 used to be stored with an end date Postgres could not give back.
    const chef = await env.t.db.chef.findFirstOrThrow();
    const before = await env.t.db.chefTimeOff.count();
    for (const [from, to] of [
      ["9999-12-30T00:00", "9999-12-31T23:59"],
      ["0001-01-01T00:00", "0001-01-02T00:00"],
    ]) {
      const err = await owner.staff.chefs.addTimeOff({ id: chef.id, from: from!, to: to! }).then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message, from).toMatch(/between the years 2000 and 2100/);
    }
    expect(await env.t.db.chefTimeOff.count()).toBe(before);
  });
});
