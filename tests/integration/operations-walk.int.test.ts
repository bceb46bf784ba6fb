// The authorization walker and the junk-input walker, over the operation REGISTRY and every
// surface that serves it (tRPC, REST, GraphQL, the assistant's tools). Nothing here lists
// operations or routes by hand: the registry says what exists and what rule guards it, and each
// surface says (from its own routing table) which operation an endpoint serves. A new operation,
// route, field or tool is walked the moment it exists; one without an access rule fails.
//
// The expectations come from the rule's declared audience, not from calling the rule: an anonymous
// caller below the audience must get UNAUTHORIZED, a signed-in one below it FORBIDDEN, and someone
// else's record NOT_FOUND; the database decides whether anything changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  allOperations,
  createBooking,
  issueAccessToken,
  type AnyOperation,
  type Audience,
} from "@myhibachi/core";
import { newVisitorCookie, VISITOR_COOKIE } from "@myhibachi/api";
import { FIXTURE_ADDRESS, classicSelection } from "@myhibachi/seed/fixtures";
import type { SessionUser } from "@myhibachi/auth";
import { createUser } from "./admin-helpers";
import { graphqlEnv, signInTo, type GraphQLEnv } from "./graphql-support";
import {
  assistantSurface,
  graphqlSurface,
  restSurface,
  trpcSurface,
  type Caller,
  type Endpoint,
  type Surface,
} from "./surfaces";
import { JUNK, rowCounts } from "./walk-support";

let g: GraphQLEnv;
const users: Partial<Record<"CUSTOMER" | "STAFF" | "OWNER", Caller>> = {};
let victim: SessionUser;
let victimBooking: { id: string; token: string; status: string; startsAt: number };
/** A receipt email's link to the victim's booking (read-only: receipts, nothing else). */
let receiptToken: string;

const SURFACES: Surface[] = [
  trpcSurface(() => g),
  restSurface(() => g),
  graphqlSurface(() => g),
  assistantSurface(() => g),
];

const AUDIENCES: Audience[] = ["anyone", "customer", "staff", "owner"];
type Who = "anonymous" | "CUSTOMER" | "STAFF" | "OWNER";
const LADDER: Who[] = ["anonymous", "CUSTOMER", "STAFF", "OWNER"];
const lowestAllowed: Record<Audience, Who> = {
  anyone: "anonymous",
  customer: "CUSTOMER",
  staff: "STAFF",
  owner: "OWNER",
};

const byName = new Map(allOperations.map((op) => [op.name, op]));

/** "first: ...", "address.line1: ...", "; contact.email: ..." at the start of a sentence. */
const FIELD_PATH_PREFIX = /(^|[.;] )[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)*: /;
/** zod's built-in English ("Too small: expected number to be >=1", "Invalid input: ..."). */
const VALIDATOR_JARGON =
  /Too (small|big)|Invalid input|expected (string|number|object|array)|>=|<=/;

function callerFor(who: Who): Caller {
  // Every caller carries a chat visitor cookie, as a browser that opened the site does.
  const visitor = `${VISITOR_COOKIE}=${newVisitorCookie("w".repeat(40))}`;
  if (who === "anonymous") return { user: null, cookies: { customer: visitor, admin: "" } };
  const c = users[who]!;
  return {
    user: c.user,
    cookies: { customer: `${c.cookies.customer}; ${visitor}`, admin: c.cookies.admin },
  };
}

/** A verified account of `role`, signed in to both apps through their real auth handlers. */
async function account(role: "CUSTOMER" | "STAFF" | "OWNER"): Promise<Caller> {
  const u = await createUser(g.env.t.db, role);
  return {
    user: { id: u.id, email: u.email, name: u.name, role, emailVerified: true },
    cookies: { customer: await signInTo(g, "customer", u), admin: await signInTo(g, "admin", u) },
  };
}

