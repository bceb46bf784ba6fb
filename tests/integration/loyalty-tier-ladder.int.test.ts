// The owner's tier editor keeps the tiers a ladder (issue 14; attack report 14, F9), through the
// owner's tRPC caller on a real database, with the attacker's exact inputs: the lowest tier starts
// at 0 completed bookings, no two tiers start at the same number, and a tier that needs more
// bookings never gives a smaller discount. The whole set is checked after the edit on locked rows,
// so two edits at once that are each fine can't together make nonsense. Default tiers: Bronze 0
// (5 %), Silver 4 (10 %), Gold 10 (15 %).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCallers, type AdminCallers } from "./admin-helpers";
import { setupEnv, type Env } from "./helpers";

let env: Env;
let callers: AdminCallers;
const NOW = new Date("2026-12-01T18:00:00Z");

beforeAll(async () => {
  env = await setupEnv();
  callers = await adminCallers(env, () => NOW);
});
afterAll(async () => env?.close());

const loyalty = () => callers.caller("OWNER").owner.loyalty;
const ladder = async () =>
  (await env.t.db.loyaltyTier.findMany({ orderBy: { minCompletedBookings: "asc" } })).map((t) => [
    t.name,
    t.minCompletedBookings,
    t.discountBps,
  ]);
const DEFAULT = [
  ["Bronze", 0, 500],
  ["Silver", 4, 1000],
  ["Gold", 10, 1500],
];

describe("F9: the tiers stay a ladder", () => {
  it("refuses the attacker's edits and the other nonsense with a sentence, writing nothing", async () => {
    const db = env.t.db;
    const tiers = await db.loyaltyTier.findMany({ orderBy: { id: "asc" } });
    const audits = await db.auditLog.count();
    const cases: [id: string, tier: Record<string, unknown>, message: string][] = [
      [
        "tier_bronze",
        { name: "Bronze", minCompletedBookings: 3, discountBps: 500, extraWindowDays: 0 },
        "The lowest tier must start at 0 completed bookings, so every customer has a tier: Bronze would start at 3. Keep a tier at 0.",
      ],
      [
        "tier_silver",
        { minCompletedBookings: 20 },
        "Silver (from 20 completed bookings) would give 10 %, less than Gold (from 10 completed bookings, 15 %): a tier that needs more bookings can't give a smaller discount.",
      ],
      [
        "tier_silver",
        { minCompletedBookings: 10 },
        "would both start at 10 completed bookings: each tier needs its own number.",
      ],
      [
        "tier_silver",
        { minCompletedBookings: 0 },
        "would both start at 0 completed bookings: each tier needs its own number.",
      ],
      [
        "tier_gold",
        { discountBps: 800 },
        "Gold (from 10 completed bookings) would give 8 %, less than Silver",
      ],
      [
        "tier_bronze",
        { discountBps: 1200 },
        "Silver (from 4 completed bookings) would give 10 %, less than Bronze",
      ],
      // Attack round 2, G5: equal discounts in any order ("Silver" above "Gold", both 15 %).
      [
        "tier_silver",
        { minCompletedBookings: 15, discountBps: 1500 },
        "Silver (from 15 completed bookings) would give the same 15 % as Gold (from 10 completed bookings): a tier that needs more bookings must give a larger discount, so the tiers keep their order.",
      ],
      [
        "tier_silver",
        { minCompletedBookings: 2, discountBps: 1500 },
        "Gold (from 10 completed bookings) would give the same 15 % as Silver (from 2 completed bookings)",
      ],
      [
        "tier_gold",
        { discountBps: 1000 },
        "Gold (from 10 completed bookings) would give the same 10 % as Silver",
      ],
    ];
    for (const [id, tier, message] of cases)
      await expect(
        loyalty().updateTier({ id, tier } as never),
        `${id} ${JSON.stringify(tier)}`,
      ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(message) });
    expect(await db.loyaltyTier.findMany({ orderBy: { id: "asc" } })).toEqual(tiers);
    expect(await db.auditLog.count()).toBe(audits);
    expect(await ladder()).toEqual(DEFAULT);
  });

  it("accepts edits that keep the ladder", async () => {
    await loyalty().updateTier({ id: "tier_silver", tier: { minCompletedBookings: 6 } });
    await loyalty().updateTier({ id: "tier_gold", tier: { discountBps: 1100 } });
    expect(await ladder()).toEqual([
      ["Bronze", 0, 500],
      ["Silver", 6, 1000],
      ["Gold", 10, 1100],
    ]);
    await loyalty().updateTier({ id: "tier_gold", tier: { discountBps: 1500 } });
    await loyalty().updateTier({ id: "tier_silver", tier: { minCompletedBookings: 4 } });
    expect(await ladder()).toEqual(DEFAULT);
  });

  it("two edits at once, each fine alone, can't together give Silver more than Gold", async () => {
    // Gold down to 12 % is fine against Silver's 10 %; Silver up to 13 % is fine against Gold's
    // 15 %. Both together: Silver 13 % above Gold 12 %. The second waits for the first's lock and
    // is checked against its result.
    for (let round = 0; round < 3; round++) {
      const [gold, silver] = await Promise.allSettled([
        loyalty().updateTier({ id: "tier_gold", tier: { discountBps: 1200 } }),
        loyalty().updateTier({ id: "tier_silver", tier: { discountBps: 1300 } }),
      ]);
      const outcomes = [gold.status, silver.status].sort();
      expect(outcomes, `round ${round}`).toEqual(["fulfilled", "rejected"]);
      const failed = [gold, silver].find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(failed.reason).toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining(
          "a tier that needs more bookings can't give a smaller discount",
        ),
      });
      const [, s, g] = await ladder();
      expect(Number(g![2])).toBeGreaterThanOrEqual(Number(s![2]));
      // Back to the defaults for the next round.
      await env.t.db.loyaltyTier.update({
        where: { id: "tier_gold" },
        data: { discountBps: 1500 },
      });
      await env.t.db.loyaltyTier.update({
        where: { id: "tier_silver" },
        data: { discountBps: 1000 },
      });
    }
  });
});
