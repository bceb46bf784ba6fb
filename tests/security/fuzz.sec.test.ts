// Property-based fuzz of EVERY procedure of both apps, over HTTP against the built apps
// (enumerated from the routers, so a new procedure is fuzzed without touching this file).
// Inputs follow each procedure's own input shape (from its zod schema as JSON Schema) with
// hostile leaves: NUL bytes, lone surrogates, RTL marks, 1 MB strings, numbers at the edges,
// dates from 0001 to 9999, wrong types. Whatever arrives, the app must answer:
//   - never a 5xx;
//   - an error a person can read, never internal text (stack frames, SQL, "Cannot destructure");
//   - a refused request writes nothing (row counts of the domain tables unchanged).
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { adminRouter, customerRouter } from "@myhibachi/api";
import { demo, signIn, sql, trpc, type App } from "./harness";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: Json[];
  const?: Json;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
}

const MB = "x".repeat(1_000_000);
const hostileString = fc.constantFrom<Json>(
  "a\u0000b",
  "\u0000",
  "\uD800",
  "x\uDFFFy",
  "\u202Eevil\u202C",
  "\u200F\u200E",
  MB,
  "",
  " ",
  "<script>alert(1)</script>",
  '\'; DROP TABLE "Booking"; --',
  "0001-01-01",
  "9999-12-31",
  "2026-02-30",
  "0001-01-01T00:00:00.000Z",
  "9999-12-31T23:59:59.999Z",
  "../../etc/passwd",
  "%00",
  "😀".repeat(50),
);
const hostileNumber = fc.constantFrom<Json>(
  0,
  -1,
  -0,
  2.5,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  1e308,
  -1e308,
  2147483648,
  99999,
);
const wrongType = fc.constantFrom<Json>(null, true, [], {}, "1", 1, [null], { json: null });

/** A value shaped like the schema with hostile leaves (and sometimes the wrong type). */
function arb(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<Json> {
  if (!schema || depth > 5) return fc.oneof(hostileString, hostileNumber, wrongType);
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((s) => arb(s, depth + 1)));
  if (schema.enum?.length)
    return fc.oneof(fc.constantFrom(...schema.enum), hostileString, wrongType);
  if (schema.const !== undefined) return fc.oneof(fc.constant(schema.const), hostileString);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object": {
      const props = schema.properties ?? {};
      const keys = Object.keys(props);
      if (!keys.length) return fc.oneof(fc.constant({}), wrongType);
      const record: Record<string, fc.Arbitrary<Json>> = {};
      for (const k of keys) record[k] = arb(props[k], depth + 1);
      return fc.oneof(
        {
          weight: 8,
          arbitrary: fc.record(record, {
            requiredKeys: schema.required ?? [],
          }) as fc.Arbitrary<Json>,
        },
        { weight: 1, arbitrary: wrongType },
      );
    }
    case "array":
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(arb(schema.items, depth + 1), { maxLength: 4 }) },
        { weight: 1, arbitrary: fc.constant(Array.from({ length: 5000 }, () => 0) as Json) },
        { weight: 1, arbitrary: wrongType },
      );
    case "string":
      return fc.oneof(
        { weight: 6, arbitrary: hostileString },
        { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
        { weight: 1, arbitrary: fc.oneof(hostileNumber, wrongType) },
      );
    case "integer":
    case "number":
      return fc.oneof({ weight: 4, arbitrary: hostileNumber }, { weight: 1, arbitrary: wrongType });
    case "boolean":
      return fc.oneof(fc.boolean(), wrongType);
    default:
      return fc.oneof(hostileString, hostileNumber, wrongType);
  }
}

interface Proc {
  path: string;
  type: "query" | "mutation" | "subscription";
  schema: JsonSchema | undefined;
}