/** Valid inputs aimed at someone else's record, for every rule that guards a record. */
function attackOn(op: AnyOperation): unknown[] {
  const id = victimBooking.id;
  const day = new Date(Date.now() + 20 * 86400_000).toISOString().slice(0, 10);
  const wrongToken = "w".repeat(43);
  const details = {
    selection: classicSelection(10),
    address: FIXTURE_ADDRESS,
    contact: { name: "Mallory", email: "mallory@example.com", phone: "408-555-0199" },
  };
  const examples: Record<string, unknown[]> = {
    getBooking: [{ id }, { id, token: wrongToken }],
    getBookingCalendarEvent: [{ id }, { id, token: wrongToken }],
    confirmBooking: [{ id }, { id, token: wrongToken }],
    cancelBooking: [
      { id, reason: "not mine" },
      { id, token: wrongToken, reason: "not mine" },
    ],
    rescheduleBooking: [
      { id, date: day, startMinute: 17 * 60 },
      { id, token: wrongToken, date: day, startMinute: 17 * 60 },
    ],
    findRescheduleTimes: [
      { id, from: day, to: day },
      { id, token: wrongToken, from: day, to: day },
    ],
    previewBookingChange: [{ id }, { id, token: wrongToken, selection: classicSelection(12) }],
    changeBookingParty: [
      { id, selection: classicSelection(12), expectedTotalCents: 78_754 },
      {
        id,
        token: wrongToken,
        selection: classicSelection(12),
        allergies: "none",
        expectedTotalCents: 78_754,
      },
    ],
    // A list of "my" records: the victim's booking must simply not be in it.
    listMyBookings: [{}, { first: 100 }],
    getBookingPayments: [{ id }, { id, token: wrongToken }],
    payBalance: [
      { id, tip: { kind: "none" } },
      { id, token: wrongToken, tip: { kind: "percent", bps: 2000 } },
    ],
    getReceipt: [
      { id, receiptId: "nope" },
      { id, token: wrongToken, receiptId: "nope" },
    ],
    payDeposit: [{ id }, { id, token: wrongToken }],
    checkDepositPayment: [
      { id, sessionId: "cs_test_notmine" },
      { id, token: wrongToken, sessionId: "cs_test_notmine" },
    ],
    getChatHold: [{ id, token: wrongToken }],
    quoteChatHold: [{ id, token: wrongToken, selection: classicSelection(10) }],
    finishChatHold: [{ id, token: wrongToken, ...details }],
  };
  const e = examples[op.name];
  if (!e) throw new Error(`no attack example for ${op.name} (record: ${op.access.record})`);
  return e;
}

beforeAll(async () => {
  g = await graphqlEnv({ chefs: 2 });
  for (const role of ["CUSTOMER", "STAFF", "OWNER"] as const) users[role] = await account(role);
  victim = (await account("CUSTOMER")).user!;
  const day = new Date(Date.now() + 21 * 86400_000).toISOString().slice(0, 10);
  const b = await createBooking(
    g.env.t.db,
    {
      idempotencyKey: `walk-${Date.now()}`,
      date: day,
      startMinute: 17 * 60,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: { name: victim.name, email: victim.email, phone: "408-555-0100" },
      user: victim,
    },
    { cache: g.env.cache },
  );
  victimBooking = {
    id: b.id,
    token: b.accessToken,
    status: b.status,
    startsAt: new Date(b.startsAt).getTime(),
  };
  receiptToken = await issueAccessToken(g.env.t.db, b.id, { sentByEmail: true, scope: "RECEIPTS" });
});
afterAll(async () => g?.close());

describe("the registry", () => {
  it("every operation declares an access rule with a known audience, and a unique verb name", () => {
    expect(allOperations.length).toBeGreaterThan(10);
    const names = allOperations.map((op) => op.name);
    expect(new Set(names).size).toBe(names.length);
    for (const op of allOperations) {
      expect(op.name, "verb-named").toMatch(/^[a-z]+[A-Z]\w*$/);
      expect(op.access, `${op.name} has no access rule`).toBeTruthy();
      expect(AUDIENCES, `${op.name}'s audience`).toContain(op.access.audience);
      expect(typeof op.access.check, `${op.name}'s rule`).toBe("function");
      expect(op.access.describe.length, `${op.name}'s rule says who`).toBeGreaterThan(5);
      expect(["query", "mutation"]).toContain(op.kind);
    }
  });

  it("every endpoint of every surface serves a registered operation", () => {
    for (const s of SURFACES)
      for (const e of s.endpoints)
        expect(byName.has(e.operation), `${e.label} serves ${e.operation}`).toBe(true);
  });

  it("every operation is served by some surface", () => {
    const served = new Set(SURFACES.flatMap((s) => s.endpoints.map((e) => e.operation)));
    expect(allOperations.map((op) => op.name).filter((n) => !served.has(n))).toEqual([]);
  });
});

const endpoints: [string, Endpoint][] = SURFACES.flatMap((s) =>
  s.endpoints.map((e) => [e.label, e] as [string, Endpoint]),
);

