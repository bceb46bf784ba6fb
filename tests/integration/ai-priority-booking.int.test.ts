// The assistant and priority booking (issue 14, point 3), with the response cache on: a Gold
// customer is told their own window (the business's 180 days + Gold's 60 = 240), a visitor the
// business's 180, and neither answer is ever served to the other. The truth is written here by
// hand: asked on Tuesday, November 24, 2026, 180 days ahead is May 23, 2027 and 240 days ahead is
// July 22, 2027; July 1, 2027 opens to visitors on Saturday, January 2 (180 days before) and
// August 1, 2027 opens to Gold on Friday, December 4 (240 days before).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHold, recomputeCustomerLoyalty } from "@myhibachi/core";
import { NOW, setupAi, signedInCustomer, visitor, type AiEnv } from "./ai-support";
import { pastBookingOf } from "./after-booking-support";

let env: AiEnv;
let gold: { id: string; email: string; name: string };

beforeAll(async () => {
  env = await setupAi({ chefs: 3 });
  const s = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
  expect(s.bookingWindowDays).toBe(180);
  gold = await signedInCustomer(env, "Goldie");
  const c = await env.t.db.customer.findFirstOrThrow({ where: { userId: gold.id } });
  for (let i = 0; i < 10; i++) await pastBookingOf(env, c.id, NOW, { totalCents: 50_000 });
  await recomputeCustomerLoyalty(env.t.db, c.id, NOW);
});
afterAll(async () => env?.closeAll());

describe("the booking window the assistant tells depends on who asks, with the cache on", () => {
  it("how far ahead: a visitor hears 180 days, Gold 240, and the next visitor 180 again (from the cache)", async () => {
    const q = "how far in advance do i need to book";
    const v1 = await env.ask(env.customer({ visitorId: visitor() }), q);
    const g = await env.ask(env.customer({ user: gold }), q);
    const v2 = await env.ask(env.customer({ visitorId: visitor() }), q);
    expect(v1.content).toContain("up to 180 days ahead");
    expect(g.content).toContain("up to 240 days ahead");
    expect(g.content).not.toContain("180 days");
    expect(v2.content).toContain("up to 180 days ahead");
    expect(v2.content).not.toContain("240");
    // The cache is on: the second visitor got the first visitor's answer, Gold never did.
    expect(v2.cacheStatus).toBe("hit");
    expect(g.cacheStatus).not.toBe("hit");
  });

  it("July 1, 2027: beyond a visitor's window (opens Saturday, January 2), free times for Gold", async () => {
    const q = "can u do 7/1 for 15 adults in 95125";
    const v1 = await env.ask(env.customer({ visitorId: visitor() }), q);
    const g = await env.ask(env.customer({ user: gold }), q);
    const v2 = await env.ask(env.customer({ visitorId: visitor() }), q);
    for (const v of [v1, v2]) {
      expect(v.content).toMatch(
        /up to 180 days ahead.*isn't open yet: you can book it from Saturday, January 2/,
      );
      expect(v.extras.slots ?? []).toEqual([]);
    }
    expect(g.content).not.toMatch(/isn't open yet|180 days/);
    expect((g.extras.slots ?? []).some((s) => s.date === "2027-07-01")).toBe(true);
    expect(g.cacheStatus).not.toBe("hit");
  });

  it("August 1, 2027 is past even Gold's window: 240 days ahead, opens Friday, December 4", async () => {
    const g = await env.ask(env.customer({ user: gold }), "can u do 8/1 for 15 adults in 95125");
    expect(g.content).toMatch(
      /up to 240 days ahead.*isn't open yet: you can book it from Friday, December 4/,
    );
  });

  it("a chat hold for July 1, 2027: Gold's is taken, a visitor's is refused at 180 days", async () => {
    const hold = (userId: string | null) =>
      createHold(
        env.t.db,
        {
          idempotencyKey: `prio-hold-${visitor()}`,
          date: "2027-07-01",
          startMinute: 17 * 60,
          guests: 10,
          postalCode: "95125",
          userId,
        },
        { cache: env.cache, now: () => NOW },
      );
    const mine = await hold(gold.id);
    expect(mine.status).toBe("HELD");
    await expect(hold(null)).rejects.toThrow(/We take bookings up to 180 days ahead/);
  });
});