function procedures(router: unknown): Proc[] {
  const procs = (
    router as {
      _def: { procedures: Record<string, { _def: { type: string; inputs: unknown[] } }> };
    }
  )._def.procedures;
  return Object.entries(procs)
    .map(([path, p]) => {
      const input = p._def.inputs[0] as { toJSONSchema?: (o: unknown) => JsonSchema } | undefined;
      let schema: JsonSchema | undefined;
      try {
        schema = input?.toJSONSchema?.({ unrepresentable: "any", io: "input" });
      } catch {
        schema = undefined;
      }
      return { path, type: p._def.type as Proc["type"], schema };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Tables the fuzzed requests could write (the worker's own schedules write the rest). */
const DOMAIN_TABLES = [
  "User",
  "Account",
  "Customer",
  "Booking",
  "BookingLine",
  "BookingChef",
  "BookingEvent",
  "EmailMessage",
  "Conversation",
  "ChatMessage",
  "AuditLog",
  "Chef",
  "ChefWorkingHours",
  "ChefTimeOff",
  "ChefServiceZone",
  "MenuItem",
  "Package",
  "TravelZone",
  "ServicePostalCode",
];

async function domainCounts(): Promise<Record<string, number>> {
  // The worker writes assistant replies to messages accepted earlier, on its own time: count
  // only the messages a request writes.
  const where = (t: string) => (t === "ChatMessage" ? ` WHERE role = 'USER'` : "");
  const parts = DOMAIN_TABLES.map(
    (t) => `(SELECT count(*) FROM "${t}"${where(t)})::int AS "${t}"`,
  ).join(", ");
  const [row] = await sql<Record<string, number>>(`SELECT ${parts}`);
  return row!;
}

const LEAK =
  /Cannot (destructure|read prop)|TypeError|ReferenceError|prisma|invalid input syntax|violates|unique constraint|ECONN|\bat \S+ \(|node_modules|\.ts:\d+/i;

async function fuzz(app: App, proc: Proc, cookie: string | undefined, runs: number) {
  if (proc.type === "subscription") return;
  const before = await domainCounts();
  let succeeded = 0;
  await fc.assert(
    fc.asyncProperty(arb(proc.schema), async (input) => {
      const res = await trpc(app, proc.path, input, {
        cookie,
        type: proc.type as "query" | "mutation",
      });
      const where = `${app} ${proc.path} ${cookie ? "signed in" : "anonymous"} <- ${JSON.stringify(input)?.slice(0, 160)}`;
      expect(res.status, `${where}\n${res.text.slice(0, 400)}`).toBeLessThan(500);
      if (res.status >= 400) {
        if (res.message) expect(res.message, where).not.toMatch(LEAK);
        expect(res.text, where).not.toMatch(/"stack"\s*:/);
      } else {
        succeeded++;
      }
    }),
    { numRuns: runs, seed: Number(process.env.SEC_FUZZ_SEED ?? 20261128), endOnFailure: true },
  );
  if (succeeded === 0) {
    // Every request was refused: nothing may have been written.
    expect(await domainCounts(), `${app} ${proc.path}: refused requests wrote rows`).toEqual(
      before,
    );
  }
}

const RUNS = Number(process.env.SEC_FUZZ_RUNS ?? 12);

describe("fuzz: every procedure, hostile input, over HTTP", () => {
  let customerCookie: string;
  let ownerCookie: string;
  beforeAll(async () => {
    customerCookie = await signIn("customer", demo.customer.email, demo.customer.password);
    ownerCookie = await signIn("admin", demo.owner.email, demo.owner.password);
  });

  const customerProcs = procedures(customerRouter);
  const adminProcs = procedures(adminRouter);

  it("enumerates the routers", () => {
    expect(customerProcs.length).toBeGreaterThan(10);
    expect(adminProcs.length).toBeGreaterThan(20);
  });

  it.each(customerProcs.map((p) => [p.path, p] as const))(
    "customer %s, anonymous",
    async (_, p) => {
      await fuzz("customer", p, undefined, RUNS);
    },
  );

  it.each(customerProcs.map((p) => [p.path, p] as const))(
    "customer %s, signed in",
    async (_, p) => {
      await fuzz("customer", p, customerCookie, RUNS);
    },
  );

  it.each(adminProcs.map((p) => [p.path, p] as const))("admin %s, as the owner", async (_, p) => {
    await fuzz("admin", p, ownerCookie, RUNS);
  });
});