describe.each(SURFACES.map((s) => [s.name, s] as const))("%s", (_name, surface) => {
  it.each(surface.endpoints.map((e) => [e.label, e] as const))(
    "%s refuses every caller below its operation's audience, with junk or real-shaped input",
    async (_label, endpoint) => {
      const op = byName.get(endpoint.operation);
      expect(op, `${endpoint.label} serves no registered operation`).toBeDefined();
      if (!op) return;
      const below = LADDER.slice(0, LADDER.indexOf(lowestAllowed[op.access.audience]));
      for (const who of below)
        for (const input of [undefined, {}, "junk", { id: victimBooking.id }]) {
          const out = await endpoint.call(callerFor(who), input);
          expect(out.code, `${endpoint.label} as ${who}: ${out.message}`).toBe(
            who === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN",
          );
        }
    },
  );

  const recordEndpoints = surface.endpoints.filter(
    (e) =>
      byName.get(e.operation)?.access.record === "booking" ||
      byName.get(e.operation)?.access.record === "hold",
  );
  it.each(recordEndpoints.map((e) => [e.label, e] as const))(
    "%s: another customer's booking is NOT_FOUND and stays as it was",
    async (_label, endpoint) => {
      const op = byName.get(endpoint.operation)!;
      // Someone else's booking is never shown, changed or said to exist; a signed-in customer
      // (verified) is the strongest attacker who is not its holder.
      for (const input of attackOn(op))
        for (const who of ["anonymous", "CUSTOMER"] as Who[]) {
          if (op.access.audience !== "anyone" && who === "anonymous") continue;
          const out = await endpoint.call(callerFor(who), input);
          const where = `${endpoint.label} as ${who} with ${JSON.stringify(input)}`;
          if (op.kind === "query" && out.code === "OK")
            expect(JSON.stringify(out.data), where).not.toContain(victimBooking.id);
          else expect(out.code, where).toBe("NOT_FOUND");
          expect(JSON.stringify(out.detail ?? out.message)).not.toContain(victim.email);
        }
      const after = await g.env.t.db.booking.findUniqueOrThrow({ where: { id: victimBooking.id } });
      expect(after.status).toBe(victimBooking.status);
      expect(after.cancelledAt).toBeNull();
    },
  );

  // A receipt gets forwarded: its link (the victim's own booking, RECEIPTS scope) must open
  // nothing but receipts. Every operation on a booking or hold whose rule doesn't declare
  // `receiptLinks` refuses it like someone else's booking; the ones that do show no address or
  // contact details and change nothing.
  it.each(recordEndpoints.map((e) => [e.label, e] as const))(
    "%s: a receipt email's link opens no more than receipts",
    async (_label, endpoint) => {
      const op = byName.get(endpoint.operation)!;
      const withToken = attackOn(op).filter(
        (i): i is Record<string, unknown> => !!i && typeof i === "object" && "token" in i,
      );
      for (const example of withToken)
        for (const who of ["anonymous", "CUSTOMER"] as Who[]) {
          if (op.access.audience !== "anyone" && who === "anonymous") continue;
          const input = { ...example, token: receiptToken };
          const out = await endpoint.call(callerFor(who), input);
          const where = `${endpoint.label} as ${who} with a receipt link`;
          if (op.access.receiptLinks) {
            expect(out.code, `${where}: ${out.message}`).not.toMatch(/INTERNAL|^5\d\d$/);
            const shown = JSON.stringify(out.data ?? null) + JSON.stringify(out.detail ?? "");
            for (const secret of [victim.email, "408-555-0100", FIXTURE_ADDRESS.line1])
              expect(shown, where).not.toContain(secret);
          } else expect(out.code, `${where}: ${out.message}`).toBe("NOT_FOUND");
        }
      const after = await g.env.t.db.booking.findUniqueOrThrow({ where: { id: victimBooking.id } });
      expect(after.status).toBe(victimBooking.status);
      expect(after.cancelledAt).toBeNull();
      expect(after.startsAt.getTime()).toBe(victimBooking.startsAt);
      expect(await g.env.t.db.payment.count({ where: { bookingId: victimBooking.id } })).toBe(0);
    },
  );

  it("junk input on every endpoint, as its lowest allowed caller and as the owner: a readable 4xx or success, never a 500; a refused write writes nothing", async () => {
    for (const endpoint of surface.endpoints) {
      const op = byName.get(endpoint.operation);
      if (!op) continue; // the registry test above names it
      const before = op.kind === "mutation" ? await rowCounts(g.env.t.db) : null;
      let accepted = 0;
      for (const who of new Set<Who>([lowestAllowed[op.access.audience], "OWNER"]))
        for (const input of JUNK) {
          const out = await endpoint.call(callerFor(who), input);
          const where = `${endpoint.label} as ${who} with ${JSON.stringify(input)?.slice(0, 100)}`;
          expect(out.code, `${where}: ${out.message}`).not.toMatch(/INTERNAL|^5\d\d$/);
          if (out.code === "OK") accepted++;
          else {
            expect(out.message.length, where).toBeGreaterThan(5);
            // Words for a person: no field path ("address.line1: ...", "first: ...") and no
            // validator jargon; which field was refused travels apart, as data (`fields`).
            expect(out.message, where).not.toMatch(FIELD_PATH_PREFIX);
            expect(out.message, where).not.toMatch(VALIDATOR_JARGON);
          }
        }
      // Some junk is valid input to some owner operations (a ZIP code to add): only when every
      // call was refused must the database be as it was.
      if (before && accepted === 0)
        expect(await rowCounts(g.env.t.db), `${endpoint.label} wrote while refusing`).toEqual(
          before,
        );
    }
    // A ceiling, not a speed goal: the walk grows with every operation added.
  }, 120_000);
});

it("walks a non-trivial number of endpoints", () => {
  expect(endpoints.length).toBeGreaterThan(10);
});
