// Which operations read from a streaming replica (docs/operations/failover.md): decided on each
// operation (`reads: "replica"`), listed here so a new one is a deliberate change, and routed in
// one place (define.ts `contextFor`). The real-Postgres drill is tests/integration/failover.int.test.ts.
import { describe, expect, it } from "vitest";
import type { Db } from "@myhibachi/db";
import { z } from "zod";
import { defineOperation, runOperation, type OperationContext } from "./define";
import { allOperations } from "./registry";

describe("replica reads", () => {
  it("are exactly the owner's dashboards and reports, and all of them are queries", () => {
    const replica = allOperations.filter((op) => op.reads === "replica");
    expect(replica.map((op) => op.name).sort()).toEqual([
      "getChurnRisk",
      "getCostDashboard",
      "getCustomerValue",
      "getDemandForecast",
      "getLoyaltyReport",
      "getOwnerOverview",
      "getPaymentsReport",
      "listCustomers",
    ]);
    for (const op of replica) expect(op.kind, op.name).toBe("query");
    // Everything else, and everything a person just wrote (bookings, holds, payments, sign-in,
    // the chat, the pages where settings are edited), reads the primary.
    for (const name of ["getBooking", "getChatHold", "getBookingPayments", "getCustomer"])
      expect(allOperations.find((op) => op.name === name)?.reads, name).toBe("primary");
  });

  it("a mutation can't be declared to read from a replica", () => {
    expect(() =>
      defineOperation({
        name: "writeSomething",
        kind: "mutation",
        summary: "x",
        reads: "replica",
        access: { name: "anyone", audience: "anyone", describe: "", check: () => undefined },
        run: () => null,
      }),
    ).toThrow(/only a query can read from a replica/);
  });

  const primary = { name: "primary" } as unknown as Db;
  const replicaDb = { name: "replica" } as unknown as Db;
  const anyone = {
    name: "anyone",
    audience: "anyone" as const,
    describe: "",
    callerOnly: true,
    // The access check always sees the primary.
    check: (ctx: OperationContext) => expect(ctx.db).toBe(primary),
  };
  const seen = (reads: "primary" | "replica") =>
    defineOperation({
      name: `which-${reads}`,
      kind: "query",
      summary: "x",
      input: z.object({}).optional(),
      reads,
      access: anyone,
      run: (ctx) => (ctx.db as unknown as { name: string }).name,
    });
  const ctx = (readDb?: () => Db): OperationContext => ({
    db: primary,
    ...(readDb ? { readDb } : {}),
    cache: {} as OperationContext["cache"],
    now: () => new Date(),
    caller: { user: null, address: null, surface: "internal" },
  });

  it("the context's readDb is the db of replica operations only; without one, the primary", async () => {
    expect(
      await runOperation(
        seen("replica"),
        ctx(() => replicaDb),
        {},
      ),
    ).toBe("replica");
    expect(
      await runOperation(
        seen("primary"),
        ctx(() => replicaDb),
        {},
      ),
    ).toBe("primary");
    expect(await runOperation(seen("replica"), ctx(), {})).toBe("primary");
  });
});
